// 评分设置: per evaluated object the weighted indicators, the count score table and the grade thresholds; administrators
// save a new version (kept in the history with who changed it), everyone with evaluation.read may look.
import { Alert, App, Button, Card, Checkbox, Col, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { ScoringConfigView, ScoringHistoryItem, ScoringIndicator, ScoringObject, ScoringState } from '../../../../src/evaluation/views.ts';
import { formatTime } from '../../format.ts';

type ObjectKey = keyof ScoringConfigView['objects'];
const OBJECTS: ObjectKey[] = ['region', 'department', 'collector', 'acceptor', 'shift_leader', 'dispatcher'];
/** The rates each object's table shows (the server refuses others). */
const APPLICABLE: Record<ObjectKey, string[]> = {
  region: ['publicReportRate', 'onTimeFilingRate', 'accurateFilingRate', 'onTimeDispatchRate', 'handlingRate', 'onTimeHandlingRate',
    'closureRate', 'onTimeClosureRate', 'reworkRate', 'onTimeVerifyRate', 'onTimeCheckRate'],
  department: ['handlingRate', 'onTimeHandlingRate', 'closureRate', 'onTimeClosureRate', 'reworkRate'],
  collector: ['validReportRate', 'missedReportRate', 'onTimeVerifyRate', 'onTimeCheckRate'],
  acceptor: ['onTimeAcceptRate', 'onTimeVerifyDispatchRate'],
  shift_leader: ['onTimeFilingRate', 'accurateFilingRate', 'onTimeClosingRate'],
  dispatcher: ['onTimeDispatchRate', 'accurateDispatchRate'],
};

function ObjectEditor({ name, value, state, editable, onChange, objectKey }: {
  name: string; value: ScoringObject; state: ScoringState; editable: boolean; onChange(v: ScoringObject): void; objectKey: ObjectKey;
}) {
  const { t } = useI18n();
  const total = value.indicators.reduce((a, i) => a + (i.weight || 0), 0);
  const setIndicator = (k: number, patch: Partial<ScoringIndicator>) =>
    onChange({ ...value, indicators: value.indicators.map((i, j) => (j === k ? { ...i, ...patch } as ScoringIndicator : i)) });
  const rateOptions = [{ value: '__count', label: t('evaCountScore') },
    ...APPLICABLE[objectKey].map((r) => ({ value: r, label: state.rateNames[r] }))];
  return (
    <Card size="small" title={name} data-testid={`eva-scoring-${objectKey}`}
      extra={<Tag color={Math.abs(total - 100) < 1e-9 ? 'green' : 'red'}>{t('evaWeightSum', { n: total })}</Tag>}>
      <Table size="small" pagination={false} rowKey={(_, k) => String(k)} dataSource={value.indicators} columns={[
        { title: t('evaRate'), render: (_, i, k) => (
          <Select disabled={!editable} style={{ width: 170 }} value={i.kind === 'count' ? '__count' : i.rate} options={rateOptions}
            onChange={(v) => setIndicator(k, v === '__count' ? { kind: 'count' } as never : { kind: 'rate', rate: v, invert: false } as never)} />) },
        { title: t('evaInvert'), width: 90, render: (_, i, k) => (i.kind === 'rate'
          ? <Checkbox disabled={!editable} checked={i.invert} onChange={(e) => setIndicator(k, { invert: e.target.checked } as never)} /> : null) },
        { title: t('evaWeight'), width: 100, render: (_, i, k) => (
          <InputNumber disabled={!editable} min={0} max={100} value={i.weight} data-testid={`eva-weight-${objectKey}-${k}`}
            onChange={(v) => setIndicator(k, { weight: Number(v ?? 0) })} />) },
        { width: 40, render: (_, __, k) => editable && value.indicators.length > 1 && (
          <Button size="small" type="text" icon={<DeleteOutlined />}
            onClick={() => onChange({ ...value, indicators: value.indicators.filter((_i, j) => j !== k) })} />) },
      ]} />
      {editable && <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }}
        onClick={() => onChange({ ...value, indicators: [...value.indicators, { kind: 'rate', rate: APPLICABLE[objectKey][0], invert: false, weight: 0 }] })}>
        {t('evaAddIndicator')}</Button>}
      <Space direction="vertical" style={{ marginTop: 12, width: '100%' }}>
        <Space>
          <Typography.Text>{t('evaCountFigure')}</Typography.Text>
          <Select disabled={!editable} style={{ width: 140 }} value={value.countFigure}
            options={Object.entries(state.countFigureNames).map(([k, v]) => ({ value: k, label: v }))}
            onChange={(v) => onChange({ ...value, countFigure: v })} />
        </Space>
        <Typography.Text type="secondary">{t('evaSteps')}</Typography.Text>
        <Space wrap>
          {value.steps.map((s, k) => (
            <Space.Compact key={k}>
              <InputNumber disabled={!editable} placeholder="∞" min={0} style={{ width: 90 }} value={s.upTo}
                onChange={(v) => onChange({ ...value, steps: value.steps.map((x, j) => (j === k ? { ...x, upTo: v === null ? null : Number(v) } : x)) })} />
              <InputNumber disabled={!editable} min={0} max={100} style={{ width: 70 }} value={s.score}
                onChange={(v) => onChange({ ...value, steps: value.steps.map((x, j) => (j === k ? { ...x, score: Number(v ?? 0) } : x)) })} />
            </Space.Compact>
          ))}
        </Space>
      </Space>
    </Card>
  );
}

