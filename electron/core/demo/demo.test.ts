import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST_SHEETS } from '../../../shared/api/checklist.js';
import { cli, tempDir } from '../../../test/support/temp.js';
import { openCore } from '../api/core.js';
import { initArchive } from '../archive/init.js';
import { runPython } from '../../../test/support/readers.js';
import { readExif } from '../files/image.js';
import type { DemoReport } from './run-demo.js';
import { demoScenario, type DemoYear } from './scenario.js';

const TODAY = new Date();
const THIS_YEAR = TODAY.getFullYear();

/** Files the scenario makes for a year: each activity's documents and photos, standalone documents and their photos. */
function materialsOf(y: DemoYear): number {
  return (
    y.activities.reduce((n, a) => n + a.documents.length + a.photos.length, 0) +
    y.documents.reduce((n, d) => n + 1 + (d.photos?.length ?? 0), 0)
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
}

/** Share of dark pixels on a page rendered by poppler, optionally only a band of it (in points from the top). */
async function ink(pdf: string, page: number, band?: { top: number; height: number }): Promise<number> {
  const crop = band ? ['-x', '0', '-y', String(band.top), '-W', '595', '-H', String(band.height)] : [];
  const png = execFileSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-png', '-singlefile', ...crop, pdf]);
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const v of data) if (v < 160) dark += 1;
  return dark / (info.width * info.height);
}

describe('taizhang demo DIR', () => {
  let dir: string;
  let report: DemoReport;

  beforeAll(async () => {
    // Not tempDir(): that one is emptied after each test, and every test here reads the one demo.
    dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-demo-'));
    const run = await cli('demo', dir, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    report = run.json<DemoReport>();
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('files two years of materials through the API, with activities, carried-over rules and a ledger', async () => {
    const scenario = demoScenario(THIS_YEAR);
    expect(report.years.map((y) => y.year)).toEqual([THIS_YEAR - 1, THIS_YEAR]);
    expect(report.carried).toBe(scenario.rules.length);
    const [last, current] = report.years as [DemoReport['years'][0], DemoReport['years'][0]];
    expect(last.records).toBe(materialsOf(scenario.lastYear) + scenario.rules.length);
    expect(current.records).toBe(materialsOf(scenario.thisYear) + scenario.rules.length);
    expect(last.activities).toBe(scenario.lastYear.activities.length);
    expect(current.activities).toBe(scenario.thisYear.activities.length);
    expect(report.ledger).toEqual({ rows: 2, overdue: 1 });
    expect(report.warnings).toEqual([]);

    const core = await openCore(report.archive);
    try {
      const years = (await core.api['archive.years']({})).map((y) => y.year);
      expect(years).toEqual(expect.arrayContaining([THIS_YEAR - 1, THIS_YEAR]));
      for (const year of [THIS_YEAR - 1, THIS_YEAR]) {
        const records = await core.api['records.list']({ year });
        expect(records.every((r) => r.title.includes('示例')), `${year} titles`).toBe(true);
        // Records are spread over the items of the example index, not piled under one.
        expect(new Set(records.flatMap((r) => r.items.map((i) => i.code))).size).toBeGreaterThanOrEqual(8);
      }
      const photos = (await core.api['records.list']({ year: THIS_YEAR, type: '照片' }))[0]!;
      const detail = await core.api['records.get']({ id: photos.id });
      expect(Object.keys(detail.caption).sort()).toEqual(['background', 'people', 'photographer', 'place', 'subject', 'time']);
      expect(detail.fileList[0]!.exifDate).toMatch(new RegExp(`^${THIS_YEAR}-`));
      // Last year came in as a folder tree; what folders cannot say was filled in afterwards.
      const lastPhotos = await core.api['records.list']({ year: THIS_YEAR - 1, type: '照片' });
      const lastPhoto = lastPhotos.find((p) => p.activity !== null)!;
      expect(Object.keys((await core.api['records.get']({ id: lastPhoto.id })).caption)).toHaveLength(6);
      const notices = await core.api['records.list']({ year: THIS_YEAR - 1, type: '通知' });
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.every((n) => n.docNo.startsWith(`示例社〔${THIS_YEAR - 1}〕`))).toBe(true);
      const rules = await core.api['records.list']({ year: THIS_YEAR, type: '制度' });
      expect(rules).toHaveLength(scenario.rules.length);
    } finally {
      core.close();
    }
  });

  it('leaves the gap it means to: this year’s summer activity has no sign-in sheet', () => {
    const gap = report.gaps.find((g) => g.code === '2.2.1');
    expect(gap?.reason).toContain('签到表');
  });

  it('makes materials marked 示例, with real Chinese text and photos that carry EXIF dates and orientation', async () => {
    const files = filesUnder(report.materials);
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    const photos = files.filter((f) => f.endsWith('.jpg'));
    expect(files.every((f) => path.basename(f).includes('示例'))).toBe(true);
    const signIn = pdfs.find((f) => f.includes('签到表'))!;
    expect(execFileSync('pdftotext', [signIn, '-'], { encoding: 'utf8' })).toMatch(/示例[\s\S]*序号[\s\S]*姓名[\s\S]*签名/);
    // The title band holds text only: ink there means the Chinese glyphs were really drawn.
    expect(await ink(signIn, 1, { top: 60, height: 50 })).toBeGreaterThan(0.02);

    const orientations = await Promise.all(photos.map(async (p) => (await sharp(p).metadata()).orientation ?? 1));
    expect(orientations).toContain(6);
    expect(orientations).toContain(1);
    const exif = await readExif(photos[0]!);
    expect(exif.exifDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('exports this year’s binders and overview that qpdf accepts and that render with ink', async () => {
    expect(report.binders.length).toBeGreaterThanOrEqual(4);
    const pdfs = [...report.binders.map((b) => b.path), report.overview!];
    for (const pdf of pdfs) {
      expect(() => execFileSync('qpdf', ['--check', pdf], { stdio: 'pipe' }), path.basename(pdf)).not.toThrow();
      expect(await ink(pdf, 1), path.basename(pdf)).toBeGreaterThan(0.005);
    }
    const total = report.binders.reduce((n, b) => n + b.documents, 0);
    expect(total).toBe(report.years[1]!.records);
  });

  it('exports a checklist that openpyxl opens, with every sheet and every 件 of the year', () => {
    const book = runPython<{ sheets: string[]; indexRows: number }>(
      `import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({"sheets": wb.sheetnames, "indexRows": wb["材料索引"].max_row}))`,
      report.checklist,
    );
    expect(book.sheets).toEqual(expect.arrayContaining([...CHECKLIST_SHEETS]));
    expect(book.indexRows).toBeGreaterThan(report.years[1]!.records);
  });

  it('refuses a folder whose archive it did not make, and says how to go on', async () => {
    const other = tempDir('taizhang-demo-');
    (await initArchive(path.join(other, 'archive'))).close();
    const run = await cli('demo', other);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--force');
    expect(readdirSync(other)).toEqual(['archive']);
  });
});
