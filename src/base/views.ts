// What the base-data API answers, as import-free types the web console shares (import type from web/).

/** GET /api/locate: the grid and divisions a point lies in. */
export interface LocatedPoint {
  /** WGS84 (= CGCS2000) */
  lon: number;
  lat: number;
  gridCode: string;
  gridName: string;
  communityCode: string;
  communityName: string;
  streetCode: string;
  streetName: string;
  districtCode: string;
  districtName: string;
  /** e.g. "人民路与建设路交叉口北约80米"; '' when nothing named is near */
  description: string;
}
