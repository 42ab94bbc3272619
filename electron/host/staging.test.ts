import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempCore } from '../../test/support/temp.js';
import { clearStaging, safeRelativePath, stageUpload, stagingRoot } from './staging.js';

describe('upload staging', () => {
  it('cleans names: no traversal, no absolute paths, nothing Windows cannot store', () => {
    expect(safeRelativePath('../../etc/passwd')).toEqual(['etc', 'passwd']);
    expect(safeRelativePath('/abs/x.jpg')).toEqual(['abs', 'x.jpg']);
    expect(safeRelativePath('C:\\Users\\a\\b.pdf')).toEqual(['C_', 'Users', 'a', 'b.pdf']);
    expect(safeRelativePath('活动/2024-03-05 学雷锋/签到表?.pdf')).toEqual(['活动', '2024-03-05 学雷锋', '签到表_.pdf']);
    expect(safeRelativePath('con.txt')).toEqual(['con_.txt']);
    expect(safeRelativePath('name. . ')).toEqual(['name']);
    expect(safeRelativePath('..')).toEqual(['文件']);
    // 100 Chinese characters are 300 bytes, over what a file system takes in one name.
    const [long] = safeRelativePath(`${'学雷锋志愿服务活动'.repeat(12)}.jpg`);
    expect(Buffer.byteLength(long!)).toBeLessThanOrEqual(240);
    expect(long!.endsWith('.jpg')).toBe(true);
  });

  it('keeps a dropped folder together inside the batch and never overwrites', async () => {
    const core = await tempCore();
    const batchDir = path.join(stagingRoot(core.archive), 'batch0001');
    const a = await stageUpload(core.archive, 'batch0001', '2024/1.2 志愿服务/照片.jpg', Readable.from([Buffer.from('one')]));
    expect(a.path).toBe(path.join(batchDir, '2024', '1.2 志愿服务', '照片.jpg'));
    expect(a.top).toBe(path.join(batchDir, '2024'));
    const b = await stageUpload(core.archive, 'batch0001', '2024/1.2 志愿服务/照片.jpg', Readable.from([Buffer.from('two')]));
    expect(b.path).toBe(path.join(batchDir, '2024', '1.2 志愿服务', '照片 (2).jpg'));
    expect(await fs.readFile(a.path, 'utf8')).toBe('one');

    const evil = await stageUpload(core.archive, 'batch0001', '../../../archive.db', Readable.from([Buffer.from('x')]));
    expect(evil.path).toBe(path.join(batchDir, 'archive.db'));
    // A 100-character Chinese name is staged (shortened) instead of failing with ENAMETOOLONG.
    const long = await stageUpload(core.archive, 'batch0001', `${'学'.repeat(100)}.jpg`, Readable.from([Buffer.from('long')]));
    expect(await fs.readFile(long.path, 'utf8')).toBe('long');
    await expect(stageUpload(core.archive, '../x', 'a.txt', Readable.from([Buffer.from('x')]))).rejects.toMatchObject({
      code: 'invalid_input',
    });

    await clearStaging(core.archive);
    await expect(fs.access(batchDir)).rejects.toThrow();
    await fs.access(path.join(core.dir, 'archive.db'));
  });
});
