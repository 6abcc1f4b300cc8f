// 部门评价: the handling departments, ranked.
import { useMemo } from 'react';
import { useI18n } from '../../i18n.tsx';
import EvaluationView from './EvaluationView.tsx';

export default function DepartmentEvaluationPage() {
  const { t } = useI18n();
  const object = useMemo(() => ({ object: 'department' }), []);
  return <EvaluationView selector="eva-departments" title={t('menuEvaDepartments')} object={object} />;
}
