import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { HEADER } from './layout.js';

async function samplePdf(file: string, pages: number): Promise<string> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 72, y: 760, size: 18 });
  writeFileSync(file, await doc.save());
  return file;
}

async function samplePhoto(file: string): Promise<string> {
  await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 140, b: 200 } } }).jpeg().toFile(file);
  return file;
}

describe('checklist after a real binder export', () => {
  it('finds the binder report beside it and prints the binder’s 档号 and page numbers', async () => {
    const core = await tempCore();
    const dir = tempDir();
    await core.api['records.add']({
      files: [await samplePdf(path.join(dir, '实践站工作方案.pdf'), 3)], year: 2024, items: ['1.1.1'], type: '方案', title: '实践站工作方案', date: '2024-03-05',
    });
    await core.api['records.add']({
      files: [await samplePdf(path.join(dir, '活动记录.pdf'), 2)], year: 2024, items: ['1.1.1'], type: '记录', title: '活动记录', date: '2024-04-01',
    });
    await core.api['records.add']({
      files: [await samplePhoto(path.join(dir, 'photo.jpg'))], year: 2024, items: ['1.2.2'], type: '照片', title: '学雷锋活动照片', date: '2024-03-05',
    });
    const binder = await core.api['binder.export']({ year: 2024, out: path.join(dir, '案卷'), number: true });
    const result = await core.api['checklist.export']({ year: 2024, out: path.join(dir, '自查表.xlsx') });
    expect(result.binderReport).toBe(binder.report);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result.path);
    const materials = wb.getWorksheet('材料索引') as ExcelJS.Worksheet;
    const printed = binder.volumes.flatMap((v) => v.documents);
    expect(printed).toHaveLength(3);
    const rows = Array.from({ length: materials.rowCount - 3 }, (_, i) => materials.getRow(4 + i)).filter((r) => r.getCell(13).value !== null);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const doc = printed.find((d) => d.title === row.getCell(6).value);
      expect(doc, String(row.getCell(6).value)).toBeDefined();
      if (!doc) continue;
      expect(row.getCell(3).value).toBe(doc.archivalCode);
      expect(row.getCell(4).value).toBe(doc.volumeNo);
      expect(row.getCell(10).value).toBe(doc.pages);
      const last = doc.firstPageNo + doc.pages - 1;
      expect(row.getCell(5).value).toBe(doc.pages > 1 ? `${doc.firstPageNo}–${last}` : String(doc.firstPageNo));
    }
    const self = wb.getWorksheet('自查表') as ExcelJS.Worksheet;
    const header = new Map<unknown, number>();
    for (const r of [4, 3]) self.getRow(r).eachCell((cell, c) => header.set(cell.value, c));
    const [code, location] = [header.get(HEADER.code) as number, header.get(HEADER.location) as number];
    const locations = new Map<string, unknown>();
    self.eachRow((row, r) => {
      if (r > 4) locations.set(String(row.getCell(code).value), row.getCell(location).value);
    });
    expect(locations.get('1.1.1')).toMatch(/^第\d+卷 第\d+–\d+页$/);
    expect(locations.get('1.2.2')).toMatch(/^第\d+卷 第\d+页$/);
  });
});
