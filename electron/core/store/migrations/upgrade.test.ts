import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/support/temp.js';
import { openDatabase, schemaVersion } from '../database.js';
import { schemaDifferences } from '../schema-check.js';
import { LATEST_SCHEMA_VERSION, migrations } from './all.js';

/** A database written by an older Taizhang: only the migrations up to `version` have run. */
function databaseAt(version: number): { file: string; db: Database.Database } {
  const file = path.join(tempDir(), 'archive.db');
  const db = new Database(file);
  for (const m of migrations.filter((x) => x.version <= version)) {
    if (typeof m.up === 'string') db.exec(m.up);
    else m.up(db);
    db.pragma(`user_version = ${m.version}`);
  }
  return { file, db };
}

const NOW = '2025-06-01T08:00:00.000Z';

/** What a clerk's archive holds at schema version 1: an index, years, activities, records with files and tags. */
function fillVersion1(db: Database.Database): void {
  db.exec(`
    INSERT INTO settings(key, value) VALUES ('unit.name', '和平社区居委会'), ('unit.fonds', 'Z001');
    INSERT INTO editions(id, name, created_at) VALUES (1, '2025 年测评细则', '${NOW}');
    INSERT INTO items(id, edition_id, parent_id, code, title, level, position, requirement) VALUES
      (1, 1, NULL, '1', '思想道德建设', 1, 0, ''),
      (2, 1, 1, '1.1', '新时代文明实践站', 2, 0, '有方案、有签到、照片不少于5张'),
      (3, 1, 1, '1.2', '志愿服务', 2, 1, '');
    INSERT INTO years(year, edition_id) VALUES (2023, 1), (2024, 1), (2025, 1);
    INSERT INTO activities(id, year, name, date, caption) VALUES (1, 2025, '学雷锋志愿服务', '2025-03-05', '{"place":"社区广场"}');
    INSERT INTO records(id, year, title, doc_no, date, type, retention, caption, activity_id, carried_from, created_at, updated_at, deleted_at) VALUES
      (1, 2023, '志愿服务管理制度', '和社〔2023〕1号', '2023-01-10', '制度', '永久', '{}', NULL, NULL, '${NOW}', '${NOW}', NULL),
      (2, 2024, '志愿服务管理制度', '和社〔2023〕1号', '2023-01-10', '制度', '永久', '{}', NULL, 1, '${NOW}', '${NOW}', NULL),
      (3, 2025, '志愿服务管理制度', '和社〔2023〕1号', '2023-01-10', '制度', '永久', '{}', NULL, 2, '${NOW}', '${NOW}', NULL),
      (4, 2025, '学雷锋志愿服务活动方案', '', '2025-03-01', '方案', '定期10年', '{}', 1, NULL, '${NOW}', '${NOW}', NULL),
      (5, 2025, '活动现场', '', '2025-03-05', '照片', '定期10年', '{"subject":"学雷锋"}', 1, NULL, '${NOW}', '${NOW}', '${NOW}');
    INSERT INTO record_items(record_id, item_id) VALUES (1, 3), (2, 3), (3, 3), (4, 2), (5, 2);
    INSERT INTO record_tags(record_id, tag) VALUES (4, '重点');
    INSERT INTO blobs(sha256, size, mime, kind, ext, pages, text, created_at) VALUES
      ('${'a'.repeat(64)}', 1200, 'application/pdf', 'pdf', 'pdf', 2, '学雷锋志愿服务活动方案正文', '${NOW}'),
      ('${'b'.repeat(64)}', 9000, 'image/jpeg', 'image', 'jpg', NULL, '', '${NOW}');
    INSERT INTO record_files(record_id, sha256, name, position) VALUES (4, '${'a'.repeat(64)}', '方案.pdf', 0), (5, '${'b'.repeat(64)}', '现场.jpg', 0);
    INSERT INTO not_applicable(year, item_id, reason) VALUES (2024, 2, '本年度未建站');
    INSERT INTO rectifications(id, year, problem, created_at) VALUES (1, 2025, '公益广告破损', '${NOW}');
    INSERT INTO rectification_items(rectification_id, item_id) VALUES (1, 3);
    INSERT INTO rectification_evidence(rectification_id, record_id) VALUES (1, 4);
    INSERT INTO undo_log(label, payload, created_at) VALUES ('修改第 4 件', '{"kind":"created","ids":[]}', '${NOW}');
    INSERT INTO search_index(rowid, title, body) VALUES (4, '学 雷 锋', '方 案');
  `);
}

function fillVersion5(db: Database.Database): void {
  fillVersion1(db);
  db.exec(`INSERT INTO checklist_notes(year, item_id, status, responsible, note, updated_at) VALUES (2025, 2, '齐全', '社区党委', '已补齐', '${NOW}')`);
}

