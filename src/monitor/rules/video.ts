// AI 视频事件 (pure): what to do with one detection given its class settings and the latest event of the same camera
// and class — ignore it (below the class's confidence), merge it into that event (within the merge window), or open
// a new event that creates a case at once (auto) or waits in the review queue.

export interface VideoClassSettings { minConfidence: number; mergeSeconds: number; mode: 'auto' | 'review'; enabled: boolean }

export type VideoDecision =
  | { kind: 'ignore'; reason: 'disabled' | 'low_confidence' }
  | { kind: 'merge'; eventId: number }
  | { kind: 'new'; mode: 'auto' | 'review' };

export function decideVideoEvent(cls: VideoClassSettings, confidence: number, detectedAtMs: number,
  latest: { id: number; lastAtMs: number } | null): VideoDecision {
  if (!cls.enabled) return { kind: 'ignore', reason: 'disabled' };
  if (confidence < cls.minConfidence) return { kind: 'ignore', reason: 'low_confidence' };
  if (latest && Math.abs(detectedAtMs - latest.lastAtMs) <= cls.mergeSeconds * 1000) return { kind: 'merge', eventId: latest.id };
  return { kind: 'new', mode: cls.mode };
}
