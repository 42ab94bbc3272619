import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { makeJpeg } from '../../../test/support/sample-files.js';
import { addRecord, makeFullBleedPdf, YEAR } from './testing/sample-archive.js';

const DPI = 60;
/** Whole pixel columns inside the 25 mm strip: the strip must be blank to its last one. */
const STRIP_PX = Math.floor((25 / 25.4) * DPI);

interface Page {
  number: number;
  width: number;
  height: number;
  /** Non-white pixels in the left and right 25 mm strips, and the share of ink over the whole page. */
  left: number;
  right: number;
  inked: number;
}

/** Every page of the PDF rendered by pdftoppm, with the ink counted in both edge strips. */
async function scanPages(file: string): Promise<Page[]> {
  const dir = tempDir('taizhang-margin-');
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', file, path.join(dir, 'p')]);
  const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  const pages: Page[] = [];
  for (const [i, name] of files.entries()) {
    const { data, info } = await sharp(path.join(dir, name)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let left = 0;
    let right = 0;
    let dark = 0;
    for (let y = 0; y < info.height; y += 1) {
      for (let x = 0; x < info.width; x += 1) {
        const k = (y * info.width + x) * info.channels;
        if (data[k]! > 235 && data[k + 1]! > 235 && data[k + 2]! > 235) continue;
        dark += 1;
        if (x < STRIP_PX) left += 1;
        if (x >= info.width - STRIP_PX) right += 1;
      }
    }
    pages.push({ number: i + 1, width: info.width, height: info.height, left, right, inked: dark / (info.width * info.height) });
  }
  return pages;
}

async function archiveWithFullBleedPages(): Promise<Awaited<ReturnType<typeof tempCore>>> {
  const core = await tempCore();
  const dir = tempDir();
  await addRecord(core, {
    files: [await makeFullBleedPdf(path.join(dir, 'full.pdf'), { pages: 3 })], items: ['1.1.2'], type: '方案', title: '满版扫描的活动方案', date: '2024-03-01',
  });
  await addRecord(core, {
    files: [await makeFullBleedPdf(path.join(dir, 'wide.pdf'), { size: [841.89, 595.28] })], items: ['1.1.2'], type: '总结', title: '横版活动总结', date: '2024-03-20',
  });
  await addRecord(core, {
    files: [await makeFullBleedPdf(path.join(dir, 'turned.pdf'), { pages: 2, rotate: 90 })], items: ['1.1.2'], type: '记录', title: '旋转页面的活动记录', date: '2024-03-21',
  });
  await addRecord(core, {
    files: [await makeJpeg(path.join(dir, 'photo.jpg'))], items: ['1.1.2'], type: '照片', title: '活动照片', date: '2024-03-05',
    caption: { subject: '学雷锋志愿服务', time: '2024-03-05', place: '社区广场', people: '志愿者' },
  });
  await core.api['archival.number']({ year: YEAR });
  return core;
}

describe('binding margin', () => {
  it('leaves the 25 mm binding strip blank on every page: the left edge single-sided, the back’s right edge double-sided', async () => {
    const core = await archiveWithFullBleedPages();
    const out = tempDir();
    for (const duplex of [false, true]) {
      const report = await core.api['binder.export']({ year: YEAR, item: '1', out: path.join(out, `duplex-${duplex}.pdf`), duplex, fitA4: duplex });
      const volume = report.volumes[0]!;
      const pages = await scanPages(volume.path);
      expect(pages).toHaveLength(volume.pages);
      const copied = volume.documents.filter((d) => d.title !== '活动照片').flatMap((d) => Array.from({ length: d.pages }, (_, k) => d.startPage + k));
      expect(copied).toHaveLength(6);
      for (const p of pages) {
        const back = duplex && p.number % 2 === 0;
        expect(back ? p.right : p.left, `${duplex ? '双面' : '单面'}第 ${p.number} 页装订边`).toBe(0);
      }
      for (const n of copied) {
        const page = pages[n - 1]!;
        // The full-bleed source is still there, only moved off the binding edge: most of the page is ink, and it reaches the outer strip.
        expect(page.inked, `第 ${n} 页`).toBeGreaterThan(0.6);
        const back = duplex && n % 2 === 0;
        expect(back ? page.left : page.right, `第 ${n} 页外侧`).toBeGreaterThan(0);
      }
      if (duplex) expect(copied.some((n) => n % 2 === 0)).toBe(true);
    }
  });
});
