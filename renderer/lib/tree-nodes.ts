import type { IndexItem } from '../../shared/api/index.js';
import type { Completeness, ItemStatus } from '../../shared/api/status.js';

/** One node of the index tree as the left pane shows it. */
export interface TreeNode {
  item: IndexItem;
  status: ItemStatus | null;
  children: TreeNode[];
}

/** Builds the tree of a year's index, each node carrying its completeness status when the core reported one. */
export function buildTree(items: readonly IndexItem[], statuses: readonly ItemStatus[]): TreeNode[] {
  const byCode = new Map(statuses.map((s) => [s.code, s]));
  const nodes = new Map(items.map((item) => [item.code, { item, status: byCode.get(item.code) ?? null, children: [] } as TreeNode]));
  const roots: TreeNode[] = [];
  for (const item of items) {
    const node = nodes.get(item.code) as TreeNode;
    const parent = item.parent ? nodes.get(item.parent) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export type StatusCounts = Record<Completeness, number>;

/** How many assessable (leaf) items are 齐全/部分/缺失/不适用: the year at a glance. */
export function countStatuses(statuses: readonly ItemStatus[]): StatusCounts {
  const counts: StatusCounts = { 齐全: 0, 部分: 0, 缺失: 0, 不适用: 0 };
  for (const s of statuses) if (s.leaf) counts[s.status] += 1;
  return counts;
}

/** Codes of a node and all nodes under it whose title, code or label contains the text (for the item picker). */
export function filterItems(items: readonly IndexItem[], text: string): IndexItem[] {
  const q = text.trim().toLowerCase();
  if (!q) return [...items];
  return items.filter((i) => `${i.code} ${i.label} ${i.title}`.toLowerCase().includes(q));
}

/** "1 思想道德建设 › 1.1 新时代文明实践站" for an item, from the items of its edition. */
export function itemPath(items: readonly IndexItem[], code: string): string {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const parts: string[] = [];
  for (let item = byCode.get(code); item; item = item.parent ? byCode.get(item.parent) : undefined) {
    parts.unshift(`${item.code} ${item.title}`);
  }
  return parts.join(' › ');
}
