import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChecklistDiff } from '../../../shared/api/checklist.js';
import { fillSampleYear, SAMPLE } from '../../../test/support/archive-data.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';

describe('a returned checklist belongs to the archive it came from', () => {
  it('refuses a checklist exported from another archive, unless forced, through the API and the CLI', async () => {
    const home = await tempCore();
    fillSampleYear(home.archive.db);
    const other = await tempCore({ name: '另一个社区居委会', fonds: 'Z099', filer: '王五', checker: '赵六' });
    fillSampleYear(other.archive.db);
    const file = path.join(tempDir(), '自查表.xlsx');
    await home.api['checklist.export']({ year: SAMPLE.year, out: file });

    // At home it reads as it always did.
    const diff: ChecklistDiff = await home.api['checklist.diff']({ file });
    expect(diff.year).toBe(SAMPLE.year);

    const before = await other.api['status.get']({ year: SAMPLE.year });
    await expect(other.api['checklist.diff']({ file })).rejects.toThrow(/另一个档案导出.*示例街道文明社区居委会.*Z001/);
    await expect(other.api['checklist.apply']({ file })).rejects.toMatchObject({ code: 'conflict' });
    expect(await other.api['status.get']({ year: SAMPLE.year })).toEqual(before);
    expect((await other.api['checklist.diff']({ file, force: true })).year).toBe(SAMPLE.year);

    other.close();
    const refused = await cli('checklist', 'diff', file, '--archive', other.dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/另一个档案导出.*--force/);
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect((await cli('checklist', 'diff', file, '--archive', other.dir, '--force')).code).toBe(0);
  });
});
