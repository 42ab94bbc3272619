import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Core } from '../../electron/core/api/core.js';
import { deflateStoredZip } from '../../electron/core/checklist/deflate.js';
import { round, roundStat, summarise, timed, type Stat } from '../stats.js';

/**
 * Checklist export of the year on the large edition (every 测评标准 a row, every 件 a line of the 材料索引) and its
 * read-back (`checklist.diff` of the file as exported), each beside what exceljs alone takes for the same cells:
 * writing them as plain values (no styles, formulas, validations, protection or print setup, zipped the same way),
 * and loading the file. The runs alternate, so load on the machine weighs on both sides alike.
 */

export interface ChecklistRunResult {
  items: number;
  records: number;
  rows: number;
  /** `checklist.export`, seconds. */
  seconds: Stat;
  /** exceljs writing the exported workbook's values alone, seconds. */
  plainWriteSeconds: Stat;
  /** Export median ÷ plain write median. */
  ratio: number;
  /** `checklist.diff` of the exported file, seconds. */
  readBackSeconds: Stat;
  /** exceljs loading the exported file alone, seconds. */
  plainReadSeconds: Stat;
  /** Read-back median ÷ plain read median. */
  readRatio: number;
}

type SheetValues = { name: string; rows: ExcelJS.CellValue[][] }[];

/** Every sheet's cell values as a reader sees them: a formula as its stored result. */
async function valuesOf(file: string): Promise<SheetValues> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: ExcelJS.CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = cell.type === ExcelJS.ValueType.Formula ? (cell.result ?? null) : cell.value;
      });
      rows[n - 1] = cells;
    });
    return { name: ws.name, rows };
  });
}

async function writePlain(sheets: SheetValues): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) wb.addWorksheet(sheet.name).addRows(sheet.rows);
  const stored = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>);
  return deflateStoredZip(new Uint8Array(stored));
}

const ratioOf = (ours: Stat, base: Stat): number => round(ours.median / base.median);

export async function measureChecklist(core: Core, options: { year: number; items: number; runs: number; scratch: string }): Promise<ChecklistRunResult> {
  const exportTimes: number[] = [];
  const plainWriteTimes: number[] = [];
  const readBackTimes: number[] = [];
  const plainReadTimes: number[] = [];
  let rows = 0;
  let records = 0;
  await fs.mkdir(options.scratch, { recursive: true });
  const out = path.join(options.scratch, 'checklist.xlsx');
  const plain = path.join(options.scratch, 'checklist-plain.xlsx');
  try {
    for (let r = 0; r < options.runs; r += 1) {
      await fs.rm(out, { force: true });
      const exported = await timed(() => core.api['checklist.export']({ year: options.year, out }));
      exportTimes.push(exported.ms / 1000);
      rows = exported.value.rows;
      records = exported.value.records;

      const sheets = await valuesOf(out);
      const written = await timed(async () => fs.writeFile(plain, await writePlain(sheets)));
      plainWriteTimes.push(written.ms / 1000);

      const readBack = await timed(() => core.api['checklist.diff']({ file: out }));
      // An unchanged file has nothing to bring in; anything else means the round trip is broken, not slow.
      if (readBack.value.changes.length > 0) throw new Error(`read-back of an unchanged checklist proposes ${readBack.value.changes.length} changes`);
      readBackTimes.push(readBack.ms / 1000);
      plainReadTimes.push((await timed(() => new ExcelJS.Workbook().xlsx.readFile(out))).ms / 1000);
    }
  } finally {
    await fs.rm(out, { force: true });
    await fs.rm(plain, { force: true });
  }
  const seconds = roundStat(summarise(exportTimes));
  const plainWriteSeconds = roundStat(summarise(plainWriteTimes));
  const readBackSeconds = roundStat(summarise(readBackTimes));
  const plainReadSeconds = roundStat(summarise(plainReadTimes));
  return {
    items: options.items,
    records,
    rows,
    seconds,
    plainWriteSeconds,
    ratio: ratioOf(summarise(exportTimes), summarise(plainWriteTimes)),
    readBackSeconds,
    plainReadSeconds,
    readRatio: ratioOf(summarise(readBackTimes), summarise(plainReadTimes)),
  };
}
