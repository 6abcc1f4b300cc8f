// The spatial service of one app node: unit grids, division names, roads and landmarks loaded from the
// database on first use and kept in memory until base data changes ('base.changed' reaches every node).
import type { Queryable } from '../../db/types.ts';
import type { AppContext } from '../../server/context.ts';
import { toWgs84, type Crs } from './coords.ts';
import { ReverseGeocoder, type Intersection, type NearestRoad, type RoadLine } from './geocode.ts';
import type { Bounds } from './geometry.ts';
import { GridLocator, type GridShape } from './locator.ts';
import type { LocatedPoint } from '../views.ts';

export type { LocatedPoint };

interface GridData {
  locator: GridLocator;
  grids: Map<string, { name: string; communityCode: string }>;
  divisionNames: Map<string, string>;
}

// Same rule as the grid lists: a grid is current until its end date.
const CURRENT_GRID = '(end_date is null or end_date > current_date)';
const ROAD_ORDER = "case class when '快速路' then 0 when '主干路' then 1 when '次干路' then 2 else 3 end";

export class SpatialService {
  private grids?: Promise<GridData>;
  private geocoder?: Promise<ReverseGeocoder>;
  private bounds?: Promise<Bounds | undefined>;

  constructor(private readonly db: Queryable) {}

  /** Drops every cache; the next call reloads from the database. */
  invalidate(): void {
    this.grids = undefined;
    this.geocoder = undefined;
    this.bounds = undefined;
  }

  /** The grid and divisions of a position given in any supported system (400 AppError on bad numbers). */
  async locate(lon: number, lat: number, crs: Crs = 'WGS84'): Promise<LocatedPoint | undefined> {
    const [x, y] = toWgs84(lon, lat, crs);
    const data = await this.gridData();
    const gridCode = data.locator.locate(x, y);
    if (!gridCode) return undefined;
    const grid = data.grids.get(gridCode)!;
    const name = (code: string) => data.divisionNames.get(code) ?? '';
    const community = grid.communityCode, street = community.slice(0, 9), district = community.slice(0, 6);
    return {
      lon: x, lat: y, gridCode, gridName: grid.name,
      communityCode: community, communityName: name(community),
      streetCode: street, streetName: name(street),
      districtCode: district, districtName: name(district),
      description: (await this.reverseGeocoder()).describe(x, y),
    };
  }

  /** Position description from roads and landmarks only (also outside every grid). */
  async describe(lon: number, lat: number, crs: Crs = 'WGS84'): Promise<string> {
    const [x, y] = toWgs84(lon, lat, crs);
    return (await this.reverseGeocoder()).describe(x, y);
  }

  /** The named road nearest to a WGS84 point within maxDistanceM, if any (路长制 rules, position descriptions). */
  async nearestRoad(lon: number, lat: number, maxDistanceM = 50): Promise<NearestRoad | undefined> {
    return (await this.reverseGeocoder()).nearestRoad(lon, lat, maxDistanceM);
  }

  /** The road intersections the reverse geocoder found (place search offers them as "A与B交叉口"). */
  async intersections(): Promise<readonly Intersection[]> {
    return (await this.reverseGeocoder()).intersections;
  }

  /** The city division's bbox, else the bbox of all divisions with a boundary; undefined with none. */
  cityBounds(): Promise<Bounds | undefined> {
    return (this.bounds ??= this.cached(() => this.loadBounds(), () => { this.bounds = undefined; }));
  }

  private gridData(): Promise<GridData> {
    return (this.grids ??= this.cached(() => this.loadGrids(), () => { this.grids = undefined; }));
  }

  private reverseGeocoder(): Promise<ReverseGeocoder> {
    return (this.geocoder ??= this.cached(() => this.loadGeocoder(), () => { this.geocoder = undefined; }));
  }

  /** A failed load is not kept, so the next call tries again. */
  private cached<T>(load: () => Promise<T>, forget: () => void): Promise<T> {
    const promise = load();
    promise.catch(forget);
    return promise;
  }

  private async loadGrids(): Promise<GridData> {
    const [rows, divisions] = await Promise.all([
      this.db.query<{ code: string; name: string; community_code: string; geometry: any }>(
        `select code, name, community_code, geometry from unit_grids where ${CURRENT_GRID} order by code`),
      this.db.query<{ code: string; name: string }>('select code, name from divisions'),
    ]);
    const shapes: GridShape[] = [];
    const grids = new Map<string, { name: string; communityCode: string }>();
    for (const r of rows) {
      if (r.geometry?.type !== 'Polygon' && r.geometry?.type !== 'MultiPolygon') continue;
      shapes.push({ code: r.code, geometry: r.geometry });
      grids.set(r.code, { name: r.name, communityCode: r.community_code });
    }
    return { locator: new GridLocator(shapes), grids, divisionNames: new Map(divisions.map((d) => [d.code, d.name])) };
  }

  private async loadGeocoder(): Promise<ReverseGeocoder> {
    const [roads, landmarks] = await Promise.all([
      this.db.query<{ name: string; geometry: any }>(`select name, geometry from roads order by ${ROAD_ORDER}, id`),
      this.db.query<{ name: string; lon: number; lat: number }>('select name, lon, lat from landmarks order by id'),
    ]);
    const lines: RoadLine[] = roads.filter((r) => r.geometry?.type === 'LineString' || r.geometry?.type === 'MultiLineString');
    return new ReverseGeocoder(lines, landmarks);
  }

  private async loadBounds(): Promise<Bounds | undefined> {
    const rows = await this.db.query<{ level: string; bbox: number[] }>(
      "select level, bbox from divisions where bbox is not null and cardinality(bbox) = 4 order by code");
    const city = rows.find((r) => r.level === 'city');
    if (city) return city.bbox as Bounds;
    if (rows.length === 0) return undefined;
    const b: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
    for (const { bbox } of rows) {
      b[0] = Math.min(b[0], bbox[0]);
      b[1] = Math.min(b[1], bbox[1]);
      b[2] = Math.max(b[2], bbox[2]);
      b[3] = Math.max(b[3], bbox[3]);
    }
    return b;
  }
}

export type SpatialContext = Pick<AppContext, 'db' | 'events'>;

// One service per platform, keyed by its event bus (callers may pass the AppContext or a narrower copy of it).
const services = new WeakMap<SpatialContext['events'], SpatialService>();

/** This node's spatial service; reloads whenever any node announces 'base.changed'. */
export function getSpatialService(ctx: SpatialContext): SpatialService {
  let service = services.get(ctx.events);
  if (!service) {
    const created = new SpatialService(ctx.db);
    ctx.events.subscribe('base.changed', () => created.invalidate());
    services.set(ctx.events, (service = created));
  }
  return service;
}
