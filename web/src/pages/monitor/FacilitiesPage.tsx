// 设施监测: the facilities (bridges, pipe segments, tunnels, pumping stations, river sections …) in a list filtered by
// kind and on a map, coloured by whether an alarm is active; a row or a map feature opens the facility.
import { useMemo, useState } from 'react';
import { Alert, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { FeatureCollection } from 'geojson';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { FACILITY_KINDS, FACILITY_KIND_NAMES, type FacilityKind } from '../../../../src/monitor/facilities/kinds.ts';
import type { FacilityList, FacilityView } from '../../../../src/monitor/facilities/views.ts';
import { FeatureMap } from './FacWidgets.tsx';

const KIND_COLOR: Record<FacilityKind, string> = {
  bridge: '#722ed1', gas_pipe: '#fa8c16', water_pipe: '#1677ff', drain_pipe: '#13c2c2', heating_pipe: '#eb2f96', utility_tunnel: '#2f54eb',
  pump_station: '#08979c', river_section: '#0958d9', septic_tank: '#8c8c8c', low_point: '#5b8c00', other: '#595959',
};

export default function FacilitiesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [kind, setKind] = useState<FacilityKind | undefined>();
  const [q, setQ] = useState('');
  const list = useLoad(() => api.get<FacilityList>('/api/monitor/facilities', { kind, q: q || undefined, pageSize: 1000 }), [kind, q]);
  const items = list.data?.items ?? [];
  const features = useMemo<FeatureCollection>(() => ({
    type: 'FeatureCollection',
    features: items.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { id: f.id, label: f.name,
      color: f.activeAlarms > 0 ? '#f5222d' : KIND_COLOR[f.kind] } })),
  }), [items]);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select allowClear placeholder={t('facAllKinds')} style={{ width: 160 }} value={kind} onChange={setKind} data-testid="fac-kind"
          options={FACILITY_KINDS.map((k) => ({ value: k, label: FACILITY_KIND_NAMES[k] }))} />
        <Input.Search allowClear placeholder={t('facSearch')} style={{ width: 220 }} onSearch={setQ} />
      </Space>
      {list.error && <Alert type="error" message={list.error} />}
      <Card size="small" title={t('facMapTitle')}>
        <FeatureMap features={features} height={380} testId="fac-map" onPick={(p) => navigate(`/monitor/facilities/${p.id}`)} />
      </Card>
      <Table<FacilityView> rowKey="id" size="small" loading={list.loading} dataSource={items} data-testid="fac-table"
        pagination={{ pageSize: 20, showTotal: (n) => `${n}` }}
        onRow={(r) => ({ onClick: () => navigate(`/monitor/facilities/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('facCode'), dataIndex: 'code', width: 110 },
          { title: t('facName'), dataIndex: 'name' },
          { title: t('facKind'), dataIndex: 'kindName', width: 110, render: (v, r) => <Tag color={KIND_COLOR[r.kind]}>{v}</Tag> },
          { title: t('facDepartment'), dataIndex: 'departmentName', width: 200 },
          { title: t('facDevices'), dataIndex: 'devices', width: 100, align: 'right' },
          { title: t('monActiveAlarms'), dataIndex: 'activeAlarms', width: 100, align: 'right',
            render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0) },
        ]} />
    </Space>
  );
}
