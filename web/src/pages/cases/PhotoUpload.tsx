// A form control for action photos: uploads each file to POST /api/media and holds the content hashes as its value.
import { useState } from 'react';
import { App, Button, Image, Space, Upload } from 'antd';
import { CloseOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

interface Stored { hash: string; thumbnailUrl: string | null; url: string }

export default function PhotoUpload({ value = [], onChange, testId }: { value?: string[]; onChange?: (hashes: string[]) => void; testId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  const upload = async (file: Blob) => {
    const form = new FormData();
    form.append('file', file);
    setBusy((n) => n + 1);
    try {
      const saved = await api.post<Stored[]>('/api/media', form);
      onChange?.([...value, ...saved.map((s) => s.hash).filter((h) => !value.includes(h))]);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy((n) => n - 1);
    }
  };
  return (
    <Space wrap size={8} data-testid={testId}>
      <Image.PreviewGroup>
        {value.map((hash) => (
          <Space key={hash} orientation="vertical" size={0} align="center">
            <Image width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} src={`/api/media/${hash}/thumbnail`}
              preview={{ src: `/api/media/${hash}` }} data-testid="uploaded-photo" />
            <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('removePhoto')}
              onClick={() => onChange?.(value.filter((h) => h !== hash))} />
          </Space>
        ))}
      </Image.PreviewGroup>
      <Upload accept="image/jpeg,image/png,image/webp,image/gif,image/heic,video/mp4" multiple showUploadList={false}
        customRequest={({ file, onSuccess }) => { void upload(file as Blob).then(() => onSuccess?.(null)); }}>
        <Button icon={<UploadOutlined />} loading={busy > 0}>{t('cc_upload')}</Button>
      </Upload>
    </Space>
  );
}
