// 店招服务 (officer console): the shops' requests for sign guidance with a status filter; a request's detail, the
// appointment (预约上门, may be moved until the visit) and the record of the visit (指导意见 and photos). Phones come
// masked from the server unless the user has pii.read.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Image, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { SignRequestView } from '../../../../src/public/views.ts';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import { PERM } from '../../permissions.ts';
import PhotoUpload from '../cases/PhotoUpload.tsx';
import { chinaTime } from '../../format.ts';

type Status = 'requested' | 'scheduled' | 'visited' | 'cancelled';
const STATUS: Record<Status, [TKey, string]> = {
  requested: ['ptSignRequested', 'orange'], scheduled: ['ptSignScheduled', 'blue'], visited: ['ptSignVisited', 'green'], cancelled: ['ptSignCancelled', 'default'],
};
const time = (iso: string | null) => chinaTime(iso, 'minute', '—');

function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const [label, color] = STATUS[status as Status] ?? [null, 'default'];
  return <Tag color={color} data-testid="ss-status">{label ? t(label) : status}</Tag>;
}

function ScheduleForm({ item, onSaved }: { item: SignRequestView; onSaved(v: SignRequestView): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [at, setAt] = useState<Dayjs | null>(item.appointmentAt ? dayjs(item.appointmentAt) : null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!at) return;
    setBusy(true);
    try {
      onSaved(await api.post<SignRequestView>(`/api/sign-requests/${item.id}/schedule`, { appointmentAt: at.toISOString() }));
      message.success(t('ssScheduled'));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={item.appointmentAt ? t('ssReschedule') : t('ssSchedule')}>
      <Space wrap>
        <DatePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" value={at} onChange={setAt}
          disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} aria-label={t('ssAppointment')} data-testid="ss-appointment" />
        <Button type="primary" disabled={!at} loading={busy} onClick={() => void save()} data-testid="ss-schedule">{t('ssSaveAppointment')}</Button>
      </Space>
    </Card>
  );
}

function VisitForm({ item, onSaved }: { item: SignRequestView; onSaved(v: SignRequestView): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ notes: string; photos: string[] }>();
  const [busy, setBusy] = useState(false);
  const save = async (values: { notes: string; photos?: string[] }) => {
    setBusy(true);
    try {
      onSaved(await api.post<SignRequestView>(`/api/sign-requests/${item.id}/visit`, { notes: values.notes.trim(), photos: values.photos ?? [] }));
      message.success(t('ssVisitSaved'));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('ssRecordVisit')}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="notes" label={t('ssNotes')} rules={[{ required: true, whitespace: true, message: t('ssNotesRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('ssNotesPlaceholder')} data-testid="ss-notes" />
        </Form.Item>
        <Form.Item name="photos" label={t('ssPhotos')}>
          <PhotoUpload testId="ss-photos" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="ss-visit">{t('ssSaveVisit')}</Button>
      </Form>
    </Card>
  );
}

function Detail({ item, onSaved }: { item: SignRequestView; onSaved(v: SignRequestView): void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const mayAct = can(PERM.caseAct);
  const open = item.status === 'requested' || item.status === 'scheduled';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="ss-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('ptSignRef')}>{item.refNo}</Descriptions.Item>
        <Descriptions.Item label={t('ptSignStatus')}><StatusTag status={item.status} /></Descriptions.Item>
        <Descriptions.Item label={t('ptShopName')}>{item.shopName}</Descriptions.Item>
        <Descriptions.Item label={t('ptContactName')}>{item.contactName}</Descriptions.Item>
        <Descriptions.Item label={t('ssPhone')}><span data-testid="ss-phone">{item.phone}</span></Descriptions.Item>
        <Descriptions.Item label={t('ptShopAddress')}>{item.address}</Descriptions.Item>
        <Descriptions.Item label={t('ptSignRequest')}><Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{item.request}</Typography.Paragraph></Descriptions.Item>
        <Descriptions.Item label={t('ssPreferredDate')}>{item.preferredDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ssCreatedAt')}>{time(item.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('ssAppointment')}><span data-testid="ss-appointment-at">{time(item.appointmentAt)}</span></Descriptions.Item>
        <Descriptions.Item label={t('ssOfficer')}>{item.officer ?? '—'}</Descriptions.Item>
        {item.status === 'visited' && <>
          <Descriptions.Item label={t('ssVisitedAt')}>{time(item.visitedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('ssNotes')}><span data-testid="ss-visit-notes">{item.visitNotes}</span></Descriptions.Item>
          <Descriptions.Item label={t('ssPhotos')}>
            {item.visitPhotos.length ? (
              <Image.PreviewGroup>
                <Space wrap data-testid="ss-visit-photos">
                  {(item.visitPhotos as string[]).map((hash) => (
                    <Image key={hash} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} src={`/api/media/${hash}/thumbnail`}
                      preview={{ src: `/api/media/${hash}` }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            ) : '—'}
          </Descriptions.Item>
        </>}
      </Descriptions>
      {open && mayAct && <ScheduleForm key={`s${item.id}`} item={item} onSaved={onSaved} />}
      {item.status === 'scheduled' && mayAct && <VisitForm key={`v${item.id}`} item={item} onSaved={onSaved} />}
    </Space>
  );
}

export default function ShopSignsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const [selected, setSelected] = useState<SignRequestView | null>(null);
  const list = useLoad(() => api.get<SignRequestView[]>('/api/sign-requests', { status: status === 'all' ? undefined : status }), [status]);
  const saved = (v: SignRequestView) => { setSelected(v); list.reload(); };
  return (
    <Card title={t('menuShopSigns')} extra={
      <Segmented value={status} onChange={(v) => setStatus(v as Status | 'all')} data-testid="ss-filter"
        options={[{ value: 'all', label: t('ssAll') }, ...(Object.keys(STATUS) as Status[]).map((s) => ({ value: s, label: t(STATUS[s][0]) }))]} />}>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<SignRequestView> rowKey="id" size="middle" loading={list.loading} dataSource={list.data ?? []} data-testid="ss-table"
        locale={{ emptyText: <Empty description={t('ssEmpty')} /> }} pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setSelected(r), style: { cursor: 'pointer' }, 'data-ref': r.refNo } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('ptSignRef'), dataIndex: 'refNo', width: 140 },
          { title: t('ptShopName'), dataIndex: 'shopName' },
          { title: t('ptContactName'), dataIndex: 'contactName', width: 100 },
          { title: t('ssPhone'), dataIndex: 'phone', width: 130 },
          { title: t('ptShopAddress'), dataIndex: 'address', ellipsis: true },
          { title: t('ptSignStatus'), dataIndex: 'status', width: 110, render: (s: string) => <StatusTag status={s} /> },
          { title: t('ssAppointment'), dataIndex: 'appointmentAt', width: 150, render: (v: string | null) => time(v) },
          { title: t('ssCreatedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => time(v) },
        ]} />
      <Drawer open={selected !== null} onClose={() => setSelected(null)} size={560} title={selected ? `${t('menuShopSigns')} · ${selected.shopName}` : ''}
        destroyOnHidden>
        {selected && <Detail item={selected} onSaved={saved} />}
      </Drawer>
    </Card>
  );
}
