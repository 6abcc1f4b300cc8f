// 评价周期: a period kind and a day in it (or a custom range of days), as the evaluation API takes them.
import { DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n.tsx';
import type { PeriodKindCode } from '../../../../src/evaluation/views.ts';

export interface PeriodValue { period: PeriodKindCode; date: string; from?: string; to?: string }

const PICKER: Record<Exclude<PeriodKindCode, 'custom'>, 'date' | 'week' | 'month' | 'quarter' | 'year'> = {
  day: 'date', week: 'week', month: 'month', quarter: 'quarter', year: 'year',
};

export function defaultPeriod(): PeriodValue {
  return { period: 'month', date: dayjs().subtract(1, 'month').format('YYYY-MM-DD') };
}

export default function PeriodPicker({ value, onChange }: { value: PeriodValue; onChange(v: PeriodValue): void }) {
  const { t } = useI18n();
  const kinds: { value: PeriodKindCode; label: string }[] = [
    { value: 'day', label: t('evaPeriodDay') }, { value: 'week', label: t('evaPeriodWeek') }, { value: 'month', label: t('evaPeriodMonth') },
    { value: 'quarter', label: t('evaPeriodQuarter') }, { value: 'year', label: t('evaPeriodYear') }, { value: 'custom', label: t('evaPeriodCustom') },
  ];
  return (
    <Space wrap data-testid="eva-period">
      <Segmented options={kinds} value={value.period}
        onChange={(k) => onChange(k === 'custom'
          ? { period: 'custom', date: value.date, from: dayjs(value.date).startOf('month').format('YYYY-MM-DD'), to: value.date }
          : { period: k as PeriodKindCode, date: value.date })} />
      {value.period === 'custom' ? (
        <DatePicker.RangePicker allowClear={false} value={[dayjs(value.from), dayjs(value.to)]}
          onChange={(r) => r && r[0] && r[1] && onChange({ ...value, from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })} />
      ) : (
        <DatePicker picker={PICKER[value.period]} allowClear={false} value={dayjs(value.date)} data-testid="eva-date"
          onChange={(d) => d && onChange({ ...value, date: d.format('YYYY-MM-DD') })} />
      )}
    </Space>
  );
}
