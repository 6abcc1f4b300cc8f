// 案件登记: a case taken by hand (a 12345 hotline call, a walk-in report). The position comes from an address search
// or a click on the map and is placed in its grid at once; the type from the catalogue; open cases of the same type
// nearby are shown before saving. Saving sends one idempotency key per form, so a double click files one case.
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Segmented, Select, Space, Switch, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { loadCatalog, typeOptions } from '../../catalog.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import ComponentPicker from './ComponentPicker.tsx';
import DuplicateList, { useNearby } from './DuplicateList.tsx';
import { newIdempotencyKey, SOURCES, type Kind, type Located, type Point, type RegisterValues, type Source } from './model.ts';
import PhotoPicker, { type UploadedPhoto } from './PhotoPicker.tsx';
import PickMap from './PickMap.tsx';
import PlaceSearch from './PlaceSearch.tsx';

const sourceKey = (s: Source) => `regSource_${s}` as TKey;

function LocationInfo({ point, located, error, locating }: { point: Point | null; located: Located | null; error: string | null; locating: boolean }) {
  const { t } = useI18n();
  if (!point) return <Typography.Text type="secondary"><AimOutlined /> {t('regPickHint')}</Typography.Text>;
  if (error) return <Alert type="error" showIcon title={error} data-testid="locate-error" />;
  const named = (name: string | undefined, code: string | undefined) => (located ? `${name || ''}${code ? `（${code}）` : ''}` : locating ? '…' : '');
  return (
    <Descriptions size="small" column={2} bordered data-testid="located">
      <Descriptions.Item label={t('regLonLat')} span={2}>{`${point[0].toFixed(6)}, ${point[1].toFixed(6)}`}</Descriptions.Item>
      <Descriptions.Item label={t('regGrid')} span={2}>{named(located?.gridName, located?.gridCode)}</Descriptions.Item>
      <Descriptions.Item label={t('regCommunity')}>{located?.communityName ?? ''}</Descriptions.Item>
      <Descriptions.Item label={t('regStreet')}>{located?.streetName ?? ''}</Descriptions.Item>
      <Descriptions.Item label={t('regDistrict')}>{located?.districtName ?? ''}</Descriptions.Item>
      <Descriptions.Item label={t('regDescribed')}>{located?.description || '—'}</Descriptions.Item>
    </Descriptions>
  );
}

