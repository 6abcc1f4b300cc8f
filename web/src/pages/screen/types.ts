// The shapes of GET /api/screen/summary, /feed and /open-cases.geojson (src/screen/).

export interface Flow { reported: number; filed: number; dispatched: number; handled: number; closed: number }
export interface HandlingRate { toHandle: number; handled: number; handledOnTime: number; rate: number | null }
export interface ClosureRate { toClose: number; closed: number; rate: number | null }
export type Light = 'green' | 'yellow' | 'red' | 'paused';

export interface DistrictRank extends Flow {
  code: string;
  name: string;
  handling: HandlingRate;
  closing: ClosureRate;
}

export interface ScreenSummary {
  date: string;
  today: boolean;
  asOf: string;
  month: string;
  day: Flow;
  monthTotals: Flow;
  rates: Record<'day' | 'month', { onTimeHandling: HandlingRate; closure: ClosureRate }>;
  topTypes: { kind: string; typeCode: string; name: string; count: number }[];
  districts: DistrictRank[];
  trend: { days: { date: string; reported: number; closed: number }[]; months: { month: string; reported: number; closed: number }[] };
  sources: { source: string; name: string; count: number }[];
  lights: Record<Light, number>;
}

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
