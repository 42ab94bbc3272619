import { closeSync, existsSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { TaizhangError } from '../../../shared/errors.js';
import { heicToJpeg, makeDerivatives } from '../files/image.js';
import type { Archive } from '../store/archive-folder.js';
import type { FileSource, PlanFile } from './plan.js';
import { externalLinks } from './office-links.js';
import { convertToPdf } from './soffice.js';

export interface ProbeContext {
  archive: Archive;
  /** A private folder for converted office files; removed by the caller. */
  workDir: string;
  /** LibreOffice, when installed. */
  soffice: string | null;
  signal?: AbortSignal | undefined;
  onFile?: (done: number, total: number) => void;
}

const OFFICE_KINDS = new Set(['docx', 'xlsx', 'office']);
const CONVERSION_BASE_MS = 90_000;
const CONVERSION_PER_FILE_MS = 30_000;

/**
 * Finds out what each distinct file can become in a binder: a PDF with a known page count, a printable image, or a
 * placeholder with the reason. Nothing here throws for a bad file; the export goes on and reports it.
 */
export async function probeFiles(files: readonly PlanFile[], ctx: ProbeContext): Promise<Map<string, FileSource>> {
  const unique = [...new Map(files.map((f) => [f.sha256, f])).values()];
  const sources = new Map<string, FileSource>();
  const office: PlanFile[] = [];
  let done = 0;
  const tick = (): void => ctx.onFile?.(++done, unique.length);
  for (const file of unique) {
    throwIfCancelled(ctx.signal);
    if (OFFICE_KINDS.has(file.kind)) {
      office.push(file);
      continue;
    }
    sources.set(file.sha256, await probeOne(file, ctx));
    tick();
  }
  if (office.length > 0) {
    for (const [sha, source] of await convertOffice(office, ctx)) {
      sources.set(sha, source);
      tick();
    }
  }
  return sources;
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TaizhangError('cancelled', '已取消导出 / Export cancelled');
}

async function probeOne(file: PlanFile, ctx: ProbeContext): Promise<FileSource> {
  const blob = ctx.archive.files.blobPath(file.sha256);
  // Synchronous: hundreds of small checks in a row, each a round trip through the thread pool when asynchronous.
  if (!existsSync(blob)) {
    return placeholder(UNPRINTABLE.missing);
  }
  switch (file.kind) {
    case 'pdf': {
      if (file.binderNote) return placeholder(file.binderNote);
      const pdf = await inspectPdf(blob, file.pages);
      return 'reason' in pdf ? placeholder(pdf.reason) : { kind: 'pdf', path: blob, pages: pdf.pages, converted: false };
    }
    case 'image':
      return printImage(file, ctx.archive);
    default:
      return placeholder(file.binderNote ?? UNPRINTABLE.notPrintable);
  }
}

/**
 * Why a file prints as a note sheet instead of its pages. The Chinese half is what the 备考表 prints, so it names the
 * real cause in the archivist's words; the English half is for the CLI.
 */
export const UNPRINTABLE = {
  damaged: '文件已损坏，无法读取 / The file is damaged and cannot be read',
  truncated: '文件不完整，无法读取（可能在复制时被截断） / The file is truncated',
  noPages: 'PDF 中没有页面，无法打印 / The PDF has no pages',
  encrypted: 'PDF 已加密，需要密码 / The PDF is encrypted and needs a password',
  missing: '档案库中缺少这个文件，请运行“检查”修复 / The file is missing from the archive store; run check',
  imageDamaged: '图片已损坏，无法解码 / The image is damaged and cannot be decoded',
  noOffice: (label: string) => `本机未安装 LibreOffice，${label} 文件未能转换 / LibreOffice is not installed, so the ${label} file was not converted`,
  conversionFailed: 'LibreOffice 未能转换此文件 / LibreOffice could not convert this file',
  notPrintable: '这类文件不能编入案卷，原件保存在档案中 / This kind of file cannot be printed',
} as const;

function officeLabel(file: PlanFile): string {
  if (file.kind === 'docx' || /^\.?(doc|docx|docm|wps|rtf|odt)$/i.test(file.ext)) return 'Word';
  if (file.kind === 'xlsx' || /^\.?(xls|xlsx|xlsm|et|ods)$/i.test(file.ext)) return 'Excel';
  if (/^\.?(ppt|pptx|dps|odp)$/i.test(file.ext)) return 'PowerPoint';
  return 'Office';
}

function placeholder(reason: string): FileSource {
  return { kind: 'placeholder', reason };
}

const TAIL_BYTES = 2048;

/**
 * Page count of a PDF, or why it cannot be merged. With the count the import stored, only the file's end is read: the
 * pages are parsed once, when they are copied, instead of once more here.
 */
export async function inspectPdf(file: string, storedPages: number | null = null): Promise<{ pages: number } | { reason: string }> {
  const known = storedPages !== null && storedPages > 0 ? storedPages : null;
  let bytes: Uint8Array;
  try {
    bytes = known ? readTail(file) : await fs.readFile(file);
  } catch {
    return { reason: UNPRINTABLE.damaged };
  }
  // A file cut short by a failed copy (or damaged in the store since import) has lost its end-of-file marker; pdf-lib would guess at the rest.
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - TAIL_BYTES));
  if (!tail.includes('%%EOF')) return { reason: UNPRINTABLE.truncated };
  if (known) return { pages: known };
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const pages = doc.getPageCount();
    if (pages === 0) return { reason: UNPRINTABLE.noPages };
    return { pages };
  } catch (err) {
    if (err instanceof Error && /encrypt/i.test(`${err.name} ${err.message}`)) {
      return { reason: UNPRINTABLE.encrypted };
    }
    return { reason: UNPRINTABLE.damaged };
  }
}

