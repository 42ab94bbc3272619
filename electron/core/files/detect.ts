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
      : { kind: 'office', format: 'Office 97-2003 / WPS', mime: 'application/x-ole-storage', extensions: OLE_EXTENSIONS };
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
