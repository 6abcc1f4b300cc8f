// 店招服务: a shop asks for guidance on its sign; it gets a reference number (DZ…) and follows it with its phone.
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Result, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../api.ts';
import { useI18n, type TKey } from '../i18n.tsx';
import type { SignRequestStatus, SignRequestView } from '../../../src/public/views.ts';
import { portalApi, timeText } from './client.ts';

const STATUS: Record<SignRequestStatus, TKey> = {
  requested: 'ptSignRequested', scheduled: 'ptSignScheduled', visited: 'ptSignVisited', cancelled: 'ptSignCancelled',
};
interface FormValues { shopName: string; contactName: string; phone: string; address: string; request: string; preferredDate?: Dayjs }

function SignLookup() {
  const { t } = useI18n();
  const [ref, setRef] = useState('');
  const [phone, setPhone] = useState('');
  const [found, setFound] = useState<SignRequestView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const look = async () => {
    setError(null);
    try {
      setFound(await portalApi.get<SignRequestView>(`/api/public/sign-requests/${encodeURIComponent(ref.trim())}?phone=${encodeURIComponent(phone.trim())}`));
    } catch (err) {
      setFound(null);
      setError(errorMessage(err));
    }
  };
  return (
    <div className="pt-card">
      <span className="pt-label">{t('ptSignTrack')}</span>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input placeholder={t('ptSignRef')} aria-label={t('ptSignRef')} value={ref} onChange={(e) => setRef(e.target.value)} />
        <Space.Compact style={{ width: '100%' }}>
          <Input type="tel" placeholder={t('ptPhone')} aria-label={t('ptPhone')} value={phone} onChange={(e) => setPhone(e.target.value)} />
          <Button onClick={() => void look()} disabled={!ref.trim() || !phone.trim()}>{t('ptQuery')}</Button>
        </Space.Compact>
      </Space>
      {error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={error} />}
      {found && (
        <dl className="pt-kv" style={{ marginTop: 10 }}>
          <dt>{t('ptShopName')}</dt><dd>{found.shopName}</dd>
          <dt>{t('ptSignStatus')}</dt><dd><Tag>{t(STATUS[found.status])}</Tag></dd>
          {found.appointmentAt && <><dt>{t('ptAppointment')}</dt><dd>{timeText(found.appointmentAt)}</dd></>}
          {found.visitNotes && <><dt>{t('ptVisitNotes')}</dt><dd>{found.visitNotes}</dd></>}
        </dl>
      )}
    </div>
  );
}

export default function SignScreen() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SignRequestView | null>(null);
  const required = (name: TKey) => [{ required: true, whitespace: true, message: t('ptRequired', { name: t(name) }) }];

  const send = async (v: FormValues) => {
    setBusy(true);
    try {
      setDone(await portalApi.post<SignRequestView>('/api/public/sign-requests', {
        shopName: v.shopName, contactName: v.contactName, phone: v.phone, address: v.address, request: v.request,
        ...(v.preferredDate ? { preferredDate: v.preferredDate.format('YYYY-MM-DD') } : {}),
      }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {done ? (
        <div className="pt-card">
          <Result status="success" title={<span data-testid="pt-sign-ref">{t('ptSignDone', { ref: done.refNo })}</span>} subTitle={t('ptSignDoneHint')} />
        </div>
      ) : (
        <div className="pt-card">
          <Form form={form} layout="vertical" onFinish={(v) => void send(v)} requiredMark={false}>
            <Form.Item name="shopName" label={t('ptShopName')} rules={required('ptShopName')}><Input maxLength={100} /></Form.Item>
            <Form.Item name="contactName" label={t('ptContactName')} rules={required('ptContactName')}><Input maxLength={40} /></Form.Item>
            <Form.Item name="phone" label={t('ptPhone')} rules={[...required('ptPhone'), { pattern: /^1\d{10}$/, message: t('ptPhonePlaceholder') }]}>
              <Input type="tel" maxLength={11} />
            </Form.Item>
            <Form.Item name="address" label={t('ptShopAddress')} rules={required('ptShopAddress')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="request" label={t('ptSignRequest')} rules={required('ptSignRequest')}>
              <Input.TextArea rows={3} maxLength={1000} placeholder={t('ptSignRequestPlaceholder')} />
            </Form.Item>
            <Form.Item name="preferredDate" label={t('ptPreferredDate')}><DatePicker style={{ width: '100%' }} inputReadOnly /></Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>{t('ptSubmit')}</Button>
          </Form>
        </div>
      )}
      <SignLookup />
    </>
  );
}
