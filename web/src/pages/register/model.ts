// Shapes the register page reads from the API, and the form's values.
import type { CatalogType } from '../../types.ts';
import type { LocatedPoint } from '../../../../src/base/views.ts';

/** GET /api/places/search → items */
export interface PlaceHit {
  kind: 'intersection' | 'road' | 'landmark' | 'district' | 'street' | 'community' | 'grid' | 'component';
  name: string;
  detail: string;
  code: string | null;
  lon: number;
  lat: number;
  address: string;
  gridCode: string | null;
  communityName: string | null;
  streetName: string | null;
  districtName: string | null;
}

/** GET /api/locate */
export type Located = LocatedPoint;

/** GET /api/cases/nearby */
export interface Nearby {
  radiusM: number;
  windowHours: number;
  items: { id: number; caseNo: string; stage: string; distanceM: number; createdAt: string; description: string; address: string; urgent: boolean }[];
}

export type Kind = CatalogType['kind'];
export type Point = [number, number];

export const SOURCES = ['hotline', 'public', 'video_ai', 'iot', 'patrol', 'leader', 'media'] as const;
export type Source = (typeof SOURCES)[number] | 'collector';

export interface RegisterValues {
  kind: Kind;
  typeCode?: string;
  componentId?: string;
  source: Source;
  urgent: boolean;
  address?: string;
  description?: string;
  reporterName?: string;
  reporterPhone?: string;
}

/** A key for the whole life of one form: saving twice (double click, retry after a timeout) gives one case.
 *  getRandomValues works on plain http too (randomUUID needs a secure context). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `reg-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
