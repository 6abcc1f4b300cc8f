// Where a point lies: converted to WGS84, inside the city, and in which unit grid (community, street, district).
import type { Crs } from './spatial/coords.ts';
import { isValidLonLat, toWgs84 } from './spatial/coords.ts';
import { validatePoint, type Bounds } from './spatial/geometry.ts';
import type { getSpatialService } from './spatial/service.ts';

type SpatialService = ReturnType<typeof getSpatialService>;

export interface Place {
  ok: true;
  lon: number;
  lat: number;
  gridCode: string;
  communityCode: string;
  streetCode: string;
  districtCode: string;
}

export type Placement = Place | { ok: false; code: string; message: string };

export async function placePoint(spatial: SpatialService, bounds: Bounds, lon: unknown, lat: unknown, crs: Crs = 'WGS84'): Promise<Placement> {
  if (!isValidLonLat(lon, lat)) {
    return { ok: false, code: 'INVALID_COORDINATE', message: '坐标无效：经度应在 -180 至 180 之间，纬度应在 -90 至 90 之间' };
  }
  const [x, y] = toWgs84(lon, lat as number, crs);
  const v = validatePoint(x, y, bounds);
  if (!v.ok) return v;
  const found = await spatial.locate(x, y);
  if (!found) return { ok: false, code: 'OUTSIDE_GRIDS', message: `位置 ${x.toFixed(6)}, ${y.toFixed(6)} 不在任何单元网格内` };
  return {
    ok: true, lon: x, lat: y, gridCode: found.gridCode, communityCode: found.communityCode,
    streetCode: found.streetCode, districtCode: found.districtCode,
  };
}
