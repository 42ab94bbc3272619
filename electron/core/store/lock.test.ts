import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaizhangError } from '../../../shared/errors.js';
import { startWorker } from '../../../test/crash/spawn.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { openCore } from '../api/core.js';
import { holdArchive, LOCK_DIR, takeArchiveExclusively } from './lock.js';

function holderFile(dir: string, name: string, holder: object | string): void {
  mkdirSync(path.join(dir, LOCK_DIR), { recursive: true });
  writeFileSync(path.join(dir, LOCK_DIR, name), typeof holder === 'string' ? holder : JSON.stringify(holder));
}

describe('archive lock across processes', () => {
  it('an open archive is held; a restore is refused until every holder has closed', async () => {
    const core = await tempCore();
    expect(readdirSync(path.join(core.dir, LOCK_DIR))).toHaveLength(1);
    expect(() => takeArchiveExclusively(core.dir)).toThrow(/档案正在被使用（本机的进程 \d+（打开/);
    const second = await openCore(core.dir);
    expect(readdirSync(path.join(core.dir, LOCK_DIR))).toHaveLength(2);
    second.close();
    core.close();
    expect(readdirSync(path.join(core.dir, LOCK_DIR))).toEqual([]);
    const release = takeArchiveExclusively(core.dir);
    // While a restore holds the folder, nobody opens it for writing.
    await expect(openCore(core.dir)).rejects.toThrow(/正在从备份恢复/);
    release();
    (await openCore(core.dir)).close();
  });

  it('removes stale holders (this host, process gone, or a half-written file) and counts other hosts as live', () => {
    const dir = tempDir();
    holderFile(dir, 'open-dead.json', { pid: 2 ** 22 + 12345, host: os.hostname(), since: '2024-01-01T00:00:00Z', purpose: '打开' });
    holderFile(dir, 'open-torn.json', '{"pid": 12');
    takeArchiveExclusively(dir)();
    expect(readdirSync(path.join(dir, LOCK_DIR))).toEqual([]);
    holderFile(dir, 'open-other.json', { pid: 1, host: '办公室电脑', since: '2024-01-01T00:00:00Z', purpose: '打开' });
    let error: unknown;
    try {
      takeArchiveExclusively(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TaizhangError);
    expect((error as TaizhangError).zh).toMatch(/电脑「办公室电脑」的进程 1/);
    expect(existsSync(path.join(dir, LOCK_DIR, 'open-other.json'))).toBe(true);
  });

  it('a restore from the CLI is refused while another process holds the archive, and nothing is moved', async () => {
    const core = await tempCore();
    const backup = path.join(tempDir(), 'b.zip');
    await core.api['backup.create']({ out: backup });
    core.close();
    const other = startWorker('hold', core.dir, '60000');
    await other.printed('locked');
    try {
      const r = await cli('restore', backup, '--archive', core.dir, '--force');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/档案正在被使用.*原档案未动/);
      expect(readdirSync(path.dirname(core.dir)).filter((n) => n.includes('恢复前') || n.includes('restoring'))).toEqual([]);
    } finally {
      other.child.kill('SIGUSR2');
      await other.finished;
    }
    // The holder has gone: now the restore goes ahead.
    const r = await cli('restore', backup, '--archive', core.dir, '--force');
    expect(r.code).toBe(0);
    holdArchive(core.dir)();
  }, 60_000);
});
