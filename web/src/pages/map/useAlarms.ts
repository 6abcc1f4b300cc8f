// Live alarms on the map: the alarm stream (GET /api/monitor/alarms/stream, SSE `event: alarm`) asks for the alarm and
// device layers again — at most every few seconds, however many changes arrive — and 橙/红 alarms pulse as HTML
// markers, animated by CSS, so the map itself does not repaint for them.
import { useEffect, useRef } from 'react';
import type { FeatureCollection, Point } from 'geojson';
import { Marker, type Map as MapLibre } from '../../map/maplibre.ts';

const RELOAD_AFTER_MS = 2_000;
/** More pulsing markers than this would cost more than they tell; the rest keep their static ring. */
const MAX_PULSING = 200;
const PULSE_CSS = `@keyframes cityops-alarm-pulse { 0% { transform: scale(0.6); opacity: 0.9 } 100% { transform: scale(2.4); opacity: 0 } }
.cityops-alarm-pulse { width: 22px; height: 22px; border-radius: 50%; pointer-events: none;
  animation: cityops-alarm-pulse 1.4s ease-out infinite; }`;

export function useAlarmStream(enabled: boolean, onChange: () => void): void {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/monitor/alarms/stream');
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener('alarm', () => {
      timer ??= setTimeout(() => { timer = undefined; onChangeRef.current(); }, RELOAD_AFTER_MS);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [enabled]);
}

export function usePulsingAlarms(map: MapLibre | null, alarms: FeatureCollection | undefined): void {
  useEffect(() => {
    if (!map || !alarms) return;
    if (!document.getElementById('cityops-alarm-pulse-css')) {
      const style = document.createElement('style');
      style.id = 'cityops-alarm-pulse-css';
      style.textContent = PULSE_CSS;
      document.head.appendChild(style);
    }
    const markers = alarms.features
      .filter((f) => f.properties?.level === 'red' || f.properties?.level === 'orange')
      .slice(-MAX_PULSING)
      .map((f) => {
        // MapLibre positions the marker element with its own transform; the pulse scales an inner one
        const el = document.createElement('div');
        el.style.pointerEvents = 'none';
        el.dataset.testid = 'alarm-pulse';
        const ring = el.appendChild(document.createElement('div'));
        ring.className = 'cityops-alarm-pulse';
        ring.style.background = f.properties!.level === 'red' ? 'rgba(245,34,45,0.55)' : 'rgba(250,140,22,0.55)';
        return new Marker({ element: el }).setLngLat((f.geometry as Point).coordinates as [number, number]).addTo(map);
      });
    return () => markers.forEach((m) => m.remove());
  }, [map, alarms]);
}
