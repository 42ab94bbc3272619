import { describe, expect, it } from 'vitest';
import { clickSelection, contextSelection, type Gesture } from './selection.js';

const plain: Gesture = { ctrlKey: false, metaKey: false, shiftKey: false };
const ctrl: Gesture = { ...plain, ctrlKey: true };
const meta: Gesture = { ...plain, metaKey: true };
const shift: Gesture = { ...plain, shiftKey: true };
const ctrlShift: Gesture = { ...plain, ctrlKey: true, shiftKey: true };
// Shown order differs from id order, as after sorting by date.
const order = [5, 3, 9, 1, 7, 2];

describe('the selection model of the record list and grid', () => {
  it('a plain click selects only the record clicked and moves the anchor there', () => {
    expect(clickSelection([5, 3, 9], order, 5, 1, plain)).toEqual({ selected: [1], anchor: 1 });
  });

  it('Ctrl or ⌘ toggles one record and keeps the others', () => {
    expect(clickSelection([5], order, 5, 9, ctrl)).toEqual({ selected: [5, 9], anchor: 9 });
    expect(clickSelection([5, 9], order, 9, 5, meta)).toEqual({ selected: [9], anchor: 5 });
  });

  it('Shift selects the range in the shown order from the anchor, either way, and keeps the anchor', () => {
    expect(clickSelection([3], order, 3, 7, shift)).toEqual({ selected: [3, 9, 1, 7], anchor: 3 });
    expect(clickSelection([3], order, 3, 5, shift)).toEqual({ selected: [5, 3], anchor: 3 });
    // A second Shift+click from the same anchor replaces the range instead of growing it.
    expect(clickSelection([3, 9, 1, 7], order, 3, 9, shift)).toEqual({ selected: [3, 9], anchor: 3 });
  });

  it('Ctrl+Shift adds the range to what was selected, in the shown order', () => {
    expect(clickSelection([2], order, 3, 1, ctrlShift)).toEqual({ selected: [3, 9, 1, 2], anchor: 3 });
  });

  it('Shift without an anchor starts from the first selected record still shown, or from the record clicked', () => {
    expect(clickSelection([4, 9], order, null, 2, shift)).toEqual({ selected: [9, 1, 7, 2], anchor: 9 });
    expect(clickSelection([], order, null, 1, shift)).toEqual({ selected: [1], anchor: 1 });
    // An anchor filtered out of the list no longer counts.
    expect(clickSelection([1], order, 42, 7, shift)).toEqual({ selected: [1, 7], anchor: 1 });
  });

  it('a right-click keeps the selection when it hits it and otherwise takes the record under the pointer', () => {
    expect(contextSelection([3, 9], 9)).toEqual([3, 9]);
    expect(contextSelection([3, 9], 1)).toEqual([1]);
  });
});
