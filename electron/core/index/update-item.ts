import type { IndexItem } from '../../../shared/api/index.js';
import { RECORD_TYPES } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { Db } from '../store/database.js';
import { run } from '../store/sql.js';
import { findItem, listItems, resolveEdition } from './editions.js';

interface ItemPatch {
  edition?: number | undefined;
  code: string;
  title?: string | undefined;
  method?: string | undefined;
  requirement?: string | undefined;
  unit?: string | undefined;
  activityRule?: string[] | null | undefined;
}

const EDITED_COLUMNS = ['title', 'method', 'requirement', 'unit', 'activity_rule'] as const;

/** One statement text for every edit: each column takes a flag and a value, and keeps its own value when the flag is 0. */
const UPDATE_ITEM = `UPDATE items SET ${EDITED_COLUMNS.map((c) => `${c} = CASE WHEN ? THEN ? ELSE ${c} END`).join(', ')} WHERE id = ?`;

/** Edits one item's words; codes and the tree's shape stay as imported. */
export function updateItem(db: Db, patch: ItemPatch): IndexItem {
  const edition = resolveEdition(db, { edition: patch.edition });
  const item = findItem(db, edition, patch.code);
  const rule = patch.activityRule;
  if (rule) {
    const unknown = rule.filter((t) => !(RECORD_TYPES as readonly string[]).includes(t));
    if (unknown.length > 0) {
      throw new TaizhangError('invalid_input', `「${unknown.join('、')}」不是材料类型（应为 ${RECORD_TYPES.join('、')}） / unknown record type`);
    }
  }
  const sets = new Map<(typeof EDITED_COLUMNS)[number], string | null>();
  const text = (column: (typeof EDITED_COLUMNS)[number], value: string | undefined): void => {
    if (value !== undefined) sets.set(column, value.trim());
  };
  text('title', patch.title);
  text('method', patch.method);
  text('requirement', patch.requirement);
  text('unit', patch.unit);
  if (rule !== undefined) sets.set('activity_rule', rule === null ? null : JSON.stringify([...new Set(rule)]));
  if (sets.size > 0) run(db, UPDATE_ITEM, ...EDITED_COLUMNS.flatMap((c) => (sets.has(c) ? [1, sets.get(c)] : [0, null])), item.id);
  const updated = listItems(db, edition).find((i) => i.id === item.id);
  if (!updated) throw new TaizhangError('internal', '项目更新后未能读回 / item vanished after update');
  return updated;
}
