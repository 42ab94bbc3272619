import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import subsetFont from 'subset-font';
import { TaizhangError } from '../../../shared/errors.js';
import { resourcePath } from '../resources.js';

/**
 * The faces of a binder, in the manner of official documents: a serif (宋体-like) for titles and body text, a sans
 * (黑体-like) for headings, table heads and small print.
 */
export const FONT_ROLES = ['serif', 'serifBold', 'sans', 'sansBold'] as const;
export type FontRole = (typeof FONT_ROLES)[number];

const FONT_FILES: Record<FontRole, { pkg: string; file: string }> = {
  serif: { pkg: '@expo-google-fonts/noto-serif-sc', file: '400Regular/NotoSerifSC_400Regular.ttf' },
  serifBold: { pkg: '@expo-google-fonts/noto-serif-sc', file: '700Bold/NotoSerifSC_700Bold.ttf' },
  sans: { pkg: '@expo-google-fonts/noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf' },
  sansBold: { pkg: '@expo-google-fonts/noto-sans-sc', file: '700Bold/NotoSansSC_700Bold.ttf' },
};

/** Drawn instead of a character the fonts lack (〓, the typesetter's traditional mark for a missing glyph). */
export const MISSING_GLYPH = '〓';

/**
 * Where a face's TrueType file is: the packaged app ships them in resources/fonts; from source they come from
 * node_modules.
 */
export function locateFont(role: FontRole): string {
  const { pkg, file } = FONT_FILES[role];
  const shipped = resourcePath('fonts', path.basename(file));
  if (existsSync(shipped)) return shipped;
  try {
    const pkgDir = path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
    const fromModules = path.join(pkgDir, file);
    if (existsSync(fromModules)) return fromModules;
  } catch {
    // fall through to the error below
  }
  throw new TaizhangError('internal', `找不到中文字体文件 ${path.basename(file)}，请重新安装台账 / Font file missing; reinstall Taizhang`);
}

export type SubsetFonts = Record<FontRole, Uint8Array>;

// The last subsets made, by character set: exporting several volumes or the same year twice reuses them.
const subsetCache = new Map<string, Promise<SubsetFonts>>();
const SUBSET_CACHE_SIZE = 2;

/**
 * Subsets every face to the given characters. pdf-lib's own subsetting draws Chinese as blanks, so the fonts are cut
 * down here (HarfBuzz) and embedded whole. Layout tables are dropped: the binder needs no ligatures or kerning, and
 * widths then add up exactly, as the line breaker assumes.
 */
export function subsetFonts(characters: Iterable<string>): Promise<SubsetFonts> {
  const text = [...new Set([...characters, MISSING_GLYPH])].sort().join('');
  const key = createHash('sha256').update(text).digest('hex');
  let cached = subsetCache.get(key);
  if (!cached) {
    cached = makeSubsets(text);
    cached.catch(() => subsetCache.delete(key));
    subsetCache.set(key, cached);
    while (subsetCache.size > SUBSET_CACHE_SIZE) subsetCache.delete(subsetCache.keys().next().value!);
  }
  return cached;
}

async function makeSubsets(text: string): Promise<SubsetFonts> {
  const out = {} as SubsetFonts;
  // One face at a time: each full font is 10–15 MB, read in one call instead of the thread pool's 512 KB chunks.
  for (const role of FONT_ROLES) {
    const full = readFileSync(locateFont(role));
    out[role] = await subsetFont(full, text, { targetFormat: 'truetype', keepFeatures: [], noLayoutClosure: true, noHinting: true });
  }
  return out;
}

export type EmbeddedFonts = Record<FontRole, PDFFont>;

export async function embedFonts(doc: PDFDocument, fonts: SubsetFonts): Promise<EmbeddedFonts> {
  doc.registerFontkit(fontkit);
  const out = {} as EmbeddedFonts;
  for (const role of FONT_ROLES) out[role] = await doc.embedFont(fonts[role], { subset: false });
  return out;
}
