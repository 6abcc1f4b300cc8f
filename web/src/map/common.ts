// What every map of the console shares: an offline style (no remote glyphs, sprites or tiles) and geometry bounds.
import type { Geometry, Position } from 'geojson';
import type { MapOptions, StyleSpecification } from 'maplibre-gl';

/** Labels are drawn from the browser's own fonts (no glyphs URL), so maps work without internet. */
export const LABEL_FONT = ['sans-serif'];
export const LOCAL_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

export const MAP_OPTIONS: Partial<MapOptions> = {
  localIdeographFontFamily: LOCAL_FONT_FAMILY,
  attributionControl: false,
  maxZoom: 20,
};

export function emptyStyle(background = '#f4f1ea'): StyleSpecification {
  return { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': background } }] };
}

export type Bounds = [number, number, number, number];

function walk(coords: unknown, box: Bounds): void {
  if (typeof (coords as Position)[0] === 'number') {
    const [x, y] = coords as Position;
    box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
    return;
  }
  for (const c of coords as unknown[]) walk(c, box);
}

export function geometryBounds(geometry: Geometry): Bounds | null {
  const box: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const geoms = geometry.type === 'GeometryCollection' ? geometry.geometries : [geometry];
  for (const g of geoms) if (g.type !== 'GeometryCollection') walk(g.coordinates, box);
  return Number.isFinite(box[0]) ? box : null;
}
