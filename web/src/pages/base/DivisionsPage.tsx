// 行政区划: the division tree of the user's scope, with the selected division's attributes.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Input, Row, Tag, Tree } from 'antd';
import { Link } from 'react-router-dom';
import { loadDivisionTree } from '../../divisions.ts';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { tMaybe, useI18n } from '../../i18n.tsx';
import type { DivisionNode } from '../../types.ts';

const LEVEL_COLORS: Record<string, string> = { province: 'purple', city: 'magenta', district: 'blue', street: 'cyan', community: 'green' };

function filterTree(nodes: DivisionNode[], q: string): DivisionNode[] {
  if (!q) return nodes;
  return nodes.flatMap((n) => {
    const children = filterTree(n.children ?? [], q);
    return n.name.includes(q) || n.code.startsWith(q) || children.length ? [{ ...n, children }] : [];
  });
}

function index(nodes: DivisionNode[], map = new Map<string, DivisionNode>()): Map<string, DivisionNode> {
  for (const n of nodes) { map.set(n.code, n); index(n.children ?? [], map); }
  return map;
}

export default function DivisionsPage() {
  const { t } = useI18n();
  const tree = useLoad(loadDivisionTree, []);
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string>();
  const byCode = useMemo(() => index(tree.data ?? []), [tree.data]);
  const shown = useMemo(() => filterTree(tree.data ?? [], q.trim()), [tree.data, q]);
  const treeData = useMemo(() => {
    const convert = (nodes: DivisionNode[]): any[] => nodes.map((n) => ({
      key: n.code,
      title: <span><Tag color={LEVEL_COLORS[n.level]} style={{ marginRight: 6 }}>{tMaybe(t, `level_${n.level}`, n.level)}</Tag>{n.name} <span style={{ color: '#999' }}>{n.code} · {t('gridCountShort', { n: n.gridCount })}</span></span>,
      children: n.children?.length ? convert(n.children) : undefined,
    }));
    return convert(shown);
  }, [shown, t]);
  const node = selected ? byCode.get(selected) : undefined;
  const parent = node?.parentCode ? byCode.get(node.parentCode) : undefined;

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card title={t('divisionTree')} extra={<Input.Search allowClear placeholder={t('codeOrName')} onSearch={setQ} style={{ width: 220 }} />}>
          {tree.error && <Alert type="error" showIcon title={tree.error} />}
          {tree.data && (shown.length
            ? <Tree showLine treeData={treeData} defaultExpandAll={q !== '' || byCode.size < 200} key={q}
                defaultExpandedKeys={shown.map((n) => n.code)} onSelect={(keys) => setSelected(keys[0] as string | undefined)}
                style={{ maxHeight: 'calc(100vh - 220px)', overflow: 'auto' }} />
            : <Empty />)}
          {tree.loading && !tree.data && <Card loading variant="borderless" />}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        {node && (
          <Card title={node.name}>
            <Descriptions column={1} size="small" items={[
              { key: 'code', label: t('code'), children: node.code },
              { key: 'level', label: t('level'), children: tMaybe(t, `level_${node.level}`, node.level) },
              { key: 'parent', label: t('parent'), children: parent ? `${parent.name}（${parent.code}）` : node.parentCode ?? '-' },
              { key: 'area', label: t('areaKm2'), children: node.areaM2 != null ? formatNumber(node.areaM2 / 1e6, 2) : '-' },
              { key: 'grids', label: t('countGrids'), children: formatNumber(node.gridCount) },
            ]} />
            <Link to={`/base/grids?region=${node.code}`}><Button type="link" style={{ paddingLeft: 0 }}>{t('menuGrids')} →</Button></Link>
          </Card>
        )}
      </Col>
    </Row>
  );
}
