import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaizhangError } from '../../../shared/errors.js';
import type { ItemDraft } from './editions.js';
import { joinNumbering } from './labels.js';
import { parseIndexGrid, type CellRange, type SheetGrid } from './parse-table.js';
import { CITY_TABLE } from './testing/tables.js';
import { parseRange } from './xlsx-read.js';

const grid = (rows: string[][], merges: CellRange[] = []): SheetGrid => ({ name: 'Sheet1', rows, merges });

/** Each item as "code|label|title|method|requirement|unit", indented by depth, to compare whole trees at a glance. */
function outline(items: ItemDraft[], depth = 0): string[] {
  return items.flatMap((i) => [
    `${'  '.repeat(depth)}${i.code}|${i.label ?? ''}|${i.title}|${i.method ?? ''}|${i.requirement ?? ''}|${i.unit ?? ''}`,
    ...outline(i.children ?? [], depth + 1),
  ]);
}

function refusal(rows: string[][], merges: CellRange[] = []): string {
  try {
    parseIndexGrid(grid(rows, merges));
  } catch (err) {
    expect(err).toBeInstanceOf(TaizhangError);
    expect((err as TaizhangError).code).toBe('bad_table');
    return (err as Error).message;
  }
  throw new Error('the table was accepted');
}

describe('parseIndexGrid: hierarchical tables', () => {
  // The layout of a real city table: a title row, a header, upper levels merged down, a note at the bottom.
  const rows = CITY_TABLE.rows as string[][];
  const merges = (CITY_TABLE.merges ?? []).map((range) => parseRange(range) as CellRange);
  const expected = [
    '1|一、|思想道德建设|||',
    '  1.1|（一）|志愿服务|||',
    '    1.1.1|1.|志愿服务站规范运行|材料审核、实地考察|有志愿者名册和服务记录台账；照片不少于5张|社区志愿服务站',
    '    1.1.2|2.|学雷锋志愿服务活动|材料审核|每年不少于4次活动，有方案、签到表、照片、总结|社区居委会',
    '  1.2|（二）|道德讲堂|||',
    '    1.2.1|1.|道德讲堂|材料审核|每季度开展1次活动|社区党委',
    '2|二、|未成年人思想道德建设|||',
    '  2.1|（一）|未成年人活动室|||',
    '    2.1.1|1.|少儿图书室|实地考察|有图书借阅登记台账|社区居委会',
    '    2.1.2|2.|心理健康咨询室|实地考察、材料审核|有咨询记录|社区居委会',
  ];

  it('reads merged upper levels, the title row and skips the note row', () => {
    const parsed = parseIndexGrid(grid(rows, merges));
    expect(outline(parsed.items)).toEqual(expected);
    expect(parsed).toMatchObject({ title: 'XX市2024年社区文明创建测评细则', levels: 3, itemCount: 10 });
    expect(parsed.levelNames).toEqual(['测评项目', '测评内容', '测评标准']);
    expect(parsed.warnings).toEqual([expect.stringMatching(/第 8 行起为表格说明/)]);
  });

  it('reads the same table when upper levels are written only on their first row (no merges)', () => {
    expect(outline(parseIndexGrid(grid(rows)).items)).toEqual(expected);
  });

  it('reads the same table when every row repeats its upper levels', () => {
    // Every data row repeats the 测评项目 and 测评内容 it belongs to.
    const filled = rows.map((r) => [...r]);
    for (let i = 3; i <= 6; i++) {
      const row = filled[i] as string[];
      for (let c = 0; c < 2; c++) if (row[c] === '') row[c] = filled[i - 1]?.[c] ?? '';
    }
    expect(outline(parseIndexGrid(grid(filled)).items)).toEqual(expected);
  });

  it('reads columns in any order and by their synonyms', () => {
    const order = [5, 2, 4, 0, 3, 1];
    const header = ['一级指标', '二级指标', '三级指标', '考核方式', '材料要求（佐证）', '牵头单位'];
    const shuffled = rows.map((r, i) => order.map((c) => (i === 1 ? (header[c] as string) : (r[c] as string))));
    expect(outline(parseIndexGrid(grid(shuffled)).items)).toEqual(expected);
  });

  it('appends rows that only add details to the item above', () => {
    const parsed = parseIndexGrid(
      grid([
        ['测评内容', '具体要求'],
        ['1.志愿服务', '照片5张'],
        ['', '方案1份'],
      ]),
    );
    expect(parsed.items[0]?.requirement).toBe('照片5张\n方案1份');
  });

  it('keeps codes the table supplies and numbers the rest under them', () => {
    const parsed = parseIndexGrid(
      grid([
        ['测评项目', '测评内容', '编码', '序号'],
        ['思想道德', '志愿服务', 'Ⅰ-1', '1'],
        ['', '道德讲堂', 'Ⅰ-2', '2'],
      ]),
    );
    expect(outline(parsed.items)).toEqual(['1||思想道德|||', '  Ⅰ-1|1|志愿服务|||', '  Ⅰ-2|2|道德讲堂|||']);
  });

  it('warns about columns it does not import', () => {
    const parsed = parseIndexGrid(
      grid([
        ['测评内容', '具体要求', '评分标准', '分值', ''],
        ['志愿服务', '照片5张', '缺一项扣0.5分', '2', '手写备注'],
      ]),
    );
    expect(parsed.items[0]?.requirement).toBe('照片5张');
    const warnings = parsed.warnings.join('\n');
    expect(warnings).toMatch(/「评分标准」列（C 列）/);
    expect(warnings).toMatch(/「分值」列（D 列）/);
    expect(warnings).toMatch(/E 列没有表头/);
  });
});

