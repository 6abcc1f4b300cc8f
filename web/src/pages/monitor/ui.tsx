// Small pieces the monitor pages share: level and status tags, a point on the mini map, the alarm stream.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Skeleton, Tag } from 'antd';
import type { Point } from 'geojson';
import { useI18n } from '../../i18n.tsx';
import type { AlarmChange, AlarmStatusCode, LevelCode } from '../../../../src/monitor/views.ts';
import { ALARM_STATUS_COLORS, ALARM_STATUS_KEYS, LEVEL_COLORS, LEVEL_KEYS } from './model.ts';

const MiniMap = lazy(() => import('../../map/MiniMap.tsx'));

export function LevelTag({ level }: { level: LevelCode }) {
  const { t } = useI18n();
  return <Tag color={LEVEL_COLORS[level]} style={level === 'yellow' ? { color: '#614700' } : undefined} data-testid={`level-${level}`}>{t(LEVEL_KEYS[level])}</Tag>;
}

export function AlarmStatusTag({ status }: { status: AlarmStatusCode }) {
  const { t } = useI18n();
  return <Tag color={ALARM_STATUS_COLORS[status]}>{t(ALARM_STATUS_KEYS[status])}</Tag>;
}

/** A device's or an alarm's position on the small map. */
export function PointMap({ lon, lat, height = 200 }: { lon: number; lat: number; height?: number }) {
  const geometry = useMemo<Point>(() => ({ type: 'Point', coordinates: [lon, lat] }), [lon, lat]);
  return <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}><MiniMap geometry={geometry} height={height} /></Suspense>;
}

/** Calls `onChange` with each alarm change the server streams (SSE, filtered by data scope); returns whether the stream is open. */
export function useAlarmStream(onChange: (change: AlarmChange) => void): boolean {
  const callback = useRef(onChange);
  callback.current = onChange;
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource('/api/monitor/alarms/stream');
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('alarm', (e) => {
      try { callback.current(JSON.parse((e as MessageEvent).data) as AlarmChange); } catch { /* a malformed event is skipped */ }
    });
    return () => source.close();
  }, []);
  return live;
}
