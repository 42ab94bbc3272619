import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndexItem } from '../../../shared/api/index.js';
import type { Core } from '../api/core.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { insertEdition, type ItemDraft } from './editions.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** What must survive a round trip: everything but database ids. */
const content = (items: IndexItem[]): unknown[] => items.map(({ id: _id, editionId: _e, ...rest }) => rest);

async function roundTrip(core: Core, edition: number): Promise<{ again: number; file: string }> {
  const file = path.join(tempDir(), 'export.xlsx');
  const exported = await core.api['index.export']({ edition, out: file });
  expect(exported.path).toBe(file);
  const imported = await core.api['index.import']({ file });
  expect(imported.warnings).toEqual([]);
  return { again: imported.edition, file };
}

async function expectSameEdition(core: Core, a: number, b: number): Promise<void> {
  expect(content(await core.api['index.list']({ edition: b }))).toEqual(content(await core.api['index.list']({ edition: a })));
  const editions = await core.api['index.editions']({});
  const [ea, eb] = [editions.find((e) => e.id === a), editions.find((e) => e.id === b)];
  expect(eb?.name).toBe(ea?.name);
  expect(eb?.levels).toBe(ea?.levels);
}

/** Reads the workbook with openpyxl: every cell's type and value, the merged ranges, the first rows. */
function readWithOpenpyxl(file: string): { types: string[]; formulaLike: [string, string][]; merges: string[]; rows: (string | null)[][] } {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
types, formula_like = set(), []
for row in ws.iter_rows():
    for c in row:
        if c.value is None: continue
        types.add(c.data_type)
        if isinstance(c.value, str) and c.value[:1] in '=+-@':
            formula_like.append([c.coordinate, c.value])
rows = [[None if v is None else str(v) for v in r] for r in ws.iter_rows(min_row=1, max_row=4, values_only=True)]
print(json.dumps({"types": sorted(types), "formulaLike": formula_like, "merges": sorted(str(m) for m in ws.merged_cells.ranges), "rows": rows}, ensure_ascii=False))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' })) as ReturnType<typeof readWithOpenpyxl>;
}

/** An edition that needs every part of the layout: numbering that cannot sit in front of the title, text that looks
 *  like formulas, multi-line requirements, activity rules, a parent with details of its own, five levels, city codes. */
const TRICKY: ItemDraft[] = [
  {
    code: 'Ⅰ',
    label: 'Ⅰ',
    title: '基本指标',
    requirement: '=HYPERLINK("http://example.invalid","点我")',
    method: '+材料审核',
    unit: '@街道',
    children: [
      {
        code: 'Ⅰ-1',
        label: '',
        title: '1.2 开头像编号的标题',
        children: [
          {
            code: 'Ⅰ-1-1',
            label: '（一）',
            title: '志愿服务',
            children: [
              {
                code: 'Ⅰ-1-1-1',
                label: 'a',
                title: '第四层',
                children: [
                  { code: 'Ⅰ-1-1-1-1', label: '①', title: '第五层', method: '材料审核', requirement: '照片5张\n方案1份', unit: '社区', activityRule: ['方案', '签到表', '照片'] },
                  { code: 'Ⅰ-1-1-1-2', label: '②', title: '无须材料的活动', activityRule: [] },
                ],
              },
            ],
          },
        ],
      },
      { code: 'Ⅰ-2', label: '2', title: '-扣分项', requirement: '-0.5', unit: '' },
    ],
  },
  { code: 'Ⅱ', label: 'Ⅱ', title: '特色指标' },
];

