import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { makeJpeg, makePdf } from '../../../test/support/sample-files.js';

const sha256 = async (file: string) => createHash('sha256').update(await fs.readFile(file)).digest('hex');

describe('records.locate', () => {
  it('names the stored file of each of a record\'s files, in order, holding the bytes that were filed', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const plan = await makePdf(path.join(dir, '学雷锋活动方案.pdf'), { text: 'plan' });
    const photo = await makeJpeg(path.join(dir, '现场照片.jpg'), { colour: '#405060' });
    const { records } = await core.api['records.add']({ files: [plan, photo], year: 2024, items: ['1.2.2'], single: true });
    const located = await core.api['records.locate']({ id: records[0]!.id });

    expect(located.map((f) => [f.name, f.kind, f.present])).toEqual([['学雷锋活动方案.pdf', 'pdf', true], ['现场照片.jpg', 'image', true]]);
    for (const [f, source] of located.map((l, i) => [l, [plan, photo][i]!] as const)) {
      expect(path.isAbsolute(f.path)).toBe(true);
      expect(path.dirname(f.path)).toBe(f.folder);
      // Inside the archive's own file library, and the very bytes the clerk filed.
      expect(path.relative(path.join(core.archive.dir, 'files'), f.path).startsWith('..')).toBe(false);
      expect(f.sha256).toBe(await sha256(source));
      expect(await sha256(f.path)).toBe(f.sha256);
    }
  });

  it('locates a record in the trash, reports a file gone from disk, and refuses an unknown record', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const { records } = await core.api['records.add']({ files: [await makeJpeg(path.join(dir, '签到表.jpg'))], year: 2024, items: ['1.2.2'] });
    const id = records[0]!.id;
    await core.api['records.delete']({ ids: [id] });
    const [stored] = await core.api['records.locate']({ id });
    expect(stored!.present).toBe(true);

    await fs.rm(stored!.path);
    expect((await core.api['records.locate']({ id }))[0]!.present).toBe(false);

    await expect(core.api['records.locate']({ id: 9999 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.api['records.locate']({ id: -1 } as never)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
