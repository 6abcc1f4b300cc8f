// Both catalogues (部件 and 事件) for the report form's type search, kept in localStorage so the form works offline.
import { loadCatalog } from '../catalog.ts';
import type { CatalogType } from '../types.ts';

const KEY = 'cityops.field.catalog';

export async function fieldCatalog(): Promise<CatalogType[]> {
  try {
    const types = [...await loadCatalog('matter'), ...await loadCatalog('component')];
    localStorage.setItem(KEY, JSON.stringify(types));
    return types;
  } catch (err) {
    const stored = localStorage.getItem(KEY);
    if (stored) return JSON.parse(stored) as CatalogType[];
    throw err;
  }
}

/** Matches a search by code, name or major class name. */
export function matchesType(type: CatalogType, search: string): boolean {
  const s = search.trim();
  return !s || type.code.startsWith(s) || type.name.includes(s) || type.majorName.includes(s);
}
