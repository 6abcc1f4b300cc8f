// Per-device credentials (设备密钥): a random secret shown once, stored as its SHA-256 like API keys. High-entropy
// secrets need no slow hash, so MQTT connects and HTTP batches are checked cheaply.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newDeviceSecret = (): string => `cds_${randomBytes(24).toString('base64url')}`;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function secretMatches(secret: string | Buffer | undefined, hash: string): boolean {
  if (secret === undefined) return false;
  const given = Buffer.from(hashSecret(typeof secret === 'string' ? secret : secret.toString('utf8')), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** `Authorization: Basic base64(deviceCode:secret)` → its parts. */
export function basicCredentials(header: string | undefined): { code: string; secret: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const text = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const at = text.indexOf(':');
  return at > 0 ? { code: text.slice(0, at), secret: text.slice(at + 1) } : undefined;
}
