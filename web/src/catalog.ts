// The 部件/事项 catalogue of one kind (a few hundred types, answered whole) for pickers and major-class filters.
import { api } from './api.ts';
import type { CatalogType } from './types.ts';

/** Enabled types only unless includeDisabled (administrators re-enabling a type). */
export function loadCatalog(kind: CatalogType['kind'], includeDisabled = false): Promise<CatalogType[]> {
  return api.get<CatalogType[]>('/api/catalog', { kind, includeDisabled: includeDisabled || undefined });
}

export function majorsOf(types: CatalogType[]): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const t of types) if (!seen.has(t.majorCode)) seen.set(t.majorCode, t.majorName);
  return [...seen].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}

/** Select options grouped by major class: "01 公用设施" → "01001 上水井盖". */
export function typeOptions(types: CatalogType[]) {
  return majorsOf(types).map((m) => ({
    label: `${m.code} ${m.name}`,
    title: m.name,
    options: types.filter((t) => t.majorCode === m.code).map((t) => ({ value: t.code, label: `${t.code} ${t.name}` })),
  }));
}
