import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import type { Core } from '../../electron/core/api/core.js';

/** A small real PDF of `pages` pages whose text carries `label`, so every file has distinct bytes. */
export async function makePdf(file: string, label: string, pages = 1): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`${label} p${i + 1}`, { x: 50, y: 780, size: 14, font });
  writeFileSync(file, await doc.save());
  return file;
}

/** A small real JPEG with a colour derived from `seed`. */
export async function makeJpeg(file: string, seed: number, width = 64, height = 48): Promise<string> {
  const jpeg = await sharp({ create: { width, height, channels: 3, background: { r: seed % 256, g: (seed * 7) % 256, b: (seed * 13) % 256 } } })
    .jpeg()
    .toBuffer();
  writeFileSync(file, jpeg);
  return file;
}

/** Items of the example index that fixtures file records under. */
export const SEED_ITEMS = ['1.1.1', '1.2.2', '2.2.1'];

/**
 * Fills an archive through the real API: `count` records in `year`, alternating PDFs and photos, spread over a few
 * items (every third record under two items). Returns the record ids.
 */
export async function seedArchive(core: Core, workDir: string, count: number, year = 2024): Promise<number[]> {
  const src = path.join(workDir, `seed-${year}`);
  mkdirSync(src, { recursive: true });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const file =
      i % 2 === 0
        ? await makePdf(path.join(src, `${year}-03-${String((i % 28) + 1).padStart(2, '0')} 活动方案${i}.pdf`), `plan ${year} ${i}`)
        : await makeJpeg(path.join(src, `活动照片${i}.jpg`), year + i);
    const items = i % 3 === 0 ? [SEED_ITEMS[i % SEED_ITEMS.length]!, SEED_ITEMS[(i + 1) % SEED_ITEMS.length]!] : [SEED_ITEMS[i % SEED_ITEMS.length]!];
    const added = await core.api['records.add']({ files: [file], year, items });
    if (added.errors.length > 0) throw new Error(`seed failed: ${added.errors.map((e) => e.message).join('; ')}`);
    ids.push(...added.records.map((r) => r.id));
  }
  return ids;
}
