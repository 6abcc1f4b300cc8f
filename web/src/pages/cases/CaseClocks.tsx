// 环节时限: each stage clock with its traffic light, limit (and 延期), deadline and the working time left.
import { Badge, Space, Tag, Typography } from 'antd';
import { chinaTime, formatTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { CaseClockView } from '../../../../src/command/views.ts';
import { clockLabel, formatMinutes, Rows, unitLabel } from './caseUi.tsx';

const STATUS = { green: 'success', yellow: 'warning', red: 'error' } as const;

export default function CaseClocks({ clocks }: { clocks: CaseClockView[] }) {
  const { t } = useI18n();
  const limitText = (l: { amount: number; unit: string }) => `${l.amount} ${unitLabel(t, l.unit)}`;
  return (
    <Rows items={[...clocks].reverse()} testId="case-clocks" render={(c) => {
      const running = c.stoppedAt === null;
      const paused = running && c.pauses.some((p) => p.to === null);
      return (
        <Space orientation="vertical" size={0} style={{ width: '100%' }} data-testid={`clock-${c.clock}`}>
            <Space size={8} wrap>
              {running && c.light ? <Badge status={STATUS[c.light]} /> : <Badge status="default" />}
              <Typography.Text strong>{clockLabel(t, c.clock)}</Typography.Text>
              <Typography.Text type="secondary">{t('cc_limit')} {limitText(c.limit)}</Typography.Text>
              {c.extensions.map((e, i) => <Tag key={i} color="blue">{t('cc_extended', { v: limitText(e) })}</Tag>)}
              {c.urgent && <Tag color="red">{t('cc_urgent')}</Tag>}
              {paused ? <Tag>{t('cc_paused')}</Tag>
                : running ? <Tag color={c.light === 'red' ? 'red' : c.light === 'yellow' ? 'gold' : 'green'}>{t('cc_running')}</Tag>
                : c.outcome === 'cancelled' ? <Tag>{t('cc_cancelled')}</Tag>
                : <Tag color={c.onTime ? 'green' : 'red'}>{t(c.onTime ? 'cc_onTime' : 'cc_late')}</Tag>}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {chinaTime(c.startedAt, 'short')} → {c.deadline ? chinaTime(c.deadline, 'short') : '—'}
              {c.stoppedAt && ` · ${chinaTime(c.stoppedAt, 'short')}`}
            </Typography.Text>
            {running && c.remainingMinutes !== null && (
              <Typography.Text type={c.remainingMinutes < 0 ? 'danger' : undefined} data-testid="clock-remaining">
                {c.remainingMinutes >= 0 ? t('cc_remainingWork', { time: formatMinutes(t, c.remainingMinutes) })
                  : t('cc_overdueBy', { time: formatMinutes(t, c.remainingMinutes) })}
              </Typography.Text>
            )}
        </Space>
      );
    }} />
  );
}
