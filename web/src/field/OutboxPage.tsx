// 待发送队列: the collector's reports not yet on the server (pending, or failed with the reason and 重试), and the
// ones sent lately with their case numbers.
import { useState } from 'react';
import { Button, Empty, Popconfirm, Tag } from 'antd';
import { CloudUploadOutlined, DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useField } from './context.tsx';
import type { OutboxStatus } from './outbox-store.ts';
import { removeReport, retryReport, syncOutbox } from './outbox.ts';
import { formatTime } from './ui.tsx';

const STATUS_COLOR: Record<OutboxStatus, string> = { pending: 'orange', failed: 'red', sent: 'green' };

export default function OutboxPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { online, outbox } = useField();
  const [busy, setBusy] = useState(false);
  const waiting = outbox.filter((r) => r.status === 'pending').length;
  const sendNow = async () => {
    setBusy(true);
    try { await syncOutbox(me!.user!.id); } finally { setBusy(false); }
  };
  const statusName = { pending: t('fdPending'), failed: t('fdFailed'), sent: t('fdSent') };

  return (
    <div data-testid="fd-outbox">
      <div className="fd-row" style={{ marginBottom: 10 }}>
        <span className="fd-muted">{online ? t('fdOutboxOnline', { n: waiting }) : t('fdOutboxOffline', { n: waiting })}</span>
        <Button icon={<CloudUploadOutlined />} disabled={!online || !waiting} loading={busy} onClick={() => void sendNow()}
          data-testid="fd-send-now">{t('fdSendNow')}</Button>
      </div>
      {!outbox.length && <Empty description={t('fdOutboxEmpty')} />}
      {[...outbox].reverse().map((r) => (
        <section key={r.key} className="fd-card" data-testid="fd-outbox-item" data-status={r.status}>
          <div className="fd-row">
            <strong>{r.typeName}</strong>
            <Tag color={STATUS_COLOR[r.status]} data-testid="fd-outbox-status">{statusName[r.status]}</Tag>
          </div>
          <div className="fd-text">{r.body.description}</div>
          <div className="fd-muted">
            {formatTime(r.createdAt)} · {t('fdPhotoCount', { n: r.photos.length })}{r.selfHandle ? ` · ${t('fdSelfHandleShort')}` : ''}
          </div>
          {r.caseNo && <div><Link to={`/m/cases/${r.caseId}`} data-testid="fd-outbox-case">{r.caseNo}</Link></div>}
          {r.error && <div className="fd-warn" data-testid="fd-outbox-error">{r.error}</div>}
          {r.status === 'failed' && (
            <div className="fd-actions">
              <Button size="small" icon={<ReloadOutlined />} disabled={!online} onClick={() => void retryReport(r)} data-testid="fd-retry">
                {t('fdRetry')}
              </Button>
              <Popconfirm title={t('fdDeleteReport')} onConfirm={() => void removeReport(r.key)}>
                <Button size="small" danger icon={<DeleteOutlined />}>{t('fdDelete')}</Button>
              </Popconfirm>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
