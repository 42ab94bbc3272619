import { parseCaption } from '../../../shared/domain/caption.js';
import type { ParsedArgs } from '../../../shared/api/contract.js';
import type { Activity, RecordDetail } from '../../../shared/api/records.js';
import type { Caption } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import { declareYear } from '../index/declare-year.js';
import { reindexRecords } from '../search/indexer.js';
import { nowIso, type Archive } from '../store/archive-folder.js';
import { type Db, writeTransaction } from '../store/database.js';
import { all, idList, run, value, values } from '../store/sql.js';
import { activityIdFor, addRecordItems, getActivity, getRecordDetail, resolveItemCodes, setRecordItems, setRecordTags } from './repository.js';
import { assertIdentityKept } from './identity-guard.js';
import { pushUndo, snapshotActivity, snapshotRecords } from './undo.js';

/** What one edit changes on each record it touches; undefined leaves a field as it is. */
interface RecordChanges {
  fields: Partial<{
    title: string; titleSupplied: boolean; docNo: string; author: string; date: string | null; type: string;
    retention: string; secrecy: string; note: string; attachmentConfirmed: boolean;
  }>;
  caption?: Caption;
  /** A title of its own for each record (a batch rename). */
  titles?: ReadonlyMap<number, string>;
  tags?: string[];
  year?: number;
  /** Replace the links with these codes (in the record's target year's edition). */
  items?: string[];
  addItems?: string[];
  /** An activity name in the target year; null takes the record out of its activity. */
  activity?: string | null;
}

const FIELD_COLUMNS = {
  title: 'title', titleSupplied: 'title_supplied', docNo: 'doc_no', author: 'author', date: 'date', type: 'type',
  retention: 'retention', secrecy: 'secrecy', note: 'note', attachmentConfirmed: 'attachment_confirmed',
} as const;

/** Every column an edit may set besides updated_at, in the order of the one UPDATE that sets them. */
const EDITED_COLUMNS = [...Object.values(FIELD_COLUMNS), 'year', 'caption', 'activity_id'] as const;
type EditedColumn = (typeof EDITED_COLUMNS)[number];

/**
 * One statement text for every edit (so the connection's cache holds one): each column takes a flag and a value,
 * and keeps its own value when the flag is 0.
 */
const UPDATE_RECORD = `UPDATE records SET updated_at = ?, ${EDITED_COLUMNS.map((c) => `${c} = CASE WHEN ? THEN ? ELSE ${c} END`).join(', ')} WHERE id = ?`;

interface LiveRecord {
  id: number;
  year: number;
  date: string | null;
  caption: string;
  activity: string | null;
}

function liveRecords(db: Db, ids: readonly number[]): LiveRecord[] {
  const rows = all<LiveRecord>(
    db,
    `SELECT r.id, r.year, r.date, r.caption, a.name AS activity FROM live_records r LEFT JOIN activities a ON a.id = r.activity_id
     WHERE r.id IN (SELECT value FROM json_each(?))`,
    idList(ids),
  );
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0) {
    throw new TaizhangError('not_found', `找不到这些记录（或已在回收站）：${missing.map((id) => `#${id}`).join('、')} / No such records`);
  }
  return rows;
}

/** Codes of the items a record links to, to carry its links into another year's edition. */
function linkedCodes(db: Db, recordId: number): string[] {
  return values<string>(db, 'SELECT i.code FROM record_items ri JOIN items i ON i.id = ri.item_id WHERE ri.record_id = ?', recordId);
}

/**
 * Applies the same changes to records in one transaction that also saves the undo entry and reindexes search.
 * Item codes are resolved per target year, so moving records to a year with another edition keeps their links
 * when the codes exist there, and fails clearly (nothing changed) when they do not.
 */
export function applyChanges(archive: Archive, ids: readonly number[], changes: RecordChanges, label: string): void {
  const db = archive.db;
  writeTransaction(db, () => {
    const records = liveRecords(db, ids);
    pushUndo(db, label, snapshotRecords(db, ids));
    const now = nowIso();
    for (const record of records) {
      const year = changes.year ?? record.year;
      if (year !== record.year) declareYear(archive.db, year);
      const sets = new Map<EditedColumn, unknown>();
      const set = (column: EditedColumn, value: unknown): void => {
        sets.set(column, value);
      };
      for (const [key, column] of Object.entries(FIELD_COLUMNS) as [keyof typeof FIELD_COLUMNS, EditedColumn][]) {
        const value = changes.fields[key];
        if (value !== undefined) set(column, typeof value === 'boolean' ? Number(value) : value);
      }
      const title = changes.titles?.get(record.id);
      if (title !== undefined) set('title', title);
      if (year !== record.year) set('year', year);
      if (changes.caption) set('caption', JSON.stringify(mergeCaption(parseCaption(record.caption), changes.caption)));
      // A record moved to another year follows its activity there (activities are per year).
      const activityName = changes.activity !== undefined ? changes.activity : year !== record.year ? record.activity : undefined;
      if (activityName !== undefined) {
        set('activity_id', activityName === null ? null : activityIdFor(db, year, activityName, changes.fields.date ?? record.date));
      }
      run(db, UPDATE_RECORD, now, ...EDITED_COLUMNS.flatMap((c) => (sets.has(c) ? [1, sets.get(c)] : [0, null])), record.id);

      if (changes.items !== undefined) setRecordItems(db, record.id, resolveItemCodes(db, year, changes.items));
      else if (year !== record.year) setRecordItems(db, record.id, resolveItemCodes(db, year, linkedCodes(db, record.id)));
      if (changes.addItems) addRecordItems(db, record.id, resolveItemCodes(db, year, changes.addItems));
      if (changes.tags !== undefined) setRecordTags(db, record.id, changes.tags);
    }
    assertIdentityKept(db, ids);
    reindexRecords(db, ids);
  });
}

