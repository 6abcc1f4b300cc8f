// 时间轴: live, or a range of days over the past year that the case layers (points, heat, grid colouring) show.
import { useState } from 'react';
import { Button, Segmented, Slider, Space } from 'antd';
import { useI18n } from '../../i18n.tsx';
import { dayStart, daysPeriod, LIVE, periodDays, ymd, type MapPeriod } from '../../map/period.ts';

const YEAR_DAYS = 365;

export default function TimeBar({ period, onChange }: { period: MapPeriod; onChange(p: MapPeriod): void }) {
  const { t } = useI18n();
  // days back from today, [first, last]; the slider runs from -365 (a year ago) to 0 (today)
  const [days, setDays] = useState<[number, number]>(() => periodDays(period) ?? [6, 0]);
  const choose = (first: number, last: number) => {
    setDays([first, last]);
    onChange(daysPeriod(first, last));
  };
  const label = (first: number, last: number) => first === last
    ? t('mapPeriodDay', { from: ymd(dayStart(first)) })
    : t('mapPeriodDays', { from: ymd(dayStart(first)), to: ymd(dayStart(last)), n: first - last + 1 });
  const marks = Object.fromEntries([-365, -270, -180, -90, 0].map((v) => [v, {
    style: { whiteSpace: 'nowrap' as const, fontSize: 11 }, label: v === 0 ? t('mapPeriodToday') : ymd(dayStart(-v)).slice(v === -365 ? 2 : 5) }]));

  return (
    <div data-testid="time-bar" style={{ background: '#fff', borderRadius: 8, boxShadow: '0 2px 8px rgba(0,0,0,0.15)',
      padding: '8px 16px 4px', display: 'flex', alignItems: 'center', gap: 16, width: 760, maxWidth: 'calc(100vw - 420px)' }}>
      <Segmented size="small" value={period.mode} data-testid="time-mode"
        options={[{ value: 'live', label: t('mapLive') }, { value: 'history', label: t('mapHistory') }]}
        onChange={(v) => (v === 'live' ? onChange(LIVE) : choose(days[0], days[1]))} />
      {period.mode === 'live' ? (
        <span style={{ color: '#595959', fontSize: 12, padding: '6px 0' }}>{t('mapLiveHint')}</span>
      ) : (
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', fontSize: 12 }}>
            <span data-testid="time-label" style={{ fontWeight: 500 }}>{label(days[0], days[1])}</span>
            <Space size={4}>
              <Button size="small" type="link" onClick={() => choose(0, 0)}>{t('mapPeriodToday')}</Button>
              <Button size="small" type="link" onClick={() => choose(6, 0)}>{t('mapPeriodWeek')}</Button>
              <Button size="small" type="link" onClick={() => choose(29, 0)}>{t('mapPeriodMonth')}</Button>
            </Space>
          </div>
          <Slider range min={-YEAR_DAYS} max={0} step={1} marks={marks} value={[-days[0], -days[1]]} data-testid="time-slider"
            tooltip={{ formatter: (v) => (v === undefined ? '' : ymd(dayStart(-v))) }}
            onChange={(v) => setDays([-v[0], -v[1]])}
            onChangeComplete={(v) => choose(-v[0], -v[1])} style={{ margin: '4px 24px 18px' }} />
        </div>
      )}
    </div>
  );
}
