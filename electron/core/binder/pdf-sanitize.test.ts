import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { BinderReport } from '../../../shared/api/binder.js';
import { pageTexts } from '../../../test/support/pdf-inspect.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';

/**
 * A PDF as a hostile sender makes it: JavaScript on opening the page, a link that launches cmd.exe, a URI link, a
 * file attachment with an embedded file, and a form field whose widget runs a script.
 */
async function hostilePdf(file: string): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 2; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Meeting minutes page ${n}`, { x: 50, y: 780, size: 14, font });
  }
  const ctx = doc.context;
  const js = (code: string) => ctx.obj({ S: 'JavaScript', JS: PDFString.of(code) });
  const [first, second] = doc.getPages();
  first!.node.set(PDFName.of('AA'), ctx.obj({ O: js('app.alert("opened")'), C: js('app.alert("closed")') }));
  const embedded = ctx.register(ctx.flateStream('MZ evil payload', { Type: 'EmbeddedFile' }));
  const annots = [
    ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [50, 700, 200, 720], A: { S: 'Launch', F: PDFString.of('cmd.exe'), Win: { F: PDFString.of('cmd.exe'), P: PDFString.of('/c calc') } } }),
    ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [50, 650, 200, 670], A: { S: 'URI', URI: PDFString.of('http://127.0.0.1:9/track') } }),
    ctx.obj({ Type: 'Annot', Subtype: 'FileAttachment', Rect: [50, 600, 70, 620], FS: { Type: 'Filespec', F: PDFString.of('invoice.exe'), EF: { F: embedded } } }),
    ctx.obj({ Type: 'Annot', Subtype: 'Text', Rect: [300, 600, 320, 620], Contents: PDFString.of('a harmless note'), AA: { E: js('app.launchURL("http://x")') } }),
  ].map((a) => ctx.register(a));
  const field = ctx.register(ctx.obj({ FT: 'Tx', T: PDFString.of('name'), AA: { K: js('event.rc = app.alert(1)') } }));
  const widget = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', Rect: [50, 500, 200, 520], Parent: field, A: js('this.print()') }));
  ctx.lookup(field, PDFDict).set(PDFName.of('Kids'), ctx.obj([widget]));
  first!.node.set(PDFName.of('Annots'), ctx.obj(annots));
  second!.node.set(PDFName.of('Annots'), ctx.obj([widget]));
  doc.catalog.set(PDFName.of('OpenAction'), js('app.alert("catalog")'));
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [field] }));
  writeFileSync(file, await doc.save());
  return file;
}

/** Every object of a PDF as qpdf reads it (qpdf --json), as one text to search. */
function qpdfObjects(file: string): string {
  return execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
}

describe('binder copies of filed PDFs', () => {
  it('lose their scripts, actions, links, attachments and embedded files; the report says so; the pages read the same', async () => {
    const core = await tempCore();
    const src = await hostilePdf(path.join(tempDir(), '会议记录.pdf'));
    expect(qpdfObjects(src)).toMatch(/\/JavaScript/);
    const added = await core.api['records.add']({ files: [src], year: 2024, items: ['1.1.1'], type: '记录' });
    expect(added.errors).toEqual([]);
    const out = path.join(tempDir(), '案卷');
    const run = await cli('--archive', core.dir, 'export', 'binder', '--year', '2024', '--out', out, '--json');
    expect(run.code).toBe(0);
    const report = run.json<BinderReport>();
    expect(report.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/已去除 PDF 中的活动内容（.*脚本.*启动程序的动作.*网址链接.*）/));
    for (const name of readdirSync(out).filter((n) => n.endsWith('.pdf'))) {
      const objects = qpdfObjects(path.join(out, name));
      for (const active of ['/JavaScript', '/JS', '/Launch', '/URI', '/EmbeddedFile', '/FileAttachment', '/AA', '/OpenAction', 'cmd.exe', '127.0.0.1']) {
        expect({ name, active, found: objects.includes(active) }).toEqual({ name, active, found: false });
      }
      const text = pageTexts(path.join(out, name)).join('\n');
      expect(text).toMatch(/Meeting minutes page 1/);
      expect(text).toMatch(/Meeting minutes page 2/);
    }
  }, 120_000);
});
