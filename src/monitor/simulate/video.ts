// cityops simulate video: AI detection events from the cameras of a RUNNING platform, as an AI box would post them
// (POST /api/monitor/video-events with an API key of scope monitor:ingest). Each camera now and then "sees" a scene
// — street vending by day, overflowing bins in the evening, parked cars at rush hour — and keeps detecting it for a
// few minutes (the platform merges those repeats); the first detection carries a drawn snapshot of the scene.
import { renderScene, type PhotoScene } from '../../demo/photos.ts';
import { Rng } from '../../demo/random.ts';
import { connectPlatform } from './client.ts';
import { daily } from './patterns.ts';
import { sleep } from './sensors.ts';

export interface VideoSimOptions {
  url: string; username: string; password: string; apiKey: string;
  rateSeconds: number; durationSeconds?: number;
  /** chance per camera and tick of a new scene */
  sceneChance?: number;
  limit?: number; seed?: number;
  reportEverySeconds?: number; report?: (line: string) => void; signal?: AbortSignal;
}

export interface VideoSimSummary {
  cameras: number; posted: number; errors: number; outcomes: Record<string, number>; snapshots: number; seconds: number;
}

/** Classes with their drawn scene and how common they are (by day, in the evening). */
const CLASS_SCENES: Record<string, { scene: PhotoScene; day: number; evening: number }> = {
  street_vending: { scene: 'vending', day: 3, evening: 5 }, shop_outside: { scene: 'vending', day: 3, evening: 2 },
  clutter: { scene: 'misc', day: 2, evening: 1 }, exposed_garbage: { scene: 'garbage', day: 3, evening: 3 },
  road_spill: { scene: 'roads', day: 1, evening: 1 }, parking_motor: { scene: 'parking', day: 4, evening: 3 },
  parking_bike: { scene: 'parking', day: 3, evening: 2 }, outdoor_ad: { scene: 'ads', day: 1, evening: 0.5 },
  small_ad: { scene: 'ads', day: 1.5, evening: 1 }, street_hanging: { scene: 'facade', day: 1, evening: 0.3 },
  construction_occupation: { scene: 'construction', day: 1.5, evening: 0.3 }, site_dust: { scene: 'construction', day: 1, evening: 0.2 },
  open_bbq: { scene: 'misc', day: 0.2, evening: 3 }, garbage_overflow: { scene: 'garbage', day: 1, evening: 3 },
  road_ponding: { scene: 'water', day: 0.3, evening: 0.3 },
};

interface Scene { cls: string; confidence: number; untilMs: number; nextMs: number; first: boolean }

export async function simulateVideo(o: VideoSimOptions): Promise<VideoSimSummary> {
  const report = o.report ?? (() => undefined);
  const platform = await connectPlatform(o.url, o.username, o.password);
  const cameras = (await platform.all('/api/monitor/cameras')).filter((c: any) => c.enabled).slice(0, o.limit ?? Infinity);
  if (cameras.length === 0) throw new Error('平台上没有可模拟的摄像机');
  const classes = new Set(((await platform.get('/api/monitor/video-classes')).items as any[]).filter((c) => c.enabled).map((c) => c.class as string));
  const known = Object.keys(CLASS_SCENES).filter((c) => classes.has(c));
  if (known.length === 0) throw new Error('平台没有启用的识别类别');
  const rng = new Rng(o.seed ?? Date.now(), 'video');
  const photos = new Map<string, string>();
  const snapshot = async (scene: PhotoScene, variant: 0 | 1) => {
    const key = `${scene}-${variant}`;
    if (!photos.has(key)) photos.set(key, (await renderScene(scene, variant)).toString('base64'));
    return photos.get(key)!;
  };
  const summary: VideoSimSummary = { cameras: cameras.length, posted: 0, errors: 0, outcomes: {}, snapshots: 0, seconds: 0 };
  const scenes = new Map<string, Scene>();
  const started = Date.now();
  const end = o.durationSeconds === undefined ? Infinity : started + o.durationSeconds * 1000;
  let lastReport = started;
  let reportedPosts = 0;
  while (Date.now() < end && !o.signal?.aborted) {
    const now = Date.now();
    const { hour } = daily(now);
    const evening = hour >= 17 && hour < 23;
    for (const camera of cameras) {
      let scene = scenes.get(camera.code);
      if (scene && scene.untilMs <= now) { scenes.delete(camera.code); scene = undefined; }
      if (!scene && rng.chance(o.sceneChance ?? 0.05)) {
        const cls = rng.weighted(known.map((c) => [c, evening ? CLASS_SCENES[c].evening : CLASS_SCENES[c].day] as const));
        // most detections are confident; some are doubtful and fall under the class's threshold
        const confidence = Math.round(Math.min(0.99, rng.chance(0.2) ? rng.range(0.45, 0.7) : rng.range(0.72, 0.97)) * 100) / 100;
        scene = { cls, confidence, untilMs: now + rng.range(1, 6) * 60_000, nextMs: now, first: true };
        scenes.set(camera.code, scene);
      }
      if (!scene || scene.nextMs > now) continue;
      const body: Record<string, unknown> = { camera: camera.code, class: scene.cls, detectedAt: new Date(now).toISOString(),
        confidence: Math.round(Math.min(0.99, Math.max(0.3, scene.confidence + rng.range(-0.05, 0.05))) * 100) / 100 };
      if (scene.first) {
        body.snapshotBase64 = await snapshot(CLASS_SCENES[scene.cls].scene, rng.chance(0.5) ? 0 : 1);
        summary.snapshots++;
      }
      scene.first = false;
      scene.nextMs = now + rng.range(15, 60) * 1000;   // an AI box re-reports a standing problem every 15–60 s
      const res = await platform.postWithKey('/api/monitor/video-events', o.apiKey, body);
      summary.posted++;
      if (res.status >= 400) {
        summary.errors++;
        if (summary.errors <= 3) report(`  上报失败：${camera.code} HTTP ${res.status} ${res.body?.message ?? ''}`);
        continue;
      }
      summary.outcomes[res.body.status] = (summary.outcomes[res.body.status] ?? 0) + 1;
    }
    if (Date.now() - lastReport >= (o.reportEverySeconds ?? 5) * 1000) {
      const secs = (Date.now() - lastReport) / 1000;
      const parts = Object.entries(summary.outcomes).map(([k, n]) => `${k} ${n}`).join('，');
      report(`[${Math.round((Date.now() - started) / 1000)}s] 上报 ${summary.posted} 条（${((summary.posted - reportedPosts) / secs).toFixed(1)} 条/秒），失败 ${summary.errors}；${parts}`);
      reportedPosts = summary.posted;
      lastReport = Date.now();
    }
    const wait = o.rateSeconds * 1000 - (Date.now() - now);
    if (wait > 0) await sleep(Math.min(wait, end - Date.now()), o.signal);
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
