import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../shared/api/integrity.js';
import { seedArchive } from '../../../test/crash/seed.js';
import { readZip } from '../../../test/hostile/zips.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { openCore } from '../api/core.js';
import { manifestSchema } from './manifest.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('backup', () => {
  it('writes one zip holding the database snapshot, every file, the derivatives and a manifest of hashes', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 6);
    const out = path.join(tempDir(), 'b.zip');
    const r = await cli('backup', '--archive', core.dir, '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ path: out, files: 6, warnings: [] });

    const items = await readZip(out);
    const manifest = manifestSchema.parse(JSON.parse(items.find((i) => i.name === 'manifest.json')!.data.toString('utf8')));
    expect(manifest.counts).toEqual({ records: 6, files: 6, derivatives: 6 });
    const blobs = core.archive.db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[];
    expect(manifest.entries.filter((e) => e.path.startsWith('files/')).map((e) => e.path.slice(-64)).sort()).toEqual([...blobs].sort());
    for (const e of manifest.entries) {
      const data = items.find((i) => i.name === e.path)!.data;
      expect(sha(data)).toBe(e.sha256);
      expect(data.length).toBe(e.size);
    }
    // The snapshot is a standalone database (no WAL needed beside it).
    expect(items.find((i) => i.name === 'archive.db')!.data.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    // Nothing is left in tmp/ and no partial file beside the backup.
    expect(readdirSync(path.join(core.dir, 'tmp'))).toEqual([]);
    expect(readdirSync(path.dirname(out))).toEqual(['b.zip']);
  });

  it('never overwrites an existing file, and puts a dated backup inside a folder given as --out', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 1);
    const dir = tempDir();
    const existing = path.join(dir, 'keep.zip');
    writeFileSync(existing, '重要');
    const refused = await cli('backup', '--archive', core.dir, '--out', existing);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/已存在，不会覆盖/);
    expect(readFileSync(existing, 'utf8')).toBe('重要');

    const inFolder = await cli('backup', '--archive', core.dir, '--out', dir, '--json');
    expect(inFolder.code).toBe(0);
    expect(path.basename(inFolder.json<{ path: string }>().path)).toMatch(/^台账备份-\d{8}-\d{6}\.zip$/);

    const inside = await cli('backup', '--archive', core.dir, '--out', path.join(core.dir, 'files', 'x.zip'));
    expect(inside.code).toBe(1);
    expect(inside.stderr).toMatch(/不能放在档案的内部文件夹/);
    expect(existsSync(path.join(core.dir, 'files', 'x.zip'))).toBe(false);
  });

  it('backs up what exists when a stored file is missing, and says which', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 2);
    const lost = core.archive.db.prepare('SELECT sha256 FROM blobs ORDER BY sha256 LIMIT 1').pluck().get() as string;
    rmSync(core.archive.files.blobPath(lost));
    const r = await cli('backup', '--archive', core.dir, '--out', path.join(tempDir(), 'b.zip'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`文件缺失，未能备份：${lost.slice(0, 12)}`);
  });
});

describe('restore', () => {
  it('restores a backup into a new folder, verified, with the same records and files, and check finds it sound', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 5);
    const before = await core.api['records.list']({ year: 2024 });
    const out = path.join(tempDir(), 'b.zip');
    expect((await cli('backup', '--archive', core.dir, '--out', out)).code).toBe(0);

    const target = path.join(tempDir(), 'restored');
    const r = await cli('restore', out, '--archive', target);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/全部校验值一致/);
    const restored = await openCore(target);
    try {
      const after = await restored.api['records.list']({ year: 2024 });
      expect(after.map((x) => [x.id, x.title, x.files])).toEqual(before.map((x) => [x.id, x.title, x.files]));
      expect(restored.archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      restored.close();
    }
    const check = await cli('check', '--archive', target, '--json');
    expect(check.code).toBe(0);
    expect(check.json<CheckReport>()).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses to replace an existing archive unless forced, and then keeps the old one aside', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 2);
    const out = path.join(tempDir(), 'b.zip');
    await cli('backup', '--archive', core.dir, '--out', out);
    // A different archive already lives at the target.
    const other = await tempCore();
    await seedArchive(other, tempDir(), 3, 2023);
    other.close();
    const otherDb = readFileSync(path.join(other.dir, 'archive.db'));

    const refused = await cli('restore', out, '--archive', other.dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/不会覆盖.*--force/);
    expect(readFileSync(path.join(other.dir, 'archive.db')).equals(otherDb)).toBe(true);

    const forced = await cli('restore', out, '--archive', other.dir, '--force', '--json');
    expect(forced.code).toBe(0);
    const aside = forced.json<{ movedAside: string }>().movedAside;
    expect(aside).toMatch(/恢复前-\d{8}-\d{6}$/);
    expect(readFileSync(path.join(aside, 'archive.db')).equals(otherDb)).toBe(true);
    const years = await cli('year', 'list', '--archive', other.dir, '--json');
    expect(years.json<{ year: number }[]>().map((y) => y.year)).toEqual([2024]);
  });
});
