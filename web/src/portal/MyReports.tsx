// 我的反映: the verified citizen's reports, each linking to its progress.
import { Alert, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import type { MyReport } from '../../../src/public/views.ts';
import { portalApi, timeText } from './client.ts';
import { usePortal } from './context.tsx';

export default function MyReports() {
  const { t } = useI18n();
  const { session } = usePortal();
  const mine = useLoad(() => (session ? portalApi.get<MyReport[]>('/api/public/my/reports') : Promise.resolve([])), [session?.token]);
  if (!session) return null;
  return (
    <div className="pt-card" data-testid="pt-my-reports">
      <span className="pt-label">{t('ptMyReports')}</span>
      {mine.error && <Alert type="error" showIcon title={mine.error} />}
      {mine.data?.length === 0 && <div className="pt-muted">{t('ptNoReports')}</div>}
      {mine.data?.map((r) => (
        <Link key={r.caseNo} to={`/p/track/${r.caseNo}`} className="pt-list-item pt-row" style={{ color: 'inherit' }}>
          <span><b>{r.typeName}</b><br /><span className="pt-muted">{r.caseNo} · {timeText(r.createdAt)}</span></span>
          <Tag color={r.status === 'closed' ? 'green' : 'blue'}>{r.stageName}</Tag>
        </Link>
      ))}
    </div>
  );
}
