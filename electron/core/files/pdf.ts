import { createRequire } from 'node:module';
import path from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { TaizhangError } from '../../../shared/errors.js';
import { BALANCE_FROM_PAGES, withBalancedPageTree } from './pdf-page-tree.js';

export interface PdfInfo {
  /** null when the PDF is locked by a password and its pages cannot be counted. */
  pages: number | null;
  text: string;
  /**
   * The pages whose text layer is empty (fewer than MIN_TEXT_LAYER_CHARS characters): a scan, or a scanned page of a
   * partly scanned document. These are what OCR reads. Empty for a locked PDF, whose pages cannot be looked at.
   */
  textless: number[];
  encrypted: boolean;
  /** The Title of the document information, as written (naming.ts judges whether it is a real title). */
  title: string | null;
}

/** Enough for any real document's text layer; beyond this the search index only grows, it does not get better. */
export const MAX_TEXT_CHARS = 400_000;

/**
 * The most pages one PDF may have. A 件 is one document; a 50 mm 档案盒 holds about 500 sheets, and a community's
 * whole year of materials prints to a few thousand pages, so 10,000 pages in one file is never a real 件 — it is
 * a whole archive scanned into one file, or a file made to exhaust the reader. Import stays linear up to here
 * (10,000 pages read in seconds), and every later step that walks the pages (OCR, binders) stays bounded.
 */
export const MAX_PDF_PAGES = 10_000;

type PdfJs = typeof PdfJsModule;
let pdfjsModule: Promise<PdfJs> | null = null;
// Loaded on first use: pdf.js is large and most commands never read a PDF.
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

function pdfjsAssetDir(sub: string): string {
  const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
  return path.join(path.dirname(pkg), sub) + path.sep;
}

export type PdfJsDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
export type PdfJsPage = Awaited<ReturnType<PdfJsDocument['getPage']>>;

/** Below this many characters (spacing aside) a page's text layer counts as empty: a scanner's stamp, a page number. */
export const MIN_TEXT_LAYER_CHARS = 8;

export function isTextLayerEmpty(text: string): boolean {
  return text.replace(/\s+/g, '').length < MIN_TEXT_LAYER_CHARS;
}

/** The text layer of one page, a line break where pdf.js marks the end of a line. */
export async function pageText(page: PdfJsPage): Promise<string> {
  const content = await page.getTextContent();
  return content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
}

/**
 * Opens a PDF with pdf.js as Taizhang reads every PDF: no script evaluation, no system or web fonts, our own copy of
 * the bytes. The caller destroys the document. Throws pdf.js's own error (PasswordException for a locked file).
 */
export async function openPdfDocument(bytes: Uint8Array, options: { stopAtErrors?: boolean } = {}): Promise<PdfJsDocument> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of the buffer it is given; pass a copy so the caller's bytes stay intact.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: options.stopAtErrors ?? false,
    verbosity: 0,
    cMapUrl: pdfjsAssetDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: pdfjsAssetDir('standard_fonts'),
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy();
    throw err;
  }
}

/** Reads the page count and text layer of a PDF. Throws a clerk-readable `bad_file` error when it cannot be read. */
export async function readPdf(bytes: Uint8Array): Promise<PdfInfo> {
  const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/Encrypt');
  // A file cut short by a failed download or copy has lost its trailer; pdf.js would guess at the rest.
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - 4096));
  if (!tail.includes('%%EOF')) {
    throw new TaizhangError('bad_file', 'PDF 文件不完整，可能在下载或复制时被截断 / The PDF is truncated');
  }
  let doc = await openForReading(bytes);
  if (doc === 'locked') return { pages: null, text: '', textless: [], encrypted: true, title: null };
  try {
    const pages = doc.numPages;
    if (pages < 1) throw new TaizhangError('bad_file', 'PDF 文件没有页面 / The PDF has no pages');
    refuseTooManyPages(pages);
    if (pages >= BALANCE_FROM_PAGES) doc = await reopenBalanced(doc, bytes);
    const parts: string[] = [];
    const textless: number[] = [];
    let length = 0;
    // Every page is looked at, even past the text kept for search: a scanned page at the end of a long document is
    // still one OCR must read.
    for (let n = 1; n <= pages; n += 1) {
      const page = await doc.getPage(n);
      const text = await pageText(page);
      page.cleanup();
      if (isTextLayerEmpty(text)) textless.push(n);
      if (length < MAX_TEXT_CHARS) parts.push(text);
      length += text.length;
    }
    return { pages, text: parts.join('\n').slice(0, MAX_TEXT_CHARS), textless, encrypted, title: await infoTitle(doc) };
  } catch (err) {
    if (err instanceof TaizhangError) throw err;
    throw new TaizhangError('bad_file', 'PDF 文件已损坏，部分页面无法读取 / Some pages of the PDF cannot be read');
  } finally {
    await doc.destroy();
  }
}

/** The same document over a balanced page tree, so reading every page stays linear (see pdf-page-tree.ts). */
async function reopenBalanced(doc: PdfJsDocument, bytes: Uint8Array): Promise<PdfJsDocument> {
  const balanced = await withBalancedPageTree(bytes);
  if (balanced === bytes) return doc;
  const reopened = await openForReading(balanced).catch(() => null);
  // The rewrite is only an aid to reading: whatever goes wrong with it, the file is read as it is.
  if (reopened === null || reopened === 'locked' || reopened.numPages !== doc.numPages) {
    if (reopened !== null && reopened !== 'locked') await reopened.destroy();
    return doc;
  }
  await doc.destroy();
  return reopened;
}

async function openForReading(bytes: Uint8Array): Promise<PdfJsDocument | 'locked'> {
  try {
    return await openPdfDocument(bytes, { stopAtErrors: true });
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') return 'locked';
    throw new TaizhangError('bad_file', 'PDF 文件已损坏，无法读取 / The PDF is damaged and cannot be read');
  }
}

/** The page limit, checked from the page tree's count before any page is read. */
export function refuseTooManyPages(pages: number): void {
  if (pages > MAX_PDF_PAGES) {
    throw new TaizhangError('bad_file', {
      zh: `PDF 共 ${pages} 页，超过单个文件 ${MAX_PDF_PAGES} 页的上限；请拆分成几个文件后再添加`,
      en: `The PDF has ${pages} pages, more than the limit of ${MAX_PDF_PAGES} per file; split it first`,
    });
  }
}

/** The document information's Title; a PDF whose metadata cannot be read simply has none. */
async function infoTitle(doc: { getMetadata(): Promise<{ info: object }> }): Promise<string | null> {
  try {
    const { info } = await doc.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    return typeof title === 'string' && title.trim() ? title.trim().slice(0, 500) : null;
  } catch {
    return null;
  }
}
