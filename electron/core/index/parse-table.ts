/**
 * Reads an index tree out of a table's cells (already taken out of the .xlsx by xlsx-read.ts), in either shape cities
 * send: hierarchical (one column per level, upper levels in merged cells or filled on their first row) or flat (a
 * code column and a parent-code column). Pure: no file or database access, so it can be tested on plain arrays.
 *
 * Anything ambiguous is refused with the sheet row and column that cause it; nothing is guessed silently.
 */
import { TaizhangError } from '../../../shared/errors.js';
import { RECORD_TYPES, type RecordType } from '../../../shared/domain/record.js';
import { columnLetter, matchHeader, matchLevelCompanion, normaliseHeader, roleKey, type ColumnRole, type DetailRole } from './columns.js';
import type { ItemDraft } from './editions.js';
import { splitNumbering } from './labels.js';

/** A merged range, 0-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One sheet's cells as text: rows[r][c] is sheet row r+1, column c+1. */
export interface SheetGrid {
  name: string;
  rows: string[][];
  merges: CellRange[];
  /** Cells that hold no usable text (a formula without a saved result, an error value), keyed "r:c", with the reason. */
  unreadable?: Map<string, string>;
}

export interface ParsedTable {
  /** The title row above the table, '' when there is none. */
  title: string;
  levelNames: string[];
  items: ItemDraft[];
  levels: number;
  itemCount: number;
  warnings: string[];
}

/** How far down a sheet the header row is looked for. */
const HEADER_SEARCH_ROWS = 30;
/** A deeper tree is a misread table, not an index. */
const MAX_DEPTH = 20;
export const MAX_CODE_LENGTH = 64;
export const MAX_TITLE_LENGTH = 500;

const NOTE_START = /^(?:注|备注|说明|附注|附件|附表|填表说明|填报说明|填表人|填报人|制表|制表人|审核人|联系人|联系电话|资料来源)\s*[0-9一二三四五六七八九]*\s*[:：、.．]/u;

interface Column {
  index: number;
  header: string;
  role: ColumnRole;
}

interface HeaderCandidate {
  row: number;
  score: number;
}

const fail = (message: string): never => {
  throw new TaizhangError('bad_table', message);
};

const rowNo = (r: number): number => r + 1;

/** The row that looks most like a header (most recognised columns, at least one naming items), if any. */
export function findHeaderRow(grid: SheetGrid): HeaderCandidate | undefined {
  let best: HeaderCandidate | undefined;
  const limit = Math.min(grid.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const kinds = new Set<string>();
    let names = false;
    for (const text of grid.rows[r] ?? []) {
      const match = matchHeader(text);
      if (!match) continue;
      kinds.add(roleKey(match.role));
      if (match.role.kind === 'level' || match.role.kind === 'title') names = true;
    }
    if (names && kinds.size >= 2 && (!best || kinds.size > best.score)) best = { row: r, score: kinds.size };
  }
  return best;
}

interface Plan {
  headerRow: number;
  columns: Column[];
  levels: Column[];
  single: Map<string, Column>;
  /** Headed columns that name nothing we know; their content is reported, not imported. */
  ignored: { index: number; header: string }[];
  warnings: string[];
}

function describeColumn(col: { index: number; header: string }): string {
  return `「${col.header}」列（${columnLetter(col.index)} 列）`;
}

