// Data scope (数据权限): a user sees what lies inside their region subtree. Every placed record carries a
// division-prefixed code (grid 15, community 12, street 9, district 6), so "inside" is a prefix test.

/** The code prefix that every descendant of a division shares. City 379900 → "3799"; district 379902 → "379902". */
export function divisionPrefix(code: string): string {
  if (code.length === 6) {
    if (code.endsWith('0000')) return code.slice(0, 2);   // province
    if (code.endsWith('00')) return code.slice(0, 4);     // prefecture-level city
  }
  return code;
}

export function inScope(code: string | null | undefined, prefixes: readonly string[] | 'all'): boolean {
  if (prefixes === 'all') return true;
  if (!code) return false;
  return prefixes.some((p) => code.startsWith(p));
}

/** SQL LIKE patterns for `column like any($n)`. An empty list matches nothing (deny by default). */
export function likePatterns(prefixes: readonly string[]): string[] {
  return prefixes.map((p) => `${p}%`);
}
