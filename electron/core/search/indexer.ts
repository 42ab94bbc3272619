import { toIndexText } from '../../../shared/text/tokens.js';
import type { Db } from '../store/database.js';

/**
 * Keeps search_index in step with records. Call inside the same transaction as the edit, so the index can never
 * disagree with the records it describes. The FTS rowid is the record id.
 */
export function reindexRecords(db: Db, ids: Iterable<number>): void {
  const read = db.prepare(
    `SELECT r.id, r.title, r.doc_no, r.author, r.note, r.caption, r.type, r.deleted_at,
            coalesce(a.name, '') AS activity, coalesce(a.caption, '{}') AS activity_caption,
            (SELECT group_concat(tag, ' ') FROM record_tags WHERE record_id = r.id) AS tags,
            (SELECT group_concat(f.name || ' ' || b.text, ' ') FROM record_files f JOIN blobs b ON b.sha256 = f.sha256
               WHERE f.record_id = r.id) AS body
     FROM records r LEFT JOIN activities a ON a.id = r.activity_id WHERE r.id = ?`,
  );
  const remove = db.prepare('DELETE FROM search_index WHERE rowid = ?');
  const insert = db.prepare('INSERT INTO search_index(rowid, title, body) VALUES (?, ?, ?)');
  for (const id of ids) {
    remove.run(id);
    const r = read.get(id) as
      | {
          id: number; title: string; doc_no: string; author: string; note: string; caption: string; type: string;
          deleted_at: string | null; activity: string; activity_caption: string; tags: string | null; body: string | null;
        }
      | undefined;
    if (!r || r.deleted_at) continue;
    const captions = [...Object.values(JSON.parse(r.caption) as Record<string, string>), ...Object.values(JSON.parse(r.activity_caption) as Record<string, string>)];
    const body = [r.doc_no, r.author, r.type, r.activity, r.note, r.tags ?? '', ...captions, r.body ?? ''].join(' ');
    insert.run(r.id, toIndexText(r.title), toIndexText(body));
  }
}

/** Rebuilds the whole index (check --repair, after a restore). */
export function rebuildSearchIndex(db: Db): number {
  const ids = (db.prepare('SELECT id FROM records').pluck().all() as number[]);
  db.transaction(() => {
    db.exec("INSERT INTO search_index(search_index) VALUES ('delete-all')");
    reindexRecords(db, ids);
  })();
  return ids.length;
}
