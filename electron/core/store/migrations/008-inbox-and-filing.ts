import type { Migration } from './migration.js';

/**
 * Filing as clerks file. A file's own title (PDF metadata, DOCX core properties) and its EXIF Artist are kept with
 * its content, so that filing the same content again in another year names and captions it the same way. A record
 * whose every file can only be kept as an attachment counts as material once the clerk has confirmed it.
 * (The inbox needs no column: a record linked to no item is waiting to be filed.)
 */
export const migration008: Migration = {
  version: 8,
  name: 'inbox-and-filing',
  up: `
ALTER TABLE blobs ADD COLUMN doc_title TEXT;
ALTER TABLE blobs ADD COLUMN artist TEXT;
ALTER TABLE records ADD COLUMN attachment_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (attachment_confirmed IN (0, 1));
`,
};
