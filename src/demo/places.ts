// Finding places in the demo city: which unit grid a point is in, and random points inside a division.
import type { Partition } from './divisions.ts';
import { clearOfEdges, locateAtom, M_PER_DEG_LAT, M_PER_DEG_LON, r7, XS, YS, type Ground } from './layout.ts';
import type { Rng } from './random.ts';
import { OPEN_SPACES } from './roads.ts';

export interface Spot { lon: number; lat: number; grid: string }

export class Places {
  constructor(readonly ground: Ground, readonly partition: Partition) {}

  /** The point (rounded to 1e-7°, moved off cell edges) with its grid, or undefined outside the city or in/at the river. */
  spot(lon: number, lat: number): Spot | undefined {
    const [x, y] = clearOfEdges(r7(lon), r7(lat));
    const [rx, ry] = [r7(x), r7(y)];
    const atom = locateAtom(this.ground, rx, ry);
    return atom < 0 ? undefined : { lon: rx, lat: ry, grid: this.partition.atomGrid[atom] };
  }

  /** A point at `metres` east and north of a position. */
  offset(lon: number, lat: number, east: number, north: number): [number, number] {
    return [lon + east / M_PER_DEG_LON, lat + north / M_PER_DEG_LAT];
  }

  /**
   * A random point in a division (code prefix), away from roads and out of parks. `central` prefers cells
   * near the middle of the division (town halls, offices).
   */
  pointIn(prefix: string, rng: Rng, central = false): Spot {
    let atoms = this.ground.atoms.filter((a) => a.areaM2 > 9000 && this.partition.atomGrid[a.id].startsWith(prefix));
    if (atoms.length === 0) throw new Error(`no room in ${prefix}`);
    if (central) {
      const ci = atoms.reduce((s, a) => s + a.i, 0) / atoms.length;
      const cj = atoms.reduce((s, a) => s + a.j, 0) / atoms.length;
      atoms = [...atoms].sort((a, b) => Math.hypot(a.i - ci, a.j - cj) - Math.hypot(b.i - ci, b.j - cj)).slice(0, 6);
    }
    for (let attempt = 0; attempt < 200; attempt++) {
      const a = rng.pick(atoms);
      const margin = 0.15;
      const lon = XS[a.i] + (XS[a.i + 1] - XS[a.i]) * rng.range(margin, 1 - margin);
      const lat = YS[a.j] + (YS[a.j + 1] - YS[a.j]) * rng.range(margin, 1 - margin);
      const spot = this.spot(lon, lat);
      if (spot && spot.grid.startsWith(prefix) && !inOpenSpace(a.i, a.j)) return spot;
    }
    throw new Error(`no room in ${prefix}`);
  }
}

function inOpenSpace(i: number, j: number): boolean {
  return OPEN_SPACES.some(({ cells }) => cells !== undefined && i >= cells[0] && i < cells[2] && j >= cells[1] && j < cells[3]);
}
