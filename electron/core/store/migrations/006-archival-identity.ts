import type { Migration } from './migration.js';

/**
 * Archival identity (DA/T 22): 件号 and 档号 are given once at 归档 and stored, never worked out again at export.
 *
 * - `volumes`: one per class (年度 + 保管期限 + 问题), with its own 卷号 within the year, its 档号 and 立卷日期.
 * - `archival_numbers`: a record's 件号 in its class and its 档号. A 撤销归档 keeps the row with the date and the
 *   reason, so a withdrawn number is never given again and the volume can state the gap.
 * - `records.secrecy`: 密级 for the 归档文件目录 (blank, 秘密 or 机密).
 * - Views: `live_records` (not in the trash), `record_pages` (pages as printed from a record's files) and
 *   `record_identity` (each record's stored number; a carried-over record shows its original's, since it is the
 *   same document).
 *
 * Existing archives start unarchived: no record has a number until the clerk archives. A carried-over record now
 * points at the original itself rather than at the copy it was carried from, so its identity is one lookup away.
 */
export const migration006: Migration = {
  version: 6,
  name: 'archival-identity',
  up: (db) => {
    db.exec(`
ALTER TABLE records ADD COLUMN secrecy TEXT NOT NULL DEFAULT '' CHECK (secrecy IN ('', '秘密', '机密'));

CREATE TABLE volumes (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  volume_no INTEGER NOT NULL CHECK (volume_no >= 1),
  retention TEXT NOT NULL CHECK (retention IN ('永久','定期30年','定期10年')),
  problem TEXT NOT NULL,
  -- The 测评项目 the 问题 stands for, as it read on the day the volume was made up.
  item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
  item_code TEXT NOT NULL,
  item_title TEXT NOT NULL,
  archival_code TEXT NOT NULL,
  archived_on TEXT NOT NULL,
  UNIQUE (year, volume_no),
  UNIQUE (year, retention, problem)
) STRICT;

CREATE TABLE archival_numbers (
  id INTEGER PRIMARY KEY,
  record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
  volume_id INTEGER NOT NULL REFERENCES volumes(id),
  piece INTEGER NOT NULL CHECK (piece >= 1),
  archival_code TEXT NOT NULL,
  -- The item of the year's edition the record was filed under when it was numbered.
  item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
  archived_on TEXT NOT NULL,
  withdrawn_on TEXT,
  withdraw_reason TEXT,
  UNIQUE (volume_id, piece),
  CHECK ((withdrawn_on IS NULL) = (withdraw_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX archival_numbers_live ON archival_numbers(record_id) WHERE withdrawn_on IS NULL;

CREATE VIEW live_records AS SELECT * FROM records WHERE deleted_at IS NULL;

-- Pages of a record as printed from its files: a PDF's pages, one per image; files whose pages are not known yet
-- (Word, Excel before conversion) are counted in unknown_pages.
CREATE VIEW record_pages AS
  SELECT rf.record_id,
         sum(CASE WHEN b.kind = 'image' THEN 1 ELSE coalesce(b.pages, 0) END) AS pages,
         sum(CASE WHEN b.kind <> 'image' AND b.pages IS NULL THEN 1 ELSE 0 END) AS unknown_pages
  FROM record_files rf JOIN blobs b ON b.sha256 = rf.sha256
  GROUP BY rf.record_id;

CREATE VIEW record_identity AS
  SELECT r.id AS record_id, n.id AS number_id, n.piece, n.archival_code, n.archived_on, n.item_id AS numbered_item,
         v.id AS volume_id, v.year, v.retention, v.problem, v.volume_no, v.archival_code AS volume_code,
         (r.carried_from IS NOT NULL) AS carried
  FROM records r
  JOIN archival_numbers n ON n.record_id = coalesce(r.carried_from, r.id) AND n.withdrawn_on IS NULL
  JOIN volumes v ON v.id = n.volume_id;
`);
    // Carried from a carried copy: follow the chain back to the original.
    db.exec(`
WITH RECURSIVE chain(id, origin) AS (
  SELECT id, carried_from FROM records WHERE carried_from IS NOT NULL
  UNION ALL
  SELECT chain.id, r.carried_from FROM chain JOIN records r ON r.id = chain.origin WHERE r.carried_from IS NOT NULL
)
UPDATE records SET carried_from = (
  SELECT c.origin FROM chain c WHERE c.id = records.id
    AND NOT EXISTS (SELECT 1 FROM records o WHERE o.id = c.origin AND o.carried_from IS NOT NULL)
)
WHERE carried_from IS NOT NULL
  AND EXISTS (SELECT 1 FROM records o WHERE o.id = records.carried_from AND o.carried_from IS NOT NULL);
`);
  },
};
