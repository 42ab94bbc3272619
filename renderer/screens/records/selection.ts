import { useCallback, useRef } from 'react';

/** The modifier keys of a click, as a mouse or keyboard event carries them. */
export interface Gesture {
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

export interface SelectionStep {
  selected: number[];
  /** Where the next Shift+click range starts from. */
  anchor: number | null;
}

/**
 * One click's effect on a selection, in the order the records are shown: a plain click selects one record,
 * Ctrl (⌘) toggles one, Shift selects the range from the anchor, Ctrl+Shift adds that range. Pure, so the list and the
 * grid share it and it can be tested without a browser.
 */
export function clickSelection(selected: readonly number[], order: readonly number[], anchor: number | null, id: number, gesture: Gesture): SelectionStep {
  const toggle = gesture.ctrlKey || gesture.metaKey;
  if (gesture.shiftKey) {
    const start = anchor !== null && order.includes(anchor) ? anchor : (selected.find((s) => order.includes(s)) ?? id);
    const [a, b] = [order.indexOf(start), order.indexOf(id)].sort((x, y) => x - y) as [number, number];
    const range = b < 0 ? [id] : order.slice(a, b + 1);
    if (!toggle) return { selected: range, anchor: start };
    const added = new Set([...selected, ...range]);
    return { selected: order.filter((r) => added.has(r)), anchor: start };
  }
  if (toggle) {
    return { selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id], anchor: id };
  }
  return { selected: [id], anchor: id };
}

/** A right-click acts on the selection when it hits it, otherwise on the one record under the pointer. */
export function contextSelection(selected: readonly number[], id: number): number[] {
  return selected.includes(id) ? [...selected] : [id];
}

/** The selection model the list and the grid share; the selection itself stays in the window's navigation state. */
export function useSelection(order: readonly number[], selected: readonly number[], onSelect: (ids: number[]) => void) {
  const anchor = useRef<number | null>(null);
  const apply = useCallback(
    (step: SelectionStep) => {
      anchor.current = step.anchor;
      onSelect(step.selected);
    },
    [onSelect],
  );
  return {
    anchor: () => anchor.current,
    click: (id: number, gesture: Gesture) => apply(clickSelection(selected, order, anchor.current, id, gesture)),
    toggle: (id: number) => apply(clickSelection(selected, order, anchor.current, id, { ctrlKey: true, metaKey: false, shiftKey: false })),
    context: (id: number): number[] => {
      const ids = contextSelection(selected, id);
      if (!selected.includes(id)) apply({ selected: ids, anchor: id });
      return ids;
    },
    selectAll: () => apply({ selected: [...order], anchor: anchor.current }),
    clear: () => apply({ selected: [], anchor: null }),
  };
}

export type Selection = ReturnType<typeof useSelection>;
