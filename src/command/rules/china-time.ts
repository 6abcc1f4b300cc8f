// China time (北京时间, Asia/Shanghai): UTC+8 all year, no daylight saving since 1991, so every day is exactly
// 24 hours and "local" arithmetic is a fixed offset. Nothing here reads the machine's time zone.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** Days since 1970-01-01 in China time: the calendar day an instant falls on in 北京时间. */
export function chinaDayIndex(instant: Date | number): number {
  return Math.floor((+instant + CHINA_OFFSET_MS) / DAY_MS);
}

/** The instant (epoch ms) at which a China calendar day starts (00:00 北京时间). */
export function dayStartMs(dayIndex: number): number {
  return dayIndex * DAY_MS - CHINA_OFFSET_MS;
}

/** 'YYYY-MM-DD' of a day index. */
export function dayKey(dayIndex: number): string {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}

/** Day index of a 'YYYY-MM-DD' date, or undefined when the text is not a real calendar date. */
export function parseDayKey(key: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== key) return undefined;
  return ms / DAY_MS;
}

/** Day of week of a day index: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

/** Minutes after midnight of a 'HH:MM' clock time (00:00–24:00), or undefined when malformed. */
export function parseClockTime(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

/** The instant of a China wall-clock time: chinaTime('2026-10-08', '16:00'). Throws on malformed text. */
export function chinaTime(date: string, time = '00:00'): Date {
  const day = parseDayKey(date);
  const minutes = parseClockTime(time);
  if (day === undefined || minutes === undefined) throw new RangeError(`不是有效的北京时间: ${date} ${time}`);
  return new Date(dayStartMs(day) + minutes * MINUTE_MS);
}

/** 'YYYY-MM-DD HH:mm' in China time, for messages and tests. */
export function formatChinaTime(instant: Date | number): string {
  return new Date(+instant + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
