import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ArchiveInfo } from '../../shared/api/archive.js';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/store/migrations/all.js';
import { cli, tempDir } from '../support/temp.js';

describe('init / info / unit', () => {
  it('creates an archive that already holds the example index', async () => {
    const dir = path.join(tempDir(), 'a');
    const r = await cli('init', '--archive', dir, '--unit', '和平社区居委会', '--fonds', 'Z123', '--json');
    expect(r.code).toBe(0);
    const info = r.json<ArchiveInfo>();
    expect(info.unit).toMatchObject({ name: '和平社区居委会', fonds: 'Z123' });
    expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(existsSync(path.join(dir, 'archive.db'))).toBe(true);
    expect(existsSync(path.join(dir, 'files'))).toBe(true);
    const db = new Database(path.join(dir, 'archive.db'), { readonly: true });
    const editions = db.prepare('SELECT name, is_example FROM editions').all() as { name: string; is_example: number }[];
    const items = db.prepare('SELECT count(*) AS n FROM items').get() as { n: number };
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(editions).toHaveLength(1);
    expect(editions[0]).toMatchObject({ is_example: 1 });
    expect(editions[0]?.name).toContain('示例');
    expect(items.n).toBeGreaterThan(20);
  });

  it('refuses to init over a non-empty folder and leaves it as it was', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'keep.txt'), '重要');
    const r = await cli('init', '--archive', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/不是空的/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(path.join(dir, 'archive.db'))).toBe(false);
  });

  it('reports a missing archive as a user error with exit code 1', async () => {
    const r = await cli('info', '--archive', path.join(tempDir(), 'nowhere'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/找不到档案/);
    expect(r.stderr).toMatch(/No archive/);
  });

  it('gives exit code 2 for usage errors', async () => {
    expect((await cli('no-such-command')).code).toBe(2);
    expect((await cli('init', '--bogus-flag')).code).toBe(2);
  });

  it('prints one JSON error document with --json', async () => {
    const r = await cli('info', '--archive', path.join(tempDir(), 'nowhere'), '--json');
    expect(r.code).toBe(1);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('archive_missing');
  });

  it('updates unit settings and keeps the rest', async () => {
    const dir = path.join(tempDir(), 'a');
    await cli('init', '--archive', dir, '--unit', '甲社区');
    const r = await cli('unit', '--archive', dir, '--filer', '王芳', '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ name: '甲社区', filer: '王芳' });
  });

  it('refuses to open an archive written by a newer version', async () => {
    const dir = path.join(tempDir(), 'a');
    await cli('init', '--archive', dir);
    const db = new Database(path.join(dir, 'archive.db'));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const r = await cli('info', '--archive', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/更新版本/);
  });
});
