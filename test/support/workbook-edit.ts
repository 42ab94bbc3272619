import ExcelJS from 'exceljs';
import { runPython } from './readers.js';

/** Edits a workbook the way another program would: openpyxl loads it, changes it and saves it under a new name. */
const EDIT = String.raw`
import datetime, json, sys
import openpyxl
src, dst, ops = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = openpyxl.load_workbook(src)
for op in ops:
    kind = op[0]
    if kind == 'set':
        wb[op[1]][op[2]] = op[3]
    elif kind == 'date':
        wb[op[1]][op[2]] = datetime.date.fromisoformat(op[3])
    elif kind == 'swap':
        ws, a, b, first, last = wb[op[1]], op[2], op[3], op[4], op[5]
        for col in range(first, last + 1):
            x, y = ws.cell(a, col), ws.cell(b, col)
            x.value, y.value = y.value, x.value
    elif kind == 'delete_rows':
        wb[op[1]].delete_rows(op[2])
    elif kind == 'delete_cols':
        wb[op[1]].delete_cols(op[2], op[3])
    elif kind == 'delete_sheet':
        del wb[op[1]]
    elif kind == 'rename_sheet':
        wb[op[1]].title = op[2]
wb.save(dst)
print('null')
`;

export type EditOp = (string | number)[];

export function editWorkbook(src: string, dst: string, ops: EditOp[]): string {
  runPython(EDIT, src, dst, JSON.stringify(ops));
  return dst;
}

/** Cached values as a reader without a formula engine sees them: openpyxl with data_only=True. */
export function cachedValues(file: string, sheet: string, cells: string[]): (string | number | null)[] {
  return runPython(
    String.raw`
import json, sys
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1], data_only=True)[sys.argv[2]]
print(json.dumps([ws[c].value for c in json.loads(sys.argv[3])], ensure_ascii=False, default=str))
`,
    file,
    sheet,
    JSON.stringify(cells),
  );
}

export interface SheetMap {
  /** The sheet row holding a key (item code, record number…), the first when it is on several. */
  row: (key: string) => number;
  /** The column letter of a header. */
  col: (header: string) => string;
  colNo: (header: string) => number;
}

/** Where things are in an exported sheet: the rows of its hidden keys and the columns of its headers. */
export async function locateSheet(file: string, sheet: string, headerRows: readonly number[], keyHeader: string): Promise<SheetMap> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet) as ExcelJS.Worksheet;
  const headers = new Map<string, number>();
  for (const r of [...headerRows].reverse()) {
    ws.getRow(r).eachCell((cell, c) => {
      if (typeof cell.value === 'string' && !headers.has(cell.value)) headers.set(cell.value, c);
    });
  }
  const keyCol = headers.get(keyHeader) as number;
  const rows = new Map<string, number>();
  const last = headerRows[headerRows.length - 1] as number;
  ws.eachRow((row, r) => {
    const key = row.getCell(keyCol).value;
    if (r > last && key !== null && !rows.has(String(key))) rows.set(String(key), r);
  });
  const colNo = (h: string): number => headers.get(h) ?? Number.NaN;
  return { row: (k) => rows.get(k) ?? Number.NaN, col: (h) => ws.getColumn(colNo(h)).letter, colNo };
}