describe('parseIndexGrid: flat tables', () => {
  it('links items by code and parent code, in any row order', () => {
    const parsed = parseIndexGrid(
      grid([
        ['编码', '上级编码', '名称', '测评方法'],
        ['A01', 'A', '（一）志愿服务', '材料审核'],
        ['A', '', '一、思想道德', ''],
        ['A01-1', 'A01', '志愿服务站', '实地考察'],
        ['B', '', '二、未成年人', ''],
      ]),
    );
    expect(outline(parsed.items)).toEqual([
      'A|一、|思想道德|||',
      '  A01|（一）|志愿服务|材料审核||',
      '    A01-1||志愿服务站|实地考察||',
      'B|二、|未成年人|||',
    ]);
    expect(parsed.levels).toBe(3);
  });

  it('derives parents from dotted codes when there is no parent column', () => {
    const parsed = parseIndexGrid(
      grid([
        ['编码', '测评内容'],
        ['1', '思想道德'],
        ['1.1', '志愿服务'],
        ['1.1.1', '志愿服务站'],
        ['2', '未成年人'],
      ]),
    );
    expect(outline(parsed.items).map((l) => l.split('|').slice(0, 3).join('|'))).toEqual([
      '1||思想道德',
      '  1.1||志愿服务',
      '    1.1.1||志愿服务站',
      '2||未成年人',
    ]);
  });
});

