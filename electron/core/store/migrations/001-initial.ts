import type { Migration } from './migration.js';

/** The archive as first designed: unit, index editions, years, records (件), files, activities, links. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE editions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  is_example INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  level_names TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level >= 1),
  position INTEGER NOT NULL,
  method TEXT NOT NULL DEFAULT '',
  requirement TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  activity_rule TEXT,
  UNIQUE (edition_id, code)
) STRICT;
CREATE INDEX items_parent ON items(parent_id);

CREATE TABLE item_map (
  from_item INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  to_item INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('same', 'renamed', 'split', 'merged')),
  PRIMARY KEY (from_item, to_item)
) STRICT;
CREATE INDEX item_map_to ON item_map(to_item);

CREATE TABLE years (
  year INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES editions(id)
) STRICT;

CREATE TABLE not_applicable (
  year INTEGER NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (year, item_id)
) STRICT;

CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  date TEXT,
  caption TEXT NOT NULL DEFAULT '{}',
  UNIQUE (year, name)
) STRICT;

CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  title_supplied INTEGER NOT NULL DEFAULT 0 CHECK (title_supplied IN (0, 1)),
  doc_no TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  date TEXT,
  type TEXT NOT NULL CHECK (type IN ('方案','通知','签到表','照片','记录','总结','报告','制度','台账','荣誉','其他')),
  retention TEXT NOT NULL DEFAULT '定期10年' CHECK (retention IN ('永久','定期30年','定期10年')),
  note TEXT NOT NULL DEFAULT '',
  caption TEXT NOT NULL DEFAULT '{}',
  activity_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
  carried_from INTEGER REFERENCES records(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX records_year ON records(year, deleted_at);
CREATE INDEX records_activity ON records(activity_id);

CREATE TABLE record_items (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  PRIMARY KEY (record_id, item_id)
) STRICT;
CREATE INDEX record_items_item ON record_items(item_id);

CREATE TABLE record_tags (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (record_id, tag)
) STRICT;
CREATE INDEX record_tags_tag ON record_tags(tag);

-- One row per distinct content; the bytes live in files/<aa>/<sha256>.
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size INTEGER NOT NULL,
  mime TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pdf','image','docx','xlsx','office','other')),
  ext TEXT NOT NULL DEFAULT '',
  pages INTEGER,
  width INTEGER,
  height INTEGER,
  exif_date TEXT,
  orientation INTEGER,
  camera TEXT,
  text TEXT NOT NULL DEFAULT '',
  binder_note TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE record_files (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL REFERENCES blobs(sha256),
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (record_id, sha256)
) STRICT;
CREATE INDEX record_files_sha ON record_files(sha256);

CREATE TABLE rectifications (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  problem TEXT NOT NULL,
  site TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  leader TEXT NOT NULL DEFAULT '',
  deadline TEXT,
  progress TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '待整改' CHECK (state IN ('待整改','整改中','已整改')),
  raised_on TEXT,
  closed_on TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE rectification_items (
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  PRIMARY KEY (rectification_id, item_id)
) STRICT;

CREATE TABLE rectification_evidence (
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  PRIMARY KEY (rectification_id, record_id)
) STRICT;

-- The last edits, for undo. Each row holds what to write back.
CREATE TABLE undo_log (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Full-text index. Contentless: the text lives in records and blobs; this holds tokens only.
-- Chinese is indexed one character per token so that any substring is a phrase query (see shared/text/tokens.ts).
CREATE VIRTUAL TABLE search_index USING fts5(
  title, body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
`,
};
