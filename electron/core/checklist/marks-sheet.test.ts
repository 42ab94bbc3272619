import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillSampleYear, SAMPLE } from '../../../test/support/archive-data.js';
import { pageTexts } from '../../../test/support/pdf-inspect.js';
import { convertWithLibreOffice, runPython } from '../../../test/support/readers.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { editWorkbook, locateSheet } from '../../../test/support/workbook-edit.js';
import { HEADER, META_SHEET, SELF_CHECK_SHEET } from './layout.js';
import { markSheetVeryHidden } from './marks-sheet.js';

/** Each sheet's title, its state as openpyxl reads it, and every value it holds. */
function workbookAsOpenpyxlSees(file: string): { sheets: [string, string][]; values: Record<string, Record<string, string>> } {
  return runPython(
    String.raw`
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
values = {ws.title: {c.coordinate: str(c.value) for row in ws.iter_rows() for c in row if c.value is not None} for ws in wb.worksheets}
print(json.dumps({'sheets': [[ws.title, ws.sheet_state] for ws in wb.worksheets], 'values': values}, ensure_ascii=False))
`,
    file,
  );
}

const stateOf = (file: string, sheet: string): string | undefined => workbookAsOpenpyxlSees(file).sheets.find(([name]) => name === sheet)?.[1];

describe('the marks sheet', () => {
  it('is written very hidden, and a file LibreOffice saved has it very hidden again once applied, every value kept', async () => {
    const core = await tempCore();
    fillSampleYear(core.archive.db);
    const dir = tempDir();
    const out = path.join(dir, 'checklist.xlsx');
    await core.api['checklist.export']({ year: SAMPLE.year, out });
    expect(stateOf(out, META_SHEET)).toBe('veryHidden');

    const self = await locateSheet(out, SELF_CHECK_SHEET, [3, 4], HEADER.code);
    const edited = editWorkbook(out, path.join(dir, 'edited.xlsx'), [['set', SELF_CHECK_SHEET, `${self.col(HEADER.status)}${self.row('2.1.1')}`, '不适用']]);
    const saved = convertWithLibreOffice(edited, 'xlsx', path.join(dir, 'lo'));
    expect(stateOf(saved, META_SHEET)).toBe('hidden');
    const before = workbookAsOpenpyxlSees(saved);

    const applied = await core.api['checklist.apply']({ file: saved });
    expect(applied.applied).toBe(1);
    expect(applied.problems.filter((p) => p.kind === 'notice').map((p) => p.message)).toEqual([expect.stringMatching(/已在文件中恢复为深度隐藏/)]);
    const after = workbookAsOpenpyxlSees(saved);
    expect(after.sheets).toEqual(before.sheets.map(([name, state]) => [name, name === META_SHEET ? 'veryHidden' : state]));
    expect(after.values).toEqual(before.values);

    // The file reads back as one of ours, without the notice, with nothing left to bring in.
    const again = await core.api['checklist.diff']({ file: saved });
    expect(again.problems).toEqual([]);
    expect(again.changes).toEqual([]);
    // LibreOffice still opens it: it converts to a PDF that shows the 自查表.
    const pdf = convertWithLibreOffice(saved, 'pdf', path.join(dir, 'pdf'));
    expect(existsSync(pdf)).toBe(true);
    expect(pageTexts(pdf).join('\n')).toContain('2.1.1');
    core.close();
  }, 180_000);

  it('sets only the marks sheet very hidden in the workbook part, with or without a state', () => {
    const sheets = (marks: string) =>
      `<sheets><sheet name="自查表" sheetId="1" state="hidden" r:id="rId1"/>${marks}<sheet name="汇总" sheetId="2" r:id="rId2"/></sheets>`;
    expect(markSheetVeryHidden(sheets(`<sheet name="${META_SHEET}" sheetId="5" state="hidden" r:id="rId6"/>`))).toBe(
      sheets(`<sheet name="${META_SHEET}" sheetId="5" state="veryHidden" r:id="rId6"/>`),
    );
    expect(markSheetVeryHidden(sheets(`<sheet name="${META_SHEET}" sheetId="5" r:id="rId6"/>`))).toBe(
      sheets(`<sheet name="${META_SHEET}" sheetId="5" r:id="rId6" state="veryHidden"/>`),
    );
    expect(markSheetVeryHidden(sheets(''))).toBe(sheets(''));
  });
});
