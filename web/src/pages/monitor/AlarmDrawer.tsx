// One alarm: device, rule, values, level history, event history, its case, actuator commands, the people's actions
// and a small map.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Descriptions, Drawer, Input, Modal, Skeleton, Space, Table, Typography } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import Chart from '../analysis/Chart.tsx';
import type { AlarmActionCode, AlarmDetail, AlarmEventView } from '../../../../src/monitor/views.ts';
import AlarmCommands from './AlarmCommands.tsx';
import { levelHistoryOption } from './charts.ts';
import { ACTION_KEYS, MONITOR_MANAGE } from './model.ts';
import { AlarmStatusTag, LevelTag, PointMap } from './ui.tsx';

interface Props { id: number | null; tick: number; onClose(): void; onChanged(): void }

const EVENT_KEYS: Record<string, TKey> = {
  raise: 'monEvRaise', repeat: 'monEvRepeat', escalate: 'monEvEscalate', deescalate: 'monEvDeescalate', recover: 'monEvRecover',
  confirm: 'monActConfirm', false_alarm: 'monActFalseAlarm', dispatch: 'monActDispatch', archive: 'monActArchive',
  command: 'monEvCommand',
};

export default function AlarmDrawer({ id, tick, onClose, onChanged }: Props) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const detail = useLoad(() => (id ? api.get<AlarmDetail>(`/api/monitor/alarms/${id}`) : Promise.resolve(undefined)), [id, tick]);
  const [acting, setActing] = useState<AlarmActionCode | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const a = detail.data && detail.data.id === id ? detail.data : undefined;

  async function act() {
    if (!a || !acting) return;
    setBusy(true);
    try {
      await api.post(`/api/monitor/alarms/${a.id}/actions/${acting}`, note.trim() ? { note: note.trim() } : {});
      message.success(t('saved'));
      setActing(null);
      setNote('');
      detail.reload();
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const manage = can(MONITOR_MANAGE);
  return (
    <Drawer open={id !== null} onClose={onClose} size={720} destroyOnHidden data-testid="alarm-drawer"
      title={a ? <Space><LevelTag level={a.level} />{a.deviceName} · {a.ruleName}</Space> : t('monAlarm')}
      extra={a && manage && (
        <Space>
          {a.actions.map((action) => (
            <Button key={action} type={action === 'dispatch' ? 'primary' : 'default'} danger={action === 'false_alarm'}
              onClick={() => setActing(action)} data-testid={`alarm-action-${action}`}>{t(ACTION_KEYS[action])}</Button>
          ))}
        </Space>
      )}>
      {detail.error && <Alert type="error" showIcon title={detail.error} />}
      {!a && !detail.error && <Skeleton active />}
      {a && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered items={[
            { key: 'status', label: t('status'), children: <span data-testid="alarm-status"><AlarmStatusTag status={a.status} /></span> },
            { key: 'peak', label: t('monPeakLevel'), children: <LevelTag level={a.peakLevel} /> },
            { key: 'device', label: t('monDevice'), children: <Link to={`/monitor/devices/${a.deviceId}`}>{a.deviceName}（{a.deviceCode}）</Link> },
            { key: 'rule', label: t('monRule'), children: `${a.ruleName}${a.metric ? ` · ${a.metric}` : ''}` },
            { key: 'first', label: t('monFirstValue'), children: a.firstValue ?? '' },
            { key: 'last', label: t('monLastValue'), children: a.lastValue ?? '' },
            { key: 'raised', label: t('monRaisedAt'), children: formatTime(a.raisedAt) },
            { key: 'lastAt', label: t('monLastAt'), children: formatTime(a.lastAt) },
            { key: 'repeats', label: t('monRepeats'), children: a.repeats },
            { key: 'grid', label: t('gridCode'), children: a.gridCode },
            { key: 'case', label: t('monCase'), children: a.caseId
              ? <Link to={`/cases/${a.caseId}`} data-testid="alarm-case-link">{a.caseNo}</Link> : <Typography.Text type="secondary">{t('monNoCase')}</Typography.Text> },
            { key: 'note', label: t('remark'), children: a.note ?? '' },
          ]} />
          <Chart testId="alarm-level-chart" height={200} option={levelHistoryOption(t, a.events)} />
          <Table<AlarmEventView> size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={a.events} data-testid="alarm-events"
            columns={[
              { title: t('monTime'), dataIndex: 'at', render: formatTime },
              { title: t('action'), dataIndex: 'action', render: (v: string) => (EVENT_KEYS[v] ? t(EVENT_KEYS[v]) : v) },
              { title: t('level'), dataIndex: 'level', render: (_, e) => e.level && <LevelTag level={e.level} /> },
              { title: t('monValue'), dataIndex: 'value', render: (v: number | null) => v ?? '' },
              { title: t('operator'), dataIndex: 'actorName' },
              { title: t('remark'), dataIndex: 'note' },
            ]} />
          <AlarmCommands alarmId={a.id} commands={a.commands} canSend={manage} onSent={detail.reload} />
          <PointMap lon={Number(a.lon)} lat={Number(a.lat)} />
        </Space>
      )}
      <Modal open={acting !== null} title={acting ? t(ACTION_KEYS[acting]) : ''} onCancel={() => setActing(null)} onOk={act}
        confirmLoading={busy} okButtonProps={{ 'data-testid': 'alarm-action-ok' } as any} destroyOnHidden>
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('monNoteOptional')} />
      </Modal>
    </Drawer>
  );
}
