// Small pieces shared by the case pages and the home page's work queues: stage tags, traffic lights, time left,
// translated names, and the live case stream (SSE) with a debounced callback.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Badge, Space, Tag, Tooltip } from 'antd';
import { tMaybe, useI18n, type T } from '../../i18n.tsx';
import type { CaseListItem, CaseStage, Light } from '../../../../src/command/views.ts';

export const STAGE_COLORS: Record<CaseStage, string> = {
  reported: 'blue', verifying: 'cyan', to_file: 'geekblue', to_dispatch: 'purple', to_dispatch_2: 'purple', handling: 'orange',
  return_review: 'magenta', extension_review: 'magenta', suspend_review: 'magenta', suspended: 'default', to_check: 'lime',
  checking: 'lime', to_close: 'gold', self_review: 'cyan', closed: 'green', voided: 'default', rejected: 'default', merged: 'default',
};

const LIGHT_STATUS: Record<Light, 'success' | 'warning' | 'error'> = { green: 'success', yellow: 'warning', red: 'error' };

export const stageLabel = (t: T, stage: string, fallback = stage) => tMaybe(t, `cc_stage_${stage}`, fallback);
export const actionLabel = (t: T, action: string) => tMaybe(t, `cc_act_${action}`, action);
export const sourceLabel = (t: T, source: string, fallback = source) => tMaybe(t, `cc_source_${source}`, fallback);
export const roleLabel = (t: T, role: string) => tMaybe(t, `cc_role_${role}`, role);
export const clockLabel = (t: T, clock: string) => tMaybe(t, `cc_clock_${clock}`, clock);
export const unitLabel = (t: T, unit: string) => tMaybe(t, `cc_unit_${unit}`, unit);

export function StageTag({ stage, name }: { stage: CaseStage; name?: string }) {
  const { t } = useI18n();
  return <Tag color={STAGE_COLORS[stage]} data-testid="stage-tag">{stageLabel(t, stage, name)}</Tag>;
}

export function LightDot({ light }: { light: Light | null }) {
  const { t } = useI18n();
  if (!light) return <Badge status="default" />;
  return <Tooltip title={tMaybe(t, `cc_light_${light}`, light)}><Badge status={LIGHT_STATUS[light]} data-testid={`light-${light}`} /></Tooltip>;
}

/** The case's flags next to its stage: 紧急, 超期, 督办 n 次. */
export function CaseFlags({ c }: { c: Pick<CaseListItem, 'urgent' | 'overdue' | 'supervisedCount'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {c.urgent && <Tag color="red">{t('cc_urgent')}</Tag>}
      {c.overdue && <Tag color="volcano" data-testid="flag-overdue">{t('cc_overdue')}</Tag>}
      {c.supervisedCount > 0 && <Tag color="magenta">{t('cc_supervised', { n: c.supervisedCount })}</Tag>}
    </Space>
  );
}

/** "2天3小时", "45分" for a number of minutes. */
export function formatMinutes(t: T, minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  const parts = [days && t('cc_days', { n: days }), hours && t('cc_hours', { n: hours }), !days && (mins || !hours) && t('cc_minutes', { n: mins })];
  return parts.filter(Boolean).join('');
}

/** Time until a deadline as "剩 …" or "超 …" (calendar time). */
export function timeToDeadline(t: T, deadline: string, now = Date.now()): { text: string; late: boolean } {
  const minutes = (new Date(deadline).getTime() - now) / 60_000;
  return minutes >= 0 ? { text: t('cc_leftTime', { time: formatMinutes(t, minutes) }), late: false }
    : { text: t('cc_overTime', { time: formatMinutes(t, minutes) }), late: true };
}

/** Calls `onChange` (debounced) whenever the server reports a case change; `live` tells whether the stream is open. */
export function useCaseStream(onChange: () => void, delayMs = 800): boolean {
  const callback = useRef(onChange);
  callback.current = onChange;
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource('/api/cases/stream');
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('case', () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), delayMs);
    });
    return () => { clearTimeout(timer); source.close(); };
  }, [delayMs]);
  return live;
}

/** A plain vertical list with dividers (antd's List is deprecated in antd 6.6). */
export function Rows<T>({ items, render, testId }: { items: T[]; render: (item: T, index: number) => ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      {items.map((item, i) => (
        <div key={i} style={{ padding: '8px 0', borderTop: i === 0 ? undefined : '1px solid rgba(5, 5, 5, 0.06)' }}>{render(item, i)}</div>
      ))}
    </div>
  );
}
