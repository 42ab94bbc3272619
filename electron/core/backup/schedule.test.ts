import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedArchive } from '../../../test/crash/seed.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { DEFAULT_SCHEDULE, getBackupSchedule, runScheduledBackup, setBackupSchedule } from './schedule.js';

describe('scheduled backup', () => {
  it('is on by default: on close, into backups/ inside the archive, at most once a day, keeping 10', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 1);
    expect(getBackupSchedule(core.archive.db)).toEqual({ ...DEFAULT_SCHEDULE, last: null });
    expect(DEFAULT_SCHEDULE).toMatchObject({ enabled: true, onClose: true, keep: 10 });

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

  it('keeps only the newest N of its own backups and never touches other files', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 1);
    const folder = tempDir();
    setBackupSchedule(core.archive.db, { keep: 2, folder });
    writeFileSync(path.join(folder, '我的笔记.txt'), '别删');
    writeFileSync(path.join(folder, '台账备份-手工.zip'), '别删');
    let outcome;
    for (let day = 1; day <= 4; day++) outcome = await runScheduledBackup(core.archive, 'close', {}, new Date(2024, 0, day, 9, 0, 0));
    expect(outcome?.pruned.map((p) => path.basename(p))).toEqual(['台账备份-20240102-090000.zip']);
    expect(readdirSync(folder).sort()).toEqual(['台账备份-20240103-090000.zip', '台账备份-20240104-090000.zip', '台账备份-手工.zip', '我的笔记.txt'].sort());
    const restored = await cli('restore', path.join(folder, '台账备份-20240104-090000.zip'), '--archive', path.join(tempDir(), 'r'));
    expect(restored.code).toBe(0);
  });

  it('refuses settings that make no sense', async () => {
    const core = await tempCore();
    expect(() => setBackupSchedule(core.archive.db, { keep: 0 })).toThrow(/1 到 100/);
    expect(() => setBackupSchedule(core.archive.db, { folder: 'relative/dir' })).toThrow(/完整路径/);
    expect(setBackupSchedule(core.archive.db, { onClose: false }).onClose).toBe(false);
    expect((await runScheduledBackup(core.archive, 'close')).skipped).toMatch(/已关闭/);
  });
});
