// 我的: who is logged in, this month's figures, 在岗 (position sharing) for collectors, the outbox, language, logout.
import { Alert, Button, Segmented, Statistic, Switch } from 'antd';
import { CloudUploadOutlined, DesktopOutlined, LogoutOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoad } from '../hooks.ts';
import { useI18n, type Lang, type TKey } from '../i18n.tsx';
import { POSITION_INTERVAL_S, useField } from './context.tsx';

interface FieldStats { month: string; reported: number; valid: number; verified: number; checked: number; selfHandled: number; handled: number }

const FIGURES: Record<string, [keyof FieldStats, TKey][]> = {
  collector: [['reported', 'fdStatReported'], ['valid', 'fdStatValid'], ['verified', 'fdStatVerified'], ['checked', 'fdStatChecked'],
    ['selfHandled', 'fdStatSelfHandled']],
  handler: [['handled', 'fdStatHandled']],
};

export default function MePage() {
  const { me, logout } = useAuth();
  const { t, lang, setLang } = useI18n();
  const { onDuty, setOnDuty, outbox, online, lastFix, changes } = useField();
  const stats = useLoad(() => api.get<FieldStats>('/api/field/stats'), [changes]);
  const user = me!.user!;
  const pending = outbox.filter((r) => r.status !== 'sent').length;

  return (
    <div data-testid="fd-me">
      <section className="fd-card">
        <strong style={{ fontSize: 16 }}>{user.displayName}</strong>
        <div className="fd-muted">{me!.roleName} · {user.departmentName ?? user.regionName ?? ''}</div>
      </section>
      {me!.role === 'collector' && (
        <section className="fd-card">
          <div className="fd-row">
            <span>{t('fdOnDuty')}</span>
            <Switch checked={onDuty} onChange={setOnDuty} data-testid="fd-duty" />
          </div>
          <div className="fd-muted">
            {onDuty ? (lastFix ? t('fdDutyOn', { s: POSITION_INTERVAL_S }) : t('fdLocating')) : t('fdDutyOff')}
          </div>
        </section>
      )}
      <section className="fd-card" data-testid="fd-stats">
        <div className="fd-label">{t('fdStatsTitle', { month: stats.data?.month ?? '' })}</div>
        {stats.error && <Alert type="warning" showIcon title={online ? stats.error : t('fdOfflineList')} />}
        <div className="fd-stats">
          {(FIGURES[me!.role] ?? []).map(([key, label]) => (
            <Statistic key={key} title={t(label)} value={stats.data ? stats.data[key] : '–'} data-testid={`fd-stat-${key}`} />
          ))}
        </div>
      </section>
      {me!.role === 'collector' && (
        <Link to="/m/outbox" className="fd-card fd-row fd-link">
          <span><CloudUploadOutlined /> {t('fdOutbox')}</span><span className="fd-muted">{pending}</span>
        </Link>
      )}
      <section className="fd-card fd-row">
        <span>{t('fdLanguage')}</span>
        <Segmented<Lang> value={lang} onChange={setLang} options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} />
      </section>
      <div className="fd-actions">
        <Button href="/" icon={<DesktopOutlined />}>{t('fdConsole')}</Button>
        <Button danger icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="fd-logout">{t('fdLogout')}</Button>
      </div>
    </div>
  );
}
