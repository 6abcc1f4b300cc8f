// 指标体系: the year's dimensions and indicators (weights, source, scoring) — administrators edit and save a new
// version (checked by the server: weights add up to 100 per level, bounds and steps sane); the history lists every
// saved version, any of which can be loaded back into the editor.
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../../api.ts';
import { useLoad } from '../../../hooks.ts';
import { useI18n } from '../../../i18n.tsx';
import type { IndexDimension, IndexIndicator, IndexTree, ScoringMethod, TreeState, TreeVersion } from '../../../../../src/evaluation/city-index/views.ts';
import { formatTime } from '../../../format.ts';

type SourceChoice = 'rate' | 'density' | 'inspection' | 'questionnaire';
const choiceOf = (i: IndexIndicator): SourceChoice => (i.source.kind === 'platform' ? i.source.metric.kind : i.source.kind);
const stepsText = (s: ScoringMethod) => (s.kind === 'steps' ? s.steps.map((x) => `${x.upTo ?? ''}:${x.score}`).join(', ') : '');
/** "20:100, 50:85, :30" → steps (an empty bound is "以上"); null when it does not read. */
function parseSteps(text: string): { upTo: number | null; score: number }[] | null {
  const steps = text.split(/[,，;；]/).map((p) => p.trim()).filter(Boolean).map((p) => {
    const [a, b] = p.split(/[:：]/).map((x) => x.trim());
    return { upTo: a === '' ? null : Number(a), score: Number(b) };
  });
  return steps.length && steps.every((s) => (s.upTo === null || Number.isFinite(s.upTo)) && Number.isFinite(s.score)) ? steps : null;
}
const sum = (xs: { weight: number }[]) => xs.reduce((a, x) => a + (x.weight || 0), 0);

function IndicatorTable({ dim, state, editable, onChange }: { dim: IndexDimension; state: TreeState; editable: boolean; onChange(d: IndexDimension): void }) {
  const { t } = useI18n();
  const set = (k: number, patch: Partial<IndexIndicator>) =>
    onChange({ ...dim, indicators: dim.indicators.map((i, j) => (j === k ? { ...i, ...patch } : i)) });
  const setSource = (k: number, c: SourceChoice) => set(k, {
    source: c === 'rate' ? { kind: 'platform', metric: { kind: 'rate', rate: 'closureRate' } }
      : c === 'density' ? { kind: 'platform', metric: { kind: 'density', types: [] } } : { kind: c },
    scoring: c === 'inspection' || c === 'questionnaire' ? { kind: 'direct' } : { kind: 'linear', worst: 0, best: 100 } });
  const typeOptions = Object.entries(state.typeNames).map(([value, name]) => ({ value, label: `${name}（${value.startsWith('matter') ? t('ciMatter') : t('ciComponent')} ${value.slice(-5)}）` }));
  return (
    <Table<IndexIndicator> size="small" rowKey="key" pagination={false} dataSource={dim.indicators} columns={[
      { title: t('ciIndicator'), width: 220, render: (_, i, k) => (
        <Input disabled={!editable} value={i.name} maxLength={40} onChange={(e) => set(k, { name: e.target.value })} data-testid={`ci-ind-name-${i.key}`} />) },
      { title: t('ciWeight'), width: 90, render: (_, i, k) => (
        <InputNumber disabled={!editable} min={0} max={100} value={i.weight} onChange={(v) => set(k, { weight: Number(v ?? 0) })}
          data-testid={`ci-ind-weight-${i.key}`} />) },
      { title: t('ciSource'), width: 130, render: (_, i, k) => (
        <Select disabled={!editable} style={{ width: 120 }} value={choiceOf(i)} onChange={(v) => setSource(k, v)} options={[
          { value: 'rate', label: t('ciSourceRate') }, { value: 'density', label: t('ciSourceDensity') },
          { value: 'inspection', label: t('ciSourceInspection') }, { value: 'questionnaire', label: t('ciSourceQuestionnaire') }]} />) },
      { title: t('ciSourceDetail'), render: (_, i, k) => {
        if (i.source.kind !== 'platform') return <Typography.Text type="secondary">{t('ciEnteredPerRegion')}</Typography.Text>;
        const m = i.source.metric;
        return m.kind === 'rate'
          ? <Select disabled={!editable} style={{ width: 160 }} value={m.rate} showSearch optionFilterProp="label"
            options={Object.entries(state.rateNames).map(([value, label]) => ({ value, label }))}
            onChange={(rate) => set(k, { source: { kind: 'platform', metric: { kind: 'rate', rate } } })} />
          : <Select disabled={!editable} mode="multiple" style={{ minWidth: 240 }} value={m.types} showSearch optionFilterProp="label"
            options={typeOptions} maxTagCount={3}
            onChange={(types) => set(k, { source: { kind: 'platform', metric: { kind: 'density', types } } })} />;
      } },
      { title: t('ciScoring'), width: 300, render: (_, i, k) => {
        const s = i.scoring;
        return (
          <Space size={4} wrap>
            <Select disabled={!editable} style={{ width: 112 }} value={s.kind} onChange={(kind) => set(k, {
              scoring: kind === 'linear' ? { kind, worst: 0, best: 100 } : kind === 'steps' ? { kind, steps: [{ upTo: null, score: 100 }] } : { kind } })}
            options={[{ value: 'linear', label: t('ciScoringLinear') }, { value: 'steps', label: t('ciScoringSteps') }, { value: 'direct', label: t('ciScoringDirect') }]} />
            {s.kind === 'linear' && <>
              <InputNumber disabled={!editable} size="small" style={{ width: 80 }} value={s.worst} addonBefore={t('ciWorst')}
                onChange={(v) => set(k, { scoring: { ...s, worst: Number(v ?? 0) } })} />
              <InputNumber disabled={!editable} size="small" style={{ width: 80 }} value={s.best} addonBefore={t('ciBest')}
                onChange={(v) => set(k, { scoring: { ...s, best: Number(v ?? 0) } })} />
            </>}
            {s.kind === 'steps' && <Input disabled={!editable} size="small" style={{ width: 180 }} defaultValue={stepsText(s)} placeholder="20:100, 50:85, :30"
              title={t('ciStepsHelp')} onBlur={(e) => { const steps = parseSteps(e.target.value); if (steps) set(k, { scoring: { kind: 'steps', steps } }); }} />}
          </Space>
        );
      } },
      { width: 40, render: (_, __, k) => editable && dim.indicators.length > 1 && (
        <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => onChange({ ...dim, indicators: dim.indicators.filter((_i, j) => j !== k) })} />) },
    ]} />
  );
}

