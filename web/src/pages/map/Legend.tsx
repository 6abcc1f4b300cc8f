// 图例 of the business layers that are shown: case lights, heat, grid colouring (with the metric switch), staff,
// alarms, devices and cameras.
import type { ReactNode } from 'react';
import { Card, Segmented } from 'antd';
import type { FeatureCollection } from 'geojson';
import { useI18n, type TKey } from '../../i18n.tsx';
import { COUNT_COLORS, RATE_BREAKS, RATE_COLORS, type GridMetric } from '../../map/gridStats.ts';
import { BUSINESS_GROUPS, CAMERA_COLOR, DEVICE_NORMAL, DEVICE_OFFLINE, LEVEL_COLORS, LIGHT_COLORS, type LayerGroup } from '../../map/layers.ts';

const LIGHT_LABELS: Record<string, TKey> = {
  green: 'mapLightGreen', yellow: 'mapLightYellow', red: 'mapLightRed', none: 'mapLightNone', closed: 'mapLightClosed',
};

function Swatch({ color, round, border, children }: { color: string; round?: boolean; border?: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6, lineHeight: '18px' }}>
      <span style={{ width: 12, height: 12, background: color, borderRadius: round ? 6 : 2, flex: 'none',
        border: border ? `2px solid ${border}` : '1px solid rgba(0,0,0,0.15)' }} />
      <span>{children}</span>
    </div>
  );
}

const LEVEL_LABELS: Record<string, TKey> = { blue: 'mapLevelBlue', yellow: 'mapLevelYellow', orange: 'mapLevelOrange', red: 'mapLevelRed' };

const section = { marginTop: 6, paddingTop: 6, borderTop: '1px solid #f0f0f0' };
const heading = { fontWeight: 600, marginBottom: 2 };

export interface LegendProps {
  visible: LayerGroup[];
  metric: GridMetric;
  onMetric(m: GridMetric): void;
  countBreaks: number[];
  cases?: FeatureCollection & { truncated?: boolean };
  heat?: { total: number; cell: number };
  staff?: FeatureCollection;
  alarms?: FeatureCollection;
  devices?: FeatureCollection;
  cameras?: FeatureCollection;
  periodLabel: string;
}

