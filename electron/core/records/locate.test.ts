import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { makeJpeg, makePdf } from '../../../test/support/sample-files.js';

const sha256 = async (file: string) => createHash('sha256').update(await fs.readFile(file)).digest('hex');
const HASH = /[0-9a-f]{16,}/i;

describe('records.locate', () => {
  it('makes a readable copy of each of a record\'s files, named by year, item and title, holding the bytes that were filed', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const plan = await makePdf(path.join(dir, '学雷锋活动方案.pdf'), { text: 'plan' });
    const photo = await makeJpeg(path.join(dir, '现场照片.jpg'), { colour: '#405060' });
    const { records } = await core.api['records.add']({ files: [plan, photo], year: 2024, items: ['1.2.2'], single: true });
    const { title } = await core.api['records.get']({ id: records[0]!.id });
    const located = await core.api['records.locate']({ id: records[0]!.id });

    expect(located.map((f) => [f.name, f.kind, f.present])).toEqual([['学雷锋活动方案.pdf', 'pdf', true], ['现场照片.jpg', 'image', true]]);
    expect(located.map((f) => path.basename(f.path))).toEqual([`${title}-1.pdf`, `${title}-2.jpg`]);
    for (const [f, source] of located.map((l, i) => [l, [plan, photo][i]!] as const)) {
      expect(path.dirname(f.path)).toBe(f.folder);
      const parts = path.relative(core.archive.dir, f.path).split(path.sep);
      expect(parts.slice(0, 2)).toEqual(['查看副本', '2024年']);
      expect(parts[2]).toMatch(/^1\.2\.2 /);
      expect(f.path).not.toMatch(HASH);
      expect(await sha256(f.path)).toBe(await sha256(source));
    }
  });

  it('copies, not links: an edited copy leaves the archive unchanged and is made afresh; an unchanged copy is reused', async () => {
    const core = await tempCore();
    const photo = await makeJpeg(path.join(tempDir(), '签到表.jpg'));
    const { records } = await core.api['records.add']({ files: [photo], year: 2024, items: ['1.2.2'] });
    const id = records[0]!.id;
    const [copy] = await core.api['records.locate']({ id });
    const before = (await fs.stat(copy!.path)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect((await fs.stat((await core.api['records.locate']({ id }))[0]!.path)).mtimeMs).toBe(before);

    await fs.writeFile(copy!.path, 'scribbled over');
    expect(await sha256(core.archive.files.blobPath(copy!.sha256))).toBe(copy!.sha256);
    await core.api['records.locate']({ id });
    expect(await sha256(copy!.path)).toBe(copy!.sha256);

    // 检查 passes the copies by (neither strangers nor leftovers), and a backup does not carry them.
    const report = await core.api['integrity.check']({ repair: false });
    expect(report.problems).toEqual([]);
    const backup = await core.api['backup.create']({ out: path.join(tempDir(), 'b.zip') });
    expect(JSON.stringify(backup)).not.toContain('查看副本');
  });

  it('clears the copies a record left under its old title and item once renamed and moved, keeping an edited one', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const { records } = await core.api['records.add']({ files: [await makeJpeg(path.join(dir, '签到表.jpg'), { colour: '#607080' })], year: 2024, items: ['1.2.2'] });
    const other = await core.api['records.add']({ files: [await makeJpeg(path.join(dir, '合影.jpg'), { colour: '#708090' })], year: 2024, items: ['1.2.2'] });
    const id = records[0]!.id;
    const [old] = await core.api['records.locate']({ id });
    const [neighbour] = await core.api['records.locate']({ id: other.records[0]!.id });
    const edited = path.join(old!.folder, '我改过的签到表.jpg');
    await fs.writeFile(edited, 'the clerk marked this one up');

    await core.api['records.update']({ id, title: '学雷锋活动签到表', items: ['1.1.1'] });
    const [renamed] = await core.api['records.locate']({ id });
    expect(path.basename(renamed!.path)).toBe('学雷锋活动签到表.jpg');
    expect(path.basename(renamed!.folder)).toMatch(/^1\.1\.1 /);
    await expect(fs.stat(old!.path)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await sha256(neighbour!.path)).toBe(neighbour!.sha256);
    expect(await fs.readFile(edited, 'utf8')).toBe('the clerk marked this one up');

    // Once nothing is left in the old item's folder, the folder goes too.
    await fs.rm(edited);
    await core.api['records.update']({ id: other.records[0]!.id, items: ['1.1.1'] });
    await core.api['records.locate']({ id: other.records[0]!.id });
    await expect(fs.stat(old!.folder)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('files a record waiting in 待归类 under that name, locates a record in the trash, reports a file gone from disk, and refuses an unknown record', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const { records } = await core.api['records.add']({ files: [await makeJpeg(path.join(dir, '签到表.jpg'))], year: 2024 });
    const id = records[0]!.id;
    await core.api['records.delete']({ ids: [id] });
    const [stored] = await core.api['records.locate']({ id });
    expect(stored!.present).toBe(true);
    expect(path.relative(core.archive.dir, stored!.folder).split(path.sep)).toEqual(['查看副本', '2024年', '待归类']);

    await fs.rm(core.archive.files.blobPath(stored!.sha256));
    expect((await core.api['records.locate']({ id }))[0]!.present).toBe(false);

    await expect(core.api['records.locate']({ id: 9999 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.api['records.locate']({ id: -1 } as never)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
