import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../api/core.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { CITY_TABLE, writeTable, type SheetSpec } from './testing/tables.js';

/** Everything a failed import could have touched, to show it touched nothing. */
function snapshot(core: Core): string {
  const db = core.archive.db;
  return JSON.stringify([
    db.prepare('SELECT * FROM editions ORDER BY id').all(),
    db.prepare('SELECT count(*) AS n FROM items').get(),
    db.prepare('SELECT * FROM years ORDER BY year').all(),
  ]);
}

async function expectRefused(core: Core, file: string, message: RegExp, code = 'bad_table'): Promise<void> {
  const before = snapshot(core);
  await expect(core.api['index.import']({ file, year: 2024 })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  expect(snapshot(core)).toBe(before);
}

const outline = (items: { code: string; label: string; title: string; level: number; parent: string | null }[]): string[] =>
  items.map((i) => `${'  '.repeat(i.level - 1)}${i.code} ${i.label}${i.title} ← ${i.parent ?? '-'}`);

describe('index.import from real .xlsx files', () => {
  it('imports a city table with merged upper levels, a title row and a note row', async () => {
    const core = await tempCore();
    const file = await writeTable(path.join(tempDir(), '测评细则.xlsx'), [CITY_TABLE]);
    const result = await core.api['index.import']({ file });
    expect(result).toMatchObject({ items: 10, levels: 3 });
    expect(result.warnings.join()).toMatch(/第 8 行起为表格说明/);

    const items = await core.api['index.list']({ edition: result.edition });
    expect(outline(items)).toEqual([
      '1 一、思想道德建设 ← -',
      '  1.1 （一）志愿服务 ← 1',
      '    1.1.1 1.志愿服务站规范运行 ← 1.1',
      '    1.1.2 2.学雷锋志愿服务活动 ← 1.1',
      '  1.2 （二）道德讲堂 ← 1',
      '    1.2.1 1.道德讲堂 ← 1.2',
      '2 二、未成年人思想道德建设 ← -',
      '  2.1 （一）未成年人活动室 ← 2',
      '    2.1.1 1.少儿图书室 ← 2.1',
      '    2.1.2 2.心理健康咨询室 ← 2.1',
    ]);
    const standard = items.find((i) => i.code === '1.1.2');
    expect(standard).toMatchObject({ method: '材料审核', unit: '社区居委会', requirement: '每年不少于4次活动，有方案、签到表、照片、总结' });
    expect(standard?.quantities).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'activities', min: 4 })]));
    expect(items.find((i) => i.code === '1.2.1')?.quantities).toEqual([expect.objectContaining({ kind: 'activities', min: 4 })]);

    const edition = (await core.api['index.editions']({})).find((e) => e.id === result.edition);
    expect(edition).toMatchObject({ name: 'XX市2024年社区文明创建测评细则', isExample: false, items: 10, levels: 3 });
  });

  it('reads shuffled columns with synonyms, upper levels only on their first row, and picks the sheet with the table', async () => {
    const core = await tempCore();
    const file = await writeTable(path.join(tempDir(), 't.xlsx'), [
      { name: '填表说明', rows: [['请按要求整理材料'], ['材料按年度装盒']] },
      {
        name: '分解表',
        rows: [
          ['责任部门', '考核方式', '三级指标', '一级指标', '材料要求', '二级指标', '序号'],
          ['社区居委会', '材料审核', '居民公约', 'Ⅰ 社区治理', '公约文本和公示照片', '1) 居民自治', '1'],
          ['社区居委会', '材料审核', '红黑榜', '', '发布记录及照片不少于2张', '', '2'],
          ['物业', '实地考察', '环境整治', '', '整改记录', '2) 环境卫生', '3'],
        ],
      },
      { name: '隐藏', state: 'hidden', rows: [['测评项目', '具体要求'], ['不应导入', '']] },
    ]);
    const result = await core.api['index.import']({ file, name: '  本市 2024 细则  ' });
    const items = await core.api['index.list']({ edition: result.edition });
    expect(items.map((i) => [i.code, i.label, i.title, i.unit])).toEqual([
      ['1', 'Ⅰ', '社区治理', ''],
      ['1.1', '1)', '居民自治', ''],
      ['1.1.1', '1', '居民公约', '社区居委会'],
      ['1.1.2', '2', '红黑榜', '社区居委会'],
      ['1.2', '2)', '环境卫生', ''],
      ['1.2.1', '3', '环境整治', '物业'],
    ]);
    const edition = (await core.api['index.editions']({})).find((e) => e.id === result.edition);
    expect(edition?.name).toBe('本市 2024 细则');
  });

  it('imports a flat table with code and parent-code columns and keeps the codes', async () => {
    const core = await tempCore();
    const file = await writeTable(path.join(tempDir(), 'flat.xlsx'), [
      {
        rows: [
          ['指标编码', '上级编码', '指标名称', '具体要求'],
          ['Ⅰ', '', '思想道德建设', ''],
          ['Ⅰ-1', 'Ⅰ', '志愿服务', '照片5张'],
          ['Ⅰ-2', 'Ⅰ', '道德讲堂', '至少7篇报道'],
          ['Ⅰ-1-1', 'Ⅰ-1', '志愿服务站', ''],
        ],
      },
    ]);
    const result = await core.api['index.import']({ file });
    expect(result).toMatchObject({ items: 4, levels: 3 });
    const items = await core.api['index.list']({ edition: result.edition });
    expect(outline(items)).toEqual(['Ⅰ 思想道德建设 ← -', '  Ⅰ-1 志愿服务 ← Ⅰ', '    Ⅰ-1-1 志愿服务站 ← Ⅰ-1', '  Ⅰ-2 道德讲堂 ← Ⅰ']);
    expect(items.find((i) => i.code === 'Ⅰ-2')?.quantities).toEqual([expect.objectContaining({ kind: 'reports', min: 7 })]);
    // Without a title row or --name the file name names the edition.
    expect((await core.api['index.editions']({})).at(-1)?.name).toBe('flat');
  });

  it('uses cached formula results, never evaluates, and keeps text that starts with = + - @ as text', async () => {
    const core = await tempCore();
    const file = await writeTable(path.join(tempDir(), 'f.xlsx'), [
      {
        rows: [
          ['测评内容', '具体要求', '责任单位', '测评方法'],
          [{ formula: 'CONCATENATE("志愿","服务")', result: '志愿服务' }, '=HYPERLINK("http://x","点击")', '+86 社区', '-'],
          ['道德讲堂', { formula: '1+1', result: 2 }, '@社区', { formula: 'A1', result: { error: '#N/A' } }],
        ],
      },
    ]);
    const before = snapshot(core);
    await expect(core.api['index.import']({ file })).rejects.toThrow(/第 3 行「测评方法」列（D 列）无法读取：单元格是错误值 #N\/A/);
    expect(snapshot(core)).toBe(before);

    const good = await writeTable(path.join(tempDir(), 'g.xlsx'), [
      {
        rows: [
          ['测评内容', '具体要求', '责任单位', '测评方法'],
          [{ formula: 'CONCATENATE("志愿","服务")', result: '志愿服务' }, '=HYPERLINK("http://x","点击")', '+86 社区', '-'],
          ['道德讲堂', { formula: '1+1', result: 2 }, '@社区', ''],
        ],
      },
    ]);
    const result = await core.api['index.import']({ file: good });
    const items = await core.api['index.list']({ edition: result.edition });
    expect(items.map((i) => [i.title, i.requirement, i.unit, i.method])).toEqual([
      ['志愿服务', '=HYPERLINK("http://x","点击")', '+86 社区', '-'],
      ['道德讲堂', '2', '@社区', ''],
    ]);
  });

  it('refuses a formula Excel never calculated', async () => {
    const core = await tempCore();
    const file = await writeTable(path.join(tempDir(), 'nocache.xlsx'), [
      { rows: [['测评内容', '具体要求'], [{ formula: 'B5&"站"' } as never, '照片']] },
    ]);
    await expectRefused(core, file, /第 2 行「测评内容」列（A 列）无法读取：公式没有保存计算结果/);
  });

  it('assigns the new edition to a year in the same step', async () => {
    const core = await tempCore();
    const file = await writeTable(path.join(tempDir(), 'y.xlsx'), [CITY_TABLE]);
    const result = await core.api['index.import']({ file, year: 2025 });
    const years = await core.api['archive.years']({});
    expect(years.find((y) => y.year === 2025)?.editionId).toBe(result.edition);
    const items = await core.api['index.list']({ year: 2025 });
    expect(items[0]?.editionId).toBe(result.edition);
  });
});

