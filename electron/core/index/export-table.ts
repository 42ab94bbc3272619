/**
 * Writes an edition back to .xlsx in the layout cities use (one column per level, upper levels in vertically merged
 * cells, then 测评方法, 具体要求, 责任单位), plus one code column per level so that importing the file again gives back
 * exactly the same tree.
 */
import { existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadExcelJS } from '../lazy-modules.js';
import type { IndexItem } from '../../../shared/api/index.js';
import { TaizhangError } from '../../../shared/errors.js';
import { escapeCell } from '../../../shared/text/spreadsheet.js';
import type { Db } from '../store/database.js';
import { one } from '../store/sql.js';
import { matchHeader, normaliseHeader } from './columns.js';
import { listItems } from './editions.js';
import { joinNumbering, splitNumbering } from './labels.js';

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
export const ACTIVITY_RULE_HEADER = '活动须有材料';
/** How an empty activity rule ("this item's activities need nothing") is written. */
export const NO_ACTIVITY_RULE = '无';

interface EditionRow {
  name: string;
  source: string;
  level_names: string;
}

/** The edition's own level names when the importer would recognise them in order; otherwise 一级指标, 二级指标… */
export function levelHeaders(stored: string[], levels: number): string[] {
  const generic = Array.from({ length: levels }, (_, i) => `${CN_NUMERALS[i] ?? String(i + 1)}级指标`);
  if (stored.length < levels) return generic;
  const names = stored.slice(0, levels);
  const ranks = names.map((n) => {
    const m = matchHeader(n);
    return m?.role.kind === 'level' && m.exact ? m.role.rank : Number.NaN;
  });
  const ordered = ranks.every((r, i) => Number.isFinite(r) && (i === 0 || r > (ranks[i - 1] ?? 0)));
  const distinct = new Set(names.map(normaliseHeader)).size === names.length;
  return ordered && distinct ? names : generic;
}

interface Row {
  /** Items whose cell starts on this row, shallowest first. */
  starts: IndexItem[];
  /** The item whose 测评方法, 具体要求, 责任单位 this row carries. */
  owner: IndexItem;
}

function hasDetails(item: IndexItem): boolean {
  return item.method !== '' || item.requirement !== '' || item.unit !== '' || item.activityRule !== null;
}

/**
 * One row per leaf. A parent shares its first child's row, unless it has details of its own: then it takes a row of
 * its own above its children, which is also how the importer reads it.
 */
function layoutRows(items: IndexItem[]): { rows: Row[]; spans: Map<number, { first: number; last: number }> } {
  const children = new Map<string | null, IndexItem[]>();
  for (const item of items) children.set(item.parent, [...(children.get(item.parent) ?? []), item]);
  const rows: Row[] = [];
  const spans = new Map<number, { first: number; last: number }>();
  const place = (item: IndexItem, pending: IndexItem[]): void => {
    const first = rows.length;
    const kids = children.get(item.code) ?? [];
    if (kids.length === 0 || hasDetails(item)) rows.push({ starts: [...pending, item], owner: item });
    kids.forEach((kid, i) => place(kid, i === 0 && !hasDetails(item) ? [...pending, item] : []));
    spans.set(item.id, { first, last: rows.length - 1 });
  };
  for (const root of children.get(null) ?? []) place(root, []);
  return { rows, spans };
}

function activityRuleText(rule: string[] | null): string {
  if (rule === null) return '';
  return rule.length === 0 ? NO_ACTIVITY_RULE : rule.join('、');
}

const LINE_HEIGHT = 15;

