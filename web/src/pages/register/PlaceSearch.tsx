// Address search (GET /api/places/search): roads, intersections ("人民路与建设路"), landmarks, communities, grid codes,
// component ids. Picking a result moves the case's position there.
import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Input, Tag } from 'antd';
import { api } from '../../api.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import type { PlaceHit } from './model.ts';

const KIND_LABEL: Record<PlaceHit['kind'], TKey> = {
  intersection: 'regPlaceIntersection', road: 'regPlaceRoad', landmark: 'regPlaceLandmark', district: 'regPlaceDistrict',
  street: 'regPlaceStreet', community: 'regPlaceCommunity', grid: 'regPlaceGrid', component: 'regPlaceComponent',
};

export default function PlaceSearch({ onPick }: { onPick(hit: PlaceHit): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<PlaceHit[]>([]);
  const [error, setError] = useState(false);
  /** The text a pick put in the box: not searched again. */
  const picked = useRef<string | null>(null);

  useEffect(() => {
    const q = text.trim();
    if (!q || picked.current === text) { setHits([]); return; }
    let live = true;
    const timer = setTimeout(() => {
      api.get<{ items: PlaceHit[] }>('/api/places/search', { q, limit: 12 }).then(
        (r) => { if (live) { setHits(r.items); setError(false); } },
        () => { if (live) { setHits([]); setError(true); } });
    }, 200);
    return () => { live = false; clearTimeout(timer); };
  }, [text]);

  return (
    <AutoComplete
      style={{ width: '100%' }}
      value={text}
      onChange={(v: string) => setText(v.startsWith('#') ? text : v)}
      onSelect={(value: string) => {
        const hit = hits[Number(value.slice(1))];
        if (hit) { picked.current = hit.name; onPick(hit); setText(hit.name); }
      }}
      options={hits.map((h, i) => ({
        value: `#${i}`,
        label: (
          <div data-testid="place-option" style={{ display: 'flex', gap: 8, alignItems: 'baseline', minWidth: 0 }}>
            <Tag style={{ marginInlineEnd: 0 }}>{t(KIND_LABEL[h.kind])}</Tag>
            <span style={{ whiteSpace: 'nowrap' }}>{h.name}</span>
            <span style={{ color: '#8c8c8c', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {[h.detail, h.districtName, h.streetName, h.communityName].filter(Boolean).join(' · ')}
            </span>
          </div>
        ),
      }))}
      notFoundContent={text.trim() ? (error ? t('loadFailed') : t('regNoPlace')) : null}
    >
      <Input.Search placeholder={t('regSearchPlaceholder')} allowClear data-testid="place-search" />
    </AutoComplete>
  );
}
