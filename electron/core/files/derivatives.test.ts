import { statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { makeCmykJpeg, makeJpeg, makeTransparentPng, makeTwoToneJpeg } from '../../../test/support/sample-files.js';

async function pixel(file: string, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

describe('photo derivatives', () => {
  it('turns an EXIF-rotated photo upright in both the thumbnail and the print JPEG', async () => {
    const core = await tempCore();
    const photo = await makeTwoToneJpeg(path.join(tempDir(), 'rotated.jpg'), 6);
    const { records } = await core.api['records.add']({ files: [photo], year: 2024 });
    const file = (await core.api['records.get']({ id: records[0]!.id })).fileList[0]!;
    // Stored 400×200 with orientation 6: shown 200 wide, 400 tall, the red half on top.
    expect([file.width, file.height]).toEqual([200, 400]);
    for (const kind of ['print', 'thumb'] as const) {
      const out = core.archive.files.derivativePath(file.sha256, kind);
      const meta = await sharp(out).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.orientation ?? 1).toBe(1);
      expect(meta.height! / meta.width!).toBe(2);
      const [top, bottom] = [await pixel(out, meta.width! / 2, 5), await pixel(out, meta.width! / 2, meta.height! - 5)];
      expect(top[0]).toBeGreaterThan(200);
      expect(top[2]).toBeLessThan(60);
      expect(bottom[2]).toBeGreaterThan(200);
      expect(bottom[0]).toBeLessThan(60);
    }
  });

  it('limits the print JPEG to a 1600 px long side and the thumbnail to 320 px, never enlarging', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const big = await makeJpeg(path.join(dir, 'big.jpg'), { width: 4000, height: 3000 });
    const small = await makeJpeg(path.join(dir, 'small.jpg'), { width: 300, height: 100, colour: '#123456' });
    await core.api['records.add']({ files: [big, small], year: 2024 });
    const shas = core.archive.db.prepare('SELECT sha256 FROM blobs ORDER BY width DESC').pluck().all() as string[];
    const size = async (sha: string, kind: 'thumb' | 'print'): Promise<[number, number]> => {
      const m = await sharp(core.archive.files.derivativePath(sha, kind)).metadata();
      return [m.width!, m.height!];
    };
    expect(await size(shas[0]!, 'print')).toEqual([1600, 1200]);
    expect(await size(shas[0]!, 'thumb')).toEqual([320, 240]);
    expect(await size(shas[1]!, 'print')).toEqual([300, 100]);
    expect(await size(shas[1]!, 'thumb')).toEqual([300, 100]);
  });

  it('converts a CMYK JPEG to sRGB with its colours intact and puts transparent PNG areas on white', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const cmyk = await makeCmykJpeg(path.join(dir, 'cmyk.jpg'), '#ff0000');
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const png = await makeTransparentPng(path.join(dir, 'logo.png'));
    const { records } = await core.api['records.add']({ files: [cmyk, png], year: 2024 });
    const [cmykFile, pngFile] = await Promise.all(records.map(async (r) => (await core.api['records.get']({ id: r.id })).fileList[0]!));

    const printed = core.archive.files.derivativePath(cmykFile!.sha256, 'print');
    const meta = await sharp(printed).metadata();
    expect([meta.space, meta.channels]).toEqual(['srgb', 3]);
    const [r, g, b] = await pixel(printed, 150, 100);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(80);
    expect(b).toBeLessThan(80);

    const flat = core.archive.files.derivativePath(pngFile!.sha256, 'print');
    expect((await sharp(flat).metadata()).channels).toBe(3);
    expect(await pixel(flat, 5, 5)).toEqual([255, 255, 255]);
    expect((await pixel(flat, 100, 100)).every((v) => v < 30)).toBe(true);
  });

  it('makes derivatives once per content', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const photo = await makeJpeg(path.join(dir, 'a.jpg'));
    await core.api['records.add']({ files: [photo], year: 2024 });
    const sha = core.archive.db.prepare('SELECT sha256 FROM blobs').pluck().get() as string;
    const { mtimeMs } = statSync(core.archive.files.derivativePath(sha, 'print'));
    await core.api['records.add']({ files: [photo], year: 2025 });
    const again = statSync(core.archive.files.derivativePath(sha, 'print')).mtimeMs;
    expect(again).toBe(mtimeMs);
    expect(core.archive.db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(2);
  });
});
