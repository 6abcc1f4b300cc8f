// What the analysis pages share: the period and region filter, export buttons and number formats.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { withQuery } from '../../api.ts';
import RegionPicker from '../../components/RegionPicker.tsx';
import { useI18n } from '../../i18n.tsx';

export interface Filter { from: string; to: string; region?: string }

/** The period of the link (?from=&to=, e.g. from a report), or by default last month. */
export function defaultFilter(): Filter {
  const q = new URLSearchParams(window.location.search);
  const from = q.get('from');
  const to = q.get('to');
  if (from && to && dayjs(from).isValid() && dayjs(to).isValid()) return { from, to, region: q.get('region') ?? undefined };
  const last = dayjs().subtract(1, 'month');
  return { from: last.startOf('month').format('YYYY-MM-DD'), to: last.endOf('month').format('YYYY-MM-DD') };
}

export function FilterBar({ value, onChange, extra }: { value: Filter; onChange: (f: Filter) => void; extra?: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <span>{t('anaPeriod')}</span>
      <DatePicker.RangePicker allowClear={false} value={[dayjs(value.from), dayjs(value.to)]} data-testid="ana-range"
        onChange={(r) => { if (r?.[0] && r[1]) onChange({ ...value, from: (r[0] as Dayjs).format('YYYY-MM-DD'), to: (r[1] as Dayjs).format('YYYY-MM-DD') }); }} />
      <span>{t('anaRegion')}</span>
      <RegionPicker value={value.region} onChange={(region) => onChange({ ...value, region })} style={{ width: 220 }} />
      {extra}
    </Space>
  );
}

/** Download buttons for a table's export (GET /api/analysis/<table>/export with the page's query). */
export function ExportButtons({ table, query, size }: { table: string; query: Record<string, string | number | undefined>; size?: 'small' }) {
  const { t } = useI18n();
  const url = (format: 'xlsx' | 'csv') => withQuery(`/api/analysis/${table}/export`, { ...query, format });
  return (
    <Space size={4}>
      <Button size={size} icon={<DownloadOutlined />} href={url('xlsx')} data-testid={`ana-export-${table}-xlsx`}>{t('anaExportXlsx')}</Button>
      <Button size={size} icon={<DownloadOutlined />} href={url('csv')} data-testid={`ana-export-${table}-csv`}>{t('anaExportCsv')}</Button>
    </Space>
  );
}

export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);
export const signedPct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
export const changeColor = (x: number | null | undefined) => (x === null || x === undefined || x === 0 ? undefined : x > 0 ? '#cf1322' : '#389e0d');
