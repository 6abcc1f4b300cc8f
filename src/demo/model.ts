// The whole demo city as plain rows, from a seed alone: no IO, no clock, no Math.random — the same seed
// gives byte-identical data. Inserting it is insert.ts's job.
import type { Polygon } from 'geojson';
import { buildUsers, type DemoUser } from './accounts.ts';
import { buildComponents, type ComponentRow } from './components.ts';
import { buildDepartments, type DepartmentDef } from './departments.ts';
import { partitionCity, type DivisionRow, type GridRow } from './divisions.ts';
import { buildLandmarks, landmarkRows } from './landmarks.ts';
import { buildGround } from './layout.ts';
import { Places } from './places.ts';
import { bboxOf } from './polygons.ts';
import { DEMO_SEED } from './random.ts';
import { buildResponsibility, type ResponsibilityGrid, type ResponsibilityMember } from './responsibility.ts';
import { buildResponsibilityList, type DemoRule } from './responsibility-list.ts';
import { buildNetwork, OPEN_SPACES, roadRows } from './roads.ts';

export interface DemoCity {
  divisions: DivisionRow[];
  grids: GridRow[];
  departments: DepartmentDef[];
  users: DemoUser[];
  responsibilityGrids: ResponsibilityGrid[];
  responsibilityMembers: ResponsibilityMember[];
  responsibilityRules: DemoRule[];
  components: ComponentRow[];
  roads: ReturnType<typeof roadRows>;
  mapAreas: { name: string; kind: 'water' | 'park' | 'square'; geometry: Polygon; bbox: number[] }[];
  landmarks: ReturnType<typeof landmarkRows>;
}

export function buildDemoCity(seed: number = DEMO_SEED): DemoCity {
  const ground = buildGround(seed);
  const partition = partitionCity(ground, seed);
  const network = buildNetwork(ground.river, seed);
  const places = new Places(ground, partition);
  const departments = buildDepartments(seed);
  const landmarks = buildLandmarks(places, network, partition.divisions, departments, seed);
  const parkPolygons = network.areas
    .filter((a) => a.kind === 'park')
    .map((a) => ({ name: a.name, ring: a.geometry.coordinates[0], bankStrip: OPEN_SPACES.find((s) => s.name === a.name)?.bankStrip }));
  const components = buildComponents({ places, network, landmarks, departments, parkPolygons }, seed);
  const responsibility = buildResponsibility(partition);
  const roads = roadRows(network);
  const mainRoads = [...new Set(roads.filter((r) => r.class === '主干路').map((r) => r.name))].slice(0, 6);
  return {
    divisions: partition.divisions,
    grids: partition.grids,
    departments,
    users: buildUsers(departments, seed),
    responsibilityGrids: responsibility.grids,
    responsibilityMembers: responsibility.members,
    responsibilityRules: buildResponsibilityList(mainRoads),
    components,
    roads,
    mapAreas: network.areas.map((a) => ({ ...a, bbox: bboxOf(a.geometry) })),
    landmarks: landmarkRows(landmarks),
  };
}
