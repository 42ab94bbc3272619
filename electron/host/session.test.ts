import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp.js';
import { BACKUPS_DIR } from '../core/backup/schedule.js';
import { WRITES } from '../../shared/api/live.js';
import type { MethodName } from '../../shared/api/contract.js';
import { TaizhangError } from '../../shared/errors.js';
import type { AddResult, FileLocation } from '../../shared/api/records.js';
import { makeJpeg } from '../../test/support/sample-files.js';
import { browserShell, INSPECT_MODE_REFUSAL, Session, type ShellServices } from './session.js';

describe('closing an archive in the app', () => {
  it('makes the automatic backup once, and not again within the day', async () => {
    const dir = path.join(tempDir(), 'archive');
    const session = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell });
    await session.invoke('app.create', { dir, unit: { name: '和平社区居委会' } });
    await session.invoke('app.close', {});
    const backups = path.join(dir, BACKUPS_DIR);
    expect(existsSync(backups)).toBe(true);
    expect(readdirSync(backups).filter((n) => n.endsWith('.zip'))).toHaveLength(1);

    await session.invoke('app.open', { dir });
    await session.dispose();
    expect(readdirSync(backups).filter((n) => n.endsWith('.zip'))).toHaveLength(1);
  });
});

describe('查阅模式 (inspector mode)', () => {
  it('refuses every write method of the contract, and uploads, while reads go on; leaving it allows writes again', async () => {
    const dir = path.join(tempDir(), 'archive');
    const maker = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell });
    await maker.invoke('app.create', { dir, unit: { name: '和平社区居委会' } });
    await maker.invoke('archive.setYear', { year: 2025 });
    await maker.dispose();

    const session = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell, inspectMode: true });
    try {
      // With nothing open yet, the archive to show can still be opened.
      await session.openArchive(dir);
      expect(await session.invoke('app.state', {})).toMatchObject({ inspectMode: true });
      const writes = (Object.keys(WRITES) as MethodName[]).filter((name) => WRITES[name].length > 0);
      expect(writes.length).toBeGreaterThan(20);
      for (const name of writes) {
        const refused = await session.invoke(name, {}).then(
          () => null,
          (err: unknown) => err,
        );
        expect(refused, name).toBeInstanceOf(TaizhangError);
        expect((refused as TaizhangError).zh, name).toBe(INSPECT_MODE_REFUSAL.zh);
      }
      for (const name of ['app.create', 'app.close', 'app.open'] as const) {
        await expect(session.invoke(name, { dir })).rejects.toThrow(INSPECT_MODE_REFUSAL.zh);
      }
      expect(() => session.assertWritable()).toThrow(INSPECT_MODE_REFUSAL.zh);
      // Reading is what the mode is for.
      expect(await session.invoke('records.list', { year: 2025 })).toEqual([]);
      const before = await session.invoke('archive.unit', {});

      await session.invoke('app.setInspectMode', { on: false });
      expect(await session.invoke('app.state', {})).toMatchObject({ inspectMode: false });
      await session.invoke('archive.setUnit', { name: '幸福社区居委会' });
      expect(await session.invoke('archive.unit', {})).not.toEqual(before);
    } finally {
      await session.dispose();
    }
  });
});

describe('在文件夹中显示 (app.showRecordFile)', () => {
  it('hands the shell a readable copy of the record’s file to select, never a hash-named file, in 查阅模式 too; the browser shell shows nothing but says where', async () => {
    const dir = path.join(tempDir(), 'archive');
    const files = tempDir();
    const photo = await makeJpeg(path.join(files, '现场照片.jpg'));
    const shown: string[] = [];
    // The desktop shell's file manager, as far as the session can see it: what it was asked to select.
    const desktop: ShellServices = { ...browserShell, kind: 'electron', showItem: async (file) => (shown.push(file), true) };
    const session = new Session({ configDir: tempDir('taizhang-config-'), shell: desktop });
    try {
      await session.invoke('app.create', { dir, unit: { name: '和平社区居委会' } });
      const { records } = (await session.invoke('records.add', { files: [photo], year: 2025, items: ['1.2.2'] })) as AddResult;
      const id = records[0]!.id;
      await session.invoke('app.setInspectMode', { on: true });
      const r = (await session.invoke('app.showRecordFile', { id })) as { shown: boolean; files: FileLocation[] };
      expect(r.shown).toBe(true);
      expect(r.files.map((f) => f.name)).toEqual(['现场照片.jpg']);
      expect(shown).toEqual([r.files[0]!.path]);
      expect(path.relative(dir, shown[0]!).split(path.sep)).toEqual(['查看副本', '2025年', expect.stringMatching(/^1\.2\.2 /), '现场照片.jpg']);
      expect(shown[0]).not.toMatch(/[0-9a-f]{16,}/i);
      await session.invoke('app.setInspectMode', { on: false });

      // A file gone from the library is never handed to the shell.
      rmSync(path.join(dir, 'files', r.files[0]!.sha256.slice(0, 2), r.files[0]!.sha256));
      expect(await session.invoke('app.showRecordFile', { id })).toMatchObject({ shown: false, files: [{ present: false }] });
      expect(shown).toHaveLength(1);
      await expect(session.invoke('app.showRecordFile', { id: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
    } finally {
      await session.dispose();
    }

    const browser = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell });
    try {
      await browser.invoke('app.open', { dir });
      const again = await makeJpeg(path.join(files, '签到表.jpg'), { colour: '#335577' });
      const { records } = (await browser.invoke('records.add', { files: [again], year: 2025, items: ['1.2.2'] })) as AddResult;
      expect(await browser.invoke('app.showRecordFile', { id: records[0]!.id })).toMatchObject({ shown: false, files: [{ name: '签到表.jpg', present: true }] });
    } finally {
      await browser.dispose();
    }
  });
});