describe('index.import refuses unreadable or ambiguous tables and changes nothing', () => {
  const sheet = (rows: string[][], merges?: string[]): SheetSpec[] => [{ rows, ...(merges ? { merges } : {}) }];
  const cases: [string, SheetSpec[], RegExp][] = [
    ['no header', sheet([['2024年工作台账'], ['学雷锋活动', '3月5日']]), /找不到表头/],
    [
      'an empty upper level on the first row',
      sheet([['XX市测评表'], ['测评项目', '测评内容', '测评标准'], ['', '志愿服务', '志愿服务站']]),
      /第 3 行「测评项目」列（A 列）为空/,
    ],
    [
      'an empty middle level between filled ones',
      sheet([['测评项目', '测评内容', '测评标准'], ['思想道德', '志愿服务', '志愿服务站'], ['', '', '道德讲堂'], ['未成年人', '', '活动室']]),
      /第 4 行「测评内容」列（B 列）为空/,
    ],
    ['duplicate codes', sheet([['编码', '上级编码', '名称'], ['1', '', '思想道德'], ['1', '', '未成年人']]), /第 2 行和第 3 行的编码都是「1」/],
    ['unknown parent', sheet([['编码', '上级编码', '名称'], ['1', '', '思想道德'], ['2.1', '2', '活动室']]), /第 3 行「上级编码」列（B 列）的上级编码「2」在表中找不到/],
    ['a parent cycle', sheet([['编码', '上级编码', '名称'], ['1', '2', '甲'], ['2', '1', '乙']]), /上级编码形成循环：1 → 2 → 1/],
    ['a numbering without a title', sheet([['测评内容', '具体要求'], ['（一）', '照片']]), /第 2 行「测评内容」列（A 列）只有序号「（一）」/],
    ['two columns for one role', sheet([['测评内容', '责任单位', '牵头单位'], ['志愿服务', '社区', '街道']]), /含义相同/],
    ['a header with nothing below', sheet([['测评项目', '测评内容', '具体要求']]), /表头下面没有测评项目/],
  ];
  it.each(cases)('%s', async (_name, sheets, message) => {
    const core = await tempCore();
    const file = await writeTable(path.join(tempDir(), 'bad.xlsx'), sheets);
    await expectRefused(core, file, message);
  });

  it('two sheets that both look like the index', async () => {
    const core = await tempCore();
    const rows = [['测评内容', '具体要求'], ['志愿服务', '照片']];
    const file = await writeTable(path.join(tempDir(), 'two.xlsx'), [{ name: '2023版', rows }, { name: '2024版', rows }]);
    await expectRefused(core, file, /工作表「2023版」和「2024版」都像测评体系表格/);
  });

  const files: [string, string, Buffer, RegExp][] = [
    ['an empty file', 'empty.xlsx', Buffer.alloc(0), /文件是空的/],
    ['a text file named .xlsx', 'text.xlsx', Buffer.from('测评项目,测评内容\n思想道德,志愿服务\n'), /不是 Excel（.xlsx）文件/],
    ['a GBK-encoded CSV', 'gbk.csv', Buffer.from([0xb2, 0xe2, 0xc6, 0xc0, 0xcf, 0xee, 0xc4, 0xbf, 0x2c, 0x0a]), /CSV 文本文件/],
    ['an old .xls workbook', 'old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), /旧版 Excel（.xls）/],
    [
      'a password-protected workbook',
      'locked.xlsx',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(120), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(300)]),
      /设置了打开密码/,
    ],
    ['a corrupt zip', 'broken.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]), /已损坏/],
  ];
  it.each(files)('%s', async (_name, fileName, bytes, message) => {
    const core = await tempCore();
    const file = path.join(tempDir(), fileName);
    writeFileSync(file, bytes);
    await expectRefused(core, file, message, 'bad_file');
  });

  it('a truncated real workbook', async () => {
    const core = await tempCore();
    const whole = await writeTable(path.join(tempDir(), 'whole.xlsx'), [CITY_TABLE]);
    const cut = path.join(tempDir(), 'cut.xlsx');
    writeFileSync(cut, readFileSync(whole).subarray(0, 900));
    await expectRefused(core, cut, /已损坏/, 'bad_file');
  });

  it('a file that does not exist', async () => {
    const core = await tempCore();
    await expectRefused(core, path.join(tempDir(), 'nope.xlsx'), /找不到文件/, 'not_found');
  });
});