/** Synchronous, as `probeOne`'s checks: a few kilobytes from the page cache. */
function readTail(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** The print-size derivative made at import (EXIF-rotated, sRGB, flattened); made again if it has gone missing. */
async function printImage(file: PlanFile, archive: Archive): Promise<FileSource> {
  const print = archive.files.derivativePath(file.sha256, 'print');
  if (existsSync(print)) return { kind: 'image', path: print };
  try {
    const original = await fs.readFile(archive.files.blobPath(file.sha256));
    const heic = /^\.?(heic|heif)$/i.test(file.ext);
    const made = await makeDerivatives(heic ? await heicToJpeg(original) : original);
    await archive.files.writeAtomic(print, made.print);
    await archive.files.writeAtomic(archive.files.derivativePath(file.sha256, 'thumb'), made.thumb);
    return { kind: 'image', path: print };
  } catch {
    return placeholder(UNPRINTABLE.imageDamaged);
  }
}

async function convertOffice(files: PlanFile[], ctx: ProbeContext): Promise<Map<string, FileSource>> {
  const out = new Map<string, FileSource>();
  const ready: { file: PlanFile; input: string }[] = [];
  for (const file of files) {
    const blob = ctx.archive.files.blobPath(file.sha256);
    if (!(await exists(blob))) {
      out.set(file.sha256, placeholder(UNPRINTABLE.missing));
    } else if (!ctx.soffice) {
      out.set(file.sha256, placeholder(UNPRINTABLE.noOffice(officeLabel(file))));
    } else {
      ready.push({ file, input: path.join(ctx.workDir, 'office', `${file.sha256}${extensionOf(file)}`) });
    }
  }
  if (ready.length === 0 || !ctx.soffice) return out;
  await fs.mkdir(path.join(ctx.workDir, 'office'), { recursive: true });
  for (const r of ready) await fs.copyFile(ctx.archive.files.blobPath(r.file.sha256), r.input);
  let failure: string = UNPRINTABLE.conversionFailed;
  let outDir = path.join(ctx.workDir, 'converted');
  try {
    outDir = await convertToPdf(ctx.soffice, ready.map((r) => r.input), ctx.workDir, {
      signal: ctx.signal, timeoutMs: CONVERSION_BASE_MS + CONVERSION_PER_FILE_MS * ready.length,
    });
  } catch (err) {
    if (err instanceof TaizhangError && err.code === 'cancelled') throw err;
    failure = err instanceof Error ? err.message : failure;
  }
  for (const r of ready) {
    const pdf = path.join(outDir, `${r.file.sha256}.pdf`);
    if (!(await exists(pdf))) {
      out.set(r.file.sha256, placeholder(failure));
      continue;
    }
    const inspected = await inspectPdf(pdf);
    if ('reason' in inspected) out.set(r.file.sha256, placeholder(failure));
    else out.set(r.file.sha256, { kind: 'pdf', path: pdf, pages: inspected.pages, converted: true, linksLeftOut: await externalLinks(r.input) });
  }
  return out;
}

function extensionOf(file: PlanFile): string {
  if (file.ext) return file.ext.startsWith('.') ? file.ext : `.${file.ext}`;
  return file.kind === 'xlsx' ? '.xlsx' : file.kind === 'docx' ? '.docx' : path.extname(file.name);
}

function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}
