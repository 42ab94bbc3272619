import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { fillSampleYear, SAMPLE } from '../../../test/support/archive-data.js';
import { convertWithLibreOffice, runPython } from '../../../test/support/readers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** What openpyxl (and Python's own zip and XML readers) see in the workbook. */
const INSPECT = String.raw`
import json, sys, zipfile, xml.etree.ElementTree as ET
import openpyxl
from openpyxl.utils import get_column_letter
path = sys.argv[1]
z = zipfile.ZipFile(path)
formulas = []
for name in z.namelist():
    if name.endswith('.xml'):
        root = ET.fromstring(z.read(name))
        if name.startswith('xl/worksheets/'):
            formulas += [name for el in root.iter() if el.tag.endswith('}f')]
wb = openpyxl.load_workbook(path)
out = {'sheets': [[ws.title, ws.sheet_state] for ws in wb.worksheets], 'formulas': formulas}
for ws in wb.worksheets:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None: continue
            v = c.value.isoformat() if hasattr(c.value, 'isoformat') else c.value
            cells[c.coordinate] = [v, c.data_type, c.number_format]
    ps = ws.page_setup
    out[ws.title] = {
        'cells': cells,
        'merged': sorted(str(r) for r in ws.merged_cells.ranges),
        'validations': [[str(dv.sqref), dv.type, dv.formula1] for dv in ws.data_validations.dataValidation],
        'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'titles': ws.print_title_rows,
        'page': [ps.orientation, ps.paperSize, ps.fitToWidth, ps.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None],
        'header': [ws.oddHeader.left.text, ws.oddHeader.center.text], 'footer': ws.oddFooter.center.text,
        'hidden': sorted(get_column_letter(i) for d in ws.column_dimensions.values() if d.hidden for i in range(d.min, d.max + 1)),
        'area': ws.print_area, 'protected': ws.protection.sheet,
    }
print(json.dumps(out, ensure_ascii=False))
`;

interface SheetView {
  cells: Record<string, [string | number, string, string]>;
  merged: string[];
  validations: [string, string, string][];
  freeze: string | null;
  filter: string | null;
  titles: string | null;
  page: [string, number, number, number, boolean | null];
  header: [string, string];
  footer: string;
  hidden: string[];
  area: string[] | string | null;
  protected: boolean;
}
type Inspection = { sheets: [string, string][]; formulas: string[] } & Record<string, SheetView>;

/** An archive with the sample year, its binder report on disk, and where the checklist goes. */
async function sampleArchive() {
  const core = await tempCore();
  const sample = fillSampleYear(core.archive.db);
  const dir = tempDir();
  const report = path.join(dir, 'report.json');
  writeFileSync(report, JSON.stringify(sample.report));
  return { core, dir, report, out: path.join(dir, 'checklist.xlsx') };
}

