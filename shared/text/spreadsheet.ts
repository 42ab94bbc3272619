/**
 * Text for spreadsheet cells we write (index tables, checklists).
 *
 * Formula injection: a clerk's text such as "=HYPERLINK(…)" or "-扣 0.5 分" must reach the auditor as the same text and
 * never run. Assign what `escapeCell` returns as a plain string value (exceljs `cell.value = text`, never
 * `{ formula }`): exceljs stores strings as shared-string cells, which Excel, WPS, LibreOffice and openpyxl all read as
 * text, so the value keeps its exact characters (no visible apostrophe) and an importer reads back what was written.
 *
 * Broken files: characters XML 1.0 cannot hold (most control characters, lone surrogates) make Excel report the whole
 * workbook as damaged, so they are dropped; text longer than a cell can hold is cut at Excel's limit.
 */

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_TEXT = 32_767;

const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** The text to store in a cell: always a string, free of characters that corrupt the file, within the cell limit. */
export function escapeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value).replace(XML_ILLEGAL, '');
  if (text.length <= MAX_CELL_TEXT) return text;
  // Do not cut a surrogate pair in half.
  const cut = /[\uD800-\uDBFF]/.test(text[MAX_CELL_TEXT - 1] ?? '') ? MAX_CELL_TEXT - 1 : MAX_CELL_TEXT;
  return text.slice(0, cut);
}
