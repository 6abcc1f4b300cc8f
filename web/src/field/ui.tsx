// Small pieces the field app's screens share: time format, the case card of the task lists, the light dot.
import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { CaseListItem } from '../../../src/command/views.ts';
import { chinaTime } from '../format.ts';
import { useI18n } from '../i18n.tsx';

/** A time as the field app shows it: China time, month-day and minutes (11-21 08:05). */
export const formatTime = (iso: string): string => chinaTime(iso, 'short');

const LIGHT: Record<string, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };

export function LightDot({ light }: { light: string | null }) {
  return <span className="fd-dot" style={{ background: light ? LIGHT[light] : '#bfbfbf' }} />;
}

/** A case of a task list; `queued` when an action on it waits to be sent. */
export function CaseCard({ item, queued = false }: { item: CaseListItem; queued?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to={`/m/cases/${item.id}`} className="fd-card fd-case" data-testid="fd-case-card" data-case-no={item.caseNo}>
      <div className="fd-row">
        <strong><LightDot light={item.light} />{item.typeName}</strong>
        <span>{queued && <Tag color="orange" data-testid="fd-case-queued">{t('fdActionQueued')}</Tag>}{item.urgent && <Tag color="red">{t('fdUrgent')}</Tag>}<Tag color="blue">{item.stageName}</Tag></span>
      </div>
      <div className="fd-text">{item.description}</div>
      <div className="fd-muted">{item.address}</div>
      <div className="fd-muted">{item.caseNo}{item.deadline ? ` · ${t('fdDeadline')} ${formatTime(item.deadline)}` : ''}</div>
    </Link>
  );
}