describe('parseIndexGrid: refusals name the row and column', () => {
  it('no header', () => {
    expect(refusal([['社区工作台账'], ['2024年3月', '学雷锋活动']])).toMatch(/找不到表头/);
  });

  it('an empty upper level', () => {
    expect(
      refusal([
        ['测评项目', '测评内容', '测评标准'],
        ['', '志愿服务', '志愿服务站'],
      ]),
    ).toMatch(/第 2 行「测评项目」列（A 列）为空/);
  });

  it('a gap between levels on one row', () => {
    expect(
      refusal([
        ['测评项目', '测评内容', '测评标准'],
        ['思想道德', '', '志愿服务站'],
      ]),
    ).toMatch(/第 2 行「测评内容」列（B 列）为空/);
  });

  it('numbering without a title', () => {
    expect(
      refusal([
        ['测评项目', '测评内容'],
        ['一、', '志愿服务'],
      ]),
    ).toMatch(/第 2 行「测评项目」列（A 列）只有序号「一、」/);
  });

  it('duplicate codes', () => {
    expect(
      refusal([
        ['编码', '名称'],
        ['1', '思想道德'],
        ['2', '未成年人'],
        ['1', '公共文化'],
      ]),
    ).toMatch(/第 2 行和第 4 行的编码都是「1」/);
  });

  it('an unknown parent code', () => {
    expect(
      refusal([
        ['编码', '上级编码', '名称'],
        ['1', '', '思想道德'],
        ['1.1', '9', '志愿服务'],
      ]),
    ).toMatch(/第 3 行「上级编码」列（B 列）的上级编码「9」在表中找不到/);
  });

  it('parent codes in a cycle', () => {
    expect(
      refusal([
        ['编码', '上级编码', '名称'],
        ['A', 'C', '甲'],
        ['B', 'A', '乙'],
        ['C', 'B', '丙'],
      ]),
    ).toMatch(/第 2 行的上级编码形成循环：A → C → B → A/);
  });

  it('an empty code in a flat table', () => {
    expect(
      refusal([
        ['编码', '上级编码', '名称'],
        ['1', '', '思想道德'],
        ['', '1', '志愿服务'],
      ]),
    ).toMatch(/第 3 行「编码」列（A 列）为空/);
  });

  it('two columns with the same meaning', () => {
    expect(
      refusal([
        ['测评内容', '具体要求', '材料要求'],
        ['志愿服务', '照片', '方案'],
      ]),
    ).toMatch(/「具体要求」列（B 列）和 「材料要求」列（C 列）含义相同/);
  });

  it('a note in the middle of the table', () => {
    expect(
      refusal([
        ['测评内容', '具体要求'],
        ['志愿服务', '照片'],
        ['注：以下为加分项', ''],
        ['道德讲堂', '方案'],
      ]),
    ).toMatch(/第 3 行「注：以下为加分项」像是表格说明/);
  });

  it('an unreadable cell', () => {
    const g = grid([
      ['测评内容', '具体要求'],
      ['志愿服务', ''],
    ]);
    g.unreadable = new Map([['1:1', '单元格是错误值 #REF!']]);
    expect(() => parseIndexGrid(g)).toThrow(/第 2 行「具体要求」列（B 列）无法读取：单元格是错误值 #REF!/);
  });

  it('a header with nothing under it', () => {
    expect(refusal([['测评内容', '具体要求'], ['', '']])).toMatch(/表头下面没有测评项目/);
  });

  it('a code without a name', () => {
    expect(
      refusal([
        ['测评项目', '测评内容', '编码', '具体要求'],
        ['思想道德', '志愿服务', '1', ''],
        ['', '', '2', '照片'],
      ]),
    ).toMatch(/第 3 行「编码」列（C 列）有编码「2」，但这一行没有项目名称/);
  });
});

// ---- Properties: random trees written as rows read back as the same tree; garbage never crashes. ----

interface Tree {
  label: string;
  title: string;
  method: string;
  requirement: string;
  unit: string;
  code?: string;
  children: Tree[];
}

const LABELS = ['', '一、', '（一）', '(1)', '1.', '1）', '1、', 'Ⅰ-1', '①', '1.2.3', '4'];
// Titles start with a character no numbering or note starts with, and use none that spell a header word.
/** Text of chosen characters: a first, middle and last part, so the ends are never spaces. */
const text = (first: string, middle: string, last: string, maxLength: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...first), fc.string({ unit: fc.constantFrom(...middle), maxLength }), fc.constantFrom(...last))
    .map(([a, b, c]) => `${a}${b}${c}`);
const title = text('社区志愿服务宣传文明实践站', '社区志愿服务宣传文明实践站道德讲堂公益广告0123456789az ', '社区站a', 12);
const detail = fc.oneof(fc.constant(''), text('照片张份次开展=+-@09az', '照片张份次开展=+-@09az \n', '照片张a', 20));

function treeArb(depth: number): fc.Arbitrary<Tree[]> {
  const node = fc.record({
    label: fc.constantFrom(...LABELS),
    title,
    method: detail,
    requirement: detail,
    unit: detail,
    children: depth > 1 ? fc.oneof({ arbitrary: fc.constant([] as Tree[]), weight: 2 }, { arbitrary: treeArb(depth - 1), weight: 3 }) : fc.constant([] as Tree[]),
  });
  // Siblings differ in their cell text, so a table that repeats upper levels on every row stays unambiguous.
  return fc.uniqueArray(node, { minLength: 1, maxLength: 3, selector: (n) => joinNumbering(n.label, n.title) });
}

const hasDetails = (t: Tree): boolean => t.method !== '' || t.requirement !== '' || t.unit !== '';

function depthOf(trees: Tree[]): number {
  return trees.length === 0 ? 0 : 1 + Math.max(...trees.map((t) => depthOf(t.children)));
}

/** Codes as the parser generates them: positions joined by dots. */
function withCodes(trees: Tree[], prefix = ''): ItemDraft[] {
  return trees.map((t, i) => {
    const code = t.code ?? (prefix ? `${prefix}.${i + 1}` : String(i + 1));
    const children = withCodes(t.children, code);
    const draft: ItemDraft = { code, label: t.label, title: t.title, method: t.method, requirement: t.requirement, unit: t.unit };
    return children.length > 0 ? { ...draft, children } : draft;
  });
}

type Style = 'merged' | 'firstRow' | 'repeated';

