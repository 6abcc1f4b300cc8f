// What every map of the console shares: an offline style (no remote glyphs, sprites or tiles) and geometry bounds.
import type { Geometry, Position } from 'geojson';
import type { Map as MapLibre, MapOptions, StyleSpecification } from 'maplibre-gl';
import { api } from '../api.ts';

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

/**
 * The optional raster base map an administrator set in 地图设置 (GET /api/settings/map), drawn under `beforeLayer`;
 * true when there is one. Without it the map stays on the platform's own layers (no internet needed).
 */
export async function addBaseTiles(map: MapLibre, beforeLayer: string, metadata?: object,
  settingsUrl = '/api/settings/map'): Promise<boolean> {
  const settings = await api.get<{ tileUrl: string | null; maxZoom?: number }>(settingsUrl);
  if (!settings.tileUrl || !map.getCanvasContainer().isConnected) return false;
  map.addSource('tiles', { type: 'raster', tiles: [settings.tileUrl], tileSize: 256, maxzoom: settings.maxZoom ?? 18 });
  map.addLayer({ id: 'tiles', type: 'raster', source: 'tiles', ...(metadata ? { metadata } : {}) }, beforeLayer);
  return true;
}
