// Loads the on-demand sources (case layers, staff positions …) of the map: when their group is first shown,
// again when the time slider's period changes, and every `refreshSeconds` while shown. A newer request wins.
import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { api, errorMessage } from '../../api.ts';
import type { LayerGroup, SourceDef } from '../../map/layers.ts';
import type { MapPeriod } from '../../map/period.ts';

export function useLayerData(map: MapLibre | null, ready: boolean, sources: SourceDef[], visible: LayerGroup[], period: MapPeriod,
  onError: (def: SourceDef, message: string) => void) {
  const [bodies, setBodies] = useState<Record<string, any>>({});
  const requested = useRef<Record<string, string>>({});
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => {
    if (!map || !ready) return;
    const shown = sources.filter((d) => d.onDemand && visible.includes(d.group));
    const load = async (def: SourceDef, force: boolean) => {
      const url = typeof def.url === 'function' ? def.url(period) : def.url;
      if (!force && requested.current[def.id] === url) return;
      requested.current[def.id] = url;
      try {
        const body = await api.get<any>(url);
        if (requested.current[def.id] !== url || !map.getCanvasContainer().isConnected) return; // superseded, or the map is gone
        if (def.apply) def.apply(map, body);
        else (map.getSource(def.id) as GeoJSONSource | undefined)?.setData(body);
        setBodies((b) => ({ ...b, [def.id]: body }));
      } catch (err) {
        if (requested.current[def.id] === url) delete requested.current[def.id];
        onErrorRef.current(def, errorMessage(err));
      }
    };
    for (const def of shown) void load(def, false);
    const timers = shown.filter((d) => d.refreshSeconds).map((d) => setInterval(() => void load(d, true), d.refreshSeconds! * 1000));
    return () => timers.forEach(clearInterval);
  }, [map, ready, sources, visible, period]);

  return bodies;
}