/** Every row of every ordinary table, as the columns of the old schema read them. */
function snapshot(db: Database.Database, columnsOf: Map<string, string[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, columns] of columnsOf) {
    out[table] = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`).all();
  }
  return out;
}

function tableColumns(db: Database.Database): Map<string, string[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'")
    .pluck()
    .all() as string[];
  return new Map(tables.map((t) => [t, (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => c.name)]));
}

const EARLIER = migrations.map((m) => m.version).filter((v) => v < LATEST_SCHEMA_VERSION);

describe('upgrading an archive written by an earlier version', () => {
  it('has an upgrade test for every earlier schema version', () => {
    expect(EARLIER).toEqual([1, 5, 6, 7, 8, 9]);
  });

  it.each(EARLIER)('from schema version %i keeps every row and brings the schema up to date', (version) => {
    const { file, db: old } = databaseAt(version);
    (version >= 5 ? fillVersion5 : fillVersion1)(old);
    const columns = tableColumns(old);
    const before = snapshot(old, columns);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    // Upgraded step by step, the schema is exactly the one a restore expects of its version.
    expect(schemaDifferences(db)).toEqual([]);
    const after = snapshot(db, columns);
    // A carried-over copy now points at the original itself: record 3 was carried from 2, which came from 1 (006 did
    // that; an archive written at 6 or later keeps what it has).
    const carried = (rows: unknown[]) => (rows as { id: number; carried_from: number | null }[]).map((r) => [r.id, r.carried_from]);
    expect(carried(after.records!)).toEqual([[1, null], [2, 1], [3, version < 6 ? 1 : 2], [4, null], [5, null]]);
    const withoutCarry = (rows: unknown[]) => (rows as Record<string, unknown>[]).map(({ carried_from: _c, ...rest }) => rest);
    for (const table of columns.keys()) {
      if (table === 'records') expect(withoutCarry(after.records!)).toEqual(withoutCarry(before.records!));
      else expect(after[table], table).toEqual(before[table]);
    }
    // The search index still answers, and the new parts are there and empty: existing records start unarchived.
    expect(db.prepare("SELECT rowid FROM search_index WHERE search_index MATCH '\"学 雷\"'").pluck().all()).toEqual([4]);
    expect(db.prepare('SELECT count(*) FROM live_records').pluck().get()).toBe(4);
    expect(db.prepare('SELECT count(*) FROM record_identity').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM archival_numbers').pluck().get()).toBe(0);
    expect(db.prepare('SELECT DISTINCT secrecy FROM records').pluck().all()).toEqual(['']);
    // 008: no record counts as a confirmed attachment, and no file has a title or an artist read yet.
    expect(db.prepare('SELECT DISTINCT attachment_confirmed FROM records').pluck().all()).toEqual([0]);
    expect(db.prepare('SELECT count(*) FROM blobs WHERE doc_title IS NOT NULL OR artist IS NOT NULL').pluck().get()).toBe(0);
    // 007: the OCR queue is empty, so every photo and scan already filed waits to be read; no 实到人数 is kept yet.
    expect(db.prepare('SELECT count(*) FROM ocr_jobs').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM ocr_pages').pluck().get()).toBe(0);
    expect(db.prepare('SELECT attendance FROM activities').pluck().all()).toEqual([null]);
    // 010: nobody has looked at the pages of a PDF filed before, so the OCR queue does (see the queue's own test).
    expect(db.prepare('SELECT count(*) FROM blobs WHERE textless_pages IS NOT NULL').pluck().get()).toBe(0);
    db.close();
  });

  it('from before 009 turns a 不适用 accepted from a checklist into the item\'s 不适用 mark, keeping marks already set', () => {
    const { file, db: old } = databaseAt(8);
    fillVersion5(old);
    old.exec(`
      INSERT INTO checklist_notes(year, item_id, status, responsible, note, updated_at) VALUES
        (2024, 3, '不适用', NULL, '本社区无志愿服务站', '${NOW}'),
        (2025, 3, '不适用', '社区居委会', '', '${NOW}'),
        (2024, 2, '不适用', NULL, '', '${NOW}');
    `);
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT year, item_id, reason FROM not_applicable ORDER BY year, item_id').all()).toEqual([
      { year: 2024, item_id: 2, reason: '本年度未建站' },
      { year: 2024, item_id: 3, reason: '本社区无志愿服务站' },
      { year: 2025, item_id: 3, reason: '自查表认定不适用' },
    ]);
    expect(db.prepare('SELECT year, item_id, status, responsible, note FROM checklist_notes ORDER BY year, item_id').all()).toEqual([
      { year: 2024, item_id: 3, status: null, responsible: null, note: '本社区无志愿服务站' },
      { year: 2025, item_id: 2, status: '齐全', responsible: '社区党委', note: '已补齐' },
      { year: 2025, item_id: 3, status: null, responsible: '社区居委会', note: '' },
    ]);
    db.close();
  });

  it('refuses nothing and changes nothing when opened again at the latest version', () => {
    const { file, db: old } = databaseAt(LATEST_SCHEMA_VERSION);
    fillVersion5(old);
    old.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(5);
    db.close();
  });
});
