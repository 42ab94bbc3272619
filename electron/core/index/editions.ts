import { type Db, writeTransaction } from '../store/database.js';
import { nowIso } from '../store/archive-folder.js';
import { all, one, statement, value } from '../store/sql.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { Edition, IndexItem } from '../../../shared/api/index.js';
import { parseRequirementQuantities } from '../../../shared/domain/requirements.js';

/** One item of an index tree as read from a table or the example file, before it is stored. */
export interface ItemDraft {
  code: string;
  label?: string;
  title: string;
  method?: string;
  requirement?: string;
  unit?: string;
  activityRule?: string[] | null;
  children?: ItemDraft[];
}

export interface EditionDraft {
  name: string;
  source?: string;
  isExample?: boolean;
  levelNames?: string[];
  items: ItemDraft[];
}

/** Stores a whole edition in one transaction; returns its id and counts. */
export function insertEdition(db: Db, draft: EditionDraft): { edition: number; items: number; levels: number } {
  const insertEditionRow = statement(
    db,
    'INSERT INTO editions(name, source, is_example, level_names, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertItem = statement(
    db,
    `INSERT INTO items(edition_id, parent_id, code, label, title, level, position, method, requirement, unit, activity_rule)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let count = 0;
  let levels = 0;
  const seen = new Set<string>();
  const run = (): number => writeTransaction(db, () => {
    const edition = Number(
      insertEditionRow.run(draft.name, draft.source ?? '', draft.isExample ? 1 : 0, JSON.stringify(draft.levelNames ?? []), nowIso())
        .lastInsertRowid,
    );
    const walk = (items: ItemDraft[], parent: number | null, level: number): void => {
      items.forEach((item, position) => {
        if (seen.has(item.code)) {
          throw new TaizhangError('bad_table', `测评项目编码重复：${item.code} / Duplicate item code`);
        }
        seen.add(item.code);
        count += 1;
        levels = Math.max(levels, level);
        const id = Number(
          insertItem.run(
            edition, parent, item.code, item.label ?? '', item.title, level, position, item.method ?? '', item.requirement ?? '',
            item.unit ?? '', item.activityRule ? JSON.stringify(item.activityRule) : null,
          ).lastInsertRowid,
        );
        walk(item.children ?? [], id, level + 1);
      });
    };
    walk(draft.items, null, 1);
    return edition;
  });
  const edition = run();
  return { edition, items: count, levels };
}

interface ItemRow {
  id: number;
  edition_id: number;
  code: string;
  label: string;
  title: string;
  level: number;
  parent_code: string | null;
  method: string;
  requirement: string;
  unit: string;
  activity_rule: string | null;
}

/** Items of an edition in tree order (parents before children, siblings by position). */
export function listItems(db: Db, editionId: number): IndexItem[] {
  const rows = all<ItemRow>(
    db,
    `WITH RECURSIVE tree(id, sort) AS (
       SELECT id, printf('%06d', position) FROM items WHERE edition_id = ? AND parent_id IS NULL
       UNION ALL
       SELECT i.id, tree.sort || '.' || printf('%06d', i.position) FROM items i JOIN tree ON i.parent_id = tree.id
     )
     SELECT i.id, i.edition_id, i.code, i.label, i.title, i.level, p.code AS parent_code, i.method, i.requirement, i.unit, i.activity_rule
     FROM tree JOIN items i ON i.id = tree.id LEFT JOIN items p ON p.id = i.parent_id
     ORDER BY tree.sort`,
    editionId,
  );
  return rows.map(toIndexItem);
}

export function toIndexItem(r: ItemRow): IndexItem {
  return {
    id: r.id,
    editionId: r.edition_id,
    code: r.code,
    label: r.label,
    title: r.title,
    level: r.level,
    parent: r.parent_code,
    method: r.method,
    requirement: r.requirement,
    unit: r.unit,
    quantities: parseRequirementQuantities(r.requirement),
    activityRule: r.activity_rule ? (JSON.parse(r.activity_rule) as string[]) : null,
  };
}

export function listEditions(db: Db): Edition[] {
  const rows = all<{ id: number; name: string; is_example: number; created_at: string; items: number; levels: number; years: string | null }>(
    db,
    `SELECT e.id, e.name, e.is_example, e.created_at,
            (SELECT count(*) FROM items WHERE edition_id = e.id) AS items,
            (SELECT coalesce(max(level), 0) FROM items WHERE edition_id = e.id) AS levels,
            (SELECT group_concat(year) FROM (SELECT year FROM years WHERE edition_id = e.id ORDER BY year)) AS years
     FROM editions e ORDER BY e.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    isExample: r.is_example === 1,
    items: r.items,
    levels: r.levels,
    createdAt: r.created_at,
    years: r.years ? r.years.split(',').map(Number) : [],
  }));
}

/** The newest edition, or the one a year uses when a year is given. */
export function resolveEdition(db: Db, opts: { edition?: number | undefined; year?: number | undefined }): number {
  if (opts.edition !== undefined) {
    const id = value<number>(db, 'SELECT id FROM editions WHERE id = ?', opts.edition);
    if (id === undefined) throw new TaizhangError('not_found', `没有编号为 ${opts.edition} 的测评体系版本 / No such index edition`);
    return id;
  }
  if (opts.year !== undefined) {
    const edition = value<number>(db, 'SELECT edition_id FROM years WHERE year = ?', opts.year);
    if (edition !== undefined) return edition;
  }
  const newest = value<number>(db, 'SELECT id FROM editions ORDER BY id DESC LIMIT 1');
  if (newest === undefined) throw new TaizhangError('not_found', '档案中还没有测评体系，请先导入 / No index edition; import one first');
  return newest;
}

/** Finds an item by code in an edition, with a clear error when it is not there. */
export function findItem(db: Db, editionId: number, code: string): { id: number; code: string; title: string } {
  const row = one<{ id: number; code: string; title: string }>(db, 'SELECT id, code, title FROM items WHERE edition_id = ? AND code = ?', editionId, code);
  if (!row) throw new TaizhangError('not_found', `测评体系中没有编码为「${code}」的项目 / No index item with code ${code}`);
  return row;
}

/**
 * The item with this code in the edition a year uses (found with resolveEdition), with an error naming the year's
 * index when there is none.
 */
export function findItemOfYear(db: Db, edition: number, code: string, year: number | undefined): { id: number; code: string; title: string } {
  try {
    return findItem(db, edition, code);
  } catch (err) {
    if (err instanceof TaizhangError && err.code === 'not_found') {
      const where = year === undefined ? '当前测评体系' : `${year} 年度所用的测评体系`;
      throw new TaizhangError('not_found', `${where}中没有编码为「${code}」的项目 / No index item with code ${code}`);
    }
    throw err;
  }
}