/** Caption fields given replace the old ones; an empty string clears a field. */
function mergeCaption(old: Caption, patch: Caption): Caption {
  const merged: Caption = { ...old };
  for (const [field, value] of Object.entries(patch) as [keyof Caption, string | undefined][]) {
    if (value === undefined) continue;
    if (value.trim() === '') delete merged[field];
    else merged[field] = value.trim();
  }
  return merged;
}

export function updateRecord(archive: Archive, args: ParsedArgs<'records.update'>): RecordDetail {
  const { id, items, year, caption, tags, activity, ...fields } = args;
  applyChanges(
    archive,
    [id],
    {
      fields,
      ...(caption !== undefined ? { caption } : {}),
      ...(tags !== undefined ? { tags } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(items !== undefined ? { items } : {}),
      ...(activity !== undefined ? { activity } : {}),
    },
    `修改第 ${id} 件`,
  );
  return getRecordDetail(archive.db, id);
}

/**
 * The same changes to many records, in one step that is applied wholly or not at all. Caption fields left blank keep
 * each record's own value, so one dialog can give 200 photos their 地点 without touching their 时间.
 */
export function bulkUpdate(archive: Archive, args: ParsedArgs<'records.bulkUpdate'>): { updated: number } {
  const { ids, items, addItems, type, year, date, activity, caption, attachmentConfirmed } = args;
  const unique = [...new Set(ids)];
  const fields: RecordChanges['fields'] = {
    ...(type !== undefined ? { type } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(attachmentConfirmed !== undefined ? { attachmentConfirmed } : {}),
  };
  const filled = caption ? Object.fromEntries(Object.entries(caption).filter(([, v]) => v !== undefined && v.trim() !== '')) : {};
  applyChanges(
    archive,
    unique,
    {
      fields,
      ...(year !== undefined ? { year } : {}),
      ...(items !== undefined ? { items } : {}),
      ...(addItems !== undefined ? { addItems } : {}),
      ...(activity !== undefined ? { activity } : {}),
      ...(Object.keys(filled).length > 0 ? { caption: filled } : {}),
    },
    `批量修改 ${unique.length} 件`,
  );
  return { updated: unique.length };
}

/** Moves records to the trash (or back); undo restores the previous state. */
export function setDeleted(archive: Archive, ids: readonly number[], deleted: boolean): number {
  const db = archive.db;
  const unique = [...new Set(ids)];
  return writeTransaction(db, () => {
    const state = all<{ id: number; deleted_at: string | null }>(
      db,
      'SELECT id, deleted_at FROM records WHERE id IN (SELECT value FROM json_each(?))',
      idList(unique),
    );
    const missing = unique.filter((id) => !state.some((r) => r.id === id));
    if (missing.length > 0) throw new TaizhangError('not_found', `找不到这些记录：${missing.map((id) => `#${id}`).join('、')} / No such records`);
    const changing = state.filter((r) => (r.deleted_at !== null) !== deleted).map((r) => r.id);
    if (changing.length === 0) return 0;
    pushUndo(db, deleted ? `删除 ${changing.length} 件` : `恢复 ${changing.length} 件`, snapshotRecords(db, changing));
    run(
      db,
      'UPDATE records SET deleted_at = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))',
      deleted ? nowIso() : null,
      nowIso(),
      idList(changing),
    );
    assertIdentityKept(db, changing);
    reindexRecords(db, changing);
    return changing.length;
  });
}

export function updateActivity(archive: Archive, args: ParsedArgs<'records.updateActivity'>): Activity {
  const db = archive.db;
  writeTransaction(db, () => {
    const before = getActivity(db, args.id);
    const snapshot = snapshotActivity(db, args.id);
    pushUndo(db, `修改活动「${before.name}」`, snapshot);
    if (args.name !== undefined && args.name !== before.name) {
      const clash = value<number>(db, 'SELECT 1 FROM activities WHERE year = ? AND name = ? AND id <> ?', before.year, args.name, args.id);
      if (clash !== undefined) throw new TaizhangError('conflict', `${before.year} 年度已有名为「${args.name}」的活动 / An activity with that name exists`);
    }
    run(
      db,
      'UPDATE activities SET name = ?, date = ?, caption = ? WHERE id = ?',
      args.name ?? before.name,
      args.date !== undefined ? args.date : before.date,
      JSON.stringify(args.caption ? mergeCaption(before.caption, args.caption) : before.caption),
      args.id,
    );
    reindexRecords(db, snapshot.records);
  });
  return getActivity(db, args.id);
}