export default function Legend({ visible, metric, onMetric, countBreaks, cases, heat, staff, alarms, devices, cameras, periodLabel }: LegendProps) {
  const { t } = useI18n();
  const shown = (g: LayerGroup) => visible.includes(g);
  if (!BUSINESS_GROUPS.some(shown)) return null;
  const byState = (state: string) => devices?.features.filter((f) => f.properties?.state === state).length ?? 0;
  const countLabels = countBreaks.map((b, i) => (i + 1 < countBreaks.length
    ? (countBreaks[i + 1] - 1 > b ? `${b}–${countBreaks[i + 1] - 1}` : `${b}`) : `≥ ${b}`));
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const rateLabels = [`< ${pct(RATE_BREAKS[0])}`, ...RATE_BREAKS.slice(0, -1).map((b, i) => `${pct(b)}–${pct(RATE_BREAKS[i + 1])}`),
    `≥ ${pct(RATE_BREAKS[RATE_BREAKS.length - 1])}`];
  let first = true;
  const style = () => { const s = first ? {} : section; first = false; return s; };

  return (
    <Card size="small" title={t('mapLegend')} data-testid="map-legend" style={{ width: 220, fontSize: 12 }}
      styles={{ body: { padding: '6px 12px 8px', maxHeight: 'calc(100vh - 300px)', overflowY: 'auto' } }}>
      {shown('cases') && (
        <div style={style()}>
          <div style={heading}>{t('layer_cases')}</div>
          {LIGHT_COLORS.map(([light, color]) => <Swatch key={light} color={color} round>{t(LIGHT_LABELS[light])}</Swatch>)}
          <Swatch color="#52c41a" border="#820014" round>{t('mapUrgent')}</Swatch>
          {cases && <div style={{ color: '#8c8c8c' }}>{t(cases.truncated ? 'mapCasesTruncated' : 'mapCasesShown', { n: cases.features.length })}</div>}
        </div>
      )}
      {shown('heat') && (
        <div style={style()}>
          <div style={heading}>{t('layer_heat')}</div>
          <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <span>{t('mapHeatLow')}</span>
            <span style={{ flex: 1, height: 10, borderRadius: 2,
              background: 'linear-gradient(to right, rgb(103,169,207), rgb(209,229,240), rgb(253,219,199), rgb(239,138,98), rgb(178,24,43))' }} />
            <span>{t('mapHeatHigh')}</span>
          </div>
          {heat && <div style={{ color: '#8c8c8c' }}>{t('mapHeatTotal', { n: heat.total, cell: Math.round(heat.cell * 100_000) })}</div>}
        </div>
      )}
      {shown('gridStats') && (
        <div style={style()}>
          <div style={heading}>{t('layer_gridStats')}</div>
          <Segmented size="small" block value={metric} onChange={(v) => onMetric(v as GridMetric)} data-testid="grid-metric"
            options={[{ value: 'cases', label: t('mapMetricCases') }, { value: 'onTime', label: t('mapMetricOnTime') }]} style={{ margin: '2px 0 4px' }} />
          {metric === 'cases'
            ? countLabels.map((l, i) => <Swatch key={l} color={COUNT_COLORS[i]}>{l}</Swatch>)
            : rateLabels.map((l, i) => <Swatch key={l} color={RATE_COLORS[i]}>{l}</Swatch>)}
          <Swatch color="transparent">{t('mapNoData')}</Swatch>
          <div style={{ color: '#8c8c8c' }}>{t('mapGridStatsPeriod', { period: periodLabel })}</div>
        </div>
      )}
      {shown('staff') && (
        <div style={style()}>
          <div style={heading}>{t('layer_staff')}</div>
          <Swatch color="#2f54eb" round>{t('mapStaffFresh')}</Swatch>
          <Swatch color="#8c8c8c" round>{t('mapStaffStale')}</Swatch>
          {staff && <div style={{ color: '#8c8c8c' }}>{t('mapStaffCount', { n: staff.features.length })}</div>}
        </div>
      )}
      {shown('alarms') && (
        <div style={style()}>
          <div style={heading}>{t('layer_alarms')}</div>
          {LEVEL_COLORS.map(([level, color]) => <Swatch key={level} color={color} round>{t(LEVEL_LABELS[level])}</Swatch>)}
          {alarms && <div style={{ color: '#8c8c8c' }} data-testid="legend-alarms">{t('mapAlarmCount', { n: alarms.features.length })}</div>}
        </div>
      )}
      {shown('devices') && (
        <div style={style()}>
          <div style={heading}>{t('layer_devices')}</div>
          <Swatch color={DEVICE_NORMAL} round>{t('mapDeviceNormal')}</Swatch>
          <Swatch color={LEVEL_COLORS[3][1]} round>{t('mapDeviceAlarmLegend')}</Swatch>
          <Swatch color={DEVICE_OFFLINE} border="#434343" round>{t('mapDeviceOffline')}</Swatch>
          {devices && <div style={{ color: '#8c8c8c' }} data-testid="legend-devices">
            {t('mapDeviceCount', { n: devices.features.length, alarm: byState('alarm'), offline: byState('offline') })}</div>}
        </div>
      )}
      {shown('cameras') && (
        <div style={style()}>
          <div style={heading}>{t('layer_cameras')}</div>
          <Swatch color={CAMERA_COLOR} round>{t('mapCameraOn')}</Swatch>
          <Swatch color={DEVICE_OFFLINE} round>{t('mapCameraOff')}</Swatch>
          {cameras && <div style={{ color: '#8c8c8c' }}>{t('mapCameraCount', { n: cameras.features.length })}</div>}
        </div>
      )}
    </Card>
  );
}
