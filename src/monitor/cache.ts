// This node's copy of the device registry for ingest: devices by code with their metrics, credentials and effective
// rules (a device's own rule replaces its type's rule of the same kind and metric). Reloaded after REGISTRY_CHANGED.
import type { Db } from '../db/types.ts';
import type { EventBus } from '../platform/events.ts';
import { REGISTRY_CHANGED } from './registry.ts';
import type { RuleSpec } from './rules/alarm-rules.ts';
import type { RuleAction } from './rules/commands.ts';

export type CachedRule = RuleSpec & { id: number; name: string; matterCode: string | null; actions: RuleAction[] };

export interface CachedDevice {
  id: number; code: string; name: string; typeCode: string; typeMatterCode: string; metrics: ReadonlySet<string>;
  units: Record<string, { name: string; unit: string }>; secretHash: string; enabled: boolean; gridCode: string;
  lon: number; lat: number; departmentId: number | null; componentId: string | null; rules: CachedRule[];
  /** rules by metric, and the offline rules, for the hot path */
  byMetric: Map<string, CachedRule[]>;
  offlineRules: CachedRule[];
}

export class DeviceCache {
  private byCode = new Map<string, CachedDevice>();
  private byId = new Map<number, CachedDevice>();
  private loading: Promise<void> | null = null;
  private stale = true;
  private unsubscribe: () => void;

  constructor(private db: Db, events: EventBus, private onReload: (devices: CachedDevice[]) => void = () => undefined) {
    this.unsubscribe = events.subscribe(REGISTRY_CHANGED, () => { this.stale = true; });
  }

  get isStale(): boolean { return this.stale; }

  /** Resolves once the copy is current. */
  ready(): Promise<void> {
    if (!this.stale) return Promise.resolve();
    if (!this.loading) {
      this.stale = false;
      this.loading = this.load().catch((err) => { this.stale = true; throw err; }).finally(() => { this.loading = null; });
    }
    return this.loading;
  }

  /** Marks the copy stale (a device was found in the database before its REGISTRY_CHANGED arrived). */
  invalidate(): void { this.stale = true; }

  byDeviceCode(code: string): CachedDevice | undefined { return this.byCode.get(code); }
  byDeviceId(id: number): CachedDevice | undefined { return this.byId.get(id); }

  private async load(): Promise<void> {
    const [devices, rules] = await Promise.all([
      this.db.query(`select d.id, d.code, d.name, d.type_code, d.secret_hash, d.enabled, d.grid_code, d.lon, d.lat, d.department_id,
        d.component_id, t.metrics, t.matter_code from monitor_devices d join monitor_device_types t on t.code = d.type_code`),
      this.db.query('select id, name, device_type_code, device_id, kind, metric, params, matter_code, actions from monitor_rules where enabled order by id'),
    ]);
    const byType = new Map<string, CachedRule[]>();
    const byDevice = new Map<number, CachedRule[]>();
    for (const r of rules) {
      const rule = { id: Number(r.id), name: r.name, kind: r.kind, metric: r.metric, params: r.params, matterCode: r.matter_code, actions: r.actions ?? [] } as CachedRule;
      if (r.device_id !== null) push(byDevice, Number(r.device_id), rule);
      else push(byType, r.device_type_code, rule);
    }
    const byCode = new Map<string, CachedDevice>();
    const byId = new Map<number, CachedDevice>();
    for (const d of devices) {
      const own = byDevice.get(Number(d.id)) ?? [];
      const inherited = (byType.get(d.type_code) ?? []).filter((t) => !own.some((o) => o.kind === t.kind && o.metric === t.metric));
      const effective = [...own, ...inherited];
      const byMetric = new Map<string, CachedRule[]>();
      for (const rule of effective) if (rule.metric) push(byMetric, rule.metric, rule);
      const device: CachedDevice = {
        id: Number(d.id), code: d.code, name: d.name, typeCode: d.type_code, typeMatterCode: d.matter_code,
        metrics: new Set(d.metrics.map((m: any) => m.key)),
        units: Object.fromEntries(d.metrics.map((m: any) => [m.key, { name: m.name, unit: m.unit }])),
        secretHash: d.secret_hash, enabled: d.enabled, gridCode: d.grid_code, lon: Number(d.lon), lat: Number(d.lat),
        departmentId: d.department_id === null ? null : Number(d.department_id), componentId: d.component_id, rules: effective, byMetric,
        offlineRules: effective.filter((r) => r.kind === 'offline'),
      };
      byCode.set(device.code, device);
      byId.set(device.id, device);
    }
    this.byCode = byCode;
    this.byId = byId;
    this.onReload([...byId.values()]);
  }

  close(): void { this.unsubscribe(); }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
