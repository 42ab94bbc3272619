import type { Migration } from './migration.js';

/**
 * Recognised text (OCR) of photos, scans and PDF pages without a text layer.
 * - `ocr_jobs`: one row per stored file the queue has decided about. A file with no row and a kind that can hold a
 *   page image is waiting; `queued` is waiting too (asked for again, or interrupted), `done`, `failed` and
 *   `cancelled` are not picked up again until the clerk asks for that file.
 * - `ocr_pages`: the text of each page as the engine read it, its lines with their boxes (fractions of the page, for
 *   the binder's text layer and the sign-in count), and the clerk's correction, which is kept apart and wins.
 *   A page is committed as soon as it is read, so a killed run resumes at the next page. `stale`: a corrected
 *   page of a file the clerk asked to be read again; the engine reads it again and the correction stays.
 * - `activities.attendance`: 实到人数, kept only once the clerk has confirmed it.
 * Text belongs to the content (sha256), so the same scan filed in two years is read once.
 */
export const migration007: Migration = {
  version: 7,
  name: 'ocr',
  up: `
CREATE TABLE ocr_jobs (
  sha256 TEXT PRIMARY KEY REFERENCES blobs(sha256) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('queued','done','failed','cancelled')),
  requested INTEGER NOT NULL DEFAULT 0 CHECK (requested IN (0, 1)),
  pages INTEGER,
  error TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE ocr_pages (
  sha256 TEXT NOT NULL REFERENCES blobs(sha256) ON DELETE CASCADE,
  page INTEGER NOT NULL CHECK (page >= 1),
  state TEXT NOT NULL CHECK (state IN ('done','skipped','failed','stale')),
  text TEXT NOT NULL DEFAULT '',
  lines TEXT NOT NULL DEFAULT '[]',
  corrected TEXT,
  corrected_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (sha256, page)
) STRICT;

ALTER TABLE activities ADD COLUMN attendance INTEGER CHECK (attendance IS NULL OR attendance >= 0);
`,
};
