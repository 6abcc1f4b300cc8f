// 监测设备: the device registry, and the device types with their alarm rules.
import { Card, Tabs } from 'antd';
import { useI18n } from '../../i18n.tsx';
import DeviceRegistry from './DeviceRegistry.tsx';
import DeviceTypesPanel from './DeviceTypesPanel.tsx';

export default function DevicesPage() {
  const { t } = useI18n();
  return (
    <Card title={t('menuMonDevices')}>
      <Tabs items={[
        { key: 'devices', label: t('monTabDevices'), children: <DeviceRegistry /> },
        { key: 'types', label: t('monTabTypes'), children: <DeviceTypesPanel /> },
      ]} />
    </Card>
  );
}
