/**
 * Latin words a clerk may meet inside Chinese text, one list for the message lint and the window's DOM scan: the file
 * formats she knows files by (PDF, DOC, ZIP…), the programs she has (Word, WPS, Excel, LibreOffice), the names printed
 * on the keys the hints refer to (Ctrl, Shift, Enter, Esc, Delete), the unit symbols of file sizes as Chinese file
 * managers write them, the marks of a date pattern, and WS, the 门类代码 of 文书档案 that DA/T 22 gives and the 档号
 * carries.
 */
const CLERK_LATIN: ReadonlySet<string> = new Set(
  [
    'PDF', 'JPEG', 'JPG', 'PNG', 'GIF', 'WebP', 'TIFF', 'HEIC', 'HEIF', 'AVIF', 'DOCX', 'XLSX', 'PPTX', 'DOC', 'XLS', 'PPT', 'OFD', 'ZIP',
    'MP4', 'MOV', 'BMP', 'TXT', 'CSV', 'ODS', 'JSON', 'Word', 'Excel', 'PowerPoint', 'WPS', 'Office', 'LibreOffice', 'Windows', 'EXIF',
    'RAR', 'GZIP', 'RTF', 'XML', 'SHA', 'HTTPS', 'KB', 'MB', 'GB', 'A4', 'Ctrl', 'Delete', 'Enter', 'Shift', 'Esc', 'WS',
    'YYYY', 'MM', 'DD',
  ].map((w) => w.toLowerCase()),
);

export function isClerkLatin(word: string): boolean {
  return CLERK_LATIN.has(word.toLowerCase());
}
