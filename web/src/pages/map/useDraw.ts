// 框选 drawing with terra-draw: start() lets the user click a polygon; when it is closed, onPolygon gets it.
import { useEffect, useRef, useState } from 'react';
import type { Polygon } from 'geojson';
import type { Map as MapLibre } from 'maplibre-gl';
import { TerraDraw, TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

export function usePolygonDraw(map: MapLibre | null, ready: boolean, onPolygon: (polygon: Polygon) => void) {
  const drawRef = useRef<TerraDraw | null>(null);
  const [drawing, setDrawing] = useState(false);
  const finishedAt = useRef(0);
  const onPolygonRef = useRef(onPolygon);
  onPolygonRef.current = onPolygon;

  useEffect(() => {
    if (!map || !ready) return;
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [new TerraDrawPolygonMode({ styles: { fillColor: '#1677ff', fillOpacity: 0.12, outlineColor: '#1677ff', outlineWidth: 2,
        closingPointColor: '#fa541c', closingPointWidth: 6 } })],
    });
    draw.start();
    draw.on('finish', (id, context) => {
      if (context.action !== 'draw') return;
      finishedAt.current = Date.now();
      const feature = draw.getSnapshotFeature(id);
      draw.setMode('static');
      setDrawing(false);
      if (feature?.geometry.type === 'Polygon') onPolygonRef.current(feature.geometry as Polygon);
    });
    drawRef.current = draw;
    return () => {
      drawRef.current = null;
      if (map.getCanvasContainer().isConnected) draw.stop();
    };
  }, [map, ready]);

  return {
    drawing,
    /** The closing click of a polygon reaches the map too: it is not a click on a feature. */
    justFinished: () => Date.now() - finishedAt.current < 500,
    start() {
      const draw = drawRef.current;
      if (!draw) return;
      draw.clear();
      draw.setMode('polygon');
      setDrawing(true);
    },
    cancel() {
      const draw = drawRef.current;
      if (!draw) return;
      draw.clear();
      draw.setMode('static');
      setDrawing(false);
    },
  };
}
