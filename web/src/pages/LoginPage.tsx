// 登录: username and password; the API's Chinese message on failure.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n, type Lang } from '../i18n.tsx';

export default function LoginPage() {
  const { me, login } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me) return <Navigate to={from} replace />;

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await login(values.username, values.password);
      navigate(from, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center',
      background: 'linear-gradient(135deg, #0b3d91 0%, #1668dc 55%, #69b1ff 100%)' }}>
      <Card style={{ width: 380 }} styles={{ body: { padding: 32 } }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Segmented<Lang> size="small" value={lang} onChange={setLang}
            options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} />
        </div>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 8 }}>{t('appName')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>{t('loginTitle')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('login')}</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 24, marginBottom: 0, fontSize: 12 }}>
          {t('loginFooter')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
