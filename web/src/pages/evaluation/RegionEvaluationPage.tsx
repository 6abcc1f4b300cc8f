// 区域评价: districts, streets, communities, unit grids or responsibility grids, ranked.
import { Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n.tsx';
import type { RegionLevelCode } from '../../../../src/evaluation/views.ts';
import EvaluationView from './EvaluationView.tsx';

export default function RegionEvaluationPage() {
  const { t } = useI18n();
  const [level, setLevel] = useState<RegionLevelCode>('district');
  const object = useMemo(() => ({ object: 'region', level }), [level]);
  const levels: { value: RegionLevelCode; label: string }[] = [
    { value: 'district', label: t('evaLevelDistrict') }, { value: 'street', label: t('evaLevelStreet') },
    { value: 'community', label: t('evaLevelCommunity') }, { value: 'grid', label: t('evaLevelGrid') },
    { value: 'responsibility', label: t('evaLevelResponsibility') },
  ];
  return <EvaluationView selector="eva-regions" title={t('menuEvaRegions')} object={object}
    controls={<Segmented options={levels} value={level} onChange={(v) => setLevel(v as RegionLevelCode)} data-testid="eva-level" />} />;
}
