// 数据接入管道 (one per node): a device's message is checked, its readings are evaluated by the device's rules at once
// (so an alarm follows its reading within milliseconds) and buffered; the buffer is written every `flushMs` or
// `maxRows` rows, whichever comes first. Bad payloads are counted per device and logged (at most once a minute per
// device), never thrown. Alarm writes run one after another per device, so a device's changes keep their order.
import type { Logger } from 'pino';
import type { Db } from '../db/types.ts';
import type { EventBus } from '../platform/events.ts';
import { ALARM_CHANGED, applyRuleChange, touchAlarm, type AlarmChange } from './alarms.ts';
import { DeviceCache, type CachedDevice, type CachedRule } from './cache.ts';
import { CommandSender } from './commands.ts';
import { evaluateReading, initialState, type Change, type RuleState } from './rules/alarm-rules.ts';
import type { Level } from './rules/levels.ts';
import { parseTelemetry, type Reading } from './rules/telemetry.ts';
import { countBadPayloads, getRetention, ReadingBatch, writeReadings } from './store.ts';

export interface PipelineOptions { flushMs?: number; maxRows?: number; maxFutureMs?: number; touchMs?: number }

export interface PipelineStats { messages: number; readings: number; stored: number; duplicates: number; badPayloads: number; unknownDevices: number; alarmChanges: number }

const LOG_EVERY_MS = 60_000;
const SETTLED: Promise<unknown> = Promise.resolve();
const UNKNOWN_TTL_MS = 10_000;

export class Pipeline {
  readonly cache: DeviceCache;
  /** Sends the commands rule actions and people write (反向控制). */
  readonly commands: CommandSender;
  readonly stats: PipelineStats = { messages: 0, readings: 0, stored: 0, duplicates: 0, badPayloads: 0, unknownDevices: 0, alarmChanges: 0 };
  private buffer = new ReadingBatch();
  private bad = new Map<number, { n: number; reason: string; at: string }>();
  private lastLogged = new Map<string, number>();
  private unknownUntil = new Map<string, number>();
  /** rule state and last touch per device, then rule */
  private states = new Map<number, Map<number, RuleState>>();
  private touched = new Map<number, Map<number, number>>();
  private chains = new Map<number, Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private maxAgeMs = 30 * 86_400_000;
  private closed = false;
  private unsubscribe: () => void;
  private readonly flushMs: number;
  private readonly maxRows: number;

  constructor(private db: Db, private events: EventBus, private log: Logger, private options: PipelineOptions = {}) {
    this.flushMs = options.flushMs ?? 200;
    this.maxRows = options.maxRows ?? 5000;
    this.cache = new DeviceCache(db, events, () => void this.reloaded());
    this.commands = new CommandSender(db, events, log);
    // an alarm raised or recovered elsewhere (the offline sweep, another node) updates this node's rule state
    this.unsubscribe = events.subscribe(ALARM_CHANGED, (e) => {
      const c = e.data as AlarmChange;
      if (c.kind !== 'offline') return;
      const state = this.stateOf(c.deviceId, c.ruleId);
      state.level = c.action === 'recover' ? null : c.level;
    });
  }

  async start(): Promise<void> {
    await this.cache.ready();
  }

  private async reloaded(): Promise<void> {
    try {
      this.maxAgeMs = (await getRetention(this.db)).rawDays * 86_400_000;
      await this.seedStates();
    } catch (err) {
      this.log.error({ err }, 'monitor: reloading rule states failed');
    }
  }

  /**
   * A device by code, with the registry current. A code this copy does not know is looked up once (a device registered
   * a moment ago, its REGISTRY_CHANGED still on the way); codes found nowhere are remembered for a while.
   */
  async device(code: string): Promise<CachedDevice | undefined> {
    if (this.cache.isStale) await this.cache.ready();
    const known = this.cache.byDeviceCode(code);
    if (known || (this.unknownUntil.get(code) ?? 0) > Date.now()) return known;
    if (await this.db.maybeOne('select 1 from monitor_devices where code = $1', [code])) {
      this.cache.invalidate();
      await this.cache.ready();
      return this.cache.byDeviceCode(code);
    }
    if (this.unknownUntil.size > 10_000) this.unknownUntil.clear();
    this.unknownUntil.set(code, Date.now() + UNKNOWN_TTL_MS);
    return undefined;
  }

  /** Records a message that could not be used; never throws. */
  rejected(device: CachedDevice | null, reason: string, detail?: string): void {
    this.stats.badPayloads++;
    if (device) {
      const b = this.bad.get(device.id);
      const at = new Date().toISOString();
      if (b) { b.n++; b.reason = reason; b.at = at; } else this.bad.set(device.id, { n: 1, reason, at });
    } else this.stats.unknownDevices++;
    const key = device?.code ?? `?${detail ?? ''}`;
    const now = Date.now();
    if (now - (this.lastLogged.get(key) ?? 0) >= LOG_EVERY_MS) {
      this.lastLogged.set(key, now);
      this.log.warn({ device: device?.code ?? detail, reason }, 'monitor: bad telemetry payload');
    }
    this.scheduleFlush();
  }

