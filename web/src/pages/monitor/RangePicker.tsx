// The history charts' time range: 6 h / 24 h / 7 d / 30 d back from now, or a custom range.
import { DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n.tsx';

const PRESETS = { '6h': 6, '24h': 24, '7d': 24 * 7, '30d': 24 * 30 } as const;
export type TimeRange = { preset: keyof typeof PRESETS } | { preset: 'custom'; from: string; to: string };

export function rangeOf(range: TimeRange, now: number): { from: string; to: string } {
  if (range.preset === 'custom') return { from: range.from, to: range.to };
  return { from: new Date(now - PRESETS[range.preset] * 3_600_000).toISOString(), to: new Date(now).toISOString() };
}

export default function RangePicker({ value, onChange }: { value: TimeRange; onChange(range: TimeRange): void }) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Segmented value={value.preset} data-testid="range-preset" onChange={(p) => {
        if (p === 'custom') onChange({ preset: 'custom', from: dayjs().subtract(1, 'day').toISOString(), to: dayjs().toISOString() });
        else onChange({ preset: p as keyof typeof PRESETS });
      }} options={[{ value: '6h', label: t('monRange6h') }, { value: '24h', label: t('monRange24h') }, { value: '7d', label: t('monRange7d') },
        { value: '30d', label: t('monRange30d') }, { value: 'custom', label: t('monRangeCustom') }]} />
      {value.preset === 'custom' && (
        <DatePicker.RangePicker showTime allowClear={false} value={[dayjs(value.from), dayjs(value.to)]}
          onChange={(v) => { if (v?.[0] && v[1]) onChange({ preset: 'custom', from: v[0].toISOString(), to: v[1].toISOString() }); }} />
      )}
    </Space>
  );
}