/** Assigns a role to each header cell; two columns claiming one role equally is refused. */
function planColumns(grid: SheetGrid, headerRow: number): Plan {
  const raw = (grid.rows[headerRow] ?? []).map((t, index) => ({ index, header: t.trim().replace(/\s+/gu, '') }));
  const matches = raw.map((c) => ({ ...c, match: c.header ? matchHeader(c.header) : undefined }));
  const levelHeaders = new Map<string, number>();
  for (const c of matches) if (c.match?.role.kind === 'level') levelHeaders.set(normaliseHeader(c.header), c.match.role.rank);

  const claims = new Map<string, { col: Column; exact: boolean; priority: number }[]>();
  const ignored: { index: number; header: string }[] = [];
  for (const c of matches) {
    if (!c.header) continue;
    const companion = matchLevelCompanion(c.header, levelHeaders);
    const role = companion ?? c.match?.role;
    if (!role) {
      ignored.push({ index: c.index, header: c.header });
      continue;
    }
    const claim = { col: { index: c.index, header: c.header, role }, exact: companion ? true : (c.match?.exact ?? false), priority: companion ? 1 : (c.match?.priority ?? 9) };
    const key = roleKey(role);
    claims.set(key, [...(claims.get(key) ?? []), claim]);
  }

  const warnings: string[] = [];
  const single = new Map<string, Column>();
  for (const [key, list] of claims) {
    const ranked = [...list].sort((a, b) => Number(b.exact) - Number(a.exact) || a.priority - b.priority);
    const [winner, second] = ranked;
    if (!winner) continue;
    if (second && second.exact === winner.exact && second.priority === winner.priority) {
      fail(
        `第 ${rowNo(headerRow)} 行表头中 ${describeColumn(winner.col)}和 ${describeColumn(second.col)}含义相同，无法判断用哪一列，请删去或改名其中一列 / ` +
          `Two columns (${columnLetter(winner.col.index)}, ${columnLetter(second.col.index)}) mean the same thing`,
      );
    }
    single.set(key, winner.col);
    for (const loser of ranked.slice(1)) {
      warnings.push(`${describeColumn(loser.col)}与${describeColumn(winner.col)}重复，未导入 / column ${columnLetter(loser.col.index)} not imported`);
    }
  }
  const columns = [...single.values()];
  const levels = columns.filter((c) => c.role.kind === 'level').sort((a, b) => rankOf(a) - rankOf(b));
  return { headerRow, columns, levels, single, ignored, warnings };
}

function rankOf(col: Column): number {
  return col.role.kind === 'level' ? col.role.rank : 0;
}

/** Covered (non-master) cells of merged ranges, keyed "r:c"; and rows whose first cell spans several columns. */
function mergeMaps(grid: SheetGrid): { covered: Set<string>; wide: Map<number, number> } {
  const covered = new Set<string>();
  const wide = new Map<number, number>();
  for (const m of grid.merges) {
    if (m.right > m.left) wide.set(m.top, Math.max(wide.get(m.top) ?? 0, m.right - m.left + 1));
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
    }
  }
  return { covered, wide };
}

interface RowText {
  r: number;
  cells: string[];
}

/** Data rows between the header and the notes at the bottom, with warnings for what is left out. */
function tableRows(grid: SheetGrid, plan: Plan, wide: Map<number, number>): { rows: RowText[]; warnings: string[] } {
  const warnings: string[] = [];
  const rows: RowText[] = [];
  let r = plan.headerRow + 1;
  // A second header row under the first (sub-headings) carries no items.
  while (r < grid.rows.length && isHeaderLike(grid, r)) r++;
  for (; r < grid.rows.length; r++) rows.push({ r, cells: (grid.rows[r] ?? []).map((t) => t.trim()) });

  const filled = (row: RowText): string[] => row.cells.filter((t) => t !== '');
  const noteLike = (row: RowText): boolean => {
    const texts = filled(row);
    if (texts.length !== 1) return false;
    const text = texts[0] ?? '';
    return NOTE_START.test(text) || (wide.get(row.r) ?? 0) >= Math.max(2, Math.ceil(plan.columns.length / 2));
  };
  // Notes are the note-like and blank rows at the bottom.
  let end = rows.length;
  while (end > 0) {
    const row = rows[end - 1];
    if (!row || !(filled(row).length === 0 || noteLike(row))) break;
    end--;
  }
  const notes = rows.slice(end).filter((row) => filled(row).length > 0);
  const first = notes[0];
  if (first) warnings.push(`第 ${rowNo(first.r)} 行起为表格说明，未作为测评项目导入 / notes below the table were not imported`);
  const body = rows.slice(0, end);
  for (const row of body) {
    const text = filled(row)[0];
    if (filled(row).length === 1 && text !== undefined && NOTE_START.test(text)) {
      fail(`第 ${rowNo(row.r)} 行「${text.slice(0, 20)}」像是表格说明，但它下面还有表格内容，请把说明移到表格下方 / Row ${rowNo(row.r)} looks like a note inside the table`);
    }
  }
  return { rows: body, warnings };
}

function isHeaderLike(grid: SheetGrid, r: number): boolean {
  const texts = (grid.rows[r] ?? []).map((t) => t.trim()).filter((t) => t !== '');
  return texts.length > 0 && texts.every((t) => matchHeader(t)?.exact === true);
}

