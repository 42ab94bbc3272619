import { promises as fs } from 'node:fs';
import type { FileKind } from '../../../shared/api/records.js';
import { listZipEntries } from './zip.js';

/** What a file really is, judged by its bytes; the extension is only a hint. */
export interface DetectedType {
  kind: FileKind;
  /** Short name for messages: "PDF", "JPEG", "Word (DOCX)". */
  format: string;
  mime: string;
  /** Extensions that fit this content, the usual one first. */
  extensions: string[];
  /** Images that sharp cannot read directly (HEIC) are converted first. */
  needsHeicConversion?: boolean;
}

const HEAD_BYTES = 4096;

const PDF: DetectedType = { kind: 'pdf', format: 'PDF', mime: 'application/pdf', extensions: ['.pdf'] };
const JPEG: DetectedType = { kind: 'image', format: 'JPEG', mime: 'image/jpeg', extensions: ['.jpg', '.jpeg', '.jpe', '.jfif'] };
const PNG: DetectedType = { kind: 'image', format: 'PNG', mime: 'image/png', extensions: ['.png'] };
const GIF: DetectedType = { kind: 'image', format: 'GIF', mime: 'image/gif', extensions: ['.gif'] };
const WEBP: DetectedType = { kind: 'image', format: 'WebP', mime: 'image/webp', extensions: ['.webp'] };
const TIFF: DetectedType = { kind: 'image', format: 'TIFF', mime: 'image/tiff', extensions: ['.tif', '.tiff'] };
const HEIC: DetectedType = { kind: 'image', format: 'HEIC', mime: 'image/heic', extensions: ['.heic', '.heif', '.hif'], needsHeicConversion: true };
const AVIF: DetectedType = { kind: 'image', format: 'AVIF', mime: 'image/avif', extensions: ['.avif'] };
const DOCX: DetectedType = {
  kind: 'docx', format: 'Word (DOCX)', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx', '.docm'],
};
const XLSX: DetectedType = {
  kind: 'xlsx', format: 'Excel (XLSX)', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx', '.xlsm'],
};
const PPTX: DetectedType = {
  kind: 'office', format: 'PowerPoint (PPTX)', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['.pptx'],
};
const OFD: DetectedType = { kind: 'other', format: 'OFD', mime: 'application/ofd', extensions: ['.ofd'] };
const ZIP: DetectedType = { kind: 'other', format: 'ZIP', mime: 'application/zip', extensions: ['.zip'] };
/** Word 97–2003, Excel 97–2003 and Kingsoft WPS files are all OLE compound documents; the extension tells them apart. */
const OLE_BY_EXT: Record<string, Omit<DetectedType, 'extensions' | 'kind'>> = {
  '.doc': { format: 'Word 97-2003 (DOC)', mime: 'application/msword' },
  '.wps': { format: 'WPS 文字', mime: 'application/vnd.ms-works' },
  '.xls': { format: 'Excel 97-2003 (XLS)', mime: 'application/vnd.ms-excel' },
  '.et': { format: 'WPS 表格', mime: 'application/vnd.ms-excel' },
  '.ppt': { format: 'PowerPoint 97-2003 (PPT)', mime: 'application/vnd.ms-powerpoint' },
  '.dps': { format: 'WPS 演示', mime: 'application/vnd.ms-powerpoint' },
};
const OLE_EXTENSIONS = Object.keys(OLE_BY_EXT);

/** Every extension some detected type claims, to tell a wrong extension from a dot inside a name. */
export const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set(
  [PDF, JPEG, PNG, GIF, WEBP, TIFF, HEIC, AVIF, DOCX, XLSX, PPTX, OFD, ZIP].flatMap((t) => t.extensions).concat(OLE_EXTENSIONS, ['.txt', '.bmp', '.mp4', '.mov']),
);

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

function startsWith(head: Buffer, bytes: number[], at = 0): boolean {
  return bytes.every((b, i) => head[at + i] === b);
}

/** Detects the type of a file from its first bytes (and, for zip containers, its part names). */
export async function detectType(file: string, extension: string): Promise<DetectedType> {
  const head = await readHead(file);
  const ext = extension.toLowerCase();
  // The PDF header may follow some junk bytes; readers accept it within the first kilobyte.
  if (head.subarray(0, 1024).includes('%PDF-')) return PDF;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (head.subarray(0, 6).toString('latin1') === 'GIF87a' || head.subarray(0, 6).toString('latin1') === 'GIF89a') return GIF;
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return WEBP;
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return TIFF;
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') return isoMediaType(head);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const known = OLE_BY_EXT[ext];
    return known
      ? { kind: 'office', ...known, extensions: OLE_EXTENSIONS }
      : { kind: 'office', format: 'Office 97-2003 或 WPS', mime: 'application/x-ole-storage', extensions: OLE_EXTENSIONS };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipType(file);
  return { kind: 'other', format: ext ? ext.slice(1).toUpperCase() : '未知格式', mime: 'application/octet-stream', extensions: [] };
}

