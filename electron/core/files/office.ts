import { loadExcelJS, loadMammoth } from '../lazy-modules.js';
import { TaizhangError } from '../../../shared/errors.js';
import { MAX_TEXT_CHARS } from './pdf.js';
import { readZipEntry } from './zip.js';
import { guardZip } from './zip-guard.js';

export interface OfficeInfo {
  text: string;
  /** Page count the word processor saved (docProps/app.xml), when present. */
  pages: number | null;
  /** The title in the core properties (docProps/core.xml), as written. */
  title: string | null;
}

export async function readDocx(file: string): Promise<OfficeInfo> {
  await guardZip(file, 'Word 文档');
  let text: string;
  try {
    const mammoth = await loadMammoth();
    text = (await mammoth.extractRawText({ path: file })).value;
  } catch {
    throw new TaizhangError('bad_file', 'Word 文档已损坏，无法读取 / The Word document cannot be read');
  }
  const app = await readZipEntry(file, 'docProps/app.xml', 1024 * 1024).catch(() => null);
  const pages = app ? Number(/<Pages>(\d+)<\/Pages>/.exec(app)?.[1] ?? NaN) : NaN;
  const core = await readZipEntry(file, 'docProps/core.xml', 1024 * 1024).catch(() => null);
  return { text: text.slice(0, MAX_TEXT_CHARS), pages: Number.isInteger(pages) && pages > 0 ? pages : null, title: core ? coreTitle(core) : null };
}

export async function readXlsx(file: string): Promise<OfficeInfo> {
  await guardZip(file, 'Excel 表格', { workbook: true });
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch {
    throw new TaizhangError('bad_file', 'Excel 表格已损坏，无法读取 / The Excel workbook cannot be read');
  }
  const lines: string[] = [];
  let length = 0;
  workbook.eachSheet((sheet) => {
    lines.push(sheet.name);
    sheet.eachRow((row) => {
      if (length > MAX_TEXT_CHARS) return;
      const cells: string[] = [];
      row.eachCell((cell) => {
        const text = cell.text.trim();
        if (text) cells.push(text);
      });
      const line = cells.join(' ');
      lines.push(line);
      length += line.length;
    });
  });
  return { text: lines.join('\n').slice(0, MAX_TEXT_CHARS), pages: null, title: null };
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** dc:title of the core properties, its XML entities decoded. */
function coreTitle(xml: string): string | null {
  const raw = /<dc:title>([^<]*)<\/dc:title>/.exec(xml)?.[1];
  if (!raw) return null;
  const text = raw.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : null;
    if (code !== null) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    return XML_ENTITIES[name ?? ''] ?? whole;
  });
  return text.trim() ? text.trim().slice(0, 500) : null;
}