/** Writes trees as a hierarchical table: one level per column, then 测评方法, 具体要求, 责任单位. */
function hierarchicalRows(trees: Tree[], style: Style): { rows: string[][]; merges: CellRange[] } {
  const depth = depthOf(trees);
  const headerNames = ['一级指标', '二级指标', '三级指标', '四级指标'].slice(0, depth);
  const rows: string[][] = [['某市测评体系'], [...headerNames, '测评方法', '具体要求', '责任单位']];
  const merges: CellRange[] = [];
  const place = (t: Tree, level: number, path: string[]): void => {
    const first = rows.length;
    const text = joinNumbering(t.label, t.title);
    const ownRow = t.children.length === 0 || hasDetails(t);
    if (ownRow) {
      const row = Array<string>(depth + 3).fill('');
      path.forEach((p, k) => (row[k] = style === 'repeated' ? p : ''));
      row[level] = text;
      row[depth] = t.method;
      row[depth + 1] = t.requirement;
      row[depth + 2] = t.unit;
      rows.push(row);
    }
    t.children.forEach((c, i) => {
      const startsHere = i === 0 && !ownRow;
      place(c, level + 1, [...path, startsHere || style === 'repeated' ? text : '']);
    });
    if (!ownRow) {
      // The parent's cell sits on its first child's row.
      const row = rows[first] as string[];
      row[level] = text;
    }
    if (style === 'merged' && rows.length - 1 > first) merges.push({ top: first, left: level, bottom: rows.length - 1, right: level });
  };
  trees.forEach((t) => place(t, 0, []));
  rows.push(['注：仅供参考']);
  return { rows, merges };
}

function flatRows(trees: Tree[]): string[][] {
  const rows: string[][] = [['编码', '上级编码', '名称', '具体要求', '测评方法', '责任单位']];
  const walk = (list: ItemDraft[], parent: string): void =>
    list.forEach((d) => {
      rows.push([d.code, parent, joinNumbering(d.label ?? '', d.title), d.requirement ?? '', d.method ?? '', d.unit ?? '']);
      walk(d.children ?? [], d.code);
    });
  walk(withCodes(trees), '');
  return rows;
}

function permuteColumns(rows: string[][], order: number[]): string[][] {
  return rows.map((r, i) => (i === 0 && r.length === 1 ? r : order.map((c) => r[c] ?? '')));
}

describe('parseIndexGrid: properties', () => {
  it('reads back random trees written in each hierarchical style, columns in any order', () => {
    fc.assert(
      fc.property(treeArb(4), fc.constantFrom<Style>('merged', 'firstRow', 'repeated'), fc.integer({ min: 0, max: 1000 }), (trees, style, seed) => {
        const { rows, merges } = hierarchicalRows(trees, style);
        const width = depthOf(trees) + 3;
        const order = Array.from({ length: width }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
        const shuffled = permuteColumns(rows, order);
        const moved = merges.map((m) => ({ ...m, left: order.indexOf(m.left), right: order.indexOf(m.right) }));
        const parsed = parseIndexGrid(grid(shuffled, moved));
        expect(outline(parsed.items)).toEqual(outline(withCodes(trees)));
        expect(parsed.levels).toBe(depthOf(trees));
        expect(parsed.title).toBe('某市测评体系');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back random trees written as a flat code / parent-code table', () => {
    fc.assert(
      fc.property(treeArb(5), (trees) => {
        const parsed = parseIndexGrid(grid(flatRows(trees)));
        expect(outline(parsed.items)).toEqual(outline(withCodes(trees)));
      }),
      { numRuns: 1000 },
    );
  });

  it('either reads random garbage or refuses it with a TaizhangError, never crashing', () => {
    const words = ['', '', '', '测评项目', '测评内容', '测评标准', '编码', '上级编码', '名称', '具体要求', '测评方法', '责任单位', '序号', '一、', '（一）',
      '1.', '1', '1.1', '注：说明', '志愿服务', '=SUM(A1)', '+1', '-', '@x', 'Ⅰ-1', '活动须有材料', '方案、照片', '无', '照片'];
    const cell = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 }));
    const rows = fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 12 });
    const merge = fc.record({ top: fc.nat(12), left: fc.nat(7), height: fc.nat(3), width: fc.nat(3) }).map((m) => ({
      top: m.top, left: m.left, bottom: m.top + m.height, right: m.left + m.width,
    }));
    fc.assert(
      fc.property(rows, fc.array(merge, { maxLength: 4 }), (cells, merges) => {
        try {
          const parsed = parseIndexGrid(grid(cells, merges));
          const codes = outline(parsed.items).map((l) => l.trim().split('|')[0]);
          expect(new Set(codes).size).toBe(codes.length);
          expect(parsed.itemCount).toBe(codes.length);
        } catch (err) {
          if (!(err instanceof TaizhangError)) throw err;
          expect(err.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
