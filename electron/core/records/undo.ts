import type { Activity } from '../../../shared/api/records.js';
import { TaizhangError } from '../../../shared/errors.js';
import { reindexRecords } from '../search/indexer.js';
import { assertIdentityKept, assertNotNumbered } from './identity-guard.js';
import { nowIso } from '../store/archive-folder.js';
import { type Db, writeTransaction } from '../store/database.js';
import { all, idList, one, run, statement, values } from '../store/sql.js';

/** How many edits can be undone; older entries are dropped. */
const UNDO_DEPTH = 50;

/** Records as they were before an edit: their rows, links and tags. */
interface RecordsSnapshot {
  kind: 'records';
  records: Record<string, unknown>[];
  items: { record_id: number; item_id: number }[];
  tags: { record_id: number; tag: string }[];
}

/** Records an edit created (carry-over): undoing removes them. */
interface CreatedRecords {
  kind: 'created';
  ids: number[];
}

interface ActivitySnapshot {
  kind: 'activity';
  activity: Pick<Activity, 'id' | 'name' | 'date'> & { caption: string };
  records: number[];
}

type UndoPayload = RecordsSnapshot | CreatedRecords | ActivitySnapshot;

const RECORD_COLUMNS = [
  'year', 'title', 'title_supplied', 'doc_no', 'author', 'date', 'type', 'retention', 'secrecy', 'note', 'caption', 'activity_id',
  'carried_from', 'attachment_confirmed', 'updated_at', 'deleted_at',
] as const;

export function snapshotRecords(db: Db, ids: readonly number[]): RecordsSnapshot {
  const json = idList(ids);
  return {
    kind: 'records',
    records: all<Record<string, unknown>>(db, `SELECT id, ${RECORD_COLUMNS.join(', ')} FROM records WHERE id IN (SELECT value FROM json_each(?))`, json),
    items: all<RecordsSnapshot['items'][number]>(db, 'SELECT record_id, item_id FROM record_items WHERE record_id IN (SELECT value FROM json_each(?))', json),
    tags: all<RecordsSnapshot['tags'][number]>(db, 'SELECT record_id, tag FROM record_tags WHERE record_id IN (SELECT value FROM json_each(?))', json),
  };
}

export function snapshotActivity(db: Db, id: number): ActivitySnapshot {
  const activity = one<ActivitySnapshot['activity']>(db, 'SELECT id, name, date, caption FROM activities WHERE id = ?', id);
  if (!activity) throw new TaizhangError('not_found', `没有编号为 ${id} 的活动 / No activity ${id}`);
  const records = values<number>(db, 'SELECT id FROM records WHERE activity_id = ?', id);
  return { kind: 'activity', activity, records };
}

/** Saves what an edit is about to change. Call inside the edit's transaction. */
export function pushUndo(db: Db, label: string, payload: UndoPayload): void {
  run(db, 'INSERT INTO undo_log(label, payload, created_at) VALUES (?, ?, ?)', label, JSON.stringify(payload), nowIso());
  run(db, 'DELETE FROM undo_log WHERE id NOT IN (SELECT id FROM undo_log ORDER BY id DESC LIMIT ?)', UNDO_DEPTH);
}

/** Writes back what the last edit changed, in one transaction; returns the edit's label, or null when there is none. */
export function undoLast(db: Db): string | null {
  return writeTransaction(db, () => {
    const row = one<{ id: number; label: string; payload: string }>(db, 'SELECT id, label, payload FROM undo_log ORDER BY id DESC LIMIT 1');
    if (!row) return null;
    const payload = JSON.parse(row.payload) as UndoPayload;
    const touched = apply(db, payload);
    assertIdentityKept(db, touched);
    reindexRecords(db, touched);
    // An activity created by the undone edit is left without records.
    run(db, 'DELETE FROM activities WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.activity_id = activities.id)');
    run(db, 'DELETE FROM undo_log WHERE id = ?', row.id);
    return row.label;
  });
}

function apply(db: Db, payload: UndoPayload): number[] {
  switch (payload.kind) {
    case 'records': {
      const ids = payload.records.map((r) => r.id as number);
      const update = statement(db, `UPDATE records SET ${RECORD_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      for (const saved of payload.records) {
        // An entry saved before a column existed leaves that column as it is now.
        const missing = RECORD_COLUMNS.some((c) => !(c in saved));
        const r = missing ? { ...one<Record<string, unknown>>(db, `SELECT ${RECORD_COLUMNS.join(', ')} FROM records WHERE id = ?`, saved.id), ...saved } : saved;
        const result = update.run(r);
        if (result.changes === 0) throw new TaizhangError('conflict', '要撤销的记录已不存在 / The records of that edit no longer exist');
      }
      const json = idList(ids);
      run(db, 'DELETE FROM record_items WHERE record_id IN (SELECT value FROM json_each(?))', json);
      run(db, 'DELETE FROM record_tags WHERE record_id IN (SELECT value FROM json_each(?))', json);
      const link = statement(db, 'INSERT INTO record_items(record_id, item_id) VALUES (?, ?)');
      for (const i of payload.items) link.run(i.record_id, i.item_id);
      const tag = statement(db, 'INSERT INTO record_tags(record_id, tag) VALUES (?, ?)');
      for (const t of payload.tags) tag.run(t.record_id, t.tag);
      return ids;
    }
    case 'created': {
      assertNotNumbered(db, payload.ids);
      run(db, 'DELETE FROM records WHERE id IN (SELECT value FROM json_each(?))', idList(payload.ids));
      return payload.ids;
    }
    case 'activity': {
      const a = payload.activity;
      run(db, 'UPDATE activities SET name = ?, date = ?, caption = ? WHERE id = ?', a.name, a.date, a.caption, a.id);
      return payload.records;
    }
  }
}
