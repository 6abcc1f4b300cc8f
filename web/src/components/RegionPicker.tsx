// Picks a division (district / street / community) from the user's division tree.
import type { CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { loadDivisionTree, toTreeData } from '../divisions.ts';
import { useLoad } from '../hooks.ts';

interface Props {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
}

export default function RegionPicker({ value, onChange, placeholder, style }: Props) {
  const tree = useLoad(loadDivisionTree, []);
  return (
    <TreeSelect
      key={tree.data ? 'ready' : 'loading'}
      value={value ?? undefined}
      onChange={onChange}
      treeData={tree.data ? toTreeData(tree.data) : []}
      loading={tree.loading}
      placeholder={placeholder}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={tree.data?.map((n) => n.code)}
      popupMatchSelectWidth={false}
      style={{ minWidth: 220, ...style }}
    />
  );
}
