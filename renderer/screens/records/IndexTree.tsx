import { useState, type DragEvent } from 'react';
import type { ItemStatus } from '../../../shared/api/status.js';
import { itemNumber } from '../../../shared/domain/item-text.js';
import { StatusBadge } from '../../components/ui.js';
import type { TreeNode } from '../../lib/tree-nodes.js';
import { countStatuses } from '../../lib/tree-nodes.js';
import { carriesFiles, readDrop, type Dropped } from '../filing/drop.js';

/** The left pane: the year's index with a completeness badge and a count on every item; items take drops. */
export function IndexTree({
  roots,
  statuses,
  selected,
  onSelect,
  onDropFiles,
  allCount,
}: {
  roots: TreeNode[];
  statuses: readonly ItemStatus[];
  selected: string | null;
  onSelect: (code: string | null) => void;
  onDropFiles: (dropped: Dropped, code: string) => void;
  allCount: number | null;
}) {
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const counts = countStatuses(statuses);

  const toggle = (code: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  const dropHandlers = (code: string) => ({
    onDragOver: (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      e.stopPropagation();
      e.dataTransfer.dropEffect = 'copy';
      setDropTarget(code);
    },
    onDragLeave: () => setDropTarget((t) => (t === code ? null : t)),
    onDrop: (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      e.stopPropagation();
      setDropTarget(null);
      onDropFiles(readDrop(e.dataTransfer), code);
    },
  });

  function render(node: TreeNode, depth: number) {
    const { item, status } = node;
    const open = !collapsed.has(item.code);
    const hasChildren = node.children.length > 0;
    return (
      <li key={item.code} role="treeitem" aria-expanded={hasChildren ? open : undefined} aria-selected={selected === item.code}>
        <div
          className={`tree-row depth-${Math.min(depth, 3)}${selected === item.code ? ' selected' : ''}${dropTarget === item.code ? ' drop-target' : ''}`}
          data-code={item.code}
          {...dropHandlers(item.code)}
        >
          {hasChildren ? (
            <button className="tree-toggle" onClick={() => toggle(item.code)} aria-label={open ? '收起' : '展开'}>
              {open ? '▾' : '▸'}
            </button>
          ) : (
            <span className="tree-toggle" />
          )}
          <button className="tree-label" onClick={() => onSelect(item.code)} title={status?.reason || item.requirement || item.title}>
            <span className="code">{itemNumber(item)}</span>
            <span className="tree-title">{item.title}</span>
          </button>
          {status && status.records > 0 && <span className="count">{status.records}</span>}
          {status && <StatusBadge status={status.status} title={status.reason} />}
          {status?.selfCheck && (
            <span className="count" title={`自查认定：${status.selfCheck.status}${status.selfCheck.reason ? `，理由：${status.selfCheck.reason}` : ''}`}>
              自查{status.selfCheck.status}
            </span>
          )}
        </div>
        {hasChildren && open && <ul role="group">{node.children.map((c) => render(c, depth + 1))}</ul>}
      </li>
    );
  }

  return (
    <nav className="tree" aria-label="测评体系">
      <div className="tree-summary">
        <span className="badge badge-ok">齐全 {counts.齐全}</span>
        <span className="badge badge-part">部分 {counts.部分}</span>
        <span className="badge badge-missing">缺失 {counts.缺失}</span>
        {counts.不适用 > 0 && <span className="badge badge-na">不适用 {counts.不适用}</span>}
      </div>
      <div className={`tree-row tree-all${selected === null ? ' selected' : ''}`}>
        <span className="tree-toggle" />
        <button className="tree-label" onClick={() => onSelect(null)}>
          <span className="tree-title">本年度全部资料</span>
        </button>
        {allCount !== null && <span className="count">{allCount}</span>}
      </div>
      <ul role="tree" className="tree-list">
        {roots.map((r) => render(r, 0))}
      </ul>
    </nav>
  );
}
