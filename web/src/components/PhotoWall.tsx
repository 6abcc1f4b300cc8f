// Photo thumbnails from the media store; a click opens the full photo. Optionally upload and remove.
import { useState } from 'react';
import { App, Button, Empty, Image, Popconfirm, Space, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { MediaRef } from '../types.ts';

const SIZE = 96;

interface Props {
  photos: MediaRef[];
  /** Where to POST new photos (multipart field `file`); no upload button without it. */
  uploadUrl?: string;
  /** The DELETE URL of one photo; no remove buttons without it. */
  removeUrl?: (hash: string) => string;
  /** Called after a photo was added or removed. */
  onChanged?: () => void;
}

export default function PhotoWall({ photos, uploadUrl, removeUrl, onChanged }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(0);

  const upload = async (file: Blob) => {
    const form = new FormData();
    form.append('file', file);
    setUploading((n) => n + 1);
    try {
      await api.post(uploadUrl!, form);
      message.success(t('photoUploaded'));
      onChanged?.();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const remove = async (hash: string) => {
    try {
      await api.del(removeUrl!(hash));
      onChanged?.();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const images = photos.filter((p) => p.contentType.startsWith('image/'));
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="photo-wall">
      {images.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noPhotos')} /> : (
        <Image.PreviewGroup>
          <Space wrap size={8}>
            {images.map((p) => (
              <Space key={p.hash} orientation="vertical" size={2} align="center">
                <Image width={SIZE} height={SIZE} style={{ objectFit: 'cover', borderRadius: 4 }} data-testid="photo-thumbnail"
                  src={`/api/media/${p.hash}/thumbnail`} preview={{ src: `/api/media/${p.hash}` }}
                  alt={p.addedBy ? `${p.addedBy} ${p.addedAt?.slice(0, 10) ?? ''}` : p.hash.slice(0, 8)} />
                {removeUrl && (
                  <Popconfirm title={t('removePhotoConfirm')} onConfirm={() => remove(p.hash)}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('removePhoto')} />
                  </Popconfirm>
                )}
              </Space>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {uploadUrl && (
        <Upload accept="image/jpeg,image/png,image/webp,image/gif,image/heic" multiple showUploadList={false}
          customRequest={({ file, onSuccess }) => { void upload(file as Blob).then(() => onSuccess?.(null)); }}>
          <Button icon={<UploadOutlined />} loading={uploading > 0} data-testid="photo-upload">{t('uploadPhoto')}</Button>
        </Upload>
      )}
    </Space>
  );
}