export default function TreeEditor({ year, editable, onSaved }: { year: number; editable: boolean; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const state = useLoad(() => api.get<TreeState>(`/api/city-index/${year}/tree`), [year]);
  const history = useLoad(() => api.get<{ items: TreeVersion[] }>(`/api/city-index/${year}/tree/history`), [year]);
  const [tree, setTree] = useState<IndexTree | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (state.data) setTree(structuredClone(state.data.tree)); }, [state.data]);
  if (state.error) return <Alert type="error" title={state.error} />;
  if (!state.data || !tree) return <Card loading />;
  const setDim = (k: number, d: IndexDimension) => setTree({ dimensions: tree.dimensions.map((x, j) => (j === k ? d : x)) });
  const save = async () => {
    setSaving(true);
    try {
      await api.put(`/api/city-index/${year}/tree`, { tree });
      setError(null);
      message.success(t('ciSaved'));
      state.reload(); history.reload(); onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  const dimTotal = sum(tree.dimensions);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="ci-tree">
      <Alert type={state.data.isDefault ? 'info' : 'success'} showIcon
        title={state.data.isDefault ? t('ciTreeDefault') : t('ciTreeSavedBy', { at: state.data.updatedAt?.slice(0, 16).replace('T', ' ') ?? '', by: state.data.updatedByName ?? '' })} />
      {error && <Alert type="error" showIcon title={error} data-testid="ci-tree-error" />}
      <Space>
        <Tag color={Math.abs(dimTotal - 100) < 1e-6 ? 'green' : 'red'}>{t('ciDimensionWeightSum', { n: dimTotal })}</Tag>
        {editable && <Button type="primary" loading={saving} onClick={save} data-testid="ci-tree-save">{t('ciSaveTree')}</Button>}
        {editable && <Button onClick={() => setTree(structuredClone(state.data!.tree))}>{t('ciReset')}</Button>}
      </Space>
      {tree.dimensions.map((d, k) => {
        const total = sum(d.indicators);
        return (
          <Card key={d.key} size="small" data-testid={`ci-dim-${d.key}`} title={<Space>
            <Input disabled={!editable} value={d.name} style={{ width: 120 }} maxLength={20} onChange={(e) => setDim(k, { ...d, name: e.target.value })} />
            <InputNumber disabled={!editable} min={0} max={100} value={d.weight} addonAfter="%" style={{ width: 110 }}
              onChange={(v) => setDim(k, { ...d, weight: Number(v ?? 0) })} data-testid={`ci-dim-weight-${d.key}`} />
          </Space>} extra={<Tag color={Math.abs(total - 100) < 1e-6 ? 'green' : 'red'}>{t('ciIndicatorWeightSum', { n: total })}</Tag>}>
            <IndicatorTable dim={d} state={state.data!} editable={editable} onChange={(x) => setDim(k, x)} />
            {editable && <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setDim(k, { ...d, indicators: [...d.indicators,
              { key: `${d.key}_${Date.now().toString(36)}`, name: t('ciNewIndicator'), weight: 0, source: { kind: 'inspection' }, scoring: { kind: 'direct' } }] })}>
              {t('ciAddIndicator')}</Button>}
          </Card>
        );
      })}
      <Card size="small" title={t('ciHistory')}>
        <Table<TreeVersion> size="small" rowKey="id" dataSource={history.data?.items ?? []} pagination={{ pageSize: 5 }} data-testid="ci-tree-history"
          columns={[
            { title: t('ciChangedAt'), dataIndex: 'changedAt', render: (v: string) => formatTime(v) },
            { title: t('ciChangedBy'), dataIndex: 'changedByName' },
            { title: t('ciDimensions'), render: (_, v) => v.tree.dimensions.map((d) => `${d.name} ${d.weight}%`).join('、') },
            { width: 110, render: (_, v) => editable && <Button size="small" onClick={() => setTree(structuredClone(v.tree))}>{t('ciLoadVersion')}</Button> },
          ]} />
      </Card>
    </Space>
  );
}
