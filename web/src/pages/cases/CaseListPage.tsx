// 案件列表: filters (work queue, stage, type, source, region, department, reported between, overdue, urgent) and a
// text search, all in the URL query string so links from the home page and reloads keep them; server-side paging;
// CSV export of the current filter; refreshed (debounced) when the SSE stream reports changed cases.
import { useMemo } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tooltip, Typography, Alert } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { loadCatalog } from '../../catalog.ts';
import RegionPicker from '../../components/RegionPicker.tsx';
import { chinaTime, formatTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Department } from '../../types.ts';
import type { CaseListItem, CaseListPage, CaseSourceCode, CaseStage, WorkQueue } from '../../../../src/command/views.ts';
import { CaseFlags, LightDot, sourceLabel, stageLabel, StageTag, timeToDeadline, useCaseStream } from './caseUi.tsx';

const QUEUES: WorkQueue[] = ['to_accept', 'to_verify', 'to_file', 'to_dispatch', 'handling', 'to_check', 'to_close', 'supervised', 'overdue'];
const STAGES: CaseStage[] = ['reported', 'verifying', 'to_file', 'to_dispatch', 'to_dispatch_2', 'handling', 'return_review',
  'extension_review', 'suspend_review', 'suspended', 'to_check', 'checking', 'to_close', 'self_review', 'closed', 'voided', 'rejected', 'merged'];
const SOURCES: CaseSourceCode[] = ['collector', 'public', 'hotline', 'video_ai', 'iot', 'patrol', 'leader', 'media'];
/** Query-string keys that are filters (the rest: page, pageSize). */
const FILTER_KEYS = ['queue', 'stage', 'kind', 'type', 'source', 'region', 'department', 'from', 'to', 'overdue', 'urgent', 'q'] as const;

interface FormValues {
  queue?: string; stage?: string[]; type?: string; source?: string; region?: string; department?: number;
  range?: [Dayjs | null, Dayjs | null] | null; overdue?: string; urgent?: string; q?: string;
}

/** The filters in the URL as the API's query (stage repeats). */
function apiQuery(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const v of params.getAll(key)) if (v) out.append(key, v);
  return out;
}

function toForm(params: URLSearchParams): FormValues {
  const from = params.get('from');
  const to = params.get('to');
  const kind = params.get('kind');
  const type = params.get('type');
  return {
    queue: params.get('queue') ?? undefined, stage: params.getAll('stage'), source: params.get('source') ?? undefined,
    type: kind && type ? `${kind}:${type}` : undefined, region: params.get('region') ?? undefined,
    department: params.get('department') ? Number(params.get('department')) : undefined,
    range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to).subtract(1, 'day') : null] : null,
    overdue: params.get('overdue') ?? undefined, urgent: params.get('urgent') ?? undefined, q: params.get('q') ?? undefined,
  };
}

function fromForm(v: FormValues, pageSize: string | null): URLSearchParams {
  const out = new URLSearchParams();
  const set = (key: string, value: string | number | undefined | null) => { if (value !== undefined && value !== null && value !== '') out.set(key, String(value)); };
  set('queue', v.queue);
  for (const s of v.stage ?? []) out.append('stage', s);
  if (v.type) { const [kind, code] = v.type.split(':'); set('kind', kind); set('type', code); }
  set('source', v.source);
  set('region', v.region);
  set('department', v.department);
  if (v.range?.[0]) set('from', v.range[0].startOf('day').toISOString());
  if (v.range?.[1]) set('to', v.range[1].add(1, 'day').startOf('day').toISOString());
  set('overdue', v.overdue);
  set('urgent', v.urgent);
  set('q', v.q?.trim());
  set('pageSize', pageSize);
  return out;
}

async function loadTypeOptions() {
  const [components, matters] = await Promise.all([loadCatalog('component'), loadCatalog('matter')]);
  return [...components, ...matters];
}

