// MapLibre with its worker served from our own assets (the bundle's import.meta.url can't find it by itself).
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

setWorkerUrl(workerUrl);

export * from 'maplibre-gl';
