import type { OcrLine } from './engine.js';

/**
 * Counting the filled rows of a recognised sign-in sheet (签到表). The sheet is a table with a 姓名 column: a row is
 * filled when a name stands in that column. The engine often reads a whole table row as one line with spaces
 * between the cells, so each line is cut into cells at its spaces, a cell placed by its share of the line's width.
 * The 姓名 column is found from its heading; names are two to four Chinese characters (a middle dot allowed for
 * minority names). The count is only offered: the clerk confirms it before it becomes the activity's 实到人数.
 */

const NAME = /^[\u4e00-\u9fa5]{2,4}$|^[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,8}$/;
const NAME_HEADING = /^(姓名|名字|参加人员|参会人员|签到人)$/;
/** Cells of a sign-in sheet that look like names but are not. */
const NOT_NAMES = new Set(['序号', '姓名', '签名', '单位', '住址', '单位或住址', '联系电话', '电话', '备注', '签到表', '合计', '示例', '本人签名', '工作单位', '性别', '年龄', '职务', '组织单位', '活动名称']);

interface Cell {
  text: string;
  /** Centre, in fractions of the page. */
  x: number;
  y: number;
  height: number;
}

function cells(line: OcrLine): Cell[] {
  const [left, top, right, bottom] = line.box;
  // Full-width digits (４) are digits: NFKC makes them ASCII.
  const text = line.text.normalize('NFKC').trim();
  const total = [...text].length || 1;
  const out: Cell[] = [];
  let offset = 0;
  for (const part of text.split(/(\s+)/)) {
    const length = [...part].length;
    if (part.trim() !== '') {
      const mid = (offset + length / 2) / total;
      out.push({ text: part, x: left + (right - left) * mid, y: (top + bottom) / 2, height: bottom - top });
    }
    offset += length;
  }
  return out;
}

export function signInNames(pages: readonly (readonly OcrLine[])[]): string[] {
  const names: string[] = [];
  for (const lines of pages) {
    const all = lines.flatMap(cells);
    const heading = all.find((c) => NAME_HEADING.test(c.text));
    // Without a heading the sheet is not read as a table: nothing is offered rather than a guess.
    if (!heading) continue;
    // Rows of the table: cells below the heading, grouped by height on the page, read left to right. The name is
    // the first name-like cell of a row (序号 comes before it, 单位 and 签名 after it).
    const rows: Cell[][] = [];
    for (const cell of all.filter((c) => c.y > heading.y + heading.height / 2).sort((a, b) => a.y - b.y)) {
      const row = rows.find((r) => Math.abs(r[0]!.y - cell.y) < Math.max(r[0]!.height, cell.height) * 0.5);
      if (row) row.push(cell);
      else rows.push([cell]);
    }
    for (const row of rows) {
      // A 序号 read without its space ("2向志强") is cut off the name.
      const name = row
        .sort((a, b) => a.x - b.x)
        .map((c) => c.text.replace(/^\d+[.、]?/, ''))
        .find((t) => t !== '');
      if (name && NAME.test(name) && !NOT_NAMES.has(name)) names.push(name);
    }
  }
  return names;
}
