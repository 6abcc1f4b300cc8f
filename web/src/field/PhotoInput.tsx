// Camera photos: the phone's camera opens (capture=environment), each photo is shrunk to a JPEG and kept as a Blob
// (uploaded when the form is sent, or queued with an offline report).
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'antd';
import { CameraOutlined, CloseCircleFilled } from '@ant-design/icons';
import { useI18n } from '../i18n.tsx';
import { compressImage } from './photos.ts';

/** Camera photos shrunk in the browser; the citizen portal uses it too, with its own look (`look: 'pt'`). */
export default function PhotoInput({ value, onChange, testId, max = 9, look = 'fd' }: {
  value: Blob[]; onChange(photos: Blob[]): void; testId: string; max?: number; look?: 'fd' | 'pt';
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const urls = useMemo(() => value.map((blob) => URL.createObjectURL(blob)), [value]);
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      const shrunk = await Promise.all([...files].map(compressImage));
      onChange([...value, ...shrunk].slice(0, max));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className={`${look}-photos`} data-testid={testId}>
      {urls.map((url, i) => (
        <div key={url} className={`${look}-photo`}>
          <img src={url} alt="" data-testid={`${look}-photo-preview`} />
          <button type="button" aria-label={t(look === 'fd' ? 'fdRemovePhoto' : 'ptRemovePhoto')} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            <CloseCircleFilled />
          </button>
        </div>
      ))}
      {value.length < max && (
        <Button className={`${look}-photo-add`} icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>
          {t(look === 'fd' ? 'fdTakePhoto' : 'ptTakePhoto')}
        </Button>
      )}
      <input ref={input} type="file" accept="image/*" capture="environment" multiple hidden data-testid={`${testId}-file`}
        onChange={(e) => void add(e.target.files)} />
    </div>
  );
}
