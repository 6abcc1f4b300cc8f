// 消息: the user's in-app notifications (newest first); opening the page marks them read.
import { useEffect } from 'react';
import { Alert, Empty, Spin, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { useField } from './context.tsx';
import { formatTime } from './ui.tsx';

interface Notice { id: number; caseId: number | null; message: string; urgent: boolean; createdAt: string; readAt: string | null }

export default function MessagesPage() {
  const { t } = useI18n();
  const { changes, refreshUnread } = useField();
  const list = useLoad(() => api.get<{ unread: number; items: Notice[] }>('/api/notifications', { limit: 50 }), [changes]);
  const hasUnread = !!list.data?.unread;
  useEffect(() => {
    if (hasUnread) void api.post('/api/notifications/read').then(refreshUnread, () => undefined);
  }, [hasUnread, refreshUnread]);

  if (list.error && !list.data) return <Alert type="warning" showIcon title={list.error} />;
  if (!list.data) return <Spin />;
  if (!list.data.items.length) return <Empty description={t('fdNoMessages')} />;
  return (
    <div data-testid="fd-messages">
      {list.data.items.map((n) => {
        const body = <>
          <div>{n.urgent && <Tag color="red">{t('fdUrgent')}</Tag>}{!n.readAt && <span className="fd-unread-dot" />}{n.message}</div>
          <div className="fd-muted">{formatTime(n.createdAt)}</div>
        </>;
        return n.caseId
          ? <Link key={n.id} to={`/m/cases/${n.caseId}`} className="fd-card fd-link" data-testid="fd-message">{body}</Link>
          : <div key={n.id} className="fd-card" data-testid="fd-message">{body}</div>;
      })}
    </div>
  );
}
