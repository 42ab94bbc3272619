import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TaizhangError } from '../../../shared/errors.js';
import type { Archive } from '../store/archive-folder.js';
import type { FileStore } from '../store/file-store.js';
import { deriveFromFile, missingDerivatives } from './derivatives.js';
import { contentMismatch, detectType, KNOWN_EXTENSIONS, type DetectedType } from './detect.js';
import { heicToJpeg, inspectImage, makeDerivatives, readExif, type ImageDerivatives } from './image.js';
import { readDocx, readXlsx } from './office.js';
import { isBlobReferenced, readBlob, type BlobMeta } from './repository.js';
import { readPdf } from './pdf.js';
import { safeFileName, splitExtension } from './safe-name.js';

/** A source file checked, copied into the store's tmp/ and hashed on the way; nothing in place yet. */
export interface CheckedSource {
  source: string;
  /** The copy every later step reads: the source is read once. */
  staged: string;
  /** Safe display name, extension not yet corrected from content. */
  name: string;
  sha256: string;
  size: number;
  warnings: string[];
}

/** A file read and its blob row ready; its bytes (and derivatives) wait in tmp/ for `installSources`. */
export interface StoredSource {
  name: string;
  blob: BlobMeta;
  /** Staged files and where they go: the original, then the derivatives a new photo needs. */
  pending: { tmp: string; target: string }[];
  /** Set by `installSources`: this call put new bytes into the store (removed if the database step fails). */
  added: boolean;
  warnings: string[];
}

/** Files larger than this are refused: they do not belong in a paper binder, and reading them would exhaust memory. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export async function checkSource(store: FileStore, source: string): Promise<CheckedSource> {
  let stat;
  try {
    stat = await fs.stat(source);
  } catch {
    throw new TaizhangError('bad_file', '找不到文件或无权读取 / File not found or not readable');
  }
  if (stat.isDirectory()) throw new TaizhangError('bad_file', '这是一个文件夹，请用“导入文件夹” / This is a folder; use import');
  if (!stat.isFile()) throw new TaizhangError('bad_file', '不是普通文件 / Not a regular file');
  if (stat.size === 0) throw new TaizhangError('bad_file', '文件是空的（0 字节） / The file is empty (0 bytes)');
  if (stat.size > MAX_FILE_BYTES) throw new TaizhangError('bad_file', '文件超过 1 GB，不能收入档案 / Files over 1 GB are not accepted');
  const safe = safeFileName(path.basename(source));
  const warnings = safe.changes.length > 0 ? [`文件名已改为「${safe.name}」：${safe.changes.join('；')}`] : [];
  const staged = await store.stage(source);
  return { source, staged: staged.tmp, name: safe.name, sha256: staged.sha256, size: staged.size, warnings };
}

/**
 * Reads what the staged copy holds and makes the derivatives, staged beside it. A content already known to the
 * archive is not read again. Errors are per file and leave nothing behind (the staged files are dropped).
 */
export async function storeSource(archive: Archive, checked: CheckedSource): Promise<StoredSource> {
  const pending = [{ tmp: checked.staged, target: archive.files.blobPath(checked.sha256) }];
  try {
    const known = readBlob(archive.db, checked.sha256);
    const warnings = [...checked.warnings];
    const ext = splitExtension(checked.name).ext;
    const detected = await detectType(checked.staged, ext);
    const mismatch = await contentMismatch(checked.staged, ext, detected);
    if (mismatch) throw new TaizhangError('bad_file', mismatch);
    const fixed = fixExtension(checked.name, detected);
    if (fixed.warning) warnings.push(fixed.warning);
    let blob: BlobMeta;
    let derivatives: ImageDerivatives | null = null;
    if (known) {
      blob = known;
      // Content filed before (e.g. in another year): the clerk still hears why it cannot go into a binder.
      if (known.binderNote) warnings.push(known.binderNote);
    } else {
      const analysed = await analyse(checked, detected);
      blob = analysed.blob;
      derivatives = analysed.derivatives;
      warnings.push(...analysed.warnings);
    }
    if (blob.kind === 'image') pending.push(...(await stageDerivatives(archive.files, checked.staged, blob, derivatives)));
    return { name: fixed.name, blob, pending, added: false, warnings };
  } catch (err) {
    await discardStaged(archive.files, pending);
    throw err;
  }
}

/** A photo's missing derivatives, made (unless the analysis already made them) and staged for `installSources`. */
async function stageDerivatives(
  store: FileStore,
  staged: string,
  blob: BlobMeta,
  made: ImageDerivatives | null,
): Promise<{ tmp: string; target: string }[]> {
  const missing = await missingDerivatives(store, blob.sha256);
  if (missing.length === 0) return [];
  const derivatives = made ?? (await deriveFromFile(staged, blob.mime));
  const written: { tmp: string; target: string }[] = [];
  try {
    for (const kind of missing) written.push({ tmp: await store.stageBytes(derivatives[kind]), target: store.derivativePath(blob.sha256, kind) });
  } catch (err) {
    await discardStaged(store, written);
    throw err;
  }
  return written;
}

