// 办理过程: every step of the case (antd Timeline) with actor, role, time, stage change, opinion and attachments.
import { Image, Space, Tag, Timeline, Typography } from 'antd';
import { formatTime } from '../../format.ts';
import { useI18n, type T } from '../../i18n.tsx';
import type { TimelineEntryView } from '../../../../src/command/views.ts';
import { actionLabel, roleLabel, stageLabel, unitLabel } from './caseUi.tsx';

const COLORS: Record<string, string> = {
  report: 'blue', reject: 'red', refuse_file: 'red', void: 'red', check_fail: 'red', overdue: 'red', deny_return: 'orange',
  deny_extension: 'orange', deny_suspend: 'orange', supervise: 'orange', close: 'green', check_pass: 'green',
};

/** The parts of the details worth showing (the result of 核实, 结案类型, 满意度, 延期 …). */
function detailText(t: T, d: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (typeof d.found === 'boolean') out.push(t(d.found ? 'cc_foundYes' : 'cc_foundNo'));
  if (typeof d.closeType === 'string') out.push(t(`cc_close_${d.closeType}` as 'cc_close_normal'));
  if (typeof d.satisfaction === 'string') out.push(`${t('cc_satisfaction')}：${t(`cc_sat_${d.satisfaction}` as 'cc_sat_satisfied')}`);
  if (typeof d.rejectReason === 'string') out.push(`${t('cc_rejectReason')}：${t(`cc_reason_${d.rejectReason}` as 'cc_reason_other')}`);
  const ext = d.extension as { amount?: number; unit?: string } | undefined;
  if (ext?.amount) out.push(`${t('cc_extensionAmount')}：${ext.amount} ${unitLabel(t, ext.unit ?? '')}`);
  return out;
}

export default function CaseTimeline({ entries }: { entries: TimelineEntryView[] }) {
  const { t } = useI18n();
  return (
    <Timeline data-testid="case-timeline" items={entries.map((e) => ({
      key: e.id,
      color: COLORS[e.action] ?? 'gray',
      content: (
        <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid="timeline-entry">
          <Space size={8} wrap>
            <Typography.Text strong data-testid="timeline-action">{actionLabel(t, e.action)}</Typography.Text>
            <span>{e.actorName}</span>
            <Tag>{roleLabel(t, e.actorRole)}</Tag>
            <Typography.Text type="secondary">{formatTime(e.at)}</Typography.Text>
            {e.toStage && e.fromStage !== e.toStage && (
              <Typography.Text type="secondary">
                {e.fromStage ? t('cc_stageChange', { from: stageLabel(t, e.fromStage), to: stageLabel(t, e.toStage) }) : stageLabel(t, e.toStage)}
              </Typography.Text>
            )}
          </Space>
          {detailText(t, e.details ?? {}).map((s) => <Tag key={s} color="blue">{s}</Tag>)}
          {e.opinion && <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{e.opinion}</Typography.Paragraph>}
          {e.attachments.length > 0 && (
            <Image.PreviewGroup>
              <Space size={6} wrap>
                {e.attachments.map((a) => (
                  <Image key={a.hash} width={56} height={56} style={{ objectFit: 'cover', borderRadius: 4 }}
                    src={`/api/media/${a.hash}/thumbnail`} preview={{ src: `/api/media/${a.hash}` }} />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
        </Space>
      ),
    }))} />
  );
}
