// Alarm levels (预警等级): 蓝 IV (lowest) → 黄 III → 橙 II → 红 I (highest).

export const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, string> = { blue: '蓝色（Ⅳ级）', yellow: '黄色（Ⅲ级）', orange: '橙色（Ⅱ级）', red: '红色（Ⅰ级）' };

export const rank = (level: Level | null): number => (level === null ? -1 : LEVELS.indexOf(level));

export const higher = (a: Level | null, b: Level | null): Level | null => (rank(a) >= rank(b) ? a : b);

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