/** What one row says about its item besides the name. */
interface Details {
  method: string;
  requirement: string;
  unit: string;
  activityRule: string;
}

interface Node {
  row: number;
  code: string | undefined;
  label: string;
  title: string;
  /** The cell text as written, to recognise the same item repeated on the next row. */
  cellText: string;
  details: Details;
  /** The row (and column) where the activity rule came from, for error messages. */
  ruleAt: string;
  children: Node[];
}

const DETAIL_ROLES: DetailRole[] = ['method', 'requirement', 'unit', 'activityRule'];

class RowReader {
  constructor(
    private readonly grid: SheetGrid,
    private readonly plan: Plan,
  ) {}

  col(key: string): Column | undefined {
    return this.plan.single.get(key);
  }

  text(row: RowText, col: Column | undefined): string {
    if (!col) return '';
    const reason = this.grid.unreadable?.get(`${row.r}:${col.index}`);
    if (reason) fail(`第 ${rowNo(row.r)} 行${describeColumn(col)}无法读取：${reason} / Row ${rowNo(row.r)}, column ${columnLetter(col.index)}: ${reason}`);
    return row.cells[col.index] ?? '';
  }

  details(row: RowText): Details {
    const d = { method: '', requirement: '', unit: '', activityRule: '' };
    for (const role of DETAIL_ROLES) d[role] = this.text(row, this.col(role));
    return d;
  }

  hasDetails(d: Details): boolean {
    return DETAIL_ROLES.some((role) => d[role] !== '');
  }

  where(row: RowText, key: string): string {
    const col = this.col(key);
    return col ? `第 ${rowNo(row.r)} 行${describeColumn(col)}` : `第 ${rowNo(row.r)} 行`;
  }
}

/** Adds a continuation row's details to an item: a repeated value is kept once, a new one goes on a new line. */
function appendDetails(node: Node, more: Details, where: string): void {
  for (const role of DETAIL_ROLES) {
    const value = more[role];
    if (value === '' || node.details[role] === value) continue;
    if (role === 'activityRule' && node.details.activityRule !== '') {
      fail(`${where}：同一项目有两条不同的活动材料规则 / two activity rules for one item`);
    }
    node.details[role] = node.details[role] === '' ? value : `${node.details[role]}\n${value}`;
    if (role === 'activityRule') node.ruleAt = where;
  }
}

function newNode(row: RowText, text: string, label: string | undefined, where: string): Node {
  const split = label !== undefined ? { label, title: text } : splitNumbering(text);
  if (split.title === '') fail(`${where}只有序号「${split.label}」，没有名称 / numbering without a title`);
  if (split.title.length > MAX_TITLE_LENGTH) {
    fail(`${where}超过 ${MAX_TITLE_LENGTH} 字，不像是项目名称，请检查表头 / text too long for an item title`);
  }
  return {
    row: row.r,
    code: undefined,
    label: split.label,
    title: split.title,
    cellText: text,
    details: { method: '', requirement: '', unit: '', activityRule: '' },
    ruleAt: where,
    children: [],
  };
}

function setCode(node: Node, code: string, where: string): void {
  if (code === '') return;
  if (code.length > MAX_CODE_LENGTH) fail(`${where}的编码超过 ${MAX_CODE_LENGTH} 个字符 / code too long`);
  node.code = code;
}

