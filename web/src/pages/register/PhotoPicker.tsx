// Photos for the new case: uploaded at once to the media store (POST /api/media), shown as thumbnails, removable
// before saving; the case is saved with their hashes.
import { useState, type Dispatch, type SetStateAction } from 'react';
import { App, Button, Image, Space, Upload } from 'antd';
import { CloseOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

export interface UploadedPhoto { hash: string; contentType: string }

const SIZE = 88;
const MAX_PHOTOS = 20;

/** `setPhotos` takes updaters: several uploads may finish in any order, each adds itself to the latest list. */
export default function PhotoPicker({ photos, setPhotos }: { photos: UploadedPhoto[]; setPhotos: Dispatch<SetStateAction<UploadedPhoto[]>> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(0);

  const upload = async (file: Blob): Promise<UploadedPhoto | undefined> => {
    const form = new FormData();
    form.append('file', file);
    setUploading((n) => n + 1);
    try {
      const [saved] = await api.post<UploadedPhoto[]>('/api/media', form);
      return saved;
    } catch (err) {
      message.error(errorMessage(err));
      return undefined;
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={8}>
            {photos.map((p) => (
              <div key={p.hash} style={{ position: 'relative' }} data-testid="register-photo">
                <Image width={SIZE} height={SIZE} style={{ objectFit: 'cover', borderRadius: 4 }} alt={p.hash.slice(0, 8)}
                  src={`/api/media/${p.hash}/thumbnail`} preview={{ src: `/api/media/${p.hash}` }} />
                <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label={t('regRemovePhoto')}
                  style={{ position: 'absolute', top: -6, right: -6 }} onClick={() => setPhotos((list) => list.filter((x) => x.hash !== p.hash))} />
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      <Upload accept="image/jpeg,image/png,image/webp,image/gif,image/heic" multiple showUploadList={false} disabled={photos.length >= MAX_PHOTOS}
        customRequest={({ file, onSuccess }) => {
          void upload(file as Blob).then((saved) => {
            if (saved) setPhotos((list) => (list.some((x) => x.hash === saved.hash) ? list : [...list, saved].slice(0, MAX_PHOTOS)));
            onSuccess?.(null);
          });
        }}>
        <Button icon={<UploadOutlined />} loading={uploading > 0} data-testid="register-photo-upload">{t('regUploadPhotos')}</Button>
      </Upload>
    </Space>
  );
}