/** HEIF and AVIF share the ISO media container; the brands say which codec is inside. */
function isoMediaType(head: Buffer): DetectedType {
  const boxSize = head.readUInt32BE(0);
  const brands: string[] = [head.subarray(8, 12).toString('latin1')];
  for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4) brands.push(head.subarray(at, at + 4).toString('latin1'));
  if (brands.some((b) => AVIF_BRANDS.has(b))) return AVIF;
  if (brands.some((b) => HEIC_BRANDS.has(b) || b === 'mif1' || b === 'msf1')) return HEIC;
  return { kind: 'other', format: 'MP4/MOV', mime: 'video/mp4', extensions: ['.mp4', '.mov', '.m4v', '.3gp'] };
}

async function zipType(file: string): Promise<DetectedType> {
  let names: Set<string>;
  try {
    names = new Set((await listZipEntries(file)).map((e) => e.name));
  } catch {
    return ZIP;
  }
  if (names.has('word/document.xml')) return DOCX;
  if (names.has('xl/workbook.xml')) return XLSX;
  if (names.has('ppt/presentation.xml')) return PPTX;
  if (names.has('OFD.xml')) return OFD;
  return ZIP;
}

/** What the extension promises: the formats a clerk's materials come in, as the clerk calls them. */
const CLAIMED = new Map<string, { zh: string; en: string }>(
  (
    [
      [['.pdf'], 'PDF', 'a PDF'],
      [['.docx', '.docm', '.doc'], 'Word 文档', 'a Word document'],
      [['.wps'], 'WPS 文档', 'a WPS document'],
      [['.xlsx', '.xlsm', '.xls'], 'Excel 表格', 'an Excel workbook'],
      [['.et'], 'WPS 表格', 'a WPS workbook'],
      [['.pptx', '.ppt'], 'PowerPoint 演示文稿', 'a PowerPoint file'],
      [['.dps'], 'WPS 演示文稿', 'a WPS presentation'],
      ...[JPEG, PNG, GIF, WEBP, TIFF, HEIC, AVIF].map((t): [string[], string, string] => [t.extensions, `${t.format} 图片`, `a ${t.format} image`]),
    ] as [string[], string, string][]
  ).flatMap(([extensions, zh, en]) => extensions.map((ext): [string, { zh: string; en: string }] => [ext, { zh, en }])),
);

/**
 * A file whose extension promises a material (PDF, Word, Excel, a photo…) but whose bytes are none of them: a text
 * file renamed .pdf, a web page saved as .jpg, a plain zip called .docx. Such a file is refused, in words that say what
 * it looks like; a file that is another material under the wrong extension (a JPEG named .pdf) is not a mismatch
 * here, it is renamed to what it is.
 */
export async function contentMismatch(file: string, extension: string, detected: DetectedType): Promise<{ zh: string; en: string } | null> {
  const ext = extension.toLowerCase();
  const claimed = CLAIMED.get(ext);
  if (!claimed || detected.kind !== 'other' || detected.extensions.includes(ext)) return null;
  const looks =
    detected === ZIP
      ? { zh: ' ZIP 压缩包', en: 'a zip archive' }
      : detected.extensions.length > 0
        ? { zh: ` ${detected.format} 文件`, en: `a ${detected.format} file` }
        : describeBytes(await readHead(file));
  return {
    zh: `扩展名是 ${ext}，但内容不是 ${claimed.zh}（看起来是${looks.zh}）`,
    en: `The extension is ${ext} but the content is not ${claimed.en} (it looks like ${looks.en})`,
  };
}

/** What unknown bytes look like, in a word. */
function describeBytes(head: Buffer): { zh: string; en: string } {
  const latin = head.subarray(0, 64).toString('latin1');
  if (head.every((b) => b === 0)) return { zh: '空白数据（全是 0）', en: 'blank data (all zero bytes)' };
  if (latin.startsWith('MZ')) return { zh: ' Windows 程序', en: 'a Windows program' };
  if (latin.startsWith('\x7fELF')) return { zh: '程序文件', en: 'a program' };
  if (latin.startsWith('Rar!')) return { zh: ' RAR 压缩包', en: 'a RAR archive' };
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { zh: ' 7z 压缩包', en: 'a 7z archive' };
  if (startsWith(head, [0x1f, 0x8b])) return { zh: ' GZIP 压缩包', en: 'a gzip archive' };
  if (!looksLikeText(head)) return { zh: '无法识别的数据', en: 'data of no known format' };
  const start = head.toString('utf8', 0, Math.min(head.length, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return { zh: '网页', en: 'a web page' };
  if (start.startsWith('{\\rtf')) return { zh: ' RTF 文档', en: 'an RTF document' };
  if (start.startsWith('<?xml')) return { zh: ' XML 文本', en: 'XML text' };
  return { zh: '纯文本', en: 'plain text' };
}

/** No NUL bytes and few control characters: text in any of the encodings clerks' files use (UTF-8, GBK). */
function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  const controls = head.filter((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b).length;
  return controls <= head.length / 100;
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
