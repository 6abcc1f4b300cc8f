// The division tree (GET /api/divisions/tree), fetched once per session and shared by pages and pickers.
import { api } from './api.ts';
import type { DivisionNode } from './types.ts';

let cached: Promise<DivisionNode[]> | undefined;

export function loadDivisionTree(): Promise<DivisionNode[]> {
  cached ??= api.get<DivisionNode[] | { items: DivisionNode[] }>('/api/divisions/tree')
    .then((data) => (Array.isArray(data) ? data : data.items))
    .catch((err) => { cached = undefined; throw err; });
  return cached;
}

/** Forgets the tree when the user changes (another user sees another scope). */
export function forgetDivisionTree(): void {
  cached = undefined;
}

export function countLevel(nodes: DivisionNode[], level: DivisionNode['level']): number {
  let n = 0;
  for (const node of nodes) n += (node.level === level ? 1 : 0) + countLevel(node.children ?? [], level);
  return n;
}

/** antd TreeSelect data with the code as value. */
export function toTreeData(nodes: DivisionNode[]): { value: string; title: string; children?: ReturnType<typeof toTreeData> }[] {
  return nodes.map((n) => ({ value: n.code, title: `${n.name}（${n.code}）`, children: n.children?.length ? toTreeData(n.children) : undefined }));
}
