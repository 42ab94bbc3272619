import { open } from 'node:fs/promises';
import yauzl from 'yauzl';
import { TaizhangError } from '../../../shared/errors.js';

/**
 * Reads a zip container (an .xlsx or .docx) the way a hostile one needs, before any library unpacks it: every entry
 * is inflated here and its bytes counted as they come, with a limit per entry and in total, so sizes a zip's headers
 * declare are never trusted (a header that lies is caught by the count, and by yauzl against the central directory).
 * A workbook's sheets are also scanned on the way for what makes a reader expand cells: merge areas, rows and cells.
 */

export interface ZipLimits {
  /** Inflated bytes one entry may have. */
  entryBytes: number;
  /** Inflated bytes of all entries together. */
  totalBytes: number;
  entries: number;
}

/** Real Office documents are far below these; a bomb is far above. */
export const OFFICE_LIMITS: ZipLimits = { entryBytes: 100 * 1024 * 1024, totalBytes: 300 * 1024 * 1024, entries: 20_000 };

/** What a workbook may hold before it is read: a city's index table or a checklist is a few thousand cells. */
export const WORKBOOK_LIMITS = {
  /** Cells one merge may cover (a merged column down a whole long table is some thousands). */
  mergeCells: 1_000_000,
  /** Cells all merges of the workbook cover together. */
  mergedCells: 5_000_000,
  rows: 500_000,
  cells: 5_000_000,
};

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;

function bad(zh: string, en: string): TaizhangError {
  return new TaizhangError('bad_file', { zh, en });
}

/** "A1:XFD1048576" → cells covered, or 1 for a single cell or text it cannot read. */
export function mergeArea(ref: string): number {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return 1;
  const col = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return (Math.abs(col(m[3]!) - col(m[1]!)) + 1) * (Math.abs(Number(m[4]) - Number(m[2])) + 1);
}

/** Counts what a sheet's XML asks a reader to build, chunk by chunk (a tag may straddle two chunks). */
class SheetScan {
  rows = 0;
  cells = 0;
  merged = 0;
  private tail = '';

  constructor(private readonly label: string) {}

  feed(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    // The last tag may be incomplete: it waits for the next chunk, everything before it is counted now.
    const lt = text.lastIndexOf('<');
    const cut = lt < 0 || text.length - lt > 4096 ? text.length : lt;
    const whole = text.slice(0, cut);
    this.tail = text.slice(cut);
    this.count(whole);
  }

  end(): void {
    this.count(this.tail);
    this.tail = '';
  }

  private count(text: string): void {
    this.rows += text.match(/<(?:\w+:)?row[\s>]/g)?.length ?? 0;
    this.cells += text.match(/<(?:\w+:)?c[\s>]/g)?.length ?? 0;
    for (const m of text.matchAll(/<(?:\w+:)?mergeCell\s[^>]*?ref="([^"]+)"/g)) {
      const area = mergeArea(m[1]!);
      if (area > WORKBOOK_LIMITS.mergeCells) {
        throw bad(
          `${this.label}中有一个合并单元格覆盖了 ${area.toLocaleString('en-US')} 个单元格（${m[1]}），远超正常表格，可能是恶意文件，未读取`,
          `A merged range covers ${area} cells (${m[1]}); refused as a workbook bomb`,
        );
      }
      this.merged += area;
    }
    if (this.merged > WORKBOOK_LIMITS.mergedCells) throw bad(`${this.label}的合并单元格合计超过 ${WORKBOOK_LIMITS.mergedCells.toLocaleString('en-US')} 个，可能是恶意文件，未读取`, 'Merged ranges cover too many cells; refused');
    if (this.rows > WORKBOOK_LIMITS.rows) throw bad(`${this.label}超过 ${WORKBOOK_LIMITS.rows.toLocaleString('en-US')} 行，不是正常的表格，未读取`, 'Too many rows; refused');
    if (this.cells > WORKBOOK_LIMITS.cells) throw bad(`${this.label}超过 ${WORKBOOK_LIMITS.cells.toLocaleString('en-US')} 个单元格，不是正常的表格，未读取`, 'Too many cells; refused');
  }
}

/** The file starts as a zip container does (a local file header). */
export async function looksLikeZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await handle.close();
  }
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true });
}

/**
 * Inflates every entry of `file`, counting bytes, and (for a workbook) scans its sheets. Throws a clear bad_file
 * error on a bomb, a lying header or a damaged container; resolves when the file is safe to hand to a reader.
 */
export async function guardZip(
  file: string,
  label: string,
  options: { workbook?: boolean; limits?: ZipLimits; /** What to say when the container is no zip at all. */ damaged?: TaizhangError } = {},
): Promise<void> {
  const limits = options.limits ?? OFFICE_LIMITS;
  const damaged = options.damaged ?? bad(`${label}的压缩结构已损坏，无法读取`, 'The container is damaged');
  const huge = bad(`${label}解压后过大（可能是“压缩炸弹”恶意文件），未读取`, 'The file expands to an unsafe size (zip bomb); refused');
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch {
    throw damaged;
  }
  let total = 0;
  let entries = 0;
  const scans: SheetScan[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (++entries > limits.entries) throw bad(`${label}中的部件过多，不是正常的文档，未读取`, 'Too many parts in the container; refused');
      if (entry.fileName.endsWith('/')) continue;
      const scan = options.workbook && SHEET.test(entry.fileName) ? new SheetScan(label) : null;
      if (scan) scans.push(scan);
      let size = 0;
      let stream: NodeJS.ReadableStream;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch {
        throw bad(`${label}的压缩结构已损坏或已加密，无法读取`, 'A part cannot be read (damaged or encrypted)');
      }
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          size += chunk.length;
          total += chunk.length;
          if (size > limits.entryBytes || total > limits.totalBytes) throw huge;
          scan?.feed(chunk);
        }
      } catch (err) {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        if (err instanceof TaizhangError) throw err;
        // yauzl: more (or fewer) bytes inflated than the central directory declares.
        throw bad(`${label}的压缩数据与其声明的大小不符（文件被改动或是恶意文件），未读取`, 'Zip entry sizes do not match their headers; refused');
      }
      scan?.end();
    }
  } catch (err) {
    if (err instanceof TaizhangError) throw err;
    throw damaged;
  } finally {
    zip.close();
  }
}
