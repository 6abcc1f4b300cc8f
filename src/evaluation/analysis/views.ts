// What the analysis API (分析研判) answers, as plain types shared by both sides: focus.ts, forecast.ts, incidence.ts,
// letters.ts, reports.ts and trends.ts declare them as their return types, and the web console imports this file by
// relative path. It must stay free of imports. The server modules check that the unions below equal their own.

/** A range of China days, both ends included ('YYYY-MM-DD'). */
export interface DayRangeView { from: string; to: string }

/** 三高: GET /api/analysis/incidence. */
export interface Incidence {
  total: number;
  /** matrix[weekday 0 = 周一 … 6 = 周日][hour 0–23] */
  matrix: number[][];
  types: { kind: string; typeCode: string; name: string; n: number; share: number }[];
  places: { code: string; name: string; n: number }[];
}

/** 增长热点: a place (grid, community or H3 cell) against the previous period. */
export interface HotspotRow {
  key: string;
  name: string;
  current: number;
  previous: number;
  increase: number;
  /** (current − previous) / previous; null when the place had no cases before. */
  growth: number | null;
}

/** GET /api/analysis/hotspots. */
export interface Hotspots {
  previous: DayRangeView;
  items: HotspotRow[];
}

/** 同比/环比 indicators and groupings (trends.ts checks them against INDICATORS and GROUPS). */
export type Indicator = 'reported' | 'filed' | 'closed' | 'onTimeHandlingRate';
export type GroupBy = 'none' | 'district' | 'street' | 'type';

export interface TrendRow {
  key: string;
  name: string;
  value: number | null;
  previous: number | null;
  lastYear: number | null;
  /** 环比 and 同比 as relative changes (0.12 = +12 %); for a rate, the change in percentage points ÷ 100. */
  mom: number | null;
  yoy: number | null;
}

/** GET /api/analysis/trends. */
export interface Trends {
  indicator: Indicator;
  range: DayRangeView;
  previous: DayRangeView;
  lastYear: DayRangeView;
  rows: TrendRow[];
  /** The 12 months to the range's end: value and the same month a year earlier. */
  months: { month: string; value: number | null; lastYear: number | null }[];
}

/** The class of a forecast day: a public holiday, or a working / rest day with its weekday (0 = Sunday). */
export type DayClassCode = 'holiday' | `work-${number}` | `rest-${number}`;

/** GET /api/analysis/forecast. */
export interface ForecastResult {
  /** Last day of known data, and the forecast week (Monday–Sunday after it). */
  dataTo: string;
  week: DayRangeView;
  days: { date: string; dayClass: DayClassCode; className: string; holiday: string | null; forecast: number }[];
  total: number;
  byDistrict: { code: string; name: string; forecast: number }[];
  byType: { key: string; name: string; forecast: number }[];
  series: { district: string; districtName: string; type: string; typeName: string; forecast: number; level: number; season: number }[];
  heldBack: { from: string; to: string; forecast: number; actual: number; ape: number | null }[];
  mape: number | null;
}

export type FocusLevel = 'grid' | 'community';

/** 焦点问题: one row of GET /api/analysis/focus (its `items`). */
export interface FocusProblem {
  placeLevel: FocusLevel;
  placeCode: string;
  placeName: string;
  kind: 'component' | 'matter';
  typeCode: string;
  typeName: string;
  caseIds: number[];
  count: number;
  firstDate: string;
  lastDate: string;
  department: { id: number; name: string } | null;
  /** The latest 提示函 about this place and type, if any. */
  letter: { id: number; letterNo: string; issuedAt: string } | null;
}

/** A case listed in a 提示函. */
export interface LetterCaseView {
  caseNo: string;
  /** 'YYYY-MM-DD' reported */
  date: string;
  address: string;
  /** stage name in Chinese */
  stage: string;
}

/** An issued 提示函: POST /api/analysis/letters, and the `items` of GET /api/analysis/letters. */
export interface LetterRecord {
  id: number;
  letterNo: string;
  departmentId: number | null;
  departmentName: string;
  placeLevel: FocusLevel;
  placeCode: string;
  placeName: string;
  kind: 'component' | 'matter';
  typeCode: string;
  typeName: string;
  windowFrom: string;
  windowTo: string;
  caseIds: number[];
  cases: LetterCaseView[];
  issuedByName: string;
  issuedAt: string;
}

export type ReportKindCode = 'daily' | 'weekly' | 'monthly';

/** A stored 城市运行 report: POST /api/analysis/reports, and the `items` of GET /api/analysis/reports. */
export interface ReportRecord {
  id: number;
  kind: ReportKindCode;
  regionCode: string;
  periodFrom: string;
  periodTo: string;
  title: string;
  sizeBytes: number;
  generatedByName: string;
  generatedAt: string;
}
