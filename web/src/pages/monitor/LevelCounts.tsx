// The alarm console's counts by level (蓝/黄/橙/红) under the current filters; a click filters by that level.
import { Card, Col, Row, Statistic } from 'antd';
import { useI18n } from '../../i18n.tsx';
import type { AlarmLevelCounts, LevelCode } from '../../../../src/monitor/views.ts';
import { LEVELS, LEVEL_COLORS, LEVEL_KEYS } from './model.ts';

interface Props { data?: AlarmLevelCounts; selected?: LevelCode; onSelect(level: LevelCode | undefined): void }

export default function LevelCounts({ data, selected, onSelect }: Props) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      {[...LEVELS].reverse().map((level) => (
        <Col key={level} xs={12} md={6}>
          <Card hoverable size="small" onClick={() => onSelect(selected === level ? undefined : level)} data-testid={`count-${level}`}
            style={{ borderTop: `4px solid ${LEVEL_COLORS[level]}`, background: selected === level ? '#f0f5ff' : undefined }}>
            <Statistic title={t(LEVEL_KEYS[level])} value={data?.byLevel[level] ?? '-'} styles={{ content: { color: LEVEL_COLORS[level] } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
