// 反控指令 of an alarm: the commands sent to the device and their acknowledgement, and a form to send one.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Table, Tag } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { formatTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { CommandStatusCode, CommandView } from '../../../../src/monitor/views.ts';
import type { TKey } from '../../i18n.tsx';

/** 待发送 → 已下发 → 已确认 / 已拒绝, or 下发失败 (no broker took it). */
const STATUS: Record<CommandStatusCode, [TKey, string]> = {
  pending: ['monCmdPending', 'default'], sent: ['monCmdSent', 'processing'], acknowledged: ['monCmdAcknowledged', 'success'],
  rejected: ['monCmdRejected', 'warning'], failed: ['monCmdFailed', 'error'],
};

interface Props { alarmId: number; commands: CommandView[]; canSend: boolean; onSent(): void }

export default function AlarmCommands({ alarmId, commands, canSend, onSent }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; params?: string }>();
  const [busy, setBusy] = useState(false);

  async function send() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/api/monitor/alarms/${alarmId}/commands`, { name: v.name.trim(), params: v.params?.trim() ? JSON.parse(v.params) : {} });
      form.resetFields();
      onSent();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const jsonObject = (_: unknown, value?: string) => {
    if (!value?.trim()) return Promise.resolve();
    try {
      const parsed = JSON.parse(value);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Promise.resolve() : Promise.reject(new Error(t('monParamsJson')));
    } catch {
      return Promise.reject(new Error(t('monParamsJson')));
    }
  };

  return (
    <Card size="small" title={t('monCommands')} data-testid="alarm-commands">
      <Table<CommandView> size="small" rowKey="id" pagination={false} dataSource={commands} columns={[
        { title: t('name'), dataIndex: 'name' },
        { title: t('monParams'), dataIndex: 'params', render: (p: unknown) => <code>{JSON.stringify(p)}</code> },
        { title: t('monSentAt'), dataIndex: 'sentAt', render: formatTime },
        { title: t('status'), dataIndex: 'status', render: (s: CommandStatusCode) => <Tag color={STATUS[s][1]}>{t(STATUS[s][0])}</Tag> },
        { title: t('monAckAt'), dataIndex: 'ackAt', render: formatTime },
        { title: t('monCmdResult'), dataIndex: 'result', render: (r: string | null) => r ?? '' },
        { title: t('operator'), dataIndex: 'by' },
      ]} />
      {canSend && (
        <Form form={form} layout="inline" style={{ marginTop: 12 }} onFinish={send}>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 64 }]}><Input placeholder={t('monCommandName')} /></Form.Item>
          <Form.Item name="params" rules={[{ validator: jsonObject }]}><Input placeholder={t('monParamsJson')} style={{ width: 240 }} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('monSendCommand')}</Button>
        </Form>
      )}
    </Card>
  );
}
