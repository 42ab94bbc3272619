import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { RecordSummary } from '../../../shared/api/records.js';
import type { PreviewVariant } from '../../api/transport.js';
import { pointOf, type MenuPoint } from '../../components/ContextMenu.js';
import { isEditable, overlayOpen } from '../../lib/keys.js';
import { startRecordDrag } from './record-drag.js';
import { useSelection } from './selection.js';

export interface OpenMenu {
  ids: number[];
  at: MenuPoint;
}

/**
 * What a row and a tile do, the same for every record. The object never changes, so a row or tile whose own record,
 * selection and marks are unchanged is not drawn again when the selection changes elsewhere (hundreds of photos).
 */
export interface ItemHandlers {
  click(e: MouseEvent, id: number): void;
  contextMenu(e: MouseEvent, id: number): void;
  keyDown(e: KeyboardEvent, id: number): void;
  dragStart(e: DragEvent, id: number): void;
  toggle(id: number): void;
  doneRenaming(): void;
}

const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/**
 * The row or tile an arrow key leads to: the next or previous one, or in a grid the one a row above or below (as many
 * places away as the first row has tiles). A list has one column, so left and right do nothing there.
 */
function neighbour(item: HTMLElement, key: string): HTMLElement | null {
  const items = Array.from(item.parentElement?.children ?? []).filter((el): el is HTMLElement => el instanceof HTMLElement && 'record' in el.dataset);
  const at = items.indexOf(item);
  const top = items[0]?.offsetTop;
  const firstBelow = items.findIndex((el) => el.offsetTop !== top);
  const columns = firstBelow < 0 ? items.length : firstBelow;
  const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns }[key] ?? 0;
  if (at < 0 || (columns === 1 && (key === 'ArrowLeft' || key === 'ArrowRight'))) return null;
  return items[at + step] ?? null;
}

/** What one row or tile is drawn from; equal props mean nothing to draw again. */
export interface ItemViewProps {
  record: RecordSummary;
  selected: boolean;
  fresh: boolean;
  renaming: boolean;
  tabStop: boolean;
  handlers: ItemHandlers;
  previewUrl: (sha256: string, variant: PreviewVariant) => string;
}

/** The props of one row or tile, from the pane's state. */
export function itemView(
  items: { selectedSet: ReadonlySet<number>; renaming: number | null; tabStop: number | null; handlers: ItemHandlers },
  record: RecordSummary,
  fresh: ReadonlySet<number>,
  previewUrl: ItemViewProps['previewUrl'],
): ItemViewProps {
  return {
    record,
    selected: items.selectedSet.has(record.id),
    fresh: fresh.has(record.id),
    renaming: items.renaming === record.id,
    tabStop: items.tabStop === record.id,
    handlers: items.handlers,
    previewUrl,
  };
}

/** The attributes of one row or tile: its id for tests and drops, one Tab stop, drag (not while renaming), the handlers. */
export function itemAttributes(id: number, handlers: ItemHandlers, { tabStop, renaming }: { tabStop: boolean; renaming: boolean }) {
  return {
    'data-record': id,
    tabIndex: tabStop ? 0 : -1,
    draggable: !renaming,
    onClick: (e: MouseEvent) => handlers.click(e, id),
    onContextMenu: (e: MouseEvent) => handlers.contextMenu(e, id),
    onKeyDown: (e: KeyboardEvent) => handlers.keyDown(e, id),
    onDragStart: (e: DragEvent) => handlers.dragStart(e, id),
  };
}

/**
 * What the list and the grid share: the selection, dragging onto the tree, the right-click menu (also the Menu key
 * and Shift+F10), Enter to open the record, Space to toggle it, and the pane's keys Ctrl+A and F2.
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
  const selectedSet = useMemo(() => new Set(selected), [selected]);

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

  // The handlers stay the same object and read the latest selection when they run.
  const latest = useRef({ selection, selected, onSelect });
  latest.current = { selection, selected, onSelect };
  const handlers = useMemo<ItemHandlers>(() => {
    const openMenu = (id: number, at: MenuPoint) => setMenu({ ids: latest.current.selection.context(id), at });
    return {
      click: (e, id) => latest.current.selection.click(id, e),
      contextMenu: (e, id) => {
        e.preventDefault();
        // A keyboard-made contextmenu event has no pointer position.
        openMenu(id, e.clientX || e.clientY ? { x: e.clientX, y: e.clientY } : pointOf(e.currentTarget));
      },
      keyDown: (e, id) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter') {
          e.preventDefault();
          latest.current.onSelect([id]);
        } else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
          e.preventDefault();
          openMenu(id, pointOf(e.currentTarget));
        } else if (e.key === ' ') {
          e.preventDefault();
          latest.current.selection.toggle(id);
        } else if (ARROWS.has(e.key)) {
          const next = neighbour(e.currentTarget as HTMLElement, e.key);
          if (!next) return;
          e.preventDefault();
          next.focus();
          // Arrows move the selection with the focus, Shift+arrows stretch it, Ctrl+arrows move only the focus.
          if (!(e.ctrlKey || e.metaKey)) latest.current.selection.click(Number(next.dataset.record), { ctrlKey: false, metaKey: false, shiftKey: e.shiftKey });
        }
      },
      dragStart: (e, id) => {
        const { selected } = latest.current;
        startRecordDrag(e, selected.includes(id) ? selected : [id]);
      },
      toggle: (id) => latest.current.selection.toggle(id),
      doneRenaming: () => setRenaming(null),
    };
  }, []);

  // One record is reached by Tab (the first selected, else the first shown); the others by clicking.
  const tabStop = selected.find((id) => order.includes(id)) ?? order[0] ?? null;

  return { selection, handlers, selectedSet, tabStop, renaming, setRenaming, rename, menu, closeMenu: () => setMenu(null) };
}
