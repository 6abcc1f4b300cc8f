// A device secret, shown once after registering the device or resetting its secret.
import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n.tsx';

export default function SecretModal({ value, onClose }: { value: { code: string; secret: string } | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal open={!!value} title={t('monSecretTitle', { code: value?.code ?? '' })} onCancel={onClose} footer={null} destroyOnHidden>
      <Alert type="warning" showIcon title={t('monSecretOnce')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable code data-testid="device-secret" style={{ wordBreak: 'break-all' }}>{value?.secret}</Typography.Paragraph>
    </Modal>
  );
}