/** Lines a text takes in a column of the given width (in widths of a Latin digit; a Chinese character takes two). */
function wrappedLines(text: string, columnWidth: number): number {
  const usable = Math.max(4, columnWidth - 1);
  return text.split('\n').reduce((sum, line) => {
    const width = [...line].reduce((w, ch) => w + (/[\u0000-\u00ff]/u.test(ch) ? 1 : 2), 0);
    return sum + Math.max(1, Math.ceil(width / usable));
  }, 0);
}

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Writes the edition to `out` (.xlsx), replacing the file only once it is complete. */
export async function exportEdition(db: Db, editionId: number, out: string): Promise<{ path: string; items: number }> {
  const target = path.resolve(out);
  if (path.extname(target).toLowerCase() !== '.xlsx') {
    throw new TaizhangError('invalid_input', `导出文件名应以 .xlsx 结尾：${out} / The output file must end in .xlsx`);
  }
  const folder = path.dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new TaizhangError('not_found', `文件夹不存在：${folder} / Folder does not exist`);
  }
  const edition = one<EditionRow>(db, 'SELECT name, source, level_names FROM editions WHERE id = ?', editionId);
  if (!edition) throw new TaizhangError('not_found', `没有编号为 ${editionId} 的测评体系版本 / No such index edition`);
  const items = listItems(db, editionId);
  const depth = Math.max(1, ...items.map((i) => i.level));
  const levelNames = levelHeaders(JSON.parse(edition.level_names) as string[], depth);
  // Numbering goes in front of the title ("一、思想道德建设") when it reads back the same; otherwise in its own columns.
  const labelsInline = items.every((i) => {
    const back = splitNumbering(joinNumbering(i.label, i.title));
    return back.label === i.label && back.title === i.title;
  });
  const withRules = items.some((i) => i.activityRule !== null);

  const headers = [
    ...levelNames,
    '测评方法',
    '具体要求',
    '责任单位',
    ...(withRules ? [ACTIVITY_RULE_HEADER] : []),
    ...levelNames.map((n) => `${n}编码`),
    ...(labelsInline ? [] : levelNames.map((n) => `${n}序号`)),
  ];
  const col = {
    level: (level: number) => level,
    method: depth + 1,
    requirement: depth + 2,
    unit: depth + 3,
    rule: depth + 4,
    code: (level: number) => depth + 3 + (withRules ? 1 : 0) + level,
    label: (level: number) => depth + 3 + (withRules ? 1 : 0) + depth + level,
  };

  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '台账 Taizhang';
  const sheet = workbook.addWorksheet('测评体系', {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = '2:2';

  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = escapeCell(edition.name);
  titleRow.getCell(1).font = { bold: true, size: 16 };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 30;
  if (headers.length > 1) sheet.mergeCells(1, 1, 1, headers.length);

  const headerRow = sheet.getRow(2);
  headers.forEach((h, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.value = escapeCell(h);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = BORDER;
  });

  const { rows, spans } = layoutRows(items);
  const FIRST_DATA_ROW = 3;
  rows.forEach((row, i) => {
    const excelRow = sheet.getRow(FIRST_DATA_ROW + i);
    for (const item of row.starts) {
      excelRow.getCell(col.level(item.level)).value = escapeCell(labelsInline ? joinNumbering(item.label, item.title) : item.title);
      excelRow.getCell(col.code(item.level)).value = escapeCell(item.code);
      if (!labelsInline) excelRow.getCell(col.label(item.level)).value = escapeCell(item.label);
    }
    excelRow.getCell(col.method).value = escapeCell(row.owner.method);
    excelRow.getCell(col.requirement).value = escapeCell(row.owner.requirement);
    excelRow.getCell(col.unit).value = escapeCell(row.owner.unit);
    if (withRules) excelRow.getCell(col.rule).value = escapeCell(activityRuleText(row.owner.activityRule));
    for (let c = 1; c <= headers.length; c++) {
      const cell = excelRow.getCell(c);
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true };
    }
  });
  for (const item of items) {
    const span = spans.get(item.id);
    if (!span || span.last === span.first) continue;
    const [top, bottom] = [FIRST_DATA_ROW + span.first, FIRST_DATA_ROW + span.last];
    sheet.mergeCells(top, col.level(item.level), bottom, col.level(item.level));
    sheet.mergeCells(top, col.code(item.level), bottom, col.code(item.level));
    if (!labelsInline) sheet.mergeCells(top, col.label(item.level), bottom, col.label(item.level));
  }

  const widths = [...levelNames.map(() => 22), 14, 48, 16, ...(withRules ? [18] : []), ...levelNames.map(() => 10), ...(labelsInline ? [] : levelNames.map(() => 8))];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  // Spreadsheet programs do not grow rows for wrapped text written by exceljs; give each row the lines it needs.
  rows.forEach((_, i) => {
    const excelRow = sheet.getRow(FIRST_DATA_ROW + i);
    let lines = 1;
    excelRow.eachCell((cell, c) => {
      if (cell.isMerged && cell.master !== cell) return;
      lines = Math.max(lines, wrappedLines(String(cell.value ?? ''), widths[c - 1] ?? 10));
    });
    excelRow.height = Math.min(409, lines * LINE_HEIGHT + 4);
  });

  const temp = path.join(folder, `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await workbook.xlsx.writeFile(temp);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    const message = err instanceof Error ? err.message : String(err);
    throw new TaizhangError('bad_file', `无法写入文件 ${target}：${message} / Cannot write the file`);
  }
  return { path: target, items: items.length };
}
