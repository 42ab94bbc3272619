import type { Migration } from './migration.js';

/**
 * What an auditor wrote into a 自查表 and the clerk accepted: a 完成情况 that overrides the computed one, a 责任单位/责任人
 * that replaces the index's, and a 备注. NULL means "as computed / as in the index", so only real edits are kept.
 */
export const migration005: Migration = {
  version: 5,
  name: 'checklist-notes',
  up: `
CREATE TABLE checklist_notes (
  year INTEGER NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  status TEXT CHECK (status IS NULL OR status IN ('齐全','部分','缺失','不适用')),
  responsible TEXT,
  note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, item_id)
) STRICT;
`,
};
