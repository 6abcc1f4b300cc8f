// Loads the on-demand sources (case layers, staff positions, monitoring layers, components …) of the map: when their
// group is first shown, again when the time slider's period changes, every `refreshSeconds` while shown, and when
// asked (`reload`, e.g. on a live alarm). A newer request wins. New data is handed to the map only while it stands
// still (setData re-tiles the source and uploads it again, which would stall a pan or zoom under way). Sources parsed
// in MapLibre's worker get their URL instead of a body.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorEvent, GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { api, errorMessage } from '../../api.ts';
import type { LayerGroup, SourceDef } from '../../map/layers.ts';
import type { MapPeriod } from '../../map/period.ts';

/** Runs `fn` now, or when the current move (pan, zoom, easing) has ended. */
function whenStill(map: MapLibre, fn: () => void): void {
  if (map.isMoving()) map.once('moveend', () => whenStill(map, fn));
  else fn();
}

export function useLayerData(map: MapLibre | null, ready: boolean, sources: SourceDef[], visible: LayerGroup[], period: MapPeriod,
  onError: (def: SourceDef, message: string) => void) {
  const [bodies, setBodies] = useState<Record<string, any>>({});
  const requested = useRef<Record<string, string>>({});
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const loadRef = useRef<(def: SourceDef, force: boolean) => Promise<void>>(async () => {});

  useEffect(() => {
    if (!map || !ready) return;
    const shown = sources.filter((d) => d.onDemand && visible.includes(d.group));
    const load = async (def: SourceDef, force: boolean) => {
      const url = typeof def.url === 'function' ? def.url(period) : def.url;
      if (!force && requested.current[def.id] === url) return;
      requested.current[def.id] = url;
      if (def.inWorker) {
        // MapLibre fetches it (same origin: the session cookie goes along); failures come as the map's 'error' event
        (map.getSource(def.id) as GeoJSONSource | undefined)?.setData(new URL(url, window.location.href).href);
        return;
      }
      try {
        const body = await api.get<any>(url);
        if (requested.current[def.id] !== url || !map.getCanvasContainer().isConnected) return; // superseded, or the map is gone
        whenStill(map, () => {
          if (requested.current[def.id] !== url || !map.getCanvasContainer().isConnected) return;
          if (def.apply) def.apply(map, body);
          else (map.getSource(def.id) as GeoJSONSource | undefined)?.setData(body);
          setBodies((b) => ({ ...b, [def.id]: body }));
        });
      } catch (err) {
        if (requested.current[def.id] === url) delete requested.current[def.id];
        onErrorRef.current(def, errorMessage(err));
      }
    };
    loadRef.current = load;
    for (const def of shown) void load(def, false);
    const timers = shown.filter((d) => d.refreshSeconds).map((d) => setInterval(() => void load(d, true), d.refreshSeconds! * 1000));
    const failed = (e: ErrorEvent & { sourceId?: string }) => {
      const def = shown.find((d) => d.inWorker && d.id === e.sourceId);
      if (!def) return;
      delete requested.current[def.id];
      onErrorRef.current(def, e.error?.message ?? '');
    };
    map.on('error', failed);
    return () => {
      timers.forEach(clearInterval);
      map.off('error', failed);
    };
  }, [map, ready, sources, visible, period]);

  /** Loads these sources again now (those of groups shown only). */
  const reload = useCallback((ids: string[]) => {
    for (const def of sources) if (ids.includes(def.id) && def.onDemand && visible.includes(def.group)) void loadRef.current(def, true);
  }, [sources, visible]);

  return { bodies, reload };
}
