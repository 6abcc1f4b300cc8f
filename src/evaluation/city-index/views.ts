// 城市管理指数: the indicator tree and the computed index as the API returns them. Import-free (the web uses it too).

/** Where an indicator's raw value comes from. */
export type IndicatorSource =
  /** 平台数据: a rate of the region evaluation (in %), or cases of some types per km² of the region */
  | { kind: 'platform'; metric: PlatformMetric }
  /** 实地考察: a score 0–100 entered or imported per region */
  | { kind: 'inspection' }
  /** 问卷调查: the share satisfied (%) of one question, with its sample size, per region */
  | { kind: 'questionnaire' };

export type PlatformMetric =
  /** a rate key of the region table (src/evaluation/rules/figures.ts RATE_DEFS), as a percentage */
  | { kind: 'rate'; rate: string }
  /** valid cases (not voided, rejected or merged) reported in the year of these types ('matter:06010'), per km² */
  | { kind: 'density'; types: string[] };

/** How a raw value becomes a score 0–100. */
export type ScoringMethod =
  /** 0 at `worst`, 100 at `best`, straight in between, clamped (worst > best: lower is better) */
  | { kind: 'linear'; worst: number; best: number }
  /** the first step whose upTo is at least the value (upTo null: any larger value) */
  | { kind: 'steps'; steps: { upTo: number | null; score: number }[] }
  /** the raw value (0–100) is the score */
  | { kind: 'direct' };

export interface IndexIndicator {
  key: string;
  name: string;
  /** share within its dimension; the weights of a dimension add up to 100 */
  weight: number;
  source: IndicatorSource;
  scoring: ScoringMethod;
}

export interface IndexDimension {
  key: string;
  name: string;
  /** share of the index; the dimensions add up to 100 */
  weight: number;
  indicators: IndexIndicator[];
}

export interface IndexTree { dimensions: IndexDimension[] }

export interface TreeState {
  year: number;
  tree: IndexTree;
  isDefault: boolean;
  updatedAt: string | null;
  updatedByName: string | null;
  rateNames: Record<string, string>;
  typeNames: Record<string, string>;
}

export interface TreeVersion { id: number; year: number; tree: IndexTree; changedAt: string; changedByName: string | null }

export interface IndicatorResult {
  dimensionKey: string;
  key: string;
  name: string;
  sourceKind: IndicatorSource['kind'];
  /** the raw value: a rate in %, cases per km², a score or a share satisfied in % */
  raw: number | null;
  unit: string;
  /** cases behind the raw value (density) — the drill-down lists them */
  caseCount: number | null;
  sampleSize: number | null;
  score: number | null;
  /** the configured weight within the dimension */
  weight: number;
  /** its share of the index in % after leaving out what has no value */
  effectiveWeight: number | null;
  /** points it adds to the index (effectiveWeight × score / 100) */
  contribution: number | null;
}

export interface DimensionResult { key: string; name: string; weight: number; score: number | null; contribution: number | null }

export interface RegionIndex {
  regionCode: string;
  regionName: string;
  level: 'city' | 'district';
  total: number | null;
  rank: number | null;
  dimensions: DimensionResult[];
  indicators: IndicatorResult[];
}

export interface WeakPoint { regionCode: string; regionName: string; indicatorKey: string; indicatorName: string; dimensionName: string; score: number }

export interface CityIndexResult {
  year: number;
  period: { from: string; to: string };
  treeIsDefault: boolean;
  regions: RegionIndex[];
  weakPoints: WeakPoint[];
}

export interface EntryRow { regionCode: string; indicatorKey: string; score?: number; note?: string; sampleSize?: number; satisfaction?: number; enteredAt: string }

export interface ImportRowReport { row: number; regionCode: string | null; indicatorKey: string | null; errors: string[] }
