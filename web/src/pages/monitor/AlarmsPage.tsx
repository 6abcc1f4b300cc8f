// 告警中心: the live alarm console — counts by level, filters, the alarm table (new alarms pinned on top and
// highlighted as the stream reports them) and the detail drawer, opened also by ?alarm=<id> (the 一张图 popup).
import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Badge, Card, Select, Space } from 'antd';
import { api } from '../../api.ts';
import RegionPicker from '../../components/RegionPicker.tsx';
import { usePagedList, useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { AlarmChange, AlarmLevelCounts, AlarmView, DeviceTypeList, LevelCode } from '../../../../src/monitor/views.ts';
import AlarmDrawer from './AlarmDrawer.tsx';
import AlarmTable from './AlarmTable.tsx';
import LevelCounts from './LevelCounts.tsx';
import { ALARM_STATUSES, ALARM_STATUS_KEYS, LEVELS, LEVEL_KEYS } from './model.ts';
import { useAlarmStream } from './ui.tsx';

type Filters = { active?: boolean; status?: string; level?: LevelCode; type?: string; region?: string };
const ACTIVE = 'active';

export default function AlarmsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const list = usePagedList<AlarmView, Filters>('/api/monitor/alarms', { active: true });
  const { level: _level, ...countFilters } = list.filters;
  const counts = useLoad(() => api.get<AlarmLevelCounts>('/api/monitor/console/alarm-counts', countFilters), [JSON.stringify(countFilters)]);
  const types = useLoad(() => api.get<DeviceTypeList>('/api/monitor/device-types'), []);
  const [fresh, setFresh] = useState<number[]>([]);
  const [detailTick, setDetailTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const openId = Number(params.get('alarm')) || null;

  const refresh = useCallback(() => { list.reload(); counts.reload(); }, [list, counts]);
  const live = useAlarmStream((change: AlarmChange) => {
    if (change.action === 'raise') setFresh((ids) => [change.id, ...ids.filter((id) => id !== change.id)].slice(0, 20));
    if (change.id === openId) setDetailTick((n) => n + 1);
    clearTimeout(timer.current);
    timer.current = setTimeout(refresh, 300);
  });

  // alarms the stream just raised come first on the page
  const items = useMemo(() => {
    const all = list.data?.items ?? [];
    const rank = (a: AlarmView) => { const i = fresh.indexOf(a.id); return i < 0 ? fresh.length : i; };
    return [...all].sort((a, b) => rank(a) - rank(b));
  }, [list.data, fresh]);

  const statusValue = list.filters.active ? ACTIVE : list.filters.status;
  const setStatus = (v?: string) => list.setFilters({ ...list.filters, active: v === ACTIVE ? true : undefined, status: v === ACTIVE ? undefined : v });
  const open = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('alarm', String(id)); else next.delete('alarm');
    setParams(next, { replace: true });
    if (id) setFresh((ids) => ids.filter((x) => x !== id));
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <LevelCounts data={counts.data} selected={list.filters.level} onSelect={(level) => list.setFilters({ ...list.filters, level })} />
      <Card title={<Space>{t('menuMonAlarms')}<Badge status={live ? 'processing' : 'default'} text={live ? t('monLive') : t('monOffline')} data-testid="alarm-live" /></Space>}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select style={{ width: 150 }} value={statusValue} allowClear placeholder={t('status')} onChange={setStatus} data-testid="filter-status"
            options={[{ value: ACTIVE, label: t('monActiveAlarms') }, ...ALARM_STATUSES.map((s) => ({ value: s, label: t(ALARM_STATUS_KEYS[s]) }))]} />
          <Select style={{ width: 140 }} value={list.filters.level} allowClear placeholder={t('level')} data-testid="filter-level"
            onChange={(level) => list.setFilters({ ...list.filters, level })} options={LEVELS.map((l) => ({ value: l, label: t(LEVEL_KEYS[l]) }))} />
          <Select style={{ width: 180 }} value={list.filters.type} allowClear placeholder={t('monDeviceType')} loading={types.loading}
            onChange={(type) => list.setFilters({ ...list.filters, type })}
            options={(types.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))} />
          <RegionPicker value={list.filters.region} placeholder={t('region')} onChange={(region) => list.setFilters({ ...list.filters, region })} />
        </Space>
        <AlarmTable list={list} items={items} fresh={fresh} onOpen={open} />
      </Card>
      <AlarmDrawer id={openId} tick={detailTick} onClose={() => open(null)} onChanged={refresh} />
    </Space>
  );
}
