import type { RecordType, RetentionPeriod } from '../../../shared/domain/record.js';
import { insertEdition, resolveEdition, type ItemDraft } from '../index/editions.js';
import { reindexRecords } from '../search/indexer.js';
import { nowIso } from '../store/archive.js';
import type { Db } from '../store/database.js';

/**
 * Archive contents written straight into the database, for tests and the benchmark of the checklist: thousands of
 * records in one transaction without reading any file. Product code adds records through `records.add`.
 */
export interface FixtureRecord {
  title: string;
  type: RecordType;
  items: string[];
  date?: string | null;
  docNo?: string;
  author?: string;
  titleSupplied?: boolean;
  retention?: RetentionPeriod;
  note?: string;
  activity?: string;
  /** Pages of its one PDF file (ignored for photos). */
  pages?: number;
  /** Image files attached (photos). */
  images?: number;
}

let blobCounter = 0;

function fakeSha(): string {
  blobCounter += 1;
  return `${process.pid.toString(16)}f${blobCounter.toString(16)}`.padStart(64, '0');
}

/** Declares the year with the edition it uses (the newest when not given) unless already declared. */
export function ensureFixtureYear(db: Db, year: number, edition?: number): number {
  const id = resolveEdition(db, { edition });
  db.prepare('INSERT INTO years(year, edition_id) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET edition_id = excluded.edition_id').run(year, id);
  return id;
}

export function insertFixtureRecords(db: Db, year: number, records: readonly FixtureRecord[]): number[] {
  return db.transaction(() => {
    const edition = resolveEdition(db, { year });
    const itemIds = new Map(
      (db.prepare('SELECT code, id FROM items WHERE edition_id = ?').all(edition) as { code: string; id: number }[]).map((r) => [r.code, r.id]),
    );
    const activityIds = new Map<string, number>();
    const insertActivity = db.prepare('INSERT INTO activities(year, name, date) VALUES (?, ?, ?) ON CONFLICT(year, name) DO UPDATE SET name = name RETURNING id');
    const insertRecord = db.prepare(
      `INSERT INTO records(year, title, title_supplied, doc_no, author, date, type, retention, note, activity_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertLink = db.prepare('INSERT INTO record_items(record_id, item_id) VALUES (?, ?)');
    const insertBlob = db.prepare(
      `INSERT INTO blobs(sha256, size, mime, kind, ext, pages, width, height, created_at) VALUES (?, 1000, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFile = db.prepare('INSERT INTO record_files(record_id, sha256, name, position) VALUES (?, ?, ?, ?)');
    const now = nowIso();
    const ids: number[] = [];
    for (const r of records) {
      let activityId: number | null = null;
      if (r.activity) {
        activityId = activityIds.get(r.activity) ?? null;
        if (activityId === null) {
          activityId = (insertActivity.get(year, r.activity, r.date ?? null) as { id: number }).id;
          activityIds.set(r.activity, activityId);
        }
      }
      const id = Number(
        insertRecord.run(
          year, r.title, r.titleSupplied ? 1 : 0, r.docNo ?? '', r.author ?? '', r.date ?? null, r.type, r.retention ?? '定期10年',
          r.note ?? '', activityId, now, now,
        ).lastInsertRowid,
      );
      ids.push(id);
      for (const code of r.items) {
        const itemId = itemIds.get(code);
        if (itemId === undefined) throw new Error(`fixture: no item ${code}`);
        insertLink.run(id, itemId);
      }
      const images = r.images ?? (r.type === '照片' ? 1 : 0);
      for (let i = 0; i < images; i++) {
        const sha = fakeSha();
        insertBlob.run(sha, 'image/jpeg', 'image', 'jpg', null, 4000, 3000, now);
        insertFile.run(id, sha, `photo-${i + 1}.jpg`, i);
      }
      if (images === 0) {
        const sha = fakeSha();
        insertBlob.run(sha, 'application/pdf', 'pdf', 'pdf', r.pages ?? 1, null, null, now);
        insertFile.run(id, sha, 'document.pdf', 0);
      }
    }
    reindexRecords(db, ids);
    return ids;
  })();
}

/** A synthetic edition of `top × middle × leaves` items, for size tests and the benchmark. */
export function insertLargeEdition(db: Db, top: number, middle: number, leaves: number): number {
  const items: ItemDraft[] = [];
  for (let a = 1; a <= top; a++) {
    const children: ItemDraft[] = [];
    for (let b = 1; b <= middle; b++) {
      const grand: ItemDraft[] = [];
      for (let c = 1; c <= leaves; c++) {
        grand.push({
          code: `${a}.${b}.${c}`,
          label: `${c}.`,
          title: `测评标准 ${a}.${b}.${c}：按要求开展活动并留存资料`,
          method: '材料审核',
          requirement: '每年不少于4次活动，有方案、签到表、照片不少于5张和总结',
          unit: '社区居委会',
        });
      }
      children.push({ code: `${a}.${b}`, label: `（${b}）`, title: `测评内容 ${a}.${b}`, children: grand });
    }
    items.push({ code: String(a), label: `${a}、`, title: `测评项目 ${a}`, children });
  }
  return insertEdition(db, { name: '大型测试体系', levelNames: ['测评项目', '测评内容', '测评标准'], items }).edition;
}
