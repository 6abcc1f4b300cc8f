// The alarm console's table; rows the stream just raised are highlighted until opened.
import { Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatTime } from '../../format.ts';
import type { PagedList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { AlarmView } from '../../../../src/monitor/views.ts';
import { AlarmStatusTag, LevelTag } from './ui.tsx';

interface Props { list: PagedList<AlarmView, any>; items: AlarmView[]; fresh: number[]; onOpen(id: number): void }

export default function AlarmTable({ list, items, fresh, onOpen }: Props) {
  const { t } = useI18n();
  return (
    <>
      <style>{'.mon-fresh > td { background: #fff1f0 !important; transition: background 1s; }'}</style>
      <Table<AlarmView> rowKey="id" size="middle" scroll={{ x: 'max-content' }} dataSource={items} loading={list.loading && !list.data}
        data-testid="alarm-table"
        rowClassName={(a) => (fresh.includes(a.id) ? 'mon-fresh' : '')}
        onRow={(a) => ({ onClick: () => onOpen(a.id), style: { cursor: 'pointer' }, 'data-testid': `alarm-row-${a.id}` } as any)}
        pagination={{ current: list.page, pageSize: list.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
          showTotal: (n) => t('total', { n }), onChange: list.setPage }}
        columns={[
          { title: t('level'), dataIndex: 'level', render: (_, a) => <LevelTag level={a.level} /> },
          { title: t('monDevice'), key: 'device', render: (_, a) => (
            <span><Link to={`/monitor/devices/${a.deviceId}`} onClick={(e) => e.stopPropagation()}>{a.deviceName}</Link>
              <Typography.Text type="secondary"> {a.deviceCode}</Typography.Text></span>) },
          { title: t('monRule'), dataIndex: 'ruleName' },
          { title: t('monLastValue'), dataIndex: 'lastValue', render: (v: number | null) => v ?? '' },
          { title: t('status'), dataIndex: 'status', render: (_, a) => <AlarmStatusTag status={a.status} /> },
          { title: t('monRaisedAt'), dataIndex: 'raisedAt', render: formatTime },
          { title: t('monLastAt'), dataIndex: 'lastAt', render: formatTime },
          { title: t('monRepeats'), dataIndex: 'repeats' },
          { title: t('monCase'), dataIndex: 'caseNo', render: (no: string | null, a) => (no
            ? <Link to={`/cases/${a.caseId}`} onClick={(e) => e.stopPropagation()}>{no}</Link> : '') },
        ]} />
    </>
  );
}
