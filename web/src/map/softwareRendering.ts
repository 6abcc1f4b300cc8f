// Maps drawn without a GPU (WebGL through SwiftShader or llvmpipe: virtual machines, remote desktops, headless
// browsers) spend each frame rasterising in software, pixel by pixel, and the page's main thread waits for it. There
// the map is drawn at a lower resolution while it moves (slightly blurred, four times fewer pixels) and sharp again
// once it has stood still for a moment. With a GPU nothing changes.
import type { Map as MapLibre } from 'maplibre-gl';

const MOVING_RATIO = 0.5;
const SHARPEN_AFTER_MS = 400;
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software/i;

/** The WebGL renderer's name, e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …))"; '' when unknown. */
function rendererName(map: MapLibre): string {
  // the canvas hands back the context MapLibre already made on it
  const canvas = map.getCanvas();
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return '';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}

export function isSoftwareRendered(map: MapLibre): boolean {
  return SOFTWARE.test(rendererName(map));
}

/** Lowers the resolution while `map` moves when it is rendered in software; returns a function that stops it. */
export function adaptResolutionWhileMoving(map: MapLibre): () => void {
  if (!isSoftwareRendered(map)) return () => undefined;
  const sharp = map.getPixelRatio();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let changing = false;
  // setPixelRatio resizes the canvas; standing still, that fires movestart/moveend itself, which must not count
  const setRatio = (ratio: number) => {
    if (map.getPixelRatio() === ratio) return;
    changing = true;
    try { map.setPixelRatio(ratio); } finally { changing = false; }
  };
  const onStart = () => {
    if (changing) return;
    if (timer) { clearTimeout(timer); timer = undefined; }
    setRatio(sharp * MOVING_RATIO);
  };
  const onEnd = () => {
    if (changing) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = undefined; if (!map.isMoving()) setRatio(sharp); }, SHARPEN_AFTER_MS);
  };
  map.on('movestart', onStart);
  map.on('moveend', onEnd);
  return () => {
    if (timer) clearTimeout(timer);
    map.off('movestart', onStart);
    map.off('moveend', onEnd);
  };
}