/** Hierarchical layout: one column per level. */
function parseHierarchical(grid: SheetGrid, plan: Plan, rows: RowText[], covered: Set<string>): Node[] {
  const reader = new RowReader(grid, plan);
  const levels = plan.levels;
  const companion = (kind: 'levelCode' | 'levelLabel', k: number): Column | undefined => {
    const rank = rankOf(levels[k] as Column);
    return reader.col(roleKey({ kind, of: rank }));
  };
  // Sparse: upper levels are merged or written only on their first row. Filled: every row repeats its upper levels.
  const sparse = rows.some((row) => {
    const vals = levels.map((col) => row.cells[col.index] ?? '');
    const deepest = vals.findLastIndex((v) => v !== '');
    return levels.some((col, k) => covered.has(`${row.r}:${col.index}`) || (k < deepest && vals[k] === ''));
  });

  const roots: Node[] = [];
  const open: (Node | undefined)[] = [];
  let last: Node | undefined;
  for (const row of rows) {
    const vals = levels.map((col) => reader.text(row, col));
    const codes = levels.map((_, k) => reader.text(row, companion('levelCode', k)));
    const details = reader.details(row);
    const rowCode = reader.text(row, reader.col('code'));
    const seq = reader.text(row, reader.col('seq'));
    const deepest = vals.findLastIndex((v) => v !== '');

    let start = -1;
    if (sparse) start = vals.findIndex((v) => v !== '');
    else {
      for (let k = 0; k <= deepest; k++) {
        const same = open[k]?.cellText === vals[k] && (codes[k] === '' || open[k]?.code === codes[k]);
        if (!same) {
          start = k;
          break;
        }
      }
    }

    if (start === -1) {
      // No new item on this row: it adds to the item it names (filled layout) or to the one above (sparse layout).
      const target = deepest >= 0 ? open[deepest] : last;
      if (!target) {
        if (!reader.hasDetails(details) && rowCode === '') continue;
        fail(`第 ${rowNo(row.r)} 行没有测评项目名称：${describeColumn(levels[0] as Column)}等层级列为空 / Row ${rowNo(row.r)} has no item name`);
      }
      const owner = target as Node;
      if (rowCode !== '' && rowCode !== owner.code) {
        fail(`${reader.where(row, 'code')}有编码「${rowCode}」，但这一行没有项目名称 / Row ${rowNo(row.r)} has a code but no item name`);
      }
      appendDetails(owner, details, `第 ${rowNo(row.r)} 行`);
      continue;
    }

    let node: Node | undefined;
    for (let k = start; k <= deepest; k++) {
      const col = levels[k] as Column;
      const where = `第 ${rowNo(row.r)} 行${describeColumn(col)}`;
      if (vals[k] === '') fail(`${where}为空（同一行更深的层级有内容） / Row ${rowNo(row.r)}, column ${columnLetter(col.index)} is empty`);
      const parent = k === 0 ? undefined : open[k - 1];
      if (k > 0 && !parent) {
        const upper = levels[k - 1] as Column;
        fail(`第 ${rowNo(row.r)} 行${describeColumn(upper)}为空，找不到「${vals[k]}」的上级项目 / Row ${rowNo(row.r)}: no parent item`);
      }
      const labelCol = companion('levelLabel', k);
      node = newNode(row, vals[k] ?? '', labelCol ? reader.text(row, labelCol) : undefined, where);
      setCode(node, codes[k] ?? '', where);
      (parent ? parent.children : roots).push(node);
      open[k] = node;
      open.length = k + 1;
    }
    const item = node as Node;
    if (item.code === undefined) setCode(item, rowCode, reader.where(row, 'code'));
    if (item.label === '' && seq !== '') item.label = seq;
    appendDetails(item, details, `第 ${rowNo(row.r)} 行`);
    last = item;
  }
  return roots;
}

