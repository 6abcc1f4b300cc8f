// 工作时段: the working periods of a working day (default 08:00–12:00, 14:00–18:00); their sum is 1 工作日.
import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';

interface Period { start: string; end: string }
export interface CalendarAnswer { periods: Period[]; workingDayMinutes: number; year: number; coverage: 'official' | 'administrator' | 'weekends_only' }

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;

export default function PeriodsCard({ calendar, canEdit, onSaved }: { calendar: CalendarAnswer | undefined; canEdit: boolean; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ periods: Period[] }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => { if (calendar) form.setFieldsValue({ periods: calendar.periods }); }, [calendar, form]);

  async function save() {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    try {
      await api.put('/api/calendar', { periods: values.periods });
      message.success(t('saved'));
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const hours = calendar ? Math.round((calendar.workingDayMinutes / 60) * 100) / 100 : 0;
  return (
    <Card size="small" title={t('setPeriods')} extra={canEdit && <Button type="primary" size="small" loading={saving} onClick={save} data-testid="periods-save">{t('save')}</Button>}>
      <Typography.Paragraph type="secondary">{t('setPeriodsHint', { h: hours })}</Typography.Paragraph>
      <Form form={form} disabled={!canEdit || !calendar}>
        <Form.List name="periods">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={0}>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline">
                  <Typography.Text style={{ width: 48, display: 'inline-block' }}>{t('setPeriodN', { n: i + 1 })}</Typography.Text>
                  <Form.Item name={[field.name, 'start']} rules={[{ required: true, pattern: TIME, message: 'HH:MM' }]}>
                    <Input style={{ width: 76 }} placeholder="08:00" data-testid={`period-${i}-start`} />
                  </Form.Item>
                  <span>—</span>
                  <Form.Item name={[field.name, 'end']} rules={[{ required: true, pattern: TIME, message: 'HH:MM' }]}>
                    <Input style={{ width: 76 }} placeholder="12:00" data-testid={`period-${i}-end`} />
                  </Form.Item>
                  {canEdit && fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('setRemovePeriod')} />}
                </Space>
              ))}
              {canEdit && fields.length < 6 && (
                <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })}>{t('setAddPeriod')}</Button>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