export default function CaseListPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const filterQuery = apiQuery(params).toString();
  const list = useLoad(() => api.get<CaseListPage>(`/api/cases?${filterQuery}`, { page, pageSize }), [filterQuery, page, pageSize]);
  useCaseStream(list.reload, 1000);
  const types = useLoad(loadTypeOptions, []);
  const departments = useLoad(() => api.get<Department[]>('/api/departments'), []);
  const initial = useMemo(() => toForm(params), [params]);

  const typeOptions = useMemo(() => (['component', 'matter'] as const).map((kind) => ({
    label: t(`kind_${kind}`),
    options: (types.data ?? []).filter((x) => x.kind === kind).map((x) => ({ value: `${kind}:${x.code}`, label: `${x.code} ${x.name}` })),
  })), [types.data, t]);

  const apply = (v: FormValues) => setParams(fromForm(v, params.get('pageSize')));
  const reset = () => { form.resetFields(); setParams(new URLSearchParams()); };
  const setPage = (p: number, size: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(size !== pageSize ? 1 : p));
    next.set('pageSize', String(size));
    setParams(next);
  };
  const yesNo = [{ value: 'true', label: t('cc_onlyYes') }, { value: 'false', label: t('cc_onlyNo') }];
  const now = Date.now();

  return (
    <Card title={t('menuCases')} extra={
      <Space>
        <a href={`/api/cases/export.xlsx?${filterQuery}`} download data-testid="case-export-xlsx">
          <Button icon={<DownloadOutlined />}>{t('cc_exportXlsx')}</Button>
        </a>
        <a href={`/api/cases/export.csv?${filterQuery}`} download data-testid="case-export">
          <Button icon={<DownloadOutlined />}>{t('cc_export')}</Button>
        </a>
      </Space>}>
      <Form form={form} layout="inline" initialValues={initial} key={params.toString()} onFinish={apply}
        style={{ marginBottom: 16, rowGap: 8 }} data-testid="case-filters">
        <Form.Item name="q"><Input.Search allowClear placeholder={t('cc_searchText')} style={{ width: 260 }}
          onSearch={() => form.submit()} data-testid="case-search" /></Form.Item>
        <Form.Item name="queue" label={t('cc_queue')}>
          <Select allowClear style={{ width: 120 }} options={QUEUES.map((q) => ({ value: q, label: t(`cc_queue_${q}`) }))}
            data-testid="filter-queue" />
        </Form.Item>
        <Form.Item name="stage" label={t('cc_stage')}>
          <Select mode="multiple" allowClear maxTagCount="responsive" style={{ width: 220 }}
            options={STAGES.map((s) => ({ value: s, label: stageLabel(t, s) }))} />
        </Form.Item>
        <Form.Item name="type" label={t('cc_type')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('cc_typeSearch')} options={typeOptions}
            loading={types.loading} style={{ width: 220 }} popupMatchSelectWidth={false} />
        </Form.Item>
        <Form.Item name="source" label={t('cc_source')}>
          <Select allowClear style={{ width: 130 }} options={SOURCES.map((s) => ({ value: s, label: sourceLabel(t, s) }))} />
        </Form.Item>
        <Form.Item name="region" label={t('cc_region')}><RegionPicker style={{ width: 200 }} /></Form.Item>
        <Form.Item name="department" label={t('cc_department')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} popupMatchSelectWidth={false}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} loading={departments.loading} />
        </Form.Item>
        <Form.Item name="range" label={t('cc_createdRange')}><DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 250 }} /></Form.Item>
        <Form.Item name="overdue" label={t('cc_overdue')}><Select allowClear style={{ width: 80 }} options={yesNo} /></Form.Item>
        <Form.Item name="urgent" label={t('cc_urgent')}><Select allowClear style={{ width: 80 }} options={yesNo} /></Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="case-filter-submit">{t('search')}</Button>
            <Button onClick={reset}>{t('reset')}</Button>
          </Space>
        </Form.Item>
      </Form>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<CaseListItem>
        size="middle" rowKey="id" data-testid="case-table" loading={list.loading}
        dataSource={list.data?.items ?? []} scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => (list.data?.totalCapped ? t('cc_totalCapped', { n: n.toLocaleString() }) : t('total', { n })), onChange: setPage }}
        columns={[
          { title: t('cc_light'), dataIndex: 'light', width: 56, align: 'center', render: (_, c) => <LightDot light={c.light} /> },
          { title: t('cc_caseNo'), dataIndex: 'caseNo', width: 170, render: (no: string, c) => <Link to={`/cases/${c.id}`}>{no}</Link> },
          { title: t('cc_stage'), dataIndex: 'stage', width: 170, render: (_, c) => (
            <Space size={4} wrap><StageTag stage={c.stage} name={c.stageName} /><CaseFlags c={c} /></Space>) },
          { title: `${t('cc_type')} / ${t('cc_description')}`, dataIndex: 'description', ellipsis: { showTitle: false }, render: (d: string, c) => (
            <Tooltip title={`${c.typeName}：${d}（${c.address}）`}>
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Typography.Text ellipsis><Typography.Text strong>{c.typeName}</Typography.Text>　{d}</Typography.Text>
                <Typography.Text ellipsis type="secondary" style={{ fontSize: 12 }}>{c.address}</Typography.Text>
              </Space>
            </Tooltip>) },
          { title: t('cc_source'), dataIndex: 'source', width: 96, render: (s: string, c) => sourceLabel(t, s, c.sourceName) },
          { title: t('cc_leadDepartment'), dataIndex: 'leadDepartmentName', width: 150, ellipsis: true, render: (n: string | null) => n ?? '-' },
          { title: t('cc_deadline'), dataIndex: 'deadline', width: 120, render: (d: string | null) => {
            if (!d) return '-';
            const left = timeToDeadline(t, d, now);
            return (
              <Space orientation="vertical" size={0}>
                <span>{chinaTime(d, 'short')}</span>
                <Typography.Text type={left.late ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{left.text}</Typography.Text>
              </Space>
            );
          } },
          { title: t('cc_createdAt'), dataIndex: 'createdAt', width: 110, render: (d: string) => chinaTime(d, 'short') },
        ]}
      />
    </Card>
  );
}