/**
 * Puts a record's staged files in place, all synced at once, before the database transaction that records them.
 * Marks each source `added` when its bytes are new to the store.
 */
export async function installSources(store: FileStore, sources: readonly StoredSource[]): Promise<void> {
  const added = await store.install(sources.flatMap((s) => s.pending));
  let at = 0;
  for (const source of sources) {
    source.added = added[at]!;
    at += source.pending.length;
    source.pending = [];
  }
}

/** Drops what a file staged but never installed (cancelled, refused, a duplicate). */
export async function discardStaged(store: FileStore, files: readonly { tmp: string }[]): Promise<void> {
  await Promise.all(files.map((f) => store.discard(f.tmp)));
}

async function analyse(
  checked: CheckedSource,
  detected: DetectedType,
): Promise<{ blob: BlobMeta; derivatives: ImageDerivatives | null; warnings: string[] }> {
  const blob: BlobMeta = {
    sha256: checked.sha256, size: checked.size, mime: detected.mime, kind: detected.kind, ext: detected.extensions[0] ?? '',
    pages: null, width: null, height: null, exifDate: null, orientation: null, camera: null, text: '', binderNote: null,
    docTitle: null, artist: null, textlessPages: null,
  };
  const warnings: string[] = [];
  let derivatives: ImageDerivatives | null = null;
  switch (detected.kind) {
    case 'pdf': {
      const pdf = await readPdf(await fs.readFile(checked.staged));
      blob.pages = pdf.pages;
      blob.text = pdf.text;
      // A locked PDF's pages could not be looked at: it stays unknown rather than "no scanned page".
      blob.textlessPages = pdf.pages === null ? null : pdf.textless;
      blob.docTitle = pdf.title;
      if (pdf.encrypted) {
        blob.binderNote = 'PDF 已加密，需要密码 / The PDF is encrypted and needs a password';
        warnings.push('PDF 已加密，已保存但不能编入案卷 / Encrypted PDF kept, but it cannot go into a binder');
      }
      break;
    }
    case 'image': {
      const original = await fs.readFile(checked.staged);
      const decodable = detected.needsHeicConversion ? await heicToJpeg(original) : original;
      const info = await inspectImage(decodable);
      // EXIF lives in the original; a HEIC's converted JPEG has none.
      const exif = detected.needsHeicConversion ? await readExif(original) : info;
      Object.assign(blob, {
        width: info.width, height: info.height, orientation: info.orientation, exifDate: exif.exifDate, camera: exif.camera, artist: exif.artist, pages: 1,
      });
      derivatives = await makeDerivatives(decodable);
      break;
    }
    case 'docx': {
      const docx = await readDocx(checked.staged);
      blob.text = docx.text;
      blob.pages = docx.pages;
      blob.docTitle = docx.title;
      break;
    }
    case 'xlsx':
      blob.text = (await readXlsx(checked.staged)).text;
      break;
    case 'office':
      blob.binderNote = `${detected.format} 不能直接编入案卷，请用 WPS、Word 或 LibreOffice 另存为 PDF 后添加 / Save it as PDF to include it in a binder`;
      warnings.push(`${detected.format} 文件已作为附件保存，编入案卷前需另存为 PDF / Kept as an attachment`);
      break;
    case 'other':
      blob.binderNote = `${detected.format} 文件作为附件保存，不能编入案卷 / Kept as an attachment; cannot go into a binder`;
      warnings.push(`${detected.format} 文件只能作为附件保存，不能编入案卷 / Kept as an attachment only`);
      break;
  }
  return { blob, derivatives, warnings };
}

/** Gives the display name the extension its content has ("报告.jpg" holding a PDF becomes "报告.pdf"). */
function fixExtension(name: string, detected: DetectedType): { name: string; warning: string | null } {
  const { stem, ext } = splitExtension(name);
  const wanted = detected.extensions[0];
  if (!wanted || detected.extensions.includes(ext.toLowerCase())) return { name, warning: null };
  // "活动.2024" keeps its ".2024"; only a real but wrong extension is replaced.
  const fixed = KNOWN_EXTENSIONS.has(ext.toLowerCase()) ? `${stem}${wanted}` : `${name}${wanted}`;
  const shown = KNOWN_EXTENSIONS.has(ext.toLowerCase()) ? `扩展名「${ext}」与实际内容（${detected.format}）不符` : `文件扩展名不是 ${detected.format}`;
  return { name: fixed, warning: `${shown}，已按 ${detected.format} 处理并命名为「${fixed}」 / Extension does not match the content` };
}

/** After a failed database step: removes the bytes this call added that no record references. */
export async function discardUnreferenced(archive: Archive, stored: readonly StoredSource[]): Promise<void> {
  for (const s of stored) {
    if (s.added && !isBlobReferenced(archive.db, s.blob.sha256)) await archive.files.remove(s.blob.sha256);
  }
}
