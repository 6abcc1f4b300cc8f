// 部件标识码 for a 部件 case: typed, or picked from the components of the chosen type in the located grid (nearest
// first). Picking one moves the case's position to the component.
import { useMemo } from 'react';
import { AutoComplete, Input } from 'antd';
import { api, type Page } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Component } from '../../types.ts';
import type { Point } from './model.ts';

interface Props {
  typeCode?: string;
  gridCode?: string;
  point: Point | null;
  value?: string;
  onChange?(id: string): void;
  onPickComponent(component: Component): void;
}

function metres(a: Point, b: Point): number {
  const k = Math.PI / 180;
  return Math.hypot((b[0] - a[0]) * Math.cos(a[1] * k), b[1] - a[1]) * k * 6_371_000;
}

export default function ComponentPicker({ typeCode, gridCode, point, value, onChange, onPickComponent }: Props) {
  const { t } = useI18n();
  const nearby = useLoad(async () => (typeCode && gridCode
    ? (await api.get<Page<Component>>('/api/components', { type: typeCode, grid: gridCode, pageSize: 100 })).items
    : []), [typeCode, gridCode]);
  const options = useMemo(() => (nearby.data ?? [])
    .map((c) => ({ c, d: point ? metres(point, [c.lon, c.lat]) : 0 }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 30)
    .map(({ c, d }) => ({
      value: c.id,
      label: <span data-testid="component-option">{c.id} <span style={{ color: '#8c8c8c' }}>{c.name} · {c.status}{point ? ` · ${t('regDistance', { m: Math.round(d) })}` : ''}</span></span>,
    })), [nearby.data, point, t]);
  return (
    <AutoComplete value={value} options={options} style={{ width: '100%' }}
      onChange={(v: string) => onChange?.(v.trim())}
      onSelect={(id: string) => { const c = nearby.data?.find((x) => x.id === id); if (c) onPickComponent(c); }}
      notFoundContent={typeCode && gridCode && !nearby.loading ? t('regNoNearbyComponents') : null}>
      <Input placeholder={t('regComponentPlaceholder')} maxLength={17} data-testid="component-id" />
    </AutoComplete>
  );
}
