// What the big-screen API (大屏, /api/screen/*) answers, as plain types shared by both sides: summary.ts, feed.ts and
// routes.ts declare them as their return types, and the web console imports this file by relative path. It must stay
// free of imports. summary.ts checks that the lights below equal its LIGHTS.

/** 上报, 立案, 派遣, 处置, 结案 counted in a period. */
export interface Flow { reported: number; filed: number; dispatched: number; handled: number; closed: number }
/** 按期处置率: 处置 clocks due in the period, those finished and those finished on time; rate null without any due. */
export interface HandlingRate { toHandle: number; handled: number; handledOnTime: number; rate: number | null }
/** 结案率: cases filed in the period (less voided and suspended) and those of them closed. */
export interface ClosureRate { toClose: number; closed: number; rate: number | null }
/** The light of an open case's running stage clock (paused = 挂账). */
export type LightCode = 'green' | 'yellow' | 'red' | 'paused';

/** A district's month figures in the ranking. */
export interface DistrictRank extends Flow {
  code: string;
  name: string;
  handling: HandlingRate;
  closing: ClosureRate;
}

/** GET /api/screen/summary. */
export interface ScreenSummary {
  date: string;
  today: boolean;
  asOf: string;
  /** 'YYYY-MM' */
  month: string;
  day: Flow;
  monthTotals: Flow;
  rates: Record<'day' | 'month', { onTimeHandling: HandlingRate; closure: ClosureRate }>;
  topTypes: { kind: string; typeCode: string; name: string; count: number }[];
  districts: DistrictRank[];
  trend: { days: { date: string; reported: number; closed: number }[]; months: { month: string; reported: number; closed: number }[] };
  sources: { source: string; name: string; count: number }[];
  lights: Record<LightCode, number>;
}

/** A step of the case timeline in the live feed. */
export interface FeedItem {
  id: number;
  at: string;
  action: string;
  actionName: string;
  stage: string;
  stageName: string;
  caseId: number;
  caseNo: string;
  typeName: string;
  urgent: boolean;
  districtCode: string;
  districtName: string;
}

/** GET /api/screen/feed. */
export interface ScreenFeed { items: FeedItem[] }

/** An open case on the screen's map. */
export interface OpenCasePoint {
  type: 'Feature';
  id: number;
  properties: { id: number; caseNo: string; light: LightCode };
  geometry: { type: 'Point'; coordinates: number[] };
}

/** GET /api/screen/open-cases.geojson. */
export interface OpenCasePoints { type: 'FeatureCollection'; features: OpenCasePoint[] }
