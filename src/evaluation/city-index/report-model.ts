// The 自评报告 (yearly self-evaluation report) of the 城市管理指数 as text and tables, rendered alike into DOCX and
// PDF: the totals, the dimension scores of every region, the city's indicator table, the district ranking and the
// weak points. Pure.
import type { CityIndexResult, IndicatorResult } from './views.ts';

export interface ReportTable { title: string; header: string[]; rows: string[][]; widths: number[] }

export interface ReportModel {
  title: string;
  subtitle: string;
  summary: string[];
  dimensionTable: ReportTable;
  /** the city's dimension scores and the districts' average, for the chart */
  dimensionChart: { labels: string[]; city: number[]; districtMean: number[] };
  ranking: { label: string; value: number }[];
  indicatorTable: ReportTable;
  rankingTable: ReportTable;
  weakPoints: string[];
}

const SOURCE_NAMES: Record<IndicatorResult['sourceKind'], string> = { platform: '平台数据', inspection: '实地考察', questionnaire: '问卷调查' };
const num = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits));

export function reportModel(r: CityIndexResult, cityName: string, generatedAt: string): ReportModel {
  const head = r.regions[0];
  const districts = r.regions.filter((x) => x.level === 'district');
  const ranked = districts.filter((d) => d.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const dims = head?.dimensions ?? [];
  const mean = (k: number) => {
    const vs = districts.map((d) => d.dimensions[k]?.score).filter((v): v is number => v !== null && v !== undefined);
    return vs.length ? Math.round((vs.reduce((a, b) => a + b, 0) / vs.length) * 10) / 10 : 0;
  };
  const summary = [
    head ? `${r.year}年${head.regionName}城市管理指数为 ${num(head.total)} 分。` +
      `五个维度中，${dims.map((d) => `${d.name} ${num(d.score)} 分`).join('，')}。` : `${r.year}年无可评价的区域。`,
    ranked.length ? `参评的 ${districts.length} 个区中，${ranked[0].regionName}以 ${num(ranked[0].total)} 分居首，` +
      `${ranked[ranked.length - 1].regionName}为 ${num(ranked[ranked.length - 1].total)} 分。` : '各区尚无可排名的指数。',
    `指数由平台数据（案件密度、处置与结案等比率，取自综合评价的年度统计）、实地考察得分和问卷调查满意度按指标体系加权计算；` +
      `缺少数据的指标不参与计分，其权重按比例分给同维度的其他指标。评价期间 ${r.period.from} 至 ${r.period.to}` +
      `${r.treeIsDefault ? '，采用系统默认指标体系' : '，采用本年度设置的指标体系'}。`,
  ];
  const indicators = head?.indicators ?? [];
  const dimName = new Map(dims.map((d) => [d.key, d.name]));
  return {
    title: `${cityName}${r.year}年度城市管理指数自评报告`,
    subtitle: `评价期间：${r.period.from} 至 ${r.period.to}　生成时间：${generatedAt}`,
    summary,
    dimensionTable: {
      title: '维度得分',
      header: ['维度', '权重', ...r.regions.map((x) => x.regionName)],
      rows: [
        ...dims.map((d, k) => [d.name, `${d.weight}%`, ...r.regions.map((x) => num(x.dimensions[k]?.score ?? null))]),
        ['城市管理指数', '100%', ...r.regions.map((x) => num(x.total))],
      ],
      widths: [1.6, 0.9, ...r.regions.map(() => 1)],
    },
    dimensionChart: { labels: dims.map((d) => d.name), city: dims.map((d) => d.score ?? 0), districtMean: dims.map((_, k) => mean(k)) },
    ranking: ranked.map((d) => ({ label: d.regionName, value: d.total! })),
    indicatorTable: {
      title: `${head?.regionName ?? ''}指标明细`,
      header: ['维度', '指标', '来源', '原始值', '得分', '权重', '贡献'],
      rows: indicators.map((i) => [dimName.get(i.dimensionKey) ?? '', i.name, SOURCE_NAMES[i.sourceKind],
        i.raw === null ? '—' : `${num(i.raw, 2)} ${i.unit}`, num(i.score), `${i.weight}%`, num(i.contribution, 2)]),
      widths: [0.8, 2.6, 0.9, 1.3, 0.7, 0.7, 0.7],
    },
    rankingTable: {
      title: '各区排名',
      header: ['排名', '区', '指数', ...dims.map((d) => d.name)],
      rows: [...ranked, ...districts.filter((d) => d.rank === null)].map((d) => [d.rank === null ? '—' : String(d.rank), d.regionName,
        num(d.total), ...d.dimensions.map((x) => num(x.score))]),
      widths: [0.6, 1.2, 0.9, ...dims.map(() => 0.9)],
    },
    weakPoints: r.weakPoints.length
      ? r.weakPoints.map((w) => `${w.regionName}「${w.dimensionName}」维度的“${w.indicatorName}”得分 ${num(w.score)} 分，需重点改进。`)
      : ['尚无可评价的指标。'],
  };
}
