// Exact union of polygons that tile without overlap and share their edges vertex for vertex (the demo
// city's cells): edges met twice in opposite directions are interior and cancel, what is left is the
// boundary. No floating-point clipping, so a division is exactly the union of its children.
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Ring = Position[]; // closed: first point repeated last, counter-clockwise for outer rings

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Signed area in coordinate units (positive = counter-clockwise). */
export function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

function pointInRing(p: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

interface Edge { a: Position; b: Position; used: boolean }

/** Union of edge-sharing rings; Polygon when the result is one piece, else MultiPolygon. */
export function unionRings(rings: readonly Ring[]): Polygon | MultiPolygon {
  const edges = new Map<string, Edge>();
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i];
      const b = ring[i + 1];
      const reverse = `${key(b)}|${key(a)}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${key(a)}|${key(b)}`, { a, b, used: false });
    }
  }
  const outgoing = new Map<string, Edge[]>();
  for (const e of edges.values()) {
    const k = key(e.a);
    const list = outgoing.get(k);
    if (list) list.push(e); else outgoing.set(k, [e]);
  }
  const result: Ring[] = [];
  for (const first of edges.values()) {
    if (first.used) continue;
    const ring: Position[] = [first.a];
    let current = first;
    first.used = true;
    for (;;) {
      ring.push(current.b);
      // at a vertex shared by several boundary pieces, turn as far left as possible: it keeps
      // pieces that only touch at a point apart
      const candidates = (outgoing.get(key(current.b)) ?? []).filter((e) => !e.used || e === first);
      if (candidates.length === 0) throw new Error('unionRings: open boundary (input rings do not share edges exactly)');
      const inX = current.b[0] - current.a[0];
      const inY = current.b[1] - current.a[1];
      let best = candidates[0];
      let bestTurn = -Infinity;
      for (const c of candidates) {
        const outX = c.b[0] - c.a[0];
        const outY = c.b[1] - c.a[1];
        const turn = Math.atan2(inX * outY - inY * outX, inX * outX + inY * outY);
        if (turn > bestTurn) { bestTurn = turn; best = c; }
      }
      if (best === first) break;
      best.used = true;
      current = best;
    }
    result.push(ring);
  }
  const outers = result.filter((r) => signedArea(r) > 0);
  const holes = result.filter((r) => signedArea(r) <= 0);
  const polygons: Ring[][] = outers.map((r) => [r]);
  for (const h of holes) {
    const owner = polygons.find((p) => pointInRing(h[0], p[0]) || h.some((pt) => pointInRing(pt, p[0])));
    if (!owner) throw new Error('unionRings: hole outside every outer ring');
    owner.push(h);
  }
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** [minLon, minLat, maxLon, maxLat] of a Polygon or MultiPolygon. */
export function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const poly of polys) {
    for (const [x, y] of poly[0]) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

export function lineBbox(coords: readonly Position[]): [number, number, number, number] {
  return bboxOf({ type: 'Polygon', coordinates: [coords as Position[]] });
}