export default function ScoringSettingsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const editable = can('evaluation.manage');
  const state = useLoad(() => api.get<ScoringState>('/api/evaluation/scoring'), []);
  const history = useLoad(() => (editable || can('evaluation.read')
    ? api.get<{ items: ScoringHistoryItem[] }>('/api/evaluation/scoring/history') : Promise.resolve({ items: [] })), []);
  const [config, setConfig] = useState<ScoringConfigView>();
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (state.data) setConfig(structuredClone(state.data.config)); }, [state.data]);

  const save = async () => {
    setSaving(true);
    try {
      await api.put('/api/evaluation/scoring', config);
      message.success(t('evaSaved'));
      state.reload();
      history.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  if (state.error) return <Alert type="error" showIcon message={state.error} />;
  if (!state.data || !config) return null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="eva-scoring">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('menuEvaScoring')}</Typography.Title>
            {state.data.isDefault && <Tag>{t('evaDefaults')}</Tag>}
            {!editable && <Tag color="orange">{t('evaReadOnly')}</Tag>}
          </Space>
          <Space wrap>
            <Typography.Text>{t('evaGradeLines')}</Typography.Text>
            {(['A', 'B', 'C', 'D'] as const).map((g) => (
              <Space.Compact key={g}>
                <Button disabled>{g} ≥</Button>
                <InputNumber disabled={!editable} min={0} max={100} style={{ width: 70 }} value={config.grades[g]}
                  onChange={(v) => setConfig({ ...config, grades: { ...config.grades, [g]: Number(v ?? 0) } })} />
              </Space.Compact>
            ))}
            {editable && <Button type="primary" loading={saving} onClick={save} data-testid="eva-save">{t('evaSave')}</Button>}
          </Space>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        {OBJECTS.map((o) => (
          <Col key={o} xs={24} xl={12}>
            <ObjectEditor objectKey={o} name={state.data!.objectNames[o]} value={config.objects[o]} state={state.data!} editable={editable}
              onChange={(v) => setConfig({ ...config, objects: { ...config.objects, [o]: v } })} />
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('evaHistory')}>
        <Table<ScoringHistoryItem> size="small" rowKey="id" dataSource={history.data?.items ?? []} pagination={false} columns={[
          { title: t('evaChangedAt'), dataIndex: 'changedAt', render: (v: string) => formatTime(v) },
          { title: t('evaChangedBy'), dataIndex: 'changedByName', render: (v: string | null) => v ?? '—' },
          { title: t('evaGradeLines'), render: (_, r) => `A≥${r.value.grades.A} B≥${r.value.grades.B} C≥${r.value.grades.C} D≥${r.value.grades.D}` },
        ]} />
      </Card>
    </Space>
  );
}
