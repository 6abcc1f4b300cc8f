// Video events: the review queue (通过 → case, 驳回 with a note) or the recent events with their outcome.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Image, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import PagedTable from '../../components/PagedTable.tsx';
import { formatTime } from '../../format.ts';
import { useLoad, usePagedList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { VideoClassList, VideoEventView, VideoStatusCode } from '../../../../src/monitor/views.ts';
import { MONITOR_MANAGE, VIDEO_STATUS_KEYS } from './model.ts';

type Filters = { status?: VideoStatusCode; class?: string };
const STATUS_COLORS: Record<VideoStatusCode, string> = { pending_review: 'orange', case_created: 'blue', rejected: 'default' };

export default function VideoEvents({ review }: { review: boolean }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const list = usePagedList<VideoEventView, Filters>('/api/monitor/video-events', review ? { status: 'pending_review' } : {});
  const classes = useLoad(() => api.get<VideoClassList>('/api/monitor/video-classes'), []);
  const [rejecting, setRejecting] = useState<VideoEventView | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<number | null>(null);
  const manage = can(MONITOR_MANAGE);

  async function decide(e: VideoEventView, approve: boolean, text?: string) {
    setBusy(e.id);
    try {
      const r = await api.post<VideoEventView>(`/api/monitor/video-events/${e.id}/${approve ? 'approve' : 'reject'}`, text?.trim() ? { note: text.trim() } : {});
      message.success(approve ? t('monVidApproved', { no: r.caseNo ?? '' }) : t('monVidRejectedMsg'));
      setRejecting(null);
      setNote('');
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {!review && (
          <Select style={{ width: 150 }} allowClear placeholder={t('status')} value={list.filters.status}
            options={(Object.keys(VIDEO_STATUS_KEYS) as VideoStatusCode[]).map((s) => ({ value: s, label: t(VIDEO_STATUS_KEYS[s]) }))}
            onChange={(status) => list.setFilters({ ...list.filters, status })} />
        )}
        <Select style={{ width: 180 }} allowClear placeholder={t('monVidClass')} value={list.filters.class} loading={classes.loading}
          options={(classes.data?.items ?? []).map((c) => ({ value: c.class, label: c.name }))}
          onChange={(cls) => list.setFilters({ ...list.filters, class: cls })} />
        <Button onClick={list.reload}>{t('refresh')}</Button>
      </Space>
      <PagedTable<VideoEventView> list={list} rowKey="id" data-testid={review ? 'review-table' : 'video-events-table'} columns={[
        { title: t('monVidSnapshot'), dataIndex: 'snapshot', render: (h: string | null) => (h
          ? <Image width={96} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} src={`/api/media/${h}/thumbnail`} preview={{ src: `/api/media/${h}` }} />
          : <Typography.Text type="secondary">{t('monVidNoSnapshot')}</Typography.Text>) },
        { title: t('monVidOrigin'), key: 'camera', render: (_, e) => e.source === 'camera'
          ? <span>{e.cameraName}<Typography.Text type="secondary"> {e.cameraCode}</Typography.Text></span>
          : <span>{t(e.source === 'drone' ? 'monVidDrone' : 'monVidVehicle')}<Typography.Text type="secondary"> {e.patrolId}</Typography.Text></span> },
        { title: t('monVidClass'), dataIndex: 'className' },
        { title: t('monVidConfidence'), dataIndex: 'confidence', render: (c: number) => `${Math.round(c * 100)}%` },
        { title: t('monVidDetectedAt'), dataIndex: 'detectedAt', render: formatTime },
        { title: t('monVidRepeats'), dataIndex: 'repeats', render: (n: number, e) => (n > 0 ? t('monVidMerged', { n, at: formatTime(e.lastAt) }) : '') },
        { title: t('status'), dataIndex: 'status', render: (s: VideoStatusCode) => <Tag color={STATUS_COLORS[s]}>{t(VIDEO_STATUS_KEYS[s])}</Tag> },
        { title: t('monCase'), dataIndex: 'caseNo', render: (no: string | null, e) => (no ? <Link to={`/cases/${e.caseId}`}>{no}</Link> : '') },
        { title: t('remark'), dataIndex: 'note' },
        ...(manage && review ? [{ title: t('actions'), key: 'a', render: (_: unknown, e: VideoEventView) => (
          <Space>
            <Button size="small" type="primary" loading={busy === e.id} onClick={() => decide(e, true)} data-testid={`approve-${e.id}`}>{t('monVidApprove')}</Button>
            <Button size="small" danger onClick={() => setRejecting(e)} data-testid={`reject-${e.id}`}>{t('monVidReject')}</Button>
          </Space>
        ) }] : []),
      ]} />
      <Modal open={!!rejecting} title={t('monVidReject')} onCancel={() => setRejecting(null)} confirmLoading={busy !== null}
        onOk={() => rejecting && decide(rejecting, false, note)} destroyOnHidden>
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('monNoteOptional')} />
      </Modal>
    </>
  );
}
