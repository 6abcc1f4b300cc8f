// Shapes of the base-data API's answers (src/base/routes.ts).
import type { Geometry } from 'geojson';

export interface DivisionNode {
  code: string;
  name: string;
  level: 'province' | 'city' | 'district' | 'street' | 'community';
  parentCode: string | null;
  areaM2: number | null;
  gridCount: number;
  children: DivisionNode[];
}

export interface Grid {
  code: string;
  name: string;
  communityCode: string;
  communityName: string | null;
  streetCode: string;
  streetName: string | null;
  areaM2: number;
  startDate: string | null;
  endDate: string | null;
  /** detail only */
  geometry?: Geometry;
  componentCount?: number;
  responsibilityCodes?: string[];
}

export interface Component {
  id: string;
  typeCode: string;
  typeName: string;
  majorName?: string;
  name: string;
  status: string;
  gridCode: string;
  communityCode?: string;
  communityName?: string | null;
  streetCode?: string;
  streetName?: string | null;
  ownerDepartmentId?: number | null;
  ownerDepartmentName?: string | null;
  maintainerDepartmentName?: string | null;
  propertyUnitName?: string | null;
  initialDate?: string | null;
  changeDate?: string | null;
  dataSource?: string | null;
  accuracy?: string | null;
  remark?: string | null;
  lon: number;
  lat: number;
  photos: MediaRef[];
}

/** A photo or video in the media store, as records list them (src/media). */
export interface MediaRef {
  hash: string;
  contentType: string;
  addedAt?: string;
  addedBy?: string;
}

export interface CatalogType {
  kind: 'component' | 'matter';
  code: string;
  majorCode: string;
  majorName: string;
  name: string;
  isStandard: boolean;
  enabled: boolean;
  source: string;
}

export interface Department {
  id: number;
  creditCode: string | null;
  name: string;
  shortName: string | null;
  category: string;
  level: string;
  parentId: number | null;
  phone: string | null;
  parentName: string | null;
  regions: { code: string; name: string }[];
}

export interface ResponsibilityGrid {
  code: string;
  name: string;
  divisionCode: string;
  divisionName?: string | null;
  collectorId: number | null;
  collectorName?: string | null;
  members: string[];
  areaM2: number;
}

export const COMPONENT_STATUSES = ['完好', '破损', '丢失', '废弃', '移除'] as const;
export const STATUS_COLORS: Record<string, string> = { 完好: 'green', 破损: 'orange', 丢失: 'red', 废弃: 'default', 移除: 'default' };
