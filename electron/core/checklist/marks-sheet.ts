import { promises as fs } from 'node:fs';
import type { Archive } from '../store/archive-folder.js';
import { rewriteZip } from './deflate.js';
import { META_SHEET } from './layout.js';

/*
 * The marks sheet is very hidden, so no clerk unhides it from the sheet tabs by mistake. LibreOffice saves it as
 * merely hidden; once a returned file has been read in, its marks sheet is very hidden again, in the file itself.
 */

// Where a workbook names its sheets; Excel, WPS and LibreOffice all write it here.
const WORKBOOK_PART = 'xl/workbook.xml';

const MARKS_SHEET_ELEMENT = new RegExp(`<sheet\\b[^>]*\\bname="${META_SHEET}"[^>]*/>`);

/** The workbook part with the marks sheet's state set to veryHidden; unchanged when it is already, or absent. */
export function markSheetVeryHidden(workbookXml: string): string {
  return workbookXml.replace(MARKS_SHEET_ELEMENT, (element) =>
    /\bstate="[^"]*"/.test(element) ? element.replace(/\bstate="[^"]*"/, 'state="veryHidden"') : element.replace(/\s*\/>$/, ' state="veryHidden"/>'),
  );
}

/**
 * Rewrites the returned workbook with its marks sheet very hidden, atomically, nothing else changed. A file that
 * cannot be written (a read-only folder, a file open in Excel) is left as it is: the marks hold either way.
 */
export async function rehideMarksSheet(archive: Archive, file: string): Promise<boolean> {
  try {
    const rewritten = await rewriteZip(await fs.readFile(file), (name, data) =>
      name === WORKBOOK_PART ? Buffer.from(markSheetVeryHidden(data.toString('utf8')), 'utf8') : data,
    );
    await archive.files.writeAtomic(file, rewritten);
    return true;
  } catch {
    return false;
  }
}
