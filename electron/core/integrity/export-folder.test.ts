import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedArchive } from '../../../test/crash/seed.js';
import { makePdf } from '../../../test/support/sample-files.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { filesBelow } from '../backup/paths.js';

/** Reads the manifest the way a clerk's tools would: Python's csv module with the BOM-aware codec. */
function readCsv(file: string): string[][] {
  const script = 'import csv,json,sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as string[][];
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('export folder', () => {
  it('writes year / item / 件 files with readable names and a CSV manifest Excel can open', async () => {
    const core = await tempCore();
    const work = tempDir();
    await seedArchive(core, work, 6);
    await seedArchive(core, work, 2, 2023);
    const hostile = await makePdf(path.join(work, 'x.pdf'), { text: 'hostile title' });
    await core.api['records.add']({ files: [hostile], year: 2024, items: ['1.1.1'], title: '=HYPERLINK("http://x")/CON:*?', date: '2024-05-01' });
    const out = path.join(tempDir(), '导出');

    const r = await cli('export', 'folder', '--archive', core.dir, '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ path: out, records: 9, warnings: [] });

    const bytes = readFileSync(path.join(out, '清单.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const [header, ...rows] = readCsv(path.join(out, '清单.csv'));
    expect(header).toEqual(['年度', '测评项目编码', '测评项目', '件号', '题名', '文号', '责任者', '日期', '类型', '保管期限', '活动', '标签', '备注', '文件', '原文件名', '大小（字节）', 'SHA-256']);
    // Records under two items appear under each: 6 + 2 seeded records, 3 of them twice, plus the hostile one.
    expect(rows).toHaveLength(9 + 3);
    for (const row of rows) {
      const file = path.join(out, row[13]!);
      expect(existsSync(file)).toBe(true);
      expect(sha(file)).toBe(row[16]);
      expect(row[13]!.split('/')[0]).toBe(`${row[0]}年`);
      expect(path.basename(file)).toMatch(new RegExp(`^${row[3]!.padStart(3, '0')}-`));
    }
    // The formula arrives as text, and the name is safe on Windows.
    const evil = rows.find((row) => row[4]!.includes('HYPERLINK'))!;
    expect(evil[4]).toBe(`'=HYPERLINK("http://x")/CON:*?`);
    expect(path.basename(evil[13]!)).not.toMatch(/[<>:"/\\|?*]/);
    // 件号 restart at 1 in each item folder and follow the order of dates.
    for (const folder of readdirSync(path.join(out, '2024年'))) {
      const names = readdirSync(path.join(out, '2024年', folder)).sort();
      const numbers = [...new Set(names.map((n) => Number(n.slice(0, 3))))];
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
    expect(readFileSync(path.join(out, '说明.txt'), 'utf8')).toMatch(/共 9 件/);
  });

  it('exports one year with --year', async () => {
    const core = await tempCore();
    const work = tempDir();
    await seedArchive(core, work, 2);
    await seedArchive(core, work, 2, 2023);
    const out = path.join(tempDir(), 'y');
    const r = await cli('export', 'folder', '--archive', core.dir, '--out', out, '--year', '2023', '--json');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2023年', '清单.csv', '说明.txt']);
    expect((await filesBelow(path.join(out, '2023年'))).length).toBe(3);
  });

  it('never writes into a folder that already has content, and leaves no partial tree behind', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 1);
    const out = tempDir();
    writeFileSync(path.join(out, '别人的文件.txt'), '保留');
    const r = await cli('export', 'folder', '--archive', core.dir, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/已有内容，不会覆盖/);
    expect(readdirSync(out)).toEqual(['别人的文件.txt']);

    const empty = await cli('export', 'folder', '--archive', core.dir, '--out', path.join(tempDir(), 'z'), '--year', '2030');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/2030 年度没有可导出的件/);
  });
});
