// 岗位评价: collectors, acceptors, shift leaders or dispatchers, ranked.
import { Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n.tsx';
import type { PositionCode } from '../../../../src/evaluation/views.ts';
import EvaluationView from './EvaluationView.tsx';

export default function PositionEvaluationPage() {
  const { t } = useI18n();
  const [role, setRole] = useState<PositionCode>('collector');
  const object = useMemo(() => ({ object: 'position', role }), [role]);
  const roles: { value: PositionCode; label: string }[] = [
    { value: 'collector', label: t('evaRoleCollector') }, { value: 'acceptor', label: t('evaRoleAcceptor') },
    { value: 'shift_leader', label: t('evaRoleShiftLeader') }, { value: 'dispatcher', label: t('evaRoleDispatcher') },
  ];
  return <EvaluationView selector="eva-positions" title={t('menuEvaPositions')} object={object}
    controls={<Segmented options={roles} value={role} onChange={(v) => setRole(v as PositionCode)} data-testid="eva-role" />} />;
}
