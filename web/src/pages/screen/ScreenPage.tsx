// 大屏: the command hall's 1920×1080 screen, scaled to fit the window. Today's numbers, 按期处置率 and 结案率, top
// types, the district ranking, trends, sources, the live case feed and the map of open cases; ?date=YYYY-MM-DD shows
// a past day. Live: refreshed when cases change (see useScreenData).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { useI18n, type T, type TKey } from '../../i18n.tsx';
import type { Flow, LightCode, ScreenSummary } from '../../../../src/screen/views.ts';
import EChart from './EChart.tsx';
import Feed from './Feed.tsx';
import Header from './Header.tsx';
import ScreenMap from './ScreenMap.tsx';
import { COLORS, dayTrend, monthTrend, rankingBar, rateRing, sourcesPie, topTypesBar } from './charts.ts';
import { MAP_LIMIT, useScreenData } from './useScreenData.ts';
import './screen.css';

const WIDTH = 1920;
const HEIGHT = 1080;

/** The scale that fits the 1920×1080 canvas in the window. */
function useFitScale(): number {
  const fit = () => Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT);
  const [scale, setScale] = useState(fit);
  useEffect(() => {
    const onResize = () => setScale(fit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

function Panel({ title, extra, className, children, testId }: {
  title: string; extra?: ReactNode; className?: string; children: ReactNode; testId?: string;
}) {
  return (
    <section className={`scr-panel ${className ?? ''}`} data-testid={testId}>
      <div className="scr-panel-title"><span>{title}</span>{extra && <span className="scr-panel-extra">{extra}</span>}</div>
      <div className="scr-panel-body">{children}</div>
    </section>
  );
}

const FLOW: [keyof Flow, TKey][] = [
  ['reported', 'screenReported'], ['filed', 'screenFiled'], ['dispatched', 'screenDispatched'], ['handled', 'screenHandled'],
  ['closed', 'screenClosed'],
];

function BigNumbers({ s }: { s: ScreenSummary }) {
  const { t } = useI18n();
  return (
    <div className="scr-numbers">
      {FLOW.map(([key, label]) => (
        <div className="scr-number" key={key} data-testid={`screen-day-${key}`}>
          <div className="scr-number-label">{t(label)}</div>
          <div className="scr-number-value">{s.day[key].toLocaleString('zh-CN')}</div>
          <div className="scr-number-month">{t('screenMonthSmall', { n: s.monthTotals[key].toLocaleString('zh-CN') })}</div>
        </div>
      ))}
    </div>
  );
}

const LIGHTS: [LightCode, TKey, string][] = [
  ['red', 'screenLightRed', COLORS.red], ['yellow', 'screenLightYellow', COLORS.yellow], ['green', 'screenLightGreen', COLORS.green],
  ['paused', 'screenLightPaused', COLORS.grey],
];

function LightLegend({ s, shown }: { s: ScreenSummary; shown: number }) {
  const { t } = useI18n();
  const total = LIGHTS.reduce((n, [l]) => n + s.lights[l], 0);
  return (
    <div className="scr-lights" data-testid="screen-lights">
      <div className="scr-lights-total">{t('screenOpenTotal', { n: total.toLocaleString('zh-CN') })}</div>
      {LIGHTS.map(([light, label, color]) => (
        <div key={light} className="scr-light">
          <i style={{ background: color }} />{t(label)}<b>{s.lights[light].toLocaleString('zh-CN')}</b>
        </div>
      ))}
      {shown >= MAP_LIMIT && shown < total && <div className="scr-lights-note">{t('screenMapLimited', { n: shown.toLocaleString('zh-CN') })}</div>}
    </div>
  );
}

/** The four rings: 按期处置率 and 结案率, for the day and the month. */
function rateOptions(s: ScreenSummary, t: T) {
  return [
    rateRing(t('screenDayShort'), s.rates.day.onTimeHandling, COLORS.cyan, t),
    rateRing(t('screenMonthShort'), s.rates.month.onTimeHandling, COLORS.cyan, t),
    rateRing(t('screenDayShort'), s.rates.day.closure, COLORS.gold, t),
    rateRing(t('screenMonthShort'), s.rates.month.closure, COLORS.gold, t),
  ];
}

export default function ScreenPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const date = params.get('date') ?? undefined;
  const scale = useFitScale();
  const { can } = useAuth();
  const data = useScreenData(date);
  const s = data.summary;

  const options = useMemo(() => s && {
    rates: rateOptions(s, t),
    topTypes: topTypesBar(s), ranking: rankingBar(s.districts, t), days: dayTrend(s, t), months: monthTrend(s, t), sources: sourcesPie(s),
  }, [s, t]);

  return (
    <div className="scr-viewport">
      <div className="scr-canvas" style={{ transform: `translate(-50%, -50%) scale(${scale})` }} data-testid="screen">
        <Header date={s?.date} today={s?.today ?? true} live={data.live} updatedAt={data.updatedAt} />
        {data.error && <div className="scr-error" data-testid="screen-error">{t('screenLoadFailed', { message: data.error })}</div>}
        {s && options && (
          <main className="scr-body">
            <div className="scr-col">
              <Panel title={s.today ? t('screenToday') : t('screenTodayOf', { date: s.date })} className="scr-h-numbers" testId="screen-numbers">
                <BigNumbers s={s} />
              </Panel>
              <Panel title={t('screenRates')} className="scr-h-rates">
                <div className="scr-rates">
                  <div className="scr-rates-label">{t('screenOnTimeHandling')}</div>
                  <div className="scr-rates-label">{t('screenClosure')}</div>
                  {options.rates.map((o, i) => <div key={i} className="scr-ring"><EChart option={o} testId={`screen-rate-${i}`} /></div>)}
                </div>
              </Panel>
              <Panel title={t('screenTopTypes')} className="scr-h-types">
                {s.topTypes.length ? <EChart option={options.topTypes} testId="screen-top-types" /> : <div className="scr-empty">{t('screenNoData')}</div>}
              </Panel>
            </div>
            <div className="scr-col scr-col-center">
              <Panel title={t('screenMap')} className="scr-h-map" extra={<LightLegend s={s} shown={data.cases?.features.length ?? 0} />}>
                <ScreenMap cases={data.cases} alarms={!!s.today && can('monitor.read')} />
              </Panel>
              <div className="scr-row scr-h-trends">
                <Panel title={t('screenTrend30')}><EChart option={options.days} testId="screen-trend-days" /></Panel>
                <Panel title={t('screenTrend12')}><EChart option={options.months} testId="screen-trend-months" /></Panel>
              </div>
            </div>
            <div className="scr-col">
              <Panel title={t('screenRanking')} className="scr-h-ranking">
                {s.districts.length ? <EChart option={options.ranking} testId="screen-ranking" /> : <div className="scr-empty">{t('screenNoData')}</div>}
              </Panel>
              <Panel title={t('screenSources')} className="scr-h-sources">
                {s.sources.length ? <EChart option={options.sources} testId="screen-sources" /> : <div className="scr-empty">{t('screenNoData')}</div>}
              </Panel>
              <Panel title={t('screenFeed')} className="scr-h-feed">
                <Feed items={data.feed ?? []} showDate={!s.today} />
              </Panel>
            </div>
          </main>
        )}
      </div>
    </div>
  );
}