describe('index.export', () => {
  it('writes the example edition so that importing it gives back the same tree', async () => {
    const core = await tempCore();
    const [example] = await core.api['index.editions']({});
    const { again, file } = await roundTrip(core, example?.id ?? 0);
    await expectSameEdition(core, example?.id ?? 0, again);

    const sheet = readWithOpenpyxl(file);
    expect(sheet.types).toEqual(['s']);
    expect(sheet.rows[0]?.[0]).toBe(example?.name);
    expect(sheet.rows[1]?.slice(0, 9)).toEqual(['测评项目', '测评内容', '测评标准', '测评方法', '具体要求', '责任单位', '测评项目编码', '测评内容编码', '测评标准编码']);
    expect(sheet.rows[2]?.slice(0, 3)).toEqual(['一、思想道德建设', '（一）新时代文明实践站', '1.实践站“七有”建设']);
    // The first 测评项目 is merged down over its rows, and its code cell with it.
    expect(sheet.merges).toEqual(expect.arrayContaining(['A1:I1', 'A3:A9', 'G3:G9', 'B3:B4']));
  });

  it('round-trips numbering, formula-like text, line breaks, activity rules and five levels, writing no formula', async () => {
    const core = await tempCore();
    const { edition } = insertEdition(core.archive.db, { name: '=某市细则', levelNames: ['测评项目'], items: TRICKY });
    const { again, file } = await roundTrip(core, edition);
    await expectSameEdition(core, edition, again);
    const items = await core.api['index.list']({ edition: again });
    expect(items.find((i) => i.code === 'Ⅰ-1')).toMatchObject({ label: '', title: '1.2 开头像编号的标题' });
    expect(items.find((i) => i.code === 'Ⅰ-1-1-1-2')?.activityRule).toEqual([]);
    expect(items.find((i) => i.code === 'Ⅱ')?.activityRule).toBeNull();

    const sheet = readWithOpenpyxl(file);
    expect(sheet.types).toEqual(['s']);
    expect(sheet.formulaLike).toEqual(
      expect.arrayContaining([
        ['A1', '=某市细则'],
        [expect.any(String), '=HYPERLINK("http://example.invalid","点我")'],
        [expect.any(String), '+材料审核'],
        [expect.any(String), '@街道'],
        [expect.any(String), '-0.5'],
      ]),
    );
    // Level names the edition does not have for every level become 一级指标…; numbering gets its own columns.
    expect(sheet.rows[1]).toEqual(expect.arrayContaining(['一级指标', '五级指标', '活动须有材料', '一级指标编码', '五级指标序号']));
  });

  it('reads back random editions through real .xlsx files', async () => {
    const core = await tempCore();
    const text = (chars: string, max: number): fc.Arbitrary<string> =>
      fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: max }).map((s) => s.trim()).filter((s) => s !== '');
    const node = (depth: number): fc.Arbitrary<ItemDraft[]> =>
      fc.array(
        fc.record({
          code: fc.constant(''),
          label: fc.constantFrom('', '一、', '（一）', '1.', '1）', 'Ⅰ-1', '(1)', '7', 'x'),
          title: text('社区志愿服务宣传1.、（）=+-@ ', 10),
          method: fc.oneof(fc.constant(''), text('材料审核实地考察、', 8)),
          requirement: fc.oneof(fc.constant(''), text('照片5张不少于次活动=+-@\n ', 30)),
          unit: fc.oneof(fc.constant(''), text('社区居委会', 5)),
          activityRule: fc.oneof(fc.constant(null), fc.uniqueArray(fc.constantFrom('方案', '签到表', '照片', '总结'), { maxLength: 3 })),
          children: depth > 1 ? node(depth - 1) : fc.constant([]),
        }),
        { minLength: depth > 3 ? 1 : 0, maxLength: 3 },
      );
    const withCodes = (items: ItemDraft[], prefix = ''): ItemDraft[] =>
      items.map((item, i) => {
        const code = prefix ? `${prefix}.${i + 1}` : `K${i + 1}`;
        return { ...item, code, children: withCodes(item.children ?? [], code) };
      });
    await fc.assert(
      fc.asyncProperty(node(4), async (items) => {
        const { edition } = insertEdition(core.archive.db, { name: '随机', items: withCodes(items) });
        const { again } = await roundTrip(core, edition);
        await expectSameEdition(core, edition, again);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a bad output path and leaves no partial file', async () => {
    const core = await tempCore();
    const dir = tempDir();
    await expect(core.api['index.export']({ out: path.join(dir, 'x.pdf') })).rejects.toThrow(/应以 .xlsx 结尾/);
    await expect(core.api['index.export']({ out: path.join(dir, 'missing', 'x.xlsx') })).rejects.toThrow(/文件夹不存在/);
    await expect(core.api['index.export']({ edition: 999, out: path.join(dir, 'x.xlsx') })).rejects.toMatchObject({ code: 'not_found' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
