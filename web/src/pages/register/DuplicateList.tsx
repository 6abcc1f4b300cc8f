// 查重 before saving: open cases of the same type within the type's radius and time window (GET /api/cases/nearby).
// Each can be opened (in a new tab, so the form is kept); the form may still be saved.
import { useEffect, useState } from 'react';
import { Alert, Space, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { chinaTime, formatTime } from '../../format.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import type { Kind, Nearby, Point } from './model.ts';

export interface NearbyState { data: Nearby | null; error: string | null; loading: boolean }

/** Reloads whenever kind, type or position change; nothing to check until all three are known. */
export function useNearby(kind: Kind, typeCode: string | undefined, point: Point | null): NearbyState {
  const [state, setState] = useState<NearbyState>({ data: null, error: null, loading: false });
  const lon = point?.[0], lat = point?.[1];
  useEffect(() => {
    if (!typeCode || lon === undefined || lat === undefined) { setState({ data: null, error: null, loading: false }); return; }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.get<Nearby>('/api/cases/nearby', { kind, type: typeCode, lon: lon.toFixed(7), lat: lat.toFixed(7) }).then(
      (data) => { if (live) setState({ data, error: null, loading: false }); },
      (err) => { if (live) setState({ data: null, error: errorMessage(err), loading: false }); });
    return () => { live = false; };
  }, [kind, typeCode, lon, lat]);
  return state;
}

export function stageKey(stage: string): TKey {
  return `regStage_${stage}` as TKey;
}

export default function DuplicateList({ nearby }: { nearby: NearbyState }) {
  const { t } = useI18n();
  if (nearby.error) return <Alert type="error" showIcon title={t('regDuplicateCheckFailed')} description={nearby.error} />;
  const data = nearby.data;
  if (!data) return null;
  if (data.items.length === 0) {
    return <Alert type="success" showIcon title={t('regNoDuplicates', { m: data.radiusM, h: data.windowHours })} data-testid="no-duplicates" />;
  }
  return (
    <Alert type="warning" showIcon data-testid="duplicate-warning"
      title={t('regDuplicatesFound', { n: data.items.length, m: data.radiusM, h: data.windowHours })}
      description={(
        <div style={{ maxHeight: 220, overflow: 'auto' }}>
          {data.items.map((c) => (
            <div key={c.id} style={{ padding: '6px 0', borderTop: '1px solid rgba(0,0,0,0.06)' }} data-testid="duplicate-item">
              <Space size={6} wrap>
                <Typography.Link href={`/cases/${c.id}`} target="_blank" data-testid="duplicate-link">{c.caseNo}</Typography.Link>
                <Tag>{t(stageKey(c.stage))}</Tag>
                {c.urgent && <Tag color="red">{t('regUrgent')}</Tag>}
                <Typography.Text type="secondary">{t('regDistance', { m: c.distanceM })} · {chinaTime(c.createdAt, 'minute')}</Typography.Text>
              </Space>
              <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: 0 }}>{c.description}</Typography.Paragraph>
              <Typography.Text type="secondary">{c.address}</Typography.Text>
            </div>
          ))}
        </div>
      )} />
  );
}