describe('checklist read by other programs', () => {
  it('exported under TZ=Asia/Shanghai: openpyxl reads the same days, text cells and print setup', async () => {
    const { core, report, out } = await sampleArchive();
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'bin/taizhang.mjs'), 'export', 'checklist', '--archive', core.dir, '--year', String(SAMPLE.year), '--out', out, '--binder-report', report],
      { cwd: ROOT, env: { ...process.env, TZ: 'Asia/Shanghai' }, stdio: 'pipe' },
    );
    const book = runPython<Inspection>(INSPECT, out);
    expect(book.sheets).toEqual([['自查表', 'visible'], ['汇总', 'visible'], ['材料索引', 'visible'], ['整改台账', 'visible'], ['_taizhang', 'veryHidden']]);
    // Formulas only in the 自查表's count line and the 汇总.
    expect(book.formulas.filter((f) => f === 'xl/worksheets/sheet1.xml')).toHaveLength(1);
    expect(book.formulas.filter((f) => f !== 'xl/worksheets/sheet1.xml' && f !== 'xl/worksheets/sheet2.xml')).toEqual([]);

    const materials = book['材料索引'] as SheetView;
    const cellsOf = (view: SheetView, value: string | number) => Object.values(view.cells).filter(([v]) => v === value);
    expect(cellsOf(materials, '2024-12-31T00:00:00')).toEqual([['2024-12-31T00:00:00', 'd', 'yyyy-mm-dd']]);
    expect(cellsOf(materials, '2024-01-01T00:00:00')).toEqual([['2024-01-01T00:00:00', 'd', 'yyyy-mm-dd']]);
    expect(cellsOf(materials, SAMPLE.formulaTitle)).toEqual([[SAMPLE.formulaTitle, 's', '@']]);
    expect(cellsOf(materials, SAMPLE.plusAuthor)).toEqual([[SAMPLE.plusAuthor, 's', '@']]);
    // Filed under two items, it is listed under both.
    expect(cellsOf(materials, SAMPLE.minusTitle)).toEqual([[SAMPLE.minusTitle, 's', '@'], [SAMPLE.minusTitle, 's', '@']]);
    expect(materials.hidden).toEqual(['M', 'N']);
    expect(materials.protected).toBe(true);
    const ledger = book['整改台账'] as SheetView;
    expect(Object.values(ledger.cells).filter(([v]) => v === '2024-05-10T00:00:00')).toHaveLength(2);

    const self = book['自查表'] as SheetView;
    // One 已有材料 column instead of nine counts; the clerk's 单位自查 and the 检查组's columns under their groups.
    expect(self.cells.H3?.[0]).toBe('已有材料');
    expect(self.cells.H5?.[0]).toBe('方案1 签到表0 照片0张 记录0 总结0 活动0次');
    expect(self.cells.M4?.[0]).toBe('检查组意见');
    expect(self.merged).toEqual(expect.arrayContaining(['A1:N1', 'A3:A4', 'I3:L3', 'M3:N3', 'C5:C6']));
    expect(self.validations).toEqual([['I5:I25', 'list', '"齐全,部分,缺失,不适用"']]);
    expect(self.freeze).toBe('A5');
    expect(self.filter).toBe('A4:N25');
    expect(self.area).toEqual(['$A$1:$N$27']);
    expect(self.protected).toBe(true);
    expect(self.titles).toBe('$3:$4');
    expect(self.page).toEqual(['landscape', 9, 1, 0, true]);
    expect(self.header).toEqual(['示例街道文明社区居委会', `${SAMPLE.year} 年度创建文明城市软件资料自查表`]);
    expect(self.footer).toBe('第 &P 页 共 &N 页');
    expect(self.hidden).toEqual(['O', 'P', 'Q']);
    expect(self.cells.O5?.[0]).toBe('1.1.1');
    for (const view of [self, materials, ledger, book['汇总'] as SheetView]) {
      for (const [v, type] of Object.values(view.cells)) {
        if (typeof v !== 'string' || !/^[=+\-@]/.test(v)) continue;
        // Taizhang's own counting formulas; a clerk's text is always a string cell.
        if (type === 'f') expect(v).toMatch(/^=(COUNTA|COUNTIFS?|IF)\(|^="/);
        else expect(type).toBe('s');
      }
    }
  });

  it('LibreOffice converts every sheet to PDF, showing formula-like text as text and real dates', async () => {
    const { core, dir, report, out } = await sampleArchive();
    await core.api['checklist.export']({ year: SAMPLE.year, out, binderReport: report });
    const pdf = convertWithLibreOffice(out, 'pdf', dir);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    for (const title of ['年度创建文明城市软件资料自查表', '年度创建文明城市软件资料汇总', '年度待审材料索引表', '年度督查限时整改一览表']) {
      expect(text).toContain(title);
    }
    // Printed as the text it is (wrapped in its column), never run.
    expect(text).toContain('=HYPERLINK("http://');
    expect(text).toContain('evil.example","点我")');
    expect(text).toContain('2024-12-31');
    expect(text).toMatch(/第2卷\s*第1–5/);
    expect(text).toMatch(new RegExp(`第\\s*1\\s*页\\s*共\\s*${pages}\\s*页`));
    expect(text).not.toContain('_taizhang');
    // The hidden columns are not printed.
    expect(text).not.toContain('导出时的值');
    const csv = readFileSync(convertWithLibreOffice(out, 'csv:Text - txt - csv (StarCalc):44,34,76', dir), 'utf8');
    expect(csv).toContain('一、思想道德建设');
    expect(csv.split('\n').filter((l) => /^\d+,/.test(l))).toHaveLength(21);
  });
});