export default function RegisterCasePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const isCollector = me?.role === 'collector';
  const [form] = Form.useForm<RegisterValues>();
  const kind: Kind = Form.useWatch('kind', form) ?? 'matter';
  const typeCode = Form.useWatch('typeCode', form);
  const [point, setPoint] = useState<Point | null>(null);
  const [focus, setFocus] = useState(0);
  const [located, setLocated] = useState<Located | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  /** Once the user edits the address, a new position no longer overwrites it. */
  const addressEdited = useRef(false);
  const catalog = useLoad(() => loadCatalog(kind), [kind]);
  const nearby = useNearby(kind, typeCode, point);

  useEffect(() => {
    if (!point) return;
    let live = true;
    setLocating(true);
    setLocateError(null);
    api.get<Located>('/api/locate', { lon: point[0].toFixed(7), lat: point[1].toFixed(7) }).then(
      (r) => {
        if (!live) return;
        setLocated(r);
        if (!addressEdited.current) form.setFieldValue('address', r.description || undefined);
      },
      (err) => { if (live) { setLocated(null); setLocateError(errorMessage(err)); } },
    ).finally(() => { if (live) setLocating(false); });
    return () => { live = false; };
  }, [point, form]);

  const moveTo = (p: Point, fromOutside: boolean) => {
    setPoint(p);
    if (fromOutside) setFocus((n) => n + 1);
  };

  async function submit(values: RegisterValues) {
    if (savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    try {
      const reporter = { name: values.reporterName?.trim() || undefined, phone: values.reporterPhone?.trim() || undefined };
      const body = {
        kind: values.kind, typeCode: values.typeCode,
        componentId: values.kind === 'component' && values.componentId ? values.componentId : undefined,
        position: { lon: point![0], lat: point![1] },
        address: values.address?.trim() || undefined,
        description: values.description!.trim(),
        source: isCollector ? undefined : values.source,
        urgent: values.urgent,
        photos: photos.map((p) => p.hash),
        reporter: reporter.name || reporter.phone ? reporter : undefined,
      };
      const saved = await api.post<{ id: number; caseNo: string }>('/api/cases', body, undefined, { 'idempotency-key': idempotencyKey });
      message.success(t('regSaved', { no: saved.caseNo }));
      navigate(`/cases/${saved.id}`);
    } catch (err) {
      message.error(errorMessage(err));
      savingRef.current = false;
      setSaving(false);
    }
  }

  async function save() {
    if (savingRef.current) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    if (!point) { message.error(t('regPositionRequired')); return; }
    if (!located) { message.error(locateError ?? t('regPositionRequired')); return; }
    const duplicates = nearby.data?.items.length ?? 0;
    if (duplicates === 0) { await submit(values); return; }
    modal.confirm({
      title: t('regConfirmTitle'),
      content: t('regConfirmContent', { n: duplicates }),
      okText: t('regSaveAnyway'),
      cancelText: t('cancel'),
      onOk: () => submit(values),
    });
  }

  const initial: RegisterValues = { kind: 'matter', source: isCollector ? 'collector' : 'hotline', urgent: false };
  const sourceOptions = (isCollector ? ['collector' as const] : SOURCES).map((s) => ({ value: s, label: t(sourceKey(s)) }));

  return (
    <Row gutter={16} data-testid="register-page">
      <Col xs={24} xl={13}>
        <Card title={t('regLocationTitle')} size="small" styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}>
          <PlaceSearch onPick={(hit) => moveTo([hit.lon, hit.lat], true)} />
          <PickMap point={point} focus={focus} onPick={(p) => moveTo(p, false)} />
          <LocationInfo point={point} located={located} error={locateError} locating={locating} />
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <Card title={t('menuRegisterCase')} size="small">
          <Form<RegisterValues> form={form} layout="vertical" initialValues={initial} requiredMark="optional"
            onValuesChange={(changed) => {
              if ('kind' in changed) form.setFieldsValue({ typeCode: undefined, componentId: undefined });
              if ('address' in changed) addressEdited.current = true;
            }}>
            <Space size={16} wrap>
              <Form.Item name="kind" label={t('regKind')} required>
                <Segmented<Kind> options={[{ value: 'matter', label: t('regKindMatter') }, { value: 'component', label: t('regKindComponent') }]}
                  data-testid="register-kind" />
              </Form.Item>
              <Form.Item name="source" label={t('regSource')} required>
                <Select style={{ width: 160 }} options={sourceOptions} disabled={isCollector} data-testid="register-source" />
              </Form.Item>
              <Form.Item name="urgent" label={t('regUrgent')} valuePropName="checked">
                <Switch checkedChildren={t('regUrgent')} unCheckedChildren={t('regNormal')} />
              </Form.Item>
            </Space>
            <Form.Item name="typeCode" label={t('regType')} rules={[{ required: true, message: t('regTypeRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} loading={catalog.loading} placeholder={t('regTypePlaceholder')}
                options={typeOptions(catalog.data ?? [])} data-testid="register-type" />
            </Form.Item>
            {kind === 'component' && (
              <Form.Item name="componentId" label={t('regComponentId')} extra={t('regComponentHint')}
                rules={[{ pattern: /^[0-9]{17}$/, message: t('regComponentInvalid') }]}>
                <ComponentPicker typeCode={typeCode} gridCode={located?.gridCode} point={point}
                  onPickComponent={(c) => moveTo([c.lon, c.lat], true)} />
              </Form.Item>
            )}
            <Form.Item name="address" label={t('regAddress')} extra={t('regAddressHint')} rules={[{ max: 256 }]}>
              <Input placeholder={t('regAddressPlaceholder')} data-testid="register-address" />
            </Form.Item>
            <Form.Item name="description" label={t('regDescription')}
              rules={[{ required: true, whitespace: true, message: t('regDescriptionRequired') }, { max: 2000 }]}>
              <Input.TextArea rows={4} showCount maxLength={2000} placeholder={t('regDescriptionPlaceholder')} data-testid="register-description" />
            </Form.Item>
            <Space size={16} style={{ display: 'flex' }} styles={{ item: { flex: 1 } }}>
              <Form.Item name="reporterName" label={t('regReporterName')} rules={[{ max: 64 }]}>
                <Input data-testid="register-reporter-name" />
              </Form.Item>
              <Form.Item name="reporterPhone" label={t('regReporterPhone')}
                rules={[{ max: 20 }, { pattern: /^[0-9+\-\s]*$/, message: t('regPhoneInvalid') }]}>
                <Input data-testid="register-reporter-phone" />
              </Form.Item>
            </Space>
            <Form.Item label={t('regPhotos')}>
              <PhotoPicker photos={photos} setPhotos={setPhotos} />
            </Form.Item>
          </Form>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <DuplicateList nearby={nearby} />
            <Button type="primary" block size="large" loading={saving} onClick={save} data-testid="register-save">{t('regSave')}</Button>
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
