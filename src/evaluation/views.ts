// API types of the evaluation pages (import-free, shared with the web console).

export type EvaluationObjectKind = 'region' | 'department' | 'position';
export type RegionLevelCode = 'district' | 'street' | 'community' | 'grid' | 'responsibility';
export type PositionCode = 'collector' | 'acceptor' | 'shift_leader' | 'dispatcher';
export type PeriodKindCode = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'custom';
export type GradeCode = 'A' | 'B' | 'C' | 'D' | 'E';

export interface PeriodView { kind: PeriodKindCode; from: string; to: string; label: string }

export interface KpiRow {
  key: string;
  name: string;
  /** The district / department / region a row belongs to, for context. */
  context: string | null;
  figures: Record<string, number>;
  rates: Record<string, number | null>;
  score: number | null;
  grade: GradeCode | null;
  rank: number | null;
  parts: { label: string; value: number | null; weight: number }[];
}

export interface KpiTable {
  object: EvaluationObjectKind;
  level: RegionLevelCode | null;
  role: PositionCode | null;
  title: string;
  period: PeriodView;
  figureColumns: { key: string; name: string }[];
  rateColumns: { key: string; name: string; figures: string[] }[];
  rows: KpiRow[];
  /** Stopped clocks not yet in the rollup (0: every figure is exact up to now). */
  pendingClocks: number;
}

export interface DrillItem {
  id: number;
  caseNo: string;
  typeName: string;
  address: string;
  stageName: string;
  districtCode: string;
  createdAt: string;
  closedAt: string | null;
}

export interface DrillPage { figure: string; figureName: string; total: number; items: DrillItem[] }

export interface ScoringStep { upTo: number | null; score: number }
export type ScoringIndicator =
  | { kind: 'rate'; rate: string; invert: boolean; weight: number }
  | { kind: 'count'; weight: number };
export interface ScoringObject { indicators: ScoringIndicator[]; countFigure: string; steps: ScoringStep[] }
export interface ScoringConfigView {
  grades: { A: number; B: number; C: number; D: number };
  objects: Record<'region' | 'department' | PositionCode, ScoringObject>;
}
export interface ScoringState {
  config: ScoringConfigView;
  isDefault: boolean;
  rateNames: Record<string, string>;
  countFigureNames: Record<string, string>;
  objectNames: Record<string, string>;
  updatedAt: string | null;
}
export interface ScoringHistoryItem { id: number; value: ScoringConfigView; changedAt: string; changedBy: number | null; changedByName: string | null }
