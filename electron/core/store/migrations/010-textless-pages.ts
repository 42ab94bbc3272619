import type { Migration } from './migration.js';

/**
 * The pages of a PDF whose text layer is empty, as a JSON list of page numbers (`[3]` for a typed document with one
 * scanned page, `[]` for a typed document, every page for a scan): what OCR reads of it. The import writes it. NULL
 * means nobody has looked yet: a PDF stored before this version, whose pages the OCR queue looks at (text layer only,
 * no OCR) the first time it comes to the file, as the import would have. Other kinds of file keep NULL.
 */
export const migration010: Migration = {
  version: 10,
  name: 'textless-pages',
  up: `
ALTER TABLE blobs ADD COLUMN textless_pages TEXT CHECK (textless_pages IS NULL OR json_valid(textless_pages));
`,
};
