import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../../electron/core/api/core.js';
import { makeJpeg, makePdf } from '../support/sample-files.js';

/** A colour of its own for each seed, so generated photos have distinct bytes. */
export function colourOf(seed: number): string {
  return `#${[seed * 37, seed * 91, seed * 53].map((v) => (v % 256).toString(16).padStart(2, '0')).join('')}`;
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
        ? await makePdf(path.join(src, `${year}-03-${String((i % 28) + 1).padStart(2, '0')} 活动方案${i}.pdf`), { text: `plan ${year} ${i}` })
        : await makeJpeg(path.join(src, `活动照片${i}.jpg`), { width: 64, height: 48, colour: colourOf(year + i) });
    const items = i % 3 === 0 ? [SEED_ITEMS[i % SEED_ITEMS.length]!, SEED_ITEMS[(i + 1) % SEED_ITEMS.length]!] : [SEED_ITEMS[i % SEED_ITEMS.length]!];
    const added = await core.api['records.add']({ files: [file], year, items });
    if (added.errors.length > 0) throw new Error(`seed failed: ${added.errors.map((e) => e.message).join('; ')}`);
    ids.push(...added.records.map((r) => r.id));
  }
  return ids;
}
