// 工作日历: working periods, and a year view of holidays and 调休 working days — official data (chinese-days) where it
// exists, administrator-entered days for later years, which administrators edit here (click a day: 休 → 班 → 普通).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, Row, Segmented, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import { PERM } from '../../permissions.ts';
import PeriodsCard, { type CalendarAnswer } from './PeriodsCard.tsx';
import YearCalendar, { type CalendarDay } from './YearCalendar.tsx';

interface ExtraDay { date: string; kind: 'holiday' | 'workday'; name?: string }
interface YearAnswer { year: number; coverage: CalendarAnswer['coverage']; days: (CalendarDay & { source: string })[] }

const COVERAGE: Record<CalendarAnswer['coverage'], { key: TKey; color: string }> = {
  official: { key: 'setCoverageOfficial', color: 'green' },
  administrator: { key: 'setCoverageAdministrator', color: 'blue' },
  weekends_only: { key: 'setCoverageWeekends', color: 'orange' },
};

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: THIS_YEAR + 4 - 2025 }, (_, i) => 2025 + i);

/** Next state of a clicked day: none → 休 → 班 → none. */
function cycle(days: ExtraDay[], date: string): ExtraDay[] {
  const current = days.find((d) => d.date === date);
  const rest = days.filter((d) => d.date !== date);
  if (!current) return [...rest, { date, kind: 'holiday' as const }].sort((a, b) => a.date.localeCompare(b.date));
  if (current.kind === 'holiday') return [...rest, { ...current, kind: 'workday' as const }].sort((a, b) => a.date.localeCompare(b.date));
  return rest;
}

export default function CalendarPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const canEdit = can(PERM.caseSettings);
  const [year, setYear] = useState(THIS_YEAR);
  const calendar = useLoad(() => api.get<CalendarAnswer>('/api/calendar', { year }), [year]);
  const yearDays = useLoad(() => api.get<YearAnswer>(`/api/calendar/year/${year}`), [year]);
  const adminDays = useLoad(() => api.get<{ days: ExtraDay[] }>('/api/calendar/days', { year }), [year]);
  const [draft, setDraft] = useState<ExtraDay[] | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => { setDraft(null); }, [year]);

  const coverage = yearDays.data?.coverage;
  const editable = canEdit && coverage !== undefined && coverage !== 'official';
  const editing = editable && draft !== null;
  const shown: CalendarDay[] = editing
    ? draft.map((d) => ({ date: d.date, working: d.kind === 'workday', name: d.name ?? null }))
    : yearDays.data?.days ?? [];

  async function save() {
    if (!draft) return;
    setSaving(true);
    try {
      const days = draft.map((d) => ({ date: d.date, kind: d.kind, ...(d.name?.trim() ? { name: d.name.trim() } : {}) }));
      await api.put(`/api/calendar/days/${year}`, { days });
      message.success(t('saved'));
      setDraft(null);
      yearDays.reload();
      adminDays.reload();
      calendar.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const holidays = shown.filter((d) => !d.working).length, workdays = shown.filter((d) => d.working).length;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={7} xxl={6}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <PeriodsCard calendar={calendar.data} canEdit={canEdit} onSaved={calendar.reload} />
          <Card size="small" title={t('setLegend')}>
            <Space orientation="vertical" size={4}>
              <span><Tag color="red">{t('setRestMark')}</Tag>{t('setLegendHoliday')}</span>
              <span><Tag color="blue">{t('setWorkMark')}</Tag>{t('setLegendWorkday')}</span>
              <Typography.Text type="secondary">{t('setLegendWeekend')}</Typography.Text>
            </Space>
          </Card>
        </Space>
      </Col>
      <Col xs={24} xl={17} xxl={18}>
        <Card size="small" data-testid="calendar-year-card"
          title={(
            <Space wrap>
              <span>{t('menuCalendar')}</span>
              <Select value={year} onChange={setYear} style={{ width: 110 }} data-testid="calendar-year"
                options={YEARS.map((y) => ({ value: y, label: t('setYear', { y }) }))} />
              {coverage && <Tag color={COVERAGE[coverage].color} data-testid="calendar-coverage">{t(COVERAGE[coverage].key)}</Tag>}
              <Typography.Text type="secondary">{t('setYearCounts', { h: holidays, w: workdays })}</Typography.Text>
            </Space>
          )}
          extra={editable && (editing
            ? <Space>
                <Button onClick={() => setDraft(null)}>{t('cancel')}</Button>
                <Button type="primary" loading={saving} onClick={save} data-testid="calendar-days-save">{t('save')}</Button>
              </Space>
            : <Button onClick={() => setDraft(adminDays.data?.days ?? [])} disabled={!adminDays.data} data-testid="calendar-days-edit">{t('setEditDays')}</Button>)}>
          {(yearDays.error || calendar.error) && <Alert type="error" showIcon title={yearDays.error ?? calendar.error} style={{ marginBottom: 12 }} />}
          {coverage === 'weekends_only' && !editing && <Alert type="warning" showIcon title={t('setWeekendsOnlyWarning', { y: year })} style={{ marginBottom: 12 }} />}
          {coverage === 'official' && <Alert type="info" showIcon title={t('setOfficialNote')} style={{ marginBottom: 12 }} />}
          {editing && <Alert type="info" showIcon title={t('setEditHint')} style={{ marginBottom: 12 }} />}
          {yearDays.data && adminDays.data
            ? <YearCalendar year={year} days={shown} onDayClick={editing ? (date) => setDraft((d) => cycle(d ?? [], date)) : undefined} />
            : !yearDays.error && <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}
          {editing && (
            <Table<ExtraDay> size="small" style={{ marginTop: 16 }} rowKey="date" dataSource={draft} pagination={false} data-testid="calendar-days-table"
              columns={[
                { title: t('setDate'), dataIndex: 'date', width: 120 },
                { title: t('setDayKind'), dataIndex: 'kind', width: 160, render: (kind: ExtraDay['kind'], r) => (
                  <Segmented size="small" value={kind} options={[{ value: 'holiday', label: t('setLegendHoliday') }, { value: 'workday', label: t('setLegendWorkday') }]}
                    onChange={(v) => setDraft((d) => (d ?? []).map((x) => (x.date === r.date ? { ...x, kind: v as ExtraDay['kind'] } : x)))} />
                ) },
                { title: t('setDayName'), dataIndex: 'name', render: (name: string | undefined, r) => (
                  <Input size="small" maxLength={32} value={name ?? ''} placeholder={t('setDayNamePlaceholder')}
                    onChange={(e) => setDraft((d) => (d ?? []).map((x) => (x.date === r.date ? { ...x, name: e.target.value } : x)))} />
                ) },
                { title: t('actions'), key: 'remove', width: 80, render: (_, r) => (
                  <Button size="small" type="link" danger onClick={() => setDraft((d) => (d ?? []).filter((x) => x.date !== r.date))}>{t('setRemove')}</Button>
                ) },
              ]} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
