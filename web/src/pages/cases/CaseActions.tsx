// The actions the viewer may take now (exactly `allowedActions`), each a button opening its form. Every request sends
// the case's `version`; a 409 STALE_VERSION reloads the case, other refusals show the server's Chinese message.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { api, ApiError, errorMessage } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type {
  ActionResultView, AssigneeOption, CaseAction, CaseDetail, DispatchOptions, LimitUnitCode,
} from '../../../../src/command/views.ts';
import { ACTION_FORMS, type Need } from './actionForms.ts';
import { actionLabel, stageLabel, unitLabel } from './caseUi.tsx';
import PhotoUpload from './PhotoUpload.tsx';

export interface PendingAction {
  action: CaseAction;
  values?: Partial<FormValues>;
}

interface FormValues {
  opinion?: string;
  rejectReason?: string;
  assigneeUserId?: number;
  found?: boolean;
  target?: 'department' | 'district';
  leadDepartmentId?: number;
  assistDepartmentIds?: number[];
  extensionAmount?: number;
  extensionUnit?: LimitUnitCode;
  closeType?: string;
  mergeTargetId?: number;
  /** 合并 when no duplicate was found nearby: the target's case number or id. */
  mergeTargetRef?: string;
  satisfaction?: string;
  skipVerification?: boolean;
  beforePhotos?: string[];
  afterPhotos?: string[];
}

const UNITS: LimitUnitCode[] = ['working_days', 'working_hours', 'natural_days', 'urgent_hours', 'minutes'];

interface Props {
  detail: CaseDetail;
  /** Sources that need 核实 before 受理, and whether the acceptor may skip it (GET /api/workflow-config). */
  verifySources: string[];
  maySkipVerification: boolean;
  pending: PendingAction | null;
  setPending(p: PendingAction | null): void;
  /** The case after the action (or the short result when the case left the actor's sight). */
  onDone(next: CaseDetail | ActionResultView): void;
  onStale(): void;
}

export default function CaseActions({ detail, verifySources, maySkipVerification, pending, setPending, onDone, onStale }: Props) {
  const { t } = useI18n();
  if (detail.allowedActions.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cc_noActions')} />;
  }
  return (
    <>
      <Space wrap size={[8, 8]} data-testid="case-actions">
        {detail.allowedActions.map((action) => {
          const tone = ACTION_FORMS[action].tone;
          return (
            <Button key={action} type={tone === 'primary' ? 'primary' : 'default'} danger={tone === 'danger'}
              onClick={() => setPending({ action })} data-testid={`action-${action}`}>
              {actionLabel(t, action)}
            </Button>
          );
        })}
      </Space>
      {pending && (
        <ActionModal key={`${pending.action}-${detail.version}`} detail={detail} pending={pending} onClose={() => setPending(null)}
          onDone={onDone} onStale={onStale} verifySources={verifySources} maySkipVerification={maySkipVerification} />
      )}
    </>
  );
}

