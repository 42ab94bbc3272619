import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../shared/api/integrity.js';
import { toPhrase } from '../../../shared/text/tokens.js';
import { seedArchive } from '../../../test/crash/seed.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { filesBelow } from '../backup/paths.js';
import { QUARANTINE_GRACE_MS } from './quarantine.js';

async function seeded(count = 4) {
  const core = await tempCore();
  await seedArchive(core, tempDir(), count);
  const blobs = core.archive.db.prepare('SELECT sha256, kind FROM blobs ORDER BY sha256').all() as { sha256: string; kind: string }[];
  return { core, blobs };
}

async function check(dir: string, ...extra: string[]): Promise<{ code: number; report: CheckReport; stdout: string }> {
  const r = await cli('check', '--archive', dir, '--json', ...extra);
  return { code: r.code, report: r.json<CheckReport>(), stdout: r.stdout };
}

const kinds = (r: CheckReport): string[] => r.problems.map((p) => p.kind).sort();

/** Makes a leftover look older than the quarantine's grace period, as it would be hours after a crash. */
function age(file: string): void {
  const old = new Date(Date.now() - QUARANTINE_GRACE_MS - 60_000);
  utimesSync(file, old, old);
}

describe('check', () => {
  it('finds a sound archive sound, and says in words with counts what it checked', async () => {
    const { core } = await seeded(4);
    const r = await cli('check', '--archive', core.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/数据库完整性检查：正常/);
    expect(r.stdout).toMatch(/已核对 4 个文件/);
    expect(r.stdout).toMatch(/件：4 件，每件都有文件/);
    expect(r.stdout).toMatch(/照片派生图：已核对 2 张，齐全/);
    expect(r.stdout).toMatch(/检索索引：4 条，与 4 件一致/);
    expect(r.stdout).toMatch(/结论：档案完好/);
  });

  it('reports a missing file and a damaged file as errors naming the records, and exits 1', async () => {
    const { core, blobs } = await seeded(4);
    rmSync(core.archive.files.blobPath(blobs[0]!.sha256));
    writeFileSync(core.archive.files.blobPath(blobs[1]!.sha256), 'tampered');
    const { code, report, stdout } = await check(core.dir);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(kinds(report)).toEqual(['hash_mismatch', 'missing_file']);
    const missing = report.problems.find((p) => p.kind === 'missing_file')!;
    expect(missing.message).toMatch(/文件缺失：第 \d+ 件「.+」的文件/);
    expect(missing.sha256).toBe(blobs[0]!.sha256);
    expect(stdout).not.toMatch(/\bat .*\.ts:\d+/);
    // Repair cannot invent lost bytes: the errors remain and nothing is deleted.
    const repaired = await check(core.dir, '--repair');
    expect(repaired.code).toBe(1);
    expect(kinds(repaired.report)).toEqual(['hash_mismatch', 'missing_file']);
    expect(readFileSync(core.archive.files.blobPath(blobs[1]!.sha256), 'utf8')).toBe('tampered');
  });

  it('rebuilds missing photo derivatives with --repair', async () => {
    const { core, blobs } = await seeded(4);
    const photo = blobs.find((b) => b.kind === 'image')!.sha256;
    const thumb = core.archive.files.derivativePath(photo, 'thumb');
    rmSync(thumb);
    const first = await check(core.dir);
    expect(first.code).toBe(1);
    expect(first.report.problems).toEqual([expect.objectContaining({ kind: 'missing_derivative', sha256: photo, missing: ['thumb'] })]);
    const repaired = await check(core.dir, '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.report.repaired).toEqual([expect.stringMatching(/重新生成了 1 张照片/)]);
    const sharp = (await import('sharp')).default;
    const meta = await sharp(thumb).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(320);
  });

  it('finds a search index out of step (missing, extra and stale entries) and rebuilds it', async () => {
    const { core } = await seeded(4);
    const db = core.archive.db;
    const [a, b] = db.prepare('SELECT id FROM records ORDER BY id LIMIT 2').pluck().all() as number[];
    db.prepare('DELETE FROM search_index WHERE rowid = ?').run(a);
    db.prepare("INSERT INTO search_index(rowid, title, body) VALUES (9999, 'x', 'y')").run();
    // A title changed without reindexing: only the spot check can see it.
    db.prepare("UPDATE records SET title = '全新的题名' WHERE id = ?").run(b);
    const first = await check(core.dir);
    expect(first.code).toBe(1);
    expect(first.report.problems).toEqual([expect.objectContaining({ kind: 'search_index', missing: 1, extra: 1, stale: 1 })]);
    const repaired = await check(core.dir, '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.report.repaired).toEqual(['重建了检索索引（4 件）']);
    expect(db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ?').pluck().all(toPhrase('全新的题名'))).toEqual([b]);
  });

  it('lists orphans and temp files as warnings, and --repair moves settled ones to quarantine without deleting', async () => {
    const { core } = await seeded(2);
    const dir = core.dir;
    const orphanSha = 'ab'.repeat(32);
    const orphan = path.join(dir, 'files', 'ab', orphanSha);
    mkdirSync(path.dirname(orphan), { recursive: true });
    writeFileSync(orphan, 'left behind by an interrupted import');
    const stranger = path.join(dir, 'files', 'notes.txt');
    writeFileSync(stranger, 'someone put this here');
    const temp = path.join(dir, 'tmp', 'crash-leftover');
    writeFileSync(temp, 'half written');
    const fresh = path.join(dir, 'tmp', 'import-in-progress');
    writeFileSync(fresh, 'being written right now');
    for (const f of [orphan, stranger, temp]) age(f);

    const first = await check(dir);
    expect(first.code).toBe(0);
    expect(first.report.ok).toBe(true);
    expect(kinds(first.report)).toEqual(['orphan_file', 'temp_file', 'temp_file', 'unknown_file']);
    expect(first.report.problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(first.report.summary.at(-1)).toMatch(/档案完好（另有 4 项不影响资料的提示）/);

    const repaired = await check(dir, '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.report.repaired).toEqual([
      expect.stringMatching(/^把 3 个多余或临时文件移到了 quarantine\/\d{8}-\d{6}（未删除）$/),
      '1 个文件刚写入不久（可能有导入正在进行），暂未移动',
    ]);
    expect(kinds(repaired.report)).toEqual(['temp_file']);
    expect(existsSync(fresh)).toBe(true);
    const quarantined = (await filesBelow(path.join(dir, 'quarantine'))).map((f) => path.relative(dir, f).split(path.sep).slice(2).join('/')).sort();
    expect(quarantined).toEqual([`files/ab/${orphanSha}`, 'files/notes.txt', 'tmp/crash-leftover']);
  });

  it('a repair that would quarantine more than a few files stops and moves nothing unless forced', async () => {
    const { core, blobs } = await seeded(8);
    const dir = core.dir;
    // The database of another, empty archive put in its place: every stored file now looks like a leftover.
    const other = await tempCore();
    other.close();
    core.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dir, `archive.db${suffix}`), { force: true });
    writeFileSync(path.join(dir, 'archive.db'), readFileSync(path.join(other.dir, 'archive.db')));
    for (const f of await filesBelow(path.join(dir, 'files'))) age(f);
    for (const f of await filesBelow(path.join(dir, 'derived'))) age(f);

    const stopped = await check(dir, '--repair');
    expect(stopped.code).toBe(1);
    expect(stopped.report.repaired).toEqual([expect.stringMatching(/^有 \d+ 个文件将被移入隔离区，超过 5 个，已停止，一个也没有移动/)]);
    expect(stopped.report.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([expect.stringMatching(/修复已停止.*请先从备份恢复档案/)]);
    expect(existsSync(path.join(dir, 'quarantine'))).toBe(false);
    expect((await filesBelow(path.join(dir, 'files'))).length).toBe(blobs.length);

    const forced = await check(dir, '--repair', '--force');
    expect(forced.report.repaired).toEqual([expect.stringMatching(/个多余或临时文件移到了 quarantine/)]);
    expect(await filesBelow(path.join(dir, 'files'))).toEqual([]);
  });

  it('refuses an archive whose database is empty (0 bytes or without a schema) as damaged, never as a new archive', async () => {
    for (const emptied of ['zero', 'schemaless'] as const) {
      const { core } = await seeded(2);
      core.close();
      const db = path.join(core.dir, 'archive.db');
      for (const suffix of ['-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
      writeFileSync(db, '');
      if (emptied === 'schemaless') new Database(db).exec('CREATE TABLE t(a); DROP TABLE t; VACUUM').close();
      const before = readFileSync(db);
      const files = await filesBelow(path.join(core.dir, 'files'));
      for (const argv of [['list'], ['check'], ['check', '--repair', '--force']]) {
        const r = await cli(...argv, '--archive', core.dir);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/档案数据库是空的或已损坏.*请从备份恢复档案/);
      }
      expect(readFileSync(db)).toEqual(before);
      expect(await filesBelow(path.join(core.dir, 'files'))).toEqual(files);
      expect(existsSync(path.join(core.dir, 'quarantine'))).toBe(false);
    }
  });

  it('puts a quarantined file back when the archive turns out to need it', async () => {
    const { core, blobs } = await seeded(2);
    const needed = core.archive.files.blobPath(blobs[0]!.sha256);
    const parked = path.join(core.dir, 'quarantine', '20240101-000000', 'files', blobs[0]!.sha256.slice(0, 2), blobs[0]!.sha256);
    mkdirSync(path.dirname(parked), { recursive: true });
    writeFileSync(parked, readFileSync(needed));
    rmSync(needed);
    expect((await check(core.dir)).report.problems.map((p) => p.kind)).toEqual(['missing_file']);
    const repaired = await check(core.dir, '--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.report.repaired).toContain('从隔离区找回了 1 个档案需要的文件');
    expect(existsSync(needed)).toBe(true);
    expect(readdirSync(path.dirname(parked))).toEqual([]);
  });

  it('reports rows that point at nothing, and records left without files', async () => {
    const { core } = await seeded(2);
    core.close();
    const db = new Database(path.join(core.dir, 'archive.db'));
    db.pragma('foreign_keys = OFF');
    db.prepare('INSERT INTO record_items(record_id, item_id) VALUES (1, 999999)').run();
    db.prepare('DELETE FROM record_files WHERE record_id = 2').run();
    db.close();
    const { code, report } = await check(core.dir);
    expect(code).toBe(1);
    expect(kinds(report)).toEqual(['foreign_key', 'record_without_files']);
    expect(report.problems.find((p) => p.kind === 'foreign_key')!.message).toMatch(/1 行引用了不存在的数据（record_items→items）/);
    expect(report.problems.find((p) => p.kind === 'record_without_files')!.message).toMatch(/第 2 件「.+」没有任何文件/);
  });

  it('refuses a database damaged beyond opening with a clear message, not a stack trace', async () => {
    const { core } = await seeded(1);
    core.close();
    const file = path.join(core.dir, 'archive.db');
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 0, 100);
    writeFileSync(file, bytes);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    const r = await cli('check', '--archive', core.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/档案数据库已损坏|不是台账档案/);
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
