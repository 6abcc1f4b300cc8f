// 地图设置: the optional base tile layer drawn under the platform's own layers (e.g. 天地图 with its key), kept in
// settings under 'map.base'. Without a URL the map stays offline-only. Only city-wide administrators change it.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest } from '../platform/errors.ts';
import { assertCityWide } from './visibility.ts';
import { writeSetting } from '../platform/settings.ts';

export interface MapSettings {
  /** XYZ template with {z}, {x} and {y}; null = no base tiles. */
  tileUrl: string | null;
  tileType: 'raster';
  attribution: string | null;
  maxZoom: number;
}

const KEY = 'map.base';
export const DEFAULT_MAP_SETTINGS: MapSettings = { tileUrl: null, tileType: 'raster', attribution: null, maxZoom: 18 };

/** What is wrong with a tile URL template, in Chinese, or null when it is usable (MapLibre fills {z}, {x}, {y}). */
export function tileUrlProblem(url: string): string | null {
  const unknown = [...url.matchAll(/\{[^}]*\}/g)].map((m) => m[0]).filter((p) => !['{z}', '{x}', '{y}'].includes(p));
  if (unknown.length > 0) return `瓦片地址含不支持的占位符 ${[...new Set(unknown)].join('、')}（只支持 {z}、{x}、{y}）`;
  const missing = ['{z}', '{x}', '{y}'].filter((p) => !url.includes(p));
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{[zxy]\}/g, '0'));
  } catch {
    return '瓦片地址不是有效的 URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '瓦片地址只能使用 http 或 https';
  if (missing.length > 0) return `瓦片地址须包含 ${missing.join('、')} 占位符`;
  return null;
}

export async function loadMapSettings(q: Queryable): Promise<MapSettings> {
  const row = await q.maybeOne<{ value: Partial<MapSettings> }>('select value from settings where key = $1', [KEY]);
  return { ...DEFAULT_MAP_SETTINGS, ...row?.value };
}

export async function saveMapSettings(tx: Queryable, actor: Actor, patch: Partial<MapSettings>): Promise<MapSettings> {
  assertCityWide(actor, '地图底图设置');
  const before = await loadMapSettings(tx);
  const tileUrl = patch.tileUrl === undefined ? before.tileUrl : patch.tileUrl?.trim() || null;
  if (tileUrl !== null) {
    const problem = tileUrlProblem(tileUrl);
    if (problem) throw badRequest('INVALID_TILE_URL', problem, { tileUrl });
  }
  const after: MapSettings = {
    tileUrl, tileType: 'raster',
    attribution: patch.attribution === undefined ? before.attribution : patch.attribution?.trim() || null,
    maxZoom: patch.maxZoom ?? before.maxZoom,
  };
  await writeSetting(tx, actor, KEY, after);
  await audit(tx, actor, { action: 'update', entity: 'map_settings', entityId: KEY, before, after });
  return after;
}
