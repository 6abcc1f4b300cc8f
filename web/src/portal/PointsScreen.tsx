// 我的积分 (and 我的反映): balance, ledger and redemption for the verified citizen; otherwise the phone verification.
import { Alert, App, Button, Popconfirm, Spin } from 'antd';
import { errorMessage } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import type { PointsView, Redemption } from '../../../src/public/views.ts';
import { portalApi, timeText } from './client.ts';
import { usePortal } from './context.tsx';
import MyReports from './MyReports.tsx';
import PhoneVerify from './PhoneVerify.tsx';

function Points() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const { session, setSession } = usePortal();
  const points = useLoad(() => portalApi.get<PointsView>('/api/public/points'), [session?.token]);

  const redeem = async (key: string) => {
    try {
      const done = await portalApi.post<Redemption>('/api/public/points/redeem', { reward: key });
      modal.success({ title: t('ptRedeemed', { code: done.redeemCode }) });
      points.reload();
    } catch (err) {
      modal.error({ title: errorMessage(err) });
    }
  };

  const reasonText = (l: PointsView['ledger'][number]) =>
    l.reason === 'report_filed' ? t('ptReasonReportFiled') : l.reason === 'rating' ? t('ptReasonRating')
      : l.reason === 'redeem' ? t('ptReasonRedeem', { reward: l.reward ?? '' }) : l.reason;

  if (points.loading && !points.data) return <div style={{ padding: 32, textAlign: 'center' }}><Spin /></div>;
  if (points.error) return <Alert type="error" showIcon title={points.error} />;
  const p = points.data!;
  return (
    <>
      <div className="pt-card">
        <div className="pt-row">
          <span className="pt-muted">{t('ptVerified', { phone: session!.user.phone })}</span>
          <Button size="small" type="link" onClick={() => setSession(null)}>{t('ptSignOut')}</Button>
        </div>
        <div className="pt-muted" style={{ marginTop: 8 }}>{t('ptBalance')}</div>
        <div className="pt-balance" data-testid="pt-balance">{p.balance}</div>
        <div className="pt-muted">{t('ptRules')}</div>
      </div>
      <div className="pt-card">
        <span className="pt-label">{t('ptRewards')}</span>
        {p.rewards.map((r) => (
          <div key={r.key} className="pt-list-item pt-row">
            <span>{r.name}<br /><span className="pt-muted">{t('ptCost', { n: r.cost })}</span></span>
            <Popconfirm title={t('ptRedeemConfirm', { n: r.cost, name: r.name })} onConfirm={() => redeem(r.key)}>
              <Button size="small" disabled={p.balance < r.cost} data-testid={`pt-redeem-${r.key}`}>{t('ptRedeem')}</Button>
            </Popconfirm>
          </div>
        ))}
      </div>
      <div className="pt-card" data-testid="pt-ledger">
        <span className="pt-label">{t('ptLedger')}</span>
        {p.ledger.length === 0 && <div className="pt-muted">{t('ptNoLedger')}</div>}
        {p.ledger.map((l) => (
          <div key={l.id} className="pt-list-item pt-row">
            <span>{reasonText(l)}<br /><span className="pt-muted">{[l.caseNo, l.redeemCode, timeText(l.at)].filter(Boolean).join(' · ')}</span></span>
            <b style={{ color: l.delta > 0 ? '#12a182' : '#d4380d' }}>{l.delta > 0 ? `+${l.delta}` : l.delta}</b>
          </div>
        ))}
      </div>
      <MyReports />
    </>
  );
}

export default function PointsScreen() {
  const { t } = useI18n();
  const { session } = usePortal();
  if (session) return <Points />;
  return (
    <div className="pt-card">
      <div className="pt-muted" style={{ marginBottom: 10 }}>{t('ptVerifyHint')}</div>
      <PhoneVerify />
    </div>
  );
}
