// The demo city's device secrets: derived from the demo seed and the device code, so `cityops simulate` can connect
// the demo's sensors over MQTT without anyone copying secrets around. Only for the demo: real devices get random
// secrets (src/monitor/credentials.ts) shown once.
import { createHmac } from 'node:crypto';

export function demoDeviceSecret(seed: number, deviceCode: string): string {
  const hex = createHmac('sha256', `cityops-demo-${seed}`).update(`device:${deviceCode}`).digest('base64url');
  return `cds_${hex.slice(0, 32)}`;
}
