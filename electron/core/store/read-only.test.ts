import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedArchive } from '../../../test/crash/seed.js';
import { makePdf } from '../../../test/support/sample-files.js';
import { cli, tempDir } from '../../../test/support/temp.js';
import { openCore } from '../api/core.js';

/** Real filesystems of limited size and a read-only one: tmpfs mounts (the tests run as root, as CI does). */
const mounts: string[] = [];
function mountTmpfs(size: string): string {
  const dir = path.join(tempDir(), 'disk');
  mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of mounts.splice(0)) execFileSync('umount', ['-l', dir]);
});

describe('archives on a read-only or full disk', () => {
  it('on a read-only folder, list, check and a backup to another disk work; a change says 档案文件夹只读', async () => {
    const disk = mountTmpfs('64m');
    const dir = path.join(disk, 'archive');
    expect((await cli('init', '--archive', dir)).code).toBe(0);
    const core = await openCore(dir);
    await seedArchive(core, tempDir(), 3);
    core.close();
    execFileSync('mount', ['-o', 'remount,ro', disk]);

    const list = await cli('list', '--archive', dir, '--json');
    expect(list.code).toBe(0);
    expect((list.json<{ records: unknown[] }>().records ?? list.json<unknown[]>()).length).toBe(3);
    const check = await cli('check', '--archive', dir);
    expect(check.stdout).toMatch(/档案完好/);
    const backup = path.join(tempDir(), '备份.zip');
    expect((await cli('backup', '--archive', dir, '--out', backup)).code).toBe(0);
    const restored = path.join(tempDir(), 'restored');
    expect((await cli('restore', backup, '--archive', restored)).code).toBe(0);

    const pdf = await makePdf(path.join(tempDir(), '通知.pdf'));
    for (const argv of [['add', pdf, '--year', '2024', '--item', '1.1.1'], ['edit', '1', '--title', '新题名']]) {
      const r = await cli(...argv, '--archive', dir);
      expect({ argv, code: r.code, out: `${r.stdout}${r.stderr}` }).toMatchObject({ argv, code: 1, out: expect.stringMatching(/档案文件夹只读/) });
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/内部错误/);
    }
  }, 120_000);

  it('on a full disk, an import says 磁盘已满 and loses nothing', async () => {
    const disk = mountTmpfs('12m');
    const dir = path.join(disk, 'archive');
    expect((await cli('init', '--archive', dir)).code).toBe(0);
    // Fill the disk to the last few kilobytes.
    try {
      writeFileSync(path.join(disk, 'filler'), Buffer.alloc(12 * 1024 * 1024));
    } catch {
      // ENOSPC: the filler took what there was.
    }
    const pdf = await makePdf(path.join(tempDir(), '会议记录.pdf'), { pages: 40, text: 'minutes '.repeat(40) });
    const r = await cli('add', pdf, '--year', '2024', '--item', '1.1.1', '--archive', dir);
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toMatch(/磁盘已满/);
    expect(r.stderr).not.toMatch(/内部错误/);
    execFileSync('rm', [path.join(disk, 'filler')]);
    const after = await cli('check', '--archive', dir, '--json');
    expect(after.json<{ ok: boolean }>().ok).toBe(true);
  }, 120_000);
});