  /**
   * Takes one decoded message of a device: validated, evaluated, buffered (or added to `into`, which the caller writes
   * itself). Returns the readings taken and a promise of the alarm writes they caused (HTTP waits for it; MQTT does not).
   */
  accept(device: CachedDevice, message: unknown, into?: ReadingBatch): { readings: Reading[]; alarms: Promise<unknown> } | { error: string } {
    this.stats.messages++;
    if (!device.enabled) { this.rejected(device, '设备已停用'); return { error: '设备已停用' }; }
    const parsed = parseTelemetry(message, device.metrics, { nowMs: Date.now(), maxFutureMs: 300_000, maxAgeMs: this.maxAgeMs });
    if (!parsed.ok) { this.rejected(device, parsed.reason); return { error: parsed.reason }; }
    const alarms = this.evaluate(device, parsed.readings);
    const rows = into ?? this.buffer;
    for (const r of parsed.readings) rows.push(device.id, r.metric, r.ts, r.value);
    this.stats.readings += parsed.readings.length;
    if (into) return { readings: parsed.readings, alarms };
    if (this.buffer.length >= this.maxRows) void this.flush();
    else this.scheduleFlush();
    return { readings: parsed.readings, alarms };
  }

  /** Runs the device's rules over its readings; queues the alarm changes. */
  private evaluate(device: CachedDevice, readings: Reading[]): Promise<unknown> {
    let work: Promise<unknown> | null = null;
    const now = Date.now();
    const states = this.statesOf(device.id);
    for (const reading of readings) {
      const rules = device.byMetric.get(reading.metric);
      if (!rules) continue;
      for (const rule of rules) {
        const { state: next, change } = evaluateReading(rule, states.get(rule.id) ?? initialState(), reading.ts, reading.value);
        states.set(rule.id, next);
        if (change.kind !== 'none') {
          this.stats.alarmChanges++;
          work = this.queue(device.id, () => this.applyChange(device, rule, change, reading.value));
          this.touchedOf(device.id).set(rule.id, now);
        } else if (next.level !== null && now - (this.touchedOf(device.id).get(rule.id) ?? 0) >= (this.options.touchMs ?? 60_000)) {
          this.touchedOf(device.id).set(rule.id, now);
          work = this.queue(device.id, () => touchAlarm(this.db, device.id, rule.id, reading.value));
        }
      }
    }
    // a reading ends any offline alarm of the device
    for (const rule of device.offlineRules) {
      const state = states.get(rule.id);
      if (!state || state.level === null) continue;
      state.level = null;
      work = this.queue(device.id, () => this.applyChange(device, rule, { kind: 'clear' }, null));
    }
    return work ?? SETTLED;
  }

  /** One alarm change in its transaction; the commands it wrote are sent once it is committed. */
  private async applyChange(device: CachedDevice, rule: CachedRule, change: Change, value: number | null): Promise<void> {
    const applied = await this.db.transaction((tx) => applyRuleChange(tx, this.events, device, rule, change, value));
    if (applied?.commands.length) await this.commands.deliver(applied.commands);
  }

  private statesOf(deviceId: number): Map<number, RuleState> {
    let s = this.states.get(deviceId);
    if (!s) this.states.set(deviceId, (s = new Map()));
    return s;
  }

  private touchedOf(deviceId: number): Map<number, number> {
    let s = this.touched.get(deviceId);
    if (!s) this.touched.set(deviceId, (s = new Map()));
    return s;
  }

  private stateOf(deviceId: number, ruleId: number): RuleState {
    const states = this.statesOf(deviceId);
    let s = states.get(ruleId);
    if (!s) states.set(ruleId, (s = initialState()));
    return s;
  }

  /** Runs the device's alarm writes in order; a failure is logged and does not stop the next. */
  private queue(deviceId: number, fn: () => Promise<unknown>): Promise<unknown> {
    const next = (this.chains.get(deviceId) ?? Promise.resolve()).then(fn).catch((err) => {
      this.log.error({ err, deviceId }, 'monitor: alarm write failed');
    });
    this.chains.set(deviceId, next);
    void next.then(() => { if (this.chains.get(deviceId) === next) this.chains.delete(deviceId); });
    return next;
  }

  /** After a reload: rule states start from the active alarms, so a restart does not raise them again. */
  private async seedStates(): Promise<void> {
    const rows = await this.db.query<{ device_id: number; rule_id: number; level: Level }>(
      `select device_id, rule_id, level from monitor_alarms where status in ('raised', 'confirmed', 'dispatched')`);
    for (const r of rows) {
      const states = this.statesOf(Number(r.device_id));
      if (!states.has(Number(r.rule_id))) states.set(Number(r.rule_id), initialState(r.level));
    }
  }

  private scheduleFlush(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => { this.timer = null; void this.flush(); }, this.flushMs);
  }

  /** Writes what is buffered; resolves when this and earlier writes are done. A failed write keeps its rows for the next try. */
  flush(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    const rows = this.buffer;
    const bad = [...this.bad].map(([device_id, b]) => ({ device_id, ...b }));
    this.buffer = new ReadingBatch();
    this.bad.clear();
    this.flushing = this.flushing.then(async () => {
      if (rows.length === 0 && bad.length === 0) return;
      try {
        const stored = await writeReadings(this.db, rows);
        await countBadPayloads(this.db, bad);
        this.stats.stored += stored;
        this.stats.duplicates += rows.length - stored;
      } catch (err) {
        this.log.error({ err, rows: rows.length }, 'monitor: writing readings failed, retrying');
        this.buffer = rows.concat(this.buffer);
        if (!this.closed) this.scheduleFlush();
      }
    });
    return this.flushing;
  }

  /** Writes rows the caller collected (HTTP batches); returns how many were new. */
  async write(rows: ReadingBatch): Promise<number> {
    const stored = await writeReadings(this.db, rows);
    await this.flush();   // bad-payload counts of the batch
    this.stats.stored += stored;
    this.stats.duplicates += rows.length - stored;
    return stored;
  }

  /** Rows waiting to be written (ingest waits when this grows: backpressure). */
  get pending(): number { return this.buffer.length; }

  /** Waits for the alarm writes queued so far. */
  async settled(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    this.commands.close();
    this.cache.close();
    await this.flush();
    await this.settled();
  }
}

