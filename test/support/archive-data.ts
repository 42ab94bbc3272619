import type { RecordType, RetentionPeriod } from '../../shared/domain/record.js';
import { insertEdition, resolveEdition, type ItemDraft } from '../../electron/core/index/editions.js';
import { numberRecords } from '../../electron/core/archival/number.js';
import { reindexRecords } from '../../electron/core/search/indexer.js';
import { nowIso, type Archive } from '../../electron/core/store/archive-folder.js';
import type { Db } from '../../electron/core/store/database.js';
import type { BinderReportData } from '../../electron/core/checklist/locations.js';

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

/** Titles and values chosen to catch mistakes: formula-like text, dates on year boundaries, a supplied title. */
export const SAMPLE = {
  year: 2024,
  formulaTitle: '=HYPERLINK("http://evil.example","点我")',
  plusAuthor: '+86 社区居委会',
  minusTitle: '-扣分情况说明',
  atNote: '@所有人 请补签到表',
} as const;

export interface SampleYear {
  records: { plan: number; formula: number; photos: number; signIn: number; report: number };
  ledger: { overdue: number; closed: number; open: number };
  /** A binder report for the year, shaped as the binder export writes it. */
  report: BinderReportData;
}

/** A year of the example index with a few 件, an activity, three ledger rows and a binder report. */
export function fillSampleYear(db: Db): SampleYear {
  const year = SAMPLE.year;
  ensureFixtureYear(db, year);
  const [plan, formula, photos, signIn, report] = insertFixtureRecords(db, year, [
    { title: '2024年新时代文明实践站工作方案', type: '方案', items: ['1.1.1'], date: '2024-03-05', docNo: '文明社区〔2024〕1号', author: '社区党委', pages: 3 },
    { title: SAMPLE.formulaTitle, type: '记录', items: ['1.1.2'], date: '2024-12-31', author: SAMPLE.plusAuthor, pages: 2 },
    { title: '学雷锋志愿服务活动照片', type: '照片', items: ['1.2.2'], date: '2024-01-01', images: 3, activity: '学雷锋志愿服务' },
    { title: '学雷锋志愿服务活动签到表', type: '签到表', items: ['1.2.2'], date: '2024-03-05', titleSupplied: true, activity: '学雷锋志愿服务' },
    { title: SAMPLE.minusTitle, type: '报告', items: ['1.2.2', '5.1.3'], date: null, note: SAMPLE.atNote, pages: 1 },
  ]) as [number, number, number, number, number];
  // Archived (归档) with the 问题 one level down, so 1.1 and 1.2 are two boxes: 档号 ending 0101-0001… and 0102-0001….
  db.prepare("INSERT INTO settings(key, value) VALUES ('unit.problemLevel', '2') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
  numberRecords(db, { year, dryRun: false }, '2024-12-20');
  const add = db.prepare(
    `INSERT INTO rectifications(year, problem, site, unit, leader, deadline, progress, state, raised_on, closed_on, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const row = (problem: string, deadline: string, state: string, closedOn: string | null): number =>
    Number(add.run(year, problem, '幸福路宣传栏', '社区居委会', '王主任', deadline, '', state, '2024-04-28', closedOn, nowIso()).lastInsertRowid);
  const overdue = row('宣传栏公益广告破损', '2024-05-10', '整改中', null);
  const closed = row('=楼道堆物未清理', '2024-05-10', '已整改', '2024-05-08');
  const open = row('垃圾分类亭标识缺失', '2999-12-31', '待整改', null);
  db.prepare('INSERT INTO rectification_evidence(rectification_id, record_id) VALUES (?, ?)').run(closed, photos);
  const item = db.prepare('SELECT id FROM items WHERE code = ? AND edition_id = (SELECT edition_id FROM years WHERE year = ?)');
  db.prepare('INSERT INTO rectification_items(rectification_id, item_id) VALUES (?, ?)').run(overdue, (item.get('1.3.1', year) as { id: number }).id);
  const binderReport = {
    year,
    volumes: [
      {
        path: 'volumes/01.pdf', item: '1.1', title: '新时代文明实践站', archivalCode: 'Z001-WS·2024-D10-0101-001', retention: '定期10年', volumeNo: 1,
        pages: 8, numberedPages: 5,
        documents: [
          { seq: 1, piece: 1, recordId: plan, item: '1.1.1', title: '', startPage: 3, firstPageNo: 1, pages: 3 },
          { seq: 2, piece: 2, recordId: formula, item: '1.1.2', title: '', startPage: 6, firstPageNo: 4, pages: 2 },
        ],
      },
      {
        path: 'volumes/02.pdf', item: '1.2', title: '志愿服务', archivalCode: 'Z001-WS·2024-D10-0102-002', retention: '定期10年', volumeNo: 2,
        pages: 9, numberedPages: 5,
        documents: [
          { seq: 1, piece: 1, recordId: signIn, item: '1.2.2', title: '', startPage: 3, firstPageNo: 1, pages: 1 },
          { seq: 2, piece: 2, recordId: photos, item: '1.2.2', title: '', startPage: 4, firstPageNo: 2, pages: 3 },
          { seq: 3, piece: 3, recordId: report, item: '1.2.2', title: '', startPage: 7, firstPageNo: 5, pages: 1 },
        ],
      },
    ],
    warnings: [],
    overview: null,
    report: null,
  };
  return { records: { plan, formula, photos, signIn, report }, ledger: { overdue, closed, open }, report: binderReport };
}

/** Registers real bytes as a blob of the archive, as an import would, without a record. */
export async function storeBlob(archive: Archive, file: string, mime: string, kind: string): Promise<string> {
  const { sha256, size } = await archive.files.put(file);
  archive.db
    .prepare('INSERT OR IGNORE INTO blobs(sha256, size, mime, kind, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(sha256, size, mime, kind, new Date().toISOString());
  return sha256;
}
