import { useEffect, useMemo, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { RecordSummary } from '../../../shared/api/records.js';
import { pointOf, type MenuPoint } from '../../components/ContextMenu.js';
import { isEditable, overlayOpen } from '../../lib/keys.js';
import { startRecordDrag } from './record-drag.js';
import { useSelection } from './selection.js';

export interface OpenMenu {
  ids: number[];
  at: MenuPoint;
}

/**
 * What a row of the list and a tile of the grid do alike: the shared selection, dragging onto the tree, the
 * right-click menu (also the Menu key and Shift+F10), Enter to open the record, and the pane's keys Ctrl+A and F2.
 */
export function useRecordItems({
  shown,
  selected,
  onSelect,
  onBatchRename,
}: {
  shown: readonly RecordSummary[];
  selected: readonly number[];
  onSelect: (ids: number[]) => void;
  onBatchRename?: ((ids: number[]) => void) | undefined;
}) {
  const order = useMemo(() => shown.map((r) => r.id), [shown]);
  const selection = useSelection(order, selected, onSelect);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [menu, setMenu] = useState<OpenMenu | null>(null);

  function rename(ids: readonly number[]) {
    if (ids.length === 1) setRenaming(ids[0] as number);
    else if (ids.length > 1) onBatchRename?.([...ids]);
  }

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (isEditable(e.target) || overlayOpen()) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        selection.selectAll();
      } else if (e.key === 'F2' && selected.length > 0) {
        e.preventDefault();
        rename(selected);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const openMenu = (id: number, at: MenuPoint) => setMenu({ ids: selection.context(id), at });

  // One record is reached by Tab (the first selected, else the first shown); the others by clicking.
  const tabStop = selected.find((id) => order.includes(id)) ?? order[0];
  const itemProps = (r: RecordSummary) => ({
    'data-record': r.id,
    tabIndex: r.id === tabStop ? 0 : -1,
    draggable: renaming !== r.id,
    onClick: (e: MouseEvent) => selection.click(r.id, e),
    onDragStart: (e: DragEvent) => startRecordDrag(e, selected.includes(r.id) ? selected : [r.id]),
    onContextMenu: (e: MouseEvent) => {
      e.preventDefault();
      // A keyboard-made contextmenu event has no pointer position.
      openMenu(r.id, e.clientX || e.clientY ? { x: e.clientX, y: e.clientY } : pointOf(e.currentTarget));
    },
    onKeyDown: (e: KeyboardEvent) => {
      if (e.target !== e.currentTarget) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        onSelect([r.id]);
      } else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
        e.preventDefault();
        openMenu(r.id, pointOf(e.currentTarget));
      } else if (e.key === ' ') {
        e.preventDefault();
        selection.toggle(r.id);
      }
    },
  });

  return { selection, itemProps, renaming, setRenaming, rename, menu, closeMenu: () => setMenu(null) };
}
