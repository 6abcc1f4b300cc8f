// Responsibility grids (责任网格): the unit grids of a community grouped by 4×4-cell tiles (≈16 grids,
// bounded by roads); on the river a bank strip forms one tile; small tiles join a neighbour. The street's
// collectors share its responsibility grids, the first half to one, the rest to the other.
import { collectorUsername, COLLECTORS_PER_STREET } from './accounts.ts';
import { districtOf, type Partition } from './divisions.ts';
import { isRiverRow } from './layout.ts';

const TILE = 4;
const SMALL_TILE = 8;

export interface ResponsibilityGrid { code: string; name: string; division_code: string; collector: string }
export interface ResponsibilityMember { responsibility_code: string; grid_code: string }

export function buildResponsibility(partition: Partition) {
  const names = new Map(partition.divisions.map((d) => [d.code, d.name]));
  // tiles per community: key "tx,ty" → grid codes (river-row grids use ty 11 north / 10 south of the water)
  const tiles = new Map<string, Map<string, string[]>>();
  for (const g of partition.grids) {
    const cell = partition.gridCell.get(g.code)!;
    const tx = Math.floor(cell.i / TILE);
    const ty = isRiverRow(cell.j) ? (cell.side === 'N' ? 11 : 10) : Math.floor(cell.j / TILE);
    let byTile = tiles.get(g.community_code);
    if (!byTile) { byTile = new Map(); tiles.set(g.community_code, byTile); }
    const k = `${tx},${ty}`;
    const list = byTile.get(k);
    if (list) list.push(g.code); else byTile.set(k, [g.code]);
  }
  const groupsByStreet = new Map<string, { community: string; grids: string[] }[]>();
  for (const community of [...tiles.keys()].sort()) {
    const byTile = tiles.get(community)!;
    const at = (k: string) => k.split(',').map(Number);
    // north→south, west→east
    const order = [...byTile.keys()].sort((a, b) => at(b)[1] - at(a)[1] || at(a)[0] - at(b)[0]);
    for (const k of order) {
      const grids = byTile.get(k);
      if (!grids || grids.length >= SMALL_TILE) continue;
      const [tx, ty] = at(k);
      const neighbours = [[tx, ty + 1], [tx, ty - 1], [tx - 1, ty], [tx + 1, ty]]
        .map(([x, y]) => `${x},${y}`)
        .filter((n) => byTile.has(n));
      if (neighbours.length === 0) continue;
      const target = neighbours.reduce((m, n) => (byTile.get(n)!.length < byTile.get(m)!.length ? n : m));
      byTile.get(target)!.push(...grids);
      byTile.delete(k);
    }
    const street = community.slice(0, 9);
    const list = groupsByStreet.get(street) ?? [];
    for (const k of order) if (byTile.has(k)) list.push({ community, grids: byTile.get(k)!.sort() });
    groupsByStreet.set(street, list);
  }
  const grids: ResponsibilityGrid[] = [];
  const members: ResponsibilityMember[] = [];
  for (const street of [...groupsByStreet.keys()].sort()) {
    const groups = groupsByStreet.get(street)!;
    if (groups.length > 99) throw new Error(`too many responsibility grids in ${street}`);
    const district = districtOf(street);
    const streetIndex = Number(street.slice(6)) - 1;
    const perCommunity = new Map<string, number>();
    groups.forEach((g, k) => {
      const code = `ZR${street}${String(k + 1).padStart(2, '0')}`;
      const n = (perCommunity.get(g.community) ?? 0) + 1;
      perCommunity.set(g.community, n);
      const collector = collectorUsername(district.abbr,
        streetIndex * COLLECTORS_PER_STREET + 1 + Math.floor((k * COLLECTORS_PER_STREET) / groups.length));
      grids.push({ code, name: `${names.get(g.community)}${n}号责任网格`, division_code: g.community, collector });
      for (const grid of g.grids) members.push({ responsibility_code: code, grid_code: grid });
    });
  }
  return { grids, members };
}
