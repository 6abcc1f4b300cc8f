// 12345 热线对接: statistics (当即办理, 转办, 办结, 按时办结, feedback states), the work orders with their feedback
// attempts (a failed feedback can be sent again) and the callback settings (docs/hotline.md).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import PagedTable from '../../components/PagedTable.tsx';
import { useLoad, usePagedList } from '../../hooks.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import { PERM } from '../../permissions.ts';
import { chinaTime } from '../../format.ts';
import type { CallbackAttempt, CallbackStatusCode, HotlineOrderView, HotlineSettings, HotlineStats } from '../../../../src/exchange/hotline/views.ts';

const STATUS: Record<CallbackStatusCode, [TKey, string]> = {
  none: ['hlStatusNone', 'default'], pending: ['hlStatusPending', 'processing'], sent: ['hlStatusSent', 'success'], failed: ['hlStatusFailed', 'error'],
};
const time = (iso: string | null) => chinaTime(iso, 'minute', '—');

function StatsCard() {
  const { t } = useI18n();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')]);
  const stats = useLoad(() => api.get<HotlineStats>('/api/hotline/stats', { from: range[0].toISOString(), to: range[1].toISOString() }),
    [range[0].valueOf(), range[1].valueOf()]);
  const s = stats.data;
  const items: [TKey, number | string | undefined][] = [
    ['hlReceived', s?.received], ['hlImmediate', s?.immediate], ['hlTransfer', s?.transfer], ['hlFinished', s?.finished],
    ['hlOnTime', s?.onTime], ['hlOnTimeRate', s ? (s.onTimeRate === null ? '—' : `${s.onTimeRate}%`) : undefined],
    ['hlCallbacksSent', s?.callbacks.sent], ['hlCallbacksPending', s?.callbacks.pending], ['hlCallbacksFailed', s?.callbacks.failed],
  ];
  return (
    <Card title={t('hlStats')} extra={<Space><span>{t('hlPeriod')}</span>
      <DatePicker.RangePicker allowClear={false} value={range}
        onChange={(v) => v?.[0] && v[1] && setRange([v[0].startOf('day'), v[1].endOf('day')])} /></Space>}>
      {stats.error && <Alert type="error" showIcon title={stats.error} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]} data-testid="hotline-stats">
        {items.map(([label, value]) => (
          <Col key={label} xs={12} sm={8} lg={4}><Statistic title={t(label)} value={value ?? '—'} loading={stats.loading && !s} /></Col>
        ))}
      </Row>
    </Card>
  );
}

function Attempts({ order }: { order: HotlineOrderView }) {
  const { t } = useI18n();
  const attempts = useLoad(() => api.get<CallbackAttempt[]>(`/api/hotline/orders/${order.id}/callbacks`), [order.id, order.attempts, order.callbackStatus]);
  if (attempts.error) return <Alert type="error" showIcon title={attempts.error} />;
  return (
    <Table<CallbackAttempt> size="small" rowKey="attempt" tableLayout="fixed" loading={attempts.loading} dataSource={attempts.data ?? []} pagination={false}
      locale={{ emptyText: t('hlNoAttempts') }} data-testid={`hotline-attempts-${order.id}`}
      columns={[
        { title: t('hlAttempt'), dataIndex: 'attempt', width: 80 },
        { title: t('hlAttemptAt'), dataIndex: 'at', render: time, width: 150 },
        { title: 'URL', dataIndex: 'url', ellipsis: true, width: 320 },
        { title: t('hlHttpStatus'), dataIndex: 'statusCode', width: 100, render: (v: number | null) => v ?? '—' },
        { title: t('hlResult'), dataIndex: 'ok', width: 80, render: (ok: boolean, a) => (a.sending
          ? <Tag color="processing">{t('hlStatusPending')}</Tag> : <Tag color={ok ? 'success' : 'error'}>{ok ? t('hlOk') : t('hlError')}</Tag>) },
        { title: t('hlError'), dataIndex: 'error', render: (v: string | null) => v ?? '' },
      ]} />
  );
}

function OrdersCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const list = usePagedList<HotlineOrderView, Record<string, never>>('/api/hotline/orders', {}, 20);
  const resend = async (order: HotlineOrderView) => {
    try {
      await api.post(`/api/hotline/orders/${order.id}/resend`);
      message.success(t('hlResent'));
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Card title={t('hlOrders')} style={{ marginTop: 16 }}>
      <PagedTable<HotlineOrderView> list={list} rowKey="id" scroll={{ x: 1300 }} data-testid="hotline-orders"
        expandable={{ expandedRowRender: (order) => <Attempts order={order} /> }}
        columns={[
          { title: t('hlOrderId'), dataIndex: 'orderId' },
          { title: t('hlMode'), dataIndex: 'mode', render: (m: HotlineOrderView['mode']) => <Tag color={m === 'transfer' ? 'blue' : 'default'}>{t(m === 'transfer' ? 'hlTransfer' : 'hlImmediate')}</Tag> },
          { title: t('hlCase'), dataIndex: 'caseNo', render: (no: string | null) => (no ? <Link to={`/cases/${no}`}>{no}</Link> : '—') },
          { title: t('hlCaller'), render: (_, o) => [o.callerName, o.callerPhone].filter(Boolean).join(' ') || '—' },
          { title: t('hlContent'), dataIndex: 'content', ellipsis: true, width: 260 },
          { title: t('hlReceivedAt'), dataIndex: 'receivedAt', render: time },
          { title: t('hlDueAt'), dataIndex: 'dueAt', render: time },
          { title: t('hlCallback'), render: (_, o) => (
            <Space size={4} wrap>
              <Tag color={STATUS[o.callbackStatus][1]} data-testid={`hotline-status-${o.id}`}>{t(STATUS[o.callbackStatus][0])}</Tag>
              {o.attempts > 0 && <Typography.Text type="secondary">{t('hlAttempts', { n: o.attempts })}</Typography.Text>}
              {o.lastError && o.callbackStatus !== 'sent' && <Typography.Text type="danger" ellipsis style={{ maxWidth: 200 }}>{o.lastError}</Typography.Text>}
            </Space>
          ) },
          { title: '', render: (_, o) => o.callbackStatus === 'failed' && can(PERM.caseSettings) && (
            <Button size="small" onClick={() => void resend(o)} data-testid={`hotline-resend-${o.id}`}>{t('hlResend')}</Button>
          ) },
        ]} />
    </Card>
  );
}

function SettingsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<HotlineSettings>();
  const current = useLoad(() => api.get<HotlineSettings>('/api/hotline/settings'), []);
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (current.data) form.setFieldsValue(current.data); }, [current.data, form]);
  const save = async (v: HotlineSettings) => {
    setSaving(true);
    try {
      await api.put('/api/hotline/settings', { callbackUrl: v.callbackUrl?.trim() || null, token: v.token?.trim() || null, maxAttempts: v.maxAttempts });
      message.success(t('hlSaved'));
      current.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('hlSettings')} style={{ marginTop: 16 }}>
      {current.error && <Alert type="error" showIcon title={current.error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => void save(v)} data-testid="hotline-settings">
        <Form.Item name="callbackUrl" label={t('hlCallbackUrl')} extra={t('hlCallbackUrlHint')}
          rules={[{ pattern: /^https?:\/\/\S+$/, message: t('hlCallbackUrlHint') }]}>
          <Input placeholder="https://12345.example.gov.cn/api/feedback" />
        </Form.Item>
        <Form.Item name="token" label={t('hlToken')}><Input.Password autoComplete="new-password" /></Form.Item>
        <Form.Item name="maxAttempts" label={t('hlMaxAttempts')} rules={[{ required: true }]}><InputNumber min={1} max={20} precision={0} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>{t('save')}</Button>
      </Form>
    </Card>
  );
}

export default function HotlinePage() {
  const { can } = useAuth();
  return (
    <>
      <StatsCard />
      <OrdersCard />
      {can(PERM.caseSettings) && <SettingsCard />}
    </>
  );
}
