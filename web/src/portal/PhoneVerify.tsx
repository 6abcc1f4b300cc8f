// 手机号验证: request a code by SMS, enter it, and the portal keeps the citizen's session.
import { useEffect, useState } from 'react';
import { App, Button, Input, Space } from 'antd';
import { errorMessage } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { CitizenSession, CodeSent } from '../../../src/public/views.ts';
import { portalApi } from './client.ts';
import { usePortal } from './context.tsx';

const RESEND_SECONDS = 60;

export default function PhoneVerify({ onVerified }: { onVerified?(session: CitizenSession): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { setSession } = usePortal();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState<'code' | 'verify' | null>(null);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const sendCode = async () => {
    setBusy('code');
    try {
      const sent = await portalApi.post<CodeSent>('/api/public/phone/code', { phone: phone.trim() });
      setSentTo(sent.phone);
      setWait(RESEND_SECONDS);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const verify = async () => {
    setBusy('verify');
    try {
      const session = await portalApi.post<CitizenSession>('/api/public/phone/verify', { phone: phone.trim(), code: code.trim() });
      setSession(session);
      onVerified?.(session);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="pt-verify" data-testid="pt-verify">
      <Space.Compact style={{ width: '100%' }}>
        <Input type="tel" inputMode="numeric" maxLength={11} aria-label={t('ptPhone')} placeholder={t('ptPhonePlaceholder')}
          value={phone} onChange={(e) => setPhone(e.target.value)} data-testid="pt-phone" />
        <Button onClick={() => void sendCode()} loading={busy === 'code'} disabled={wait > 0 || !/^1\d{10}$/.test(phone.trim())}
          data-testid="pt-send-code">
          {wait > 0 ? t('ptResendIn', { n: wait }) : t('ptSendCode')}
        </Button>
      </Space.Compact>
      {sentTo && <div className="pt-muted" style={{ margin: '6px 2px' }}>{t('ptCodeSent', { phone: sentTo })}</div>}
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input inputMode="numeric" maxLength={6} aria-label={t('ptCode')} placeholder={t('ptCodePlaceholder')}
          value={code} onChange={(e) => setCode(e.target.value)} data-testid="pt-code" />
        <Button type="primary" onClick={() => void verify()} loading={busy === 'verify'} disabled={!sentTo || !/^\d{6}$/.test(code.trim())}
          data-testid="pt-verify-submit">
          {t('ptVerify')}
        </Button>
      </Space.Compact>
    </div>
  );
}