function ActionModal({ detail, pending, onClose, onDone, onStale, verifySources, maySkipVerification }: Omit<Props, 'pending' | 'setPending'> & {
  pending: PendingAction; onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { action } = pending;
  const spec = ACTION_FORMS[action];
  const fields = new Set(spec.fields ?? []);
  const needsAssignee = fields.has('assignee');
  const needsDispatch = fields.has('dispatch');
  const assignees = useLoad(() => (needsAssignee ? api.get<AssigneeOption[]>(`/api/cases/${detail.id}/assignees`) : Promise.resolve([])),
    [detail.id, needsAssignee]);
  const dispatch = useLoad(() => (needsDispatch ? api.get<DispatchOptions>(`/api/cases/${detail.id}/departments`) : Promise.resolve(undefined)),
    [detail.id, needsDispatch]);
  const showSkip = fields.has('skipVerification') && maySkipVerification && detail.verification === 'none'
    && verifySources.includes(detail.source);
  const closeType = Form.useWatch('closeType', form);
  const skip = Form.useWatch('skipVerification', form);
  const target = Form.useWatch('target', form);

  const initialValues = useMemo<FormValues>(() => ({
    target: 'department',
    leadDepartmentId: detail.routing.lead[0]?.departmentId,
    assistDepartmentIds: detail.routing.assist.map((a) => a.departmentId),
    extensionAmount: detail.requestedExtension?.amount ?? 1,
    extensionUnit: detail.requestedExtension?.unit ?? 'working_days',
    closeType: detail.overdue ? 'overdue' : 'normal',
    mergeTargetId: detail.possibleDuplicates[0]?.id,
    ...pending.values,
  }), [detail, pending.values]);

  const opinionRequired = spec.opinion === 'required' || (action === 'close' && (closeType === 'error' || closeType === 'special'))
    || (action === 'accept' && !!skip);

  const submit = async (v: FormValues) => {
    const body: Record<string, unknown> = { version: detail.version };
    if (v.opinion?.trim()) body.opinion = v.opinion.trim();
    if (v.beforePhotos?.length) body.beforePhotos = v.beforePhotos;
    if (v.afterPhotos?.length) body.afterPhotos = v.afterPhotos;
    if (fields.has('rejectReason') && v.rejectReason) body.rejectReason = v.rejectReason;
    if (needsAssignee) body.assigneeUserId = v.assigneeUserId;
    if (fields.has('found')) body.found = v.found;
    if (needsDispatch) {
      if (v.target === 'district') body.region = dispatch.data?.district.code;
      else {
        body.leadDepartmentId = v.leadDepartmentId;
        body.assistDepartmentIds = v.assistDepartmentIds ?? [];
      }
    }
    if (fields.has('extension')) body.extension = { amount: v.extensionAmount, unit: v.extensionUnit };
    if (fields.has('closeType')) body.closeType = v.closeType;
    if (fields.has('satisfaction')) body.satisfaction = v.satisfaction;
    if (showSkip && v.skipVerification) body.skipVerification = true;
    setBusy(true);
    setError(null);
    try {
      if (fields.has('mergeTarget')) {
        body.mergeTargetId = v.mergeTargetId ?? (await api.get<CaseDetail>(`/api/cases/${encodeURIComponent(v.mergeTargetRef!.trim())}`)).id;
      }
      const next = await api.post<CaseDetail | ActionResultView>(`/api/cases/${detail.id}/actions/${action}`, body);
      message.success(t('cc_done', { action: actionLabel(t, action) }));
      onClose();
      onDone(next);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'STALE_VERSION') {
        message.warning(t('cc_stale'));
        onClose();
        onStale();
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const need = (n: Need | undefined) => n === 'required';
  const photoField = (name: 'beforePhotos' | 'afterPhotos', n: Need | undefined) => n && (
    <Form.Item name={name} label={spec.sitePhotos ? t('cc_sitePhotos') : t(name === 'beforePhotos' ? 'cc_beforePhotos' : 'cc_afterPhotos')}
      rules={need(n) ? [{ required: true, type: 'array', min: 1, message: t('cc_photoRequired') }] : []}>
      <PhotoUpload testId={`upload-${name}`} />
    </Form.Item>
  );
  // Without the options (not loaded yet, or refused) the suggested departments are still named.
  const suggestedOnly = [...detail.routing.lead.map((d) => ({ ...d, role: 'lead' as const })), ...detail.routing.assist.map((d) => ({ ...d, role: 'assist' as const }))]
    .map((d) => ({ id: d.departmentId, name: d.departmentName ?? String(d.departmentId), suggested: d.role }));
  const departmentOptions = (dispatch.data?.departments ?? suggestedOnly).map((d) => ({
    value: d.id,
    label: d.suggested ? `${d.name}（${t('cc_suggested')}·${t(d.suggested === 'lead' ? 'cc_lead' : 'cc_assist')}）` : d.name,
  }));

  return (
    <Modal open title={`${actionLabel(t, action)} · ${detail.caseNo}`} onCancel={onClose} onOk={() => form.submit()}
      okText={t('cc_submit')} cancelText={t('cancel')} confirmLoading={busy} destroyOnHidden width={560}
      okButtonProps={{ danger: spec.tone === 'danger', 'data-testid': 'action-submit' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit} data-testid={`form-${action}`}>
        {fields.has('rejectReason') && (
          <Form.Item name="rejectReason" label={t('cc_rejectReason')}>
            <Radio.Group options={['invalid', 'duplicate', 'out_of_scope', 'other'].map((r) => ({ value: r, label: t(`cc_reason_${r}` as 'cc_reason_other') }))} />
          </Form.Item>
        )}
        {needsAssignee && (
          <Form.Item name="assigneeUserId" label={t('cc_assignee')} rules={[{ required: true, message: t('cc_assigneeRequired') }]}>
            <Select loading={assignees.loading} showSearch={{ optionFilterProp: 'label' }} data-testid="assignee-select"
              options={(assignees.data ?? []).map((u) => ({
                value: u.id, label: `${u.displayName}${u.regionName ? `（${u.regionName}）` : ''}${u.responsible ? ` · ${t('cc_responsibleCollector')}` : ''}`,
              }))} />
          </Form.Item>
        )}
        {fields.has('found') && (
          <Form.Item name="found" label={t('cc_found')} rules={[{ required: true, message: t('cc_foundRequired') }]}>
            <Radio.Group options={[{ value: true, label: t('cc_foundYes') }, { value: false, label: t('cc_foundNo') }]} />
          </Form.Item>
        )}
        {needsDispatch && (
          <>
            {dispatch.error && <Alert type="error" showIcon title={dispatch.error} />}
            {dispatch.data?.twoLevelDispatch && detail.stage === 'to_dispatch' && (
              <Form.Item name="target" label={t('cc_dispatchTo')}>
                <Radio.Group options={[{ value: 'department', label: t('cc_toDepartment') },
                  { value: 'district', label: `${t('cc_toDistrict')}：${dispatch.data.district.name ?? dispatch.data.district.code}` }]} />
              </Form.Item>
            )}
            {target !== 'district' && (
              <>
                <Form.Item name="leadDepartmentId" label={t('cc_lead')} rules={[{ required: true, message: t('cc_leadRequired') }]}>
                  <Select loading={dispatch.loading} showSearch={{ optionFilterProp: 'label' }} options={departmentOptions}
                    data-testid="lead-select" />
                </Form.Item>
                <Form.Item name="assistDepartmentIds" label={t('cc_assist')}>
                  <Select mode="multiple" allowClear loading={dispatch.loading} showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} />
                </Form.Item>
              </>
            )}
          </>
        )}
        {fields.has('extension') && (
          <Form.Item label={t('cc_extensionAmount')} required
            extra={action === 'approve_extension' && detail.requestedExtension
              ? t('cc_requested', { v: `${detail.requestedExtension.amount} ${unitLabel(t, detail.requestedExtension.unit)}` }) : undefined}>
            <Space.Compact>
              <Form.Item name="extensionAmount" noStyle rules={[{ required: true, message: t('cc_extensionRequired') }]}>
                <InputNumber min={0.25} step={0.5} style={{ width: 120 }} data-testid="extension-amount" />
              </Form.Item>
              <Form.Item name="extensionUnit" noStyle>
                <Select style={{ width: 130 }} options={UNITS.map((u) => ({ value: u, label: unitLabel(t, u) }))} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        )}
        {fields.has('closeType') && (
          <Form.Item name="closeType" label={t('cc_closeType')} extra={t('cc_closeOpinionHint')}>
            <Radio.Group options={['normal', 'overdue', 'error', 'special'].map((c) => ({ value: c, label: t(`cc_close_${c}` as 'cc_close_normal') }))} />
          </Form.Item>
        )}
        {fields.has('mergeTarget') && (detail.possibleDuplicates.length > 0 ? (
          <Form.Item name="mergeTargetId" label={t('cc_mergeTarget')} rules={[{ required: true, message: t('cc_mergeTargetRequired') }]}>
            <Select options={detail.possibleDuplicates.map((d) => ({
              value: d.id, label: `${d.caseNo}（${stageLabel(t, d.stage)}，${t('cc_distance', { n: d.distanceM })}）` }))} />
          </Form.Item>
        ) : (
          <Form.Item name="mergeTargetRef" label={t('cc_mergeTarget')} extra={t('cc_mergeTargetHint')}
            rules={[{ required: true, whitespace: true, message: t('cc_mergeTargetRequired') },
              { pattern: /^\s*(\d{1,18}|\d{4}-\d{6}-\d{6})\s*$/, message: t('cc_mergeTargetHint') }]}>
            <Input placeholder="2026-379902-000123" />
          </Form.Item>
        ))}
        {fields.has('satisfaction') && (
          <Form.Item name="satisfaction" label={t('cc_satisfaction')} rules={[{ required: true, message: t('cc_satisfactionRequired') }]}>
            <Radio.Group options={['satisfied', 'basically_satisfied', 'unsatisfied'].map((s) => ({ value: s, label: t(`cc_sat_${s}` as 'cc_sat_satisfied') }))} />
          </Form.Item>
        )}
        {showSkip && (
          <Form.Item name="skipVerification" valuePropName="checked"><Checkbox>{t('cc_skipVerification')}</Checkbox></Form.Item>
        )}
        {photoField('beforePhotos', spec.beforePhotos)}
        {photoField('afterPhotos', spec.afterPhotos)}
        <Form.Item name="opinion" label={t('cc_opinion')} rules={opinionRequired ? [{ required: true, whitespace: true, message: t('cc_opinionRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