/** Flat layout: every row is one item, linked by code and parent code (or by the code's own dotted prefix). */
function parseFlat(grid: SheetGrid, plan: Plan, rows: RowText[]): Node[] {
  const reader = new RowReader(grid, plan);
  const titleCol = plan.single.get('title') ?? plan.levels[0];
  if (!titleCol) return fail('找不到项目名称列 / No title column');
  const parentCol = reader.col('parent');
  const entries: { node: Node; parent: string; row: RowText }[] = [];
  for (const row of rows) {
    const title = reader.text(row, titleCol);
    const code = reader.text(row, reader.col('code'));
    const details = reader.details(row);
    const last = entries.at(-1);
    if (title === '' && code === '') {
      if (!reader.hasDetails(details)) continue;
      if (!last) fail(`第 ${rowNo(row.r)} 行没有项目名称和编码 / Row ${rowNo(row.r)} has no item`);
      appendDetails((last as { node: Node }).node, details, `第 ${rowNo(row.r)} 行`);
      continue;
    }
    if (code === '') fail(`${reader.where(row, 'code')}为空 / Row ${rowNo(row.r)}: empty code`);
    const where = `第 ${rowNo(row.r)} 行${describeColumn(titleCol)}`;
    if (title === '') fail(`${where}为空 / Row ${rowNo(row.r)}: empty title`);
    const node = newNode(row, title, undefined, where);
    setCode(node, code, reader.where(row, 'code'));
    const seq = reader.text(row, reader.col('seq'));
    if (node.label === '' && seq !== '') node.label = seq;
    appendDetails(node, details, `第 ${rowNo(row.r)} 行`);
    entries.push({ node, parent: parentCol ? reader.text(row, parentCol) : '', row });
  }

  const byCode = new Map<string, { node: Node; parent: string; row: RowText }>();
  for (const e of entries) {
    const code = e.node.code as string;
    const before = byCode.get(code);
    if (before) duplicateCode(code, before.node.row, e.node.row);
    byCode.set(code, e);
  }
  const parentOf = (e: { node: Node; parent: string; row: RowText }): string => {
    if (parentCol) return e.parent;
    // Without a parent column "1.2.3" belongs under "1.2" (or "1" when there is no "1.2").
    const code = e.node.code as string;
    for (let cut = code.length - 1; cut > 0; cut--) {
      if (/[.．\-－]/u.test(code[cut] ?? '') && byCode.has(code.slice(0, cut))) return code.slice(0, cut);
    }
    return '';
  };
  const roots: Node[] = [];
  for (const e of entries) {
    const parent = parentOf(e);
    if (parent === '') {
      roots.push(e.node);
      continue;
    }
    const p = byCode.get(parent);
    if (!p) {
      return fail(`${reader.where(e.row, 'parent')}的上级编码「${parent}」在表中找不到 / Row ${rowNo(e.row.r)}: unknown parent code ${parent}`);
    }
    p.node.children.push(e.node);
  }
  // Every item must reach a root; a parent chain that returns to itself never does.
  for (const e of entries) {
    const seen: string[] = [];
    let cursor: { node: Node; parent: string; row: RowText } | undefined = e;
    while (cursor) {
      const code = cursor.node.code as string;
      if (seen.includes(code)) {
        const loop = [...seen.slice(seen.indexOf(code)), code].join(' → ');
        fail(`第 ${rowNo(e.row.r)} 行的上级编码形成循环：${loop} / parent codes form a cycle`);
      }
      seen.push(code);
      const parent = parentOf(cursor);
      cursor = parent === '' ? undefined : byCode.get(parent);
    }
  }
  return roots;
}

function duplicateCode(code: string, firstRow: number, secondRow: number): never {
  return fail(`第 ${rowNo(firstRow)} 行和第 ${rowNo(secondRow)} 行的编码都是「${code}」，编码不能重复 / Duplicate code ${code}`);
}

/** Codes the table did not supply become dotted paths of positions under the parent's code ("1", "1.2", "1.2.3"). */
function assignCodes(roots: Node[]): void {
  const supplied = new Map<string, number>();
  const visit = (nodes: Node[], fn: (n: Node, i: number, parent: Node | undefined) => void, parent?: Node): void =>
    nodes.forEach((n, i) => {
      fn(n, i, parent);
      visit(n.children, fn, n);
    });
  visit(roots, (n) => {
    if (n.code === undefined) return;
    const before = supplied.get(n.code);
    if (before !== undefined) duplicateCode(n.code, before, n.row);
    supplied.set(n.code, n.row);
  });
  visit(roots, (n, i, parent) => {
    if (n.code !== undefined) return;
    const code = parent ? `${parent.code}.${i + 1}` : String(i + 1);
    const clash = supplied.get(code);
    if (clash !== undefined) {
      fail(
        `第 ${rowNo(n.row)} 行的项目没有编码，自动编为「${code}」，与第 ${rowNo(clash)} 行的编码重复，请补全编码列 / ` +
          `generated code ${code} clashes with row ${rowNo(clash)}`,
      );
    }
    if (code.length > MAX_CODE_LENGTH) fail(`第 ${rowNo(n.row)} 行的项目层级太深 / too deep`);
    n.code = code;
    supplied.set(code, n.row);
  });
}

