// 法定节假日 and 调休 working days as published by the State Council (国务院办公厅), taken from the
// chinese-days package (data 2004–2026 in its version here).
//
// We read the package's JSON data rather than calling isWorkday()/getDayDetail(): those parse 'YYYY-MM-DD'
// as UTC midnight and format with the machine's local time, so on a server west of UTC they answer for the
// previous day (checked: with TZ=America/New_York, getDayDetail('2026-10-10') reports '2026-10-09'). The data
// itself is a plain map keyed by China calendar date, which is what we need.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface OfficialDays {
  /** Rest days of a holiday period (may include the weekend days inside it), date → Chinese holiday name. */
  rest: ReadonlyMap<string, string>;
  /** 调休 working days (weekend days worked to make up for a holiday), date → Chinese holiday name. */
  work: ReadonlyMap<string, string>;
  /** Years the data covers. */
  years: ReadonlySet<number>;
}

/** Entries look like "National Day,国庆节,3": English name, Chinese name, length in days. */
function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

function toMap(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries).map(([date, entry]) => [date, chineseName(entry)]));
}

function load(): OfficialDays {
  const rest = toMap(data.holidays);
  const work = toMap(data.workdays);
  const years = new Set([...rest.keys(), ...work.keys()].map((date) => Number(date.slice(0, 4))));
  return { rest, work, years };
}

export const CHINESE_DAYS: OfficialDays = load();
