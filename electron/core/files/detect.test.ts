import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { archiveState } from '../../../test/support/archive-state.js';
import { detectType } from './detect.js';
import { makeDocx, makeJpeg, makeOleFile, makePdf } from '../../../test/support/sample-files.js';

/** An ISO media header ("ftyp" box) with the given brands, followed by filler. */
function isoMedia(file: string, major: string, compatible: string[]): string {
  const brands = [major, '\0\0\0\0', ...compatible].join('');
  const box = Buffer.alloc(8 + brands.length);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brands, 8, 'latin1');
  writeFileSync(file, Buffer.concat([box, Buffer.alloc(512, 1)]));
  return file;
}

describe('detectType', () => {
  it('tells formats apart by content, whatever the extension says', async () => {
    const dir = tempDir();
    const xlsx = path.join(dir, 'x.bin');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账').addRow(['姓名', '服务时长']);
    await workbook.xlsx.writeFile(xlsx);
    const cases: [string, string, string][] = [
      [await makePdf(path.join(dir, 'a.doc')), 'pdf', 'PDF'],
      [await makeJpeg(path.join(dir, 'b.png')), 'image', 'JPEG'],
      [await makeDocx(path.join(dir, 'c.zip'), ['x']), 'docx', 'Word (DOCX)'],
      [xlsx, 'xlsx', 'Excel (XLSX)'],
      [makeOleFile(path.join(dir, 'd.doc')), 'office', 'Word 97-2003 (DOC)'],
      [makeOleFile(path.join(dir, 'e.et')), 'office', 'WPS 表格'],
      [isoMedia(path.join(dir, 'f.jpg'), 'heic', ['mif1', 'heic']), 'image', 'HEIC'],
      [isoMedia(path.join(dir, 'g.heic'), 'mif1', ['avif', 'mif1']), 'image', 'AVIF'],
      [isoMedia(path.join(dir, 'h.mp4'), 'isom', ['isom', 'mp41']), 'other', 'MP4/MOV'],
    ];
    for (const [file, kind, format] of cases) {
      const detected = await detectType(file, path.extname(file));
      expect([path.basename(file), detected.kind, detected.format]).toEqual([path.basename(file), kind, format]);
    }
  });
});

describe('more formats through records.add', () => {
  it('reads the text of an XLSX workbook and decodes AVIF photos', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const xlsx = path.join(dir, '志愿者服务台账.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('三月');
    sheet.addRow(['姓名', '服务内容', '时长']);
    sheet.addRow(['王芳', '敬老院慰问', 3]);
    await workbook.xlsx.writeFile(xlsx);
    const avif = path.join(dir, '活动.avif');
    await sharp({ create: { width: 120, height: 80, channels: 3, background: '#3366cc' } }).avif().toFile(avif);

    const result = await core.api['records.add']({ files: [xlsx, avif], year: 2024 });
    expect(result.errors).toEqual([]);
    const [ledger, photo] = await Promise.all(result.records.map((r) => core.api['records.get']({ id: r.id })));
    expect(ledger).toMatchObject({ type: '台账', fileList: [{ kind: 'xlsx', binderNote: null }] });
    expect(core.archive.db.prepare("SELECT text FROM blobs WHERE kind = 'xlsx'").pluck().get()).toMatch(/三月[\s\S]*王芳 敬老院慰问 3/);
    expect(photo).toMatchObject({ type: '照片', fileList: [{ kind: 'image', mime: 'image/avif', width: 120, height: 80 }] });
    expect((await sharp(core.archive.files.derivativePath(photo!.fileList[0]!.sha256, 'print')).metadata()).format).toBe('jpeg');
  });

  it('reports a HEIC file that cannot be decoded, and keeps the archive unchanged', async () => {
    const core = await tempCore();
    const heic = isoMedia(path.join(tempDir(), 'IMG_1234.HEIC'), 'heic', ['mif1', 'heic']);
    const before = archiveState(core);
    const result = await core.api['records.add']({ files: [heic], year: 2024 });
    expect(result.errors).toEqual([{ file: heic, message: expect.stringMatching(/HEIC 照片无法解码/) }]);
    expect(archiveState(core)).toEqual(before);
  });
});
