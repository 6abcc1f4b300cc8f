// Seeds the monitor's reference rows once, after the standard catalogue: the local type 道路积水, the built-in device
// types with their default rules, the video classes. Existing rows are left as administrators changed them.
import { seedCaseLimits } from '../command/limits.ts';
import type { Queryable } from '../db/types.ts';
import { DEVICE_TYPES, LOCAL_PONDING_TYPE, VIDEO_CLASSES } from './catalog.ts';

export async function seedMonitor(tx: Queryable): Promise<void> {
  const t = LOCAL_PONDING_TYPE;
  await tx.query(
    `insert into catalog_types (kind, code, major_code, major_name, name, is_standard, source)
     values ($1, $2, $3, $4, $5, false, 'CityOps 运行监测') on conflict (kind, code) do nothing`,
    [t.kind, t.code, t.major_code, t.major_name, t.name]);
  await seedCaseLimits(tx);   // the new type gets its 立结案标准 like every catalogue type
  const added = await tx.query<{ code: string }>(
    `insert into monitor_device_types (code, name, category, metrics, matter_code)
     select code, name, category, metrics, matter_code from json_to_recordset($1::json)
       as x(code text, name text, category text, metrics jsonb, matter_code text)
     on conflict (code) do nothing returning code`,
    [JSON.stringify(DEVICE_TYPES.map((d) => ({ code: d.code, name: d.name, category: d.category, metrics: d.metrics, matter_code: d.matterCode })))]);
  const fresh = new Set(added.map((r) => r.code));
  const rules = DEVICE_TYPES.filter((d) => fresh.has(d.code)).flatMap((d) => d.rules.map((r) => ({
    name: r.name, device_type_code: d.code, kind: r.kind, metric: r.metric, params: r.params })));
  if (rules.length > 0) {
    await tx.query(
      `insert into monitor_rules (name, device_type_code, kind, metric, params)
       select name, device_type_code, kind, metric, params from json_to_recordset($1::json)
         as x(name text, device_type_code text, kind text, metric text, params jsonb)`, [JSON.stringify(rules)]);
  }
  await tx.query(
    `insert into monitor_video_classes (class, name, matter_code, min_confidence, merge_seconds, mode)
     select class, name, matter_code, min_confidence, merge_seconds, mode from json_to_recordset($1::json)
       as x(class text, name text, matter_code text, min_confidence float8, merge_seconds int, mode text)
     on conflict (class) do nothing`,
    [JSON.stringify(VIDEO_CLASSES.map((c) => ({ class: c.class, name: c.name, matter_code: c.matterCode,
      min_confidence: c.minConfidence, merge_seconds: c.mergeSeconds, mode: c.mode })))]);
}
