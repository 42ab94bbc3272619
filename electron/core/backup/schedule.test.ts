import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedArchive } from '../../../test/crash/seed.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { DEFAULT_SCHEDULE, getBackupSchedule, runScheduledBackup } from './schedule.js';

describe('scheduled backup', () => {
  it('is on by default: on close, into backups/ inside the archive, at most once a day, keeping 10', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 1);
    expect(getBackupSchedule(core.archive.db)).toEqual({ ...DEFAULT_SCHEDULE, last: null });
    expect(DEFAULT_SCHEDULE).toMatchObject({ enabled: true, onClose: true, keep: 10 });
    expect(await core.api['backup.schedule']({})).toMatchObject({ folder: null, folderPath: path.join(core.dir, 'backups') });

    const monday = new Date(2024, 2, 4, 17, 30, 0);
    const first = await runScheduledBackup(core.archive, 'close', {}, monday);
    expect(first.skipped).toBeNull();
    expect(first.backup?.path).toBe(path.join(core.dir, 'backups', '台账备份-20240304-173000.zip'));
    const again = await runScheduledBackup(core.archive, 'close', {}, new Date(2024, 2, 4, 18, 0, 0));
    expect(again.skipped).toMatch(/不到 24 小时/);
    const manual = await runScheduledBackup(core.archive, 'manual', {}, new Date(2024, 2, 4, 18, 0, 0));
    expect(manual.backup).not.toBeNull();
    // The backups inside the archive are not mistaken for stray files.
    const check = await cli('check', '--archive', core.dir, '--json');
    expect(check.json()).toMatchObject({ ok: true, problems: [] });
  });

  it('backs up into another folder chosen through the API, keeps only the newest N and never touches other files', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 1);
    const folder = path.join(tempDir(), '移动硬盘', '台账备份');
    const view = await core.api['backup.setSchedule']({ keep: 2, folder });
    expect(view).toMatchObject({ keep: 2, folder, folderPath: folder });
    writeFileSync(path.join(folder, '我的笔记.txt'), '别删');
    writeFileSync(path.join(folder, '台账备份-手工.zip'), '别删');
    let outcome;
    for (let day = 1; day <= 4; day++) outcome = await runScheduledBackup(core.archive, 'close', {}, new Date(2024, 0, day, 9, 0, 0));
    expect(outcome?.pruned.map((p) => path.basename(p))).toEqual(['台账备份-20240102-090000.zip']);
    expect(readdirSync(folder).sort()).toEqual(['台账备份-20240103-090000.zip', '台账备份-20240104-090000.zip', '台账备份-手工.zip', '我的笔记.txt'].sort());
    const restored = await cli('restore', path.join(folder, '台账备份-20240104-090000.zip'), '--archive', path.join(tempDir(), 'r'));
    expect(restored.code).toBe(0);

    // backup.now writes into the same folder and prunes the same way.
    const now = await core.api['backup.now']({});
    expect(path.dirname(now.backup?.path ?? '')).toBe(folder);
    expect(now.pruned).toHaveLength(1);
    expect((await core.api['backup.schedule']({})).last).not.toBeNull();
    // Back to the default folder.
    expect((await core.api['backup.setSchedule']({ folder: null })).folderPath).toBe(path.join(core.dir, 'backups'));
  });

  it('refuses settings that make no sense, in Chinese', async () => {
    const core = await tempCore();
    await expect(core.api['backup.setSchedule']({ keep: 0 })).rejects.toThrow(/1 到 100/);
    await expect(core.api['backup.setSchedule']({ folder: 'relative/dir' })).rejects.toThrow(/完整路径/);
    await expect(core.api['backup.setSchedule']({ folder: path.join(core.dir, 'files', 'x') })).rejects.toThrow(/文件库/);
    const file = path.join(tempDir(), 'a.txt');
    writeFileSync(file, 'x');
    await expect(core.api['backup.setSchedule']({ folder: file })).rejects.toThrow(/不是文件夹/);
    expect((await core.api['backup.setSchedule']({ onClose: false })).onClose).toBe(false);
    expect((await runScheduledBackup(core.archive, 'close')).skipped).toMatch(/已关闭/);
  });

  it('taizhang auto-backup shows and changes the schedule and backs up now', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 1);
    core.close();
    const folder = path.join(tempDir(), 'U盘');
    mkdirSync(folder);
    const shown = await cli('auto-backup', '--archive', core.dir);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/自动备份 \/ Automatic backup：关闭档案时/);
    const set = await cli('auto-backup', '--archive', core.dir, '--folder', folder, '--keep', '3', '--every', '12', '--no-on-close', '--now', '--json');
    expect(set.code).toBe(0);
    const json = set.json() as { schedule: { folderPath: string; keep: number; minHours: number; onClose: boolean }; backup: { backup: { path: string } } };
    expect(json.schedule).toMatchObject({ folderPath: folder, keep: 3, minHours: 12, onClose: false });
    expect(path.dirname(json.backup.backup.path)).toBe(folder);
    const bad = await cli('auto-backup', '--archive', core.dir, '--on', '--off');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/不能同时使用/);
    const relative = await cli('auto-backup', '--archive', core.dir, '--folder', 'rel/dir');
    expect(relative.code).toBe(1);
    expect(relative.stderr).toMatch(/完整路径/);
    expect(relative.stderr).not.toMatch(/at .*\.ts/);
  });
});