function parseActivityRule(text: string, where: string): string[] | null {
  if (text === '') return null;
  if (text === '无') return [];
  const types = [...new Set(text.split(/[、,，;；/\s]+/u).filter((t) => t !== ''))];
  const unknown = types.filter((t) => !(RECORD_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    fail(`${where}的活动材料规则中「${unknown.join('、')}」不是材料类型（应为 ${RECORD_TYPES.join('、')}） / unknown record type`);
  }
  return types as RecordType[];
}

function toDrafts(nodes: Node[], depth: number): { items: ItemDraft[]; count: number; levels: number } {
  let count = 0;
  let levels = 0;
  const convert = (list: Node[], level: number): ItemDraft[] => {
    if (list.length > 0 && level > MAX_DEPTH) fail(`测评体系超过 ${MAX_DEPTH} 级，请检查编码和上级编码 / more than ${MAX_DEPTH} levels`);
    levels = Math.max(levels, list.length > 0 ? level : 0);
    return list.map((n) => {
      count++;
      const draft: ItemDraft = {
        code: n.code as string,
        label: n.label,
        title: n.title,
        method: n.details.method,
        requirement: n.details.requirement,
        unit: n.details.unit,
        activityRule: parseActivityRule(n.details.activityRule, n.ruleAt),
      };
      const children = convert(n.children, level + 1);
      return children.length > 0 ? { ...draft, children } : draft;
    });
  };
  const items = convert(nodes, depth);
  return { items, count, levels };
}

/** Text of the first non-empty row above the header: the table's title. */
function titleAbove(grid: SheetGrid, headerRow: number): string {
  for (let r = 0; r < headerRow; r++) {
    const text = (grid.rows[r] ?? []).map((t) => t.trim()).find((t) => t !== '');
    if (text) return text;
  }
  return '';
}

/** Parses one sheet. Throws TaizhangError('bad_table') naming the row and column when the table cannot be read. */
export function parseIndexGrid(grid: SheetGrid): ParsedTable {
  const header = findHeaderRow(grid);
  if (!header) {
    return fail(
      `工作表「${grid.name}」前 ${HEADER_SEARCH_ROWS} 行中找不到表头（如「测评项目」「测评内容」「具体要求」） / No header row with known column names`,
    );
  }
  const plan = planColumns(grid, header.row);
  const { covered, wide } = mergeMaps(grid);
  const { rows, warnings } = tableRows(grid, plan, wide);

  const flat = plan.single.has('parent') || (plan.single.has('code') && plan.levels.length + (plan.single.has('title') ? 1 : 0) === 1);
  if (!flat && plan.single.has('title') && plan.levels.length > 0) {
    const title = plan.single.get('title') as Column;
    fail(`表头同时有${describeColumn(title)}和${describeColumn(plan.levels[0] as Column)}等层级列，无法判断哪一列是项目名称 / both a title column and level columns`);
  }
  if (flat && plan.levels.length + (plan.single.has('title') ? 1 : 0) > 1) {
    fail(`表格有「上级编码」列，又有多个层级列（${plan.levels.map((c) => c.header).join('、')}），无法判断哪一列是项目名称 / flat table with several title columns`);
  }
  if (!flat && plan.levels.length === 0) {
    const titleOnly = plan.single.get('title');
    if (titleOnly) plan.levels.push(titleOnly);
  }
  const roots = flat ? parseFlat(grid, plan, rows) : parseHierarchical(grid, plan, rows, covered);
  if (roots.length === 0) fail(`工作表「${grid.name}」第 ${rowNo(header.row)} 行的表头下面没有测评项目 / The table has no items`);
  assignCodes(roots);
  const { items, count, levels } = toDrafts(roots, 1);

  for (const col of plan.ignored) {
    const used = rows.some((row) => (row.cells[col.index] ?? '') !== '');
    if (used) {
      warnings.push(`${describeColumn(col)}不是可识别的列，未导入 / column ${columnLetter(col.index)} not imported`);
    }
  }
  const headed = new Set((grid.rows[header.row] ?? []).flatMap((t, i) => (t.trim() === '' ? [] : [i])));
  const unheaded = new Set<number>();
  for (const row of rows) row.cells.forEach((t, i) => t !== '' && !headed.has(i) && unheaded.add(i));
  for (const i of [...unheaded].sort((a, b) => a - b)) warnings.push(`${columnLetter(i)} 列没有表头，未导入 / column ${columnLetter(i)} has no header`);

  return {
    title: titleAbove(grid, header.row),
    levelNames: flat ? [] : plan.levels.map((c) => c.header),
    items,
    levels,
    itemCount: count,
    warnings: [...plan.warnings, ...warnings],
  };
}
