// 部件/事项 catalogue: the GB/T 47678.5-2026 standard types (standards/*.csv) and the legacy 2+2 code map.
// Local extension types live beside them with is_standard = false and a minor code 900–999.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Queryable } from '../db/types.ts';
import { bulkInsert } from '../platform/bulk.ts';

const STANDARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../standards');
export const STANDARD_SOURCE = 'GB/T 47678.5-2026';

export interface CatalogRow {
  kind: 'component' | 'matter';
  code: string;
  major_code: string;
  major_name: string;
  name: string;
}

interface LegacyRow {
  kind: 'component' | 'event';
  code: string;
  major_code: string;
  major_name: string;
  name: string;
}

function readCsv<T>(file: string): T[] {
  return parse(fs.readFileSync(path.join(STANDARDS_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

export function standardCatalog(): CatalogRow[] {
  return readCsv<CatalogRow>('gbt47678.5-catalog.csv');
}

// Old event majors and the new matter majors they became (市容环境 01→06, 宣传广告 02→07, 施工管理 03→08,
// 街面秩序 05→09). 突发事件 (04) has no counterpart in the new catalogue and maps by name only.
const LEGACY_EVENT_MAJOR: Record<string, string> = { '01': '06', '02': '07', '03': '08', '05': '09' };

const GENERIC_WORDS = /井盖|设施|管理|站牌|标志|道路/g;
/** Two type names look alike: two shared characters once generic words are gone, or one when that is all they have. */
function sharesDistinctiveCharacter(a: string, b: string): boolean {
  const x = new Set(a.replace(GENERIC_WORDS, ''));
  const y = new Set(b.replace(GENERIC_WORDS, ''));
  const shared = [...x].filter((ch) => y.has(ch)).length;
  return shared >= 2 || (shared === 1 && Math.min(x.size, y.size) <= 2);
}

/** Maps each legacy type to a standard one: same name first, then same major (translated) and minor number. */
export function legacyMapping(standard: CatalogRow[] = standardCatalog()) {
  const legacy = readCsv<LegacyRow>('legacy-catalog.csv');
  const byKindName = new Map(standard.map((r) => [`${r.kind}:${r.name}`, r]));
  const byKindCode = new Map(standard.map((r) => [`${r.kind}:${r.code}`, r]));
  return legacy.map((l) => {
    const targetKind = l.kind === 'component' ? 'component' : 'matter';
    let target = byKindName.get(`${targetKind}:${l.name}`);
    let method = target ? 'name' : 'none';
    if (!target) {
      const major = l.kind === 'component' ? l.major_code : LEGACY_EVENT_MAJOR[l.major_code];
      const candidate = major ? byKindCode.get(`${targetKind}:${major}0${l.code.slice(2)}`) : undefined;
      // Only accept a same-number match when the names share a character: the old order is inferred.
      if (candidate && sharesDistinctiveCharacter(l.name, candidate.name)) {
        target = candidate;
        method = 'major+minor';
      }
    }
    return {
      kind: l.kind, legacy_code: l.code, legacy_name: l.name,
      target_kind: target ? targetKind : null, target_code: target?.code ?? null, method,
    };
  });
}

/** Loads the standard catalogue and legacy map; idempotent, keeps administrators' enable/disable choices. */
export async function seedCatalog(q: Queryable): Promise<void> {
  const standard = standardCatalog();
  await bulkInsert(q, 'catalog_types',
    standard.map((r) => ({ ...r, is_standard: true, enabled: true, source: STANDARD_SOURCE })),
    { onConflict: 'on conflict (kind, code) do nothing' });
  await bulkInsert(q, 'legacy_catalog_map', legacyMapping(standard), { onConflict: 'on conflict (kind, legacy_code) do nothing' });
}
