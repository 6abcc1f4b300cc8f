// Coordinate systems (坐标系) and a local metric projection. Positions are stored in CGCS2000, which
// differs from WGS84 by centimetres, so both are kept as they are; GCJ-02 (Amap, Tencent) and BD-09
// (Baidu) positions from phones and map SDKs are converted with gcoord.
import gcoordModule from 'gcoord';
import { badRequest } from '../../platform/errors.ts';

// gcoord is CommonJS whose module.exports is the API object, but its types declare it as `export default`,
// so TypeScript (NodeNext) expects `.default` where Node gives the object itself. Import gcoord from here.
export const gcoord: typeof gcoordModule.default = (gcoordModule as { default?: typeof gcoordModule.default }).default ?? (gcoordModule as never);

export type Crs = 'WGS84' | 'CGCS2000' | 'GCJ02' | 'BD09';
export const CRS_VALUES: readonly Crs[] = ['WGS84', 'CGCS2000', 'GCJ02', 'BD09'];

export function isCrs(value: unknown): value is Crs {
  return typeof value === 'string' && (CRS_VALUES as readonly string[]).includes(value);
}

/** Finite longitude in [-180, 180] and latitude in [-90, 90]. */
export function isValidLonLat(lon: unknown, lat: unknown): lon is number {
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat)
    && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/** Converts a position to WGS84 (= CGCS2000 here); throws a 400 AppError on bad numbers or an unknown system. */
export function toWgs84(lon: number, lat: number, crs: Crs = 'WGS84'): [number, number] {
  if (!isValidLonLat(lon, lat)) throw badRequest('INVALID_COORDINATE', '坐标无效：经度应在 -180 至 180 之间，纬度应在 -90 至 90 之间');
  switch (crs) {
    case 'WGS84':
    case 'CGCS2000':
      return [lon, lat];
    case 'GCJ02':
      return gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
    case 'BD09':
      return gcoord.transform([lon, lat], gcoord.BD09, gcoord.WGS84) as [number, number];
    default:
      throw badRequest('UNKNOWN_CRS', `不支持的坐标系: ${String(crs)}（可选 ${CRS_VALUES.join('、')}）`);
  }
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * Equirectangular projection to metres around a reference latitude: exact enough (well under 1 %)
 * for distances of a few kilometres inside one city, and cheap enough for hot loops.
 */
export class LocalProjection {
  readonly mPerDegLon: number;
  readonly mPerDegLat = EARTH_RADIUS_M * RAD;

  constructor(readonly lon0: number, readonly lat0: number) {
    this.mPerDegLon = EARTH_RADIUS_M * RAD * Math.cos(lat0 * RAD);
  }

  /** A projection centred on the middle of the given positions (or 0,0 when there are none). */
  static around(positions: Iterable<readonly [number, number]>): LocalProjection {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const [x, y] of positions) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    return minX === Infinity ? new LocalProjection(0, 0) : new LocalProjection((minX + maxX) / 2, (minY + maxY) / 2);
  }

  x(lon: number): number { return (lon - this.lon0) * this.mPerDegLon; }
  y(lat: number): number { return (lat - this.lat0) * this.mPerDegLat; }
  lon(x: number): number { return x / this.mPerDegLon + this.lon0; }
  lat(y: number): number { return y / this.mPerDegLat + this.lat0; }
}
