import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_MANIFEST, type PackageManifest, type PackageMetadata } from '../../../shared/api/package.js';
import { runPython } from '../../../test/support/readers.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { openZip, readSmallEntry } from '../backup/zip-read.js';
import { fileSampleRecords, rewriteZip } from './testing/sample-package.js';
import { verifyPackage } from './verify.js';

const YEAR = 2025;

async function readEntry(file: string, name: string): Promise<Buffer> {
  const { zip, entries } = await openZip(file, '上报包');
  try {
    return await readSmallEntry(zip, entries.get(name)!, 1e9);
  } finally {
    zip.close();
  }
}

describe('上报包', () => {
  it('holds the year with its 档号, files, binder, checklist, 归档文件目录 and 移交登记表, and verifies; a tampered copy is refused', async () => {
    const core = await tempCore({ name: '和平社区居委会', fonds: 'Z001', filer: '张敏', checker: '李强' });
    const dir = tempDir();
    await fileSampleRecords(core, path.join(dir, 'in'), YEAR, [
      ['学雷锋志愿服务活动方案.pdf', '1.1.1'],
      ['义诊现场.jpg', '1.1.1'],
      ['=HYPERLINK 会议记录.docx', '1.2.1'],
    ]);
    const out = path.join(dir, '上报包.zip');
    const run = await cli('--archive', core.dir, 'package', '--year', String(YEAR), '--out', out, '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ path: string; records: number; files: number; contentHash: string }>();
    expect(result).toMatchObject({ path: out, records: 3, files: 3 });

    const verified = await cli('verify', out, '--json');
    expect(verified.code).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, problems: [], unit: '和平社区居委会', year: YEAR, contentHash: result.contentHash });

    const manifest = JSON.parse((await readEntry(out, PACKAGE_MANIFEST)).toString()) as PackageManifest;
    const names = manifest.entries.map((e) => e.path);
    expect(names).toEqual(expect.arrayContaining(['metadata.json', '自查表.xlsx', '2025年度归档文件目录.xlsx', '2025年度归档文件目录.csv', '移交登记表.pdf']));
    expect(names.some((n) => /^binders\/.+\.pdf$/.test(n))).toBe(true);
    expect(manifest.archive).toMatchObject({ unit: '和平社区居委会', fonds: 'Z001' });
    expect(manifest.archive.id).toMatch(/^[0-9a-f-]{36}$/);

    const metadata = JSON.parse((await readEntry(out, 'metadata.json')).toString()) as PackageMetadata;
    const numbered = metadata.records.map((r) => r.archivalCode);
    expect(numbered.every((c) => c !== null && c.startsWith('Z001-WS·2025-'))).toBe(true);
    const stored = (await core.api['archival.catalogue']({ year: YEAR })).map((r) => r.archivalCode).sort();
    expect([...numbered].sort()).toEqual(stored);
    expect(metadata.records.find((r) => r.title.includes('义诊'))?.items).toEqual(['1.1.1']);
    expect(metadata.statuses.find((s) => s.code === '1.1.1')?.records).toBe(2);
    expect(metadata.editions[0]!.key).toBe(metadata.edition);

    // Each 件 says where it is printed, and that page of that volume is its first: what is printed there is its own.
    const volumes = metadata.documents.filter((d) => d.kind === 'binder').map((d) => d.path);
    const pageText = async (volume: string, page: number): Promise<string> => {
      const file = path.join(tempDir(), 'volume.pdf');
      await fs.writeFile(file, await readEntry(out, volume));
      return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' });
    };
    for (const r of metadata.records) {
      expect(r.binder, r.title).toHaveLength(1);
      const [at] = r.binder!;
      expect(volumes).toContain(at!.document);
      expect(at!.pages).toBeGreaterThan(0);
      // The 归档章 on a 件's first page carries its 件号.
      const stamp = /全宗号年度件号Z0012025(\d+)机构/.exec((await pageText(at!.document, at!.page)).replace(/\s+/g, ''));
      expect(Number(stamp?.[1]), r.title).toBe(r.piece);
    }

    // The 移交登记表 prints the content hash; the catalogue workbook opens in openpyxl with the formula-like title as text.
    const work = tempDir();
    const sheet = path.join(work, 'sheet.pdf');
    await fs.writeFile(sheet, await readEntry(out, '移交登记表.pdf'));
    const text = execFileSync('pdftotext', ['-layout', sheet, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('移交登记表');
    expect(text).toContain(result.contentHash);
    expect(text).toContain('和平社区居委会');
    const xlsx = path.join(work, 'catalogue.xlsx');
    await fs.writeFile(xlsx, await readEntry(out, '2025年度归档文件目录.xlsx'));
    const rows = runPython<(string | number | null)[][]>(
      'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1]).active\nprint(json.dumps([[c.value for c in r] for r in ws.iter_rows()], default=str))',
      xlsx,
    );
    expect(rows[1]).toEqual(['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注']);
    expect(rows.length).toBe(2 + 3);
    expect(rows.some((r) => String(r[4]).includes('HYPERLINK'))).toBe(true);
    const csv = (await readEntry(out, '2025年度归档文件目录.csv')).toString('utf8');
    expect(csv.startsWith('\uFEFF"序号"')).toBe(true);

    // Tampered: one byte of a filed file, a dropped entry, an extra entry, a rewritten manifest hash.
    const pdfEntry = manifest.entries.find((e) => e.path.startsWith('files/') && e.size > 500)!;
    const changed = path.join(dir, 'changed.zip');
    await rewriteZip(out, changed, (name, data) => (name === pdfEntry.path ? Buffer.concat([data.subarray(0, 100), Buffer.from('X'), data.subarray(101)]) : undefined));
    const bad = await cli('verify', changed, '--json');
    expect(bad.code).toBe(1);
    const report = bad.json<{ ok: boolean; problems: string[] }>();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringContaining(pdfEntry.path)]);

    const dropped = path.join(dir, 'dropped.zip');
    await rewriteZip(out, dropped, (name) => (name === '自查表.xlsx' ? null : undefined), [{ name: 'extra.exe', data: Buffer.from('MZ') }]);
    const droppedReport = await verifyPackage(dropped);
    expect(droppedReport.ok).toBe(false);
    expect(droppedReport.problems.join('\n')).toContain('自查表.xlsx');
    expect(droppedReport.problems.join('\n')).toContain('extra.exe');

    const forged = path.join(dir, 'forged.zip');
    await rewriteZip(out, forged, (name, data) => {
      if (name === 'metadata.json') return Buffer.from(data.toString().replace('和平社区居委会', '别的社区居委会'));
      if (name !== PACKAGE_MANIFEST) return undefined;
      const m = JSON.parse(data.toString()) as PackageManifest;
      // A forger who also fixes the metadata's hash in the manifest still breaks the content hash.
      m.entries = m.entries.map((e) => (e.path === 'metadata.json' ? { ...e, sha256: 'f'.repeat(64) } : e));
      return Buffer.from(JSON.stringify(m));
    });
    const forgedReport = await verifyPackage(forged);
    expect(forgedReport.ok).toBe(false);
    expect(forgedReport.problems.join('\n')).toMatch(/metadata\.json[\s\S]*校验值/);

    const notZip = path.join(dir, 'note.zip');
    await fs.writeFile(notZip, '不是压缩包');
    const notZipRun = await cli('verify', notZip, '--json');
    expect(notZipRun.code).toBe(1);
    expect(notZipRun.json<{ problems: string[] }>().problems[0]).toContain('不是完整的 zip');
    expect(notZipRun.stdout).not.toMatch(/at .*\.ts:\d+/);

    // A package is never overwritten, and nothing is left half-written beside it.
    const again = await cli('--archive', core.dir, 'package', '--year', String(YEAR), '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('不会覆盖');
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.part'))).toEqual([]);
    expect(existsSync(out)).toBe(true);
  }, 240_000);

  it('refuses a year with nothing filed, in words', async () => {
    const core = await tempCore();
    const run = await cli('--archive', core.dir, 'package', '--year', '2025', '--out', path.join(tempDir(), 'p.zip'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('没有归入测评项目的材料');
  });
});
