import { type Db, writeTransaction } from '../store/database.js';
import { all, one, run } from '../store/sql.js';
import { findItem } from './editions.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { ItemMapping } from '../../../shared/api/index.js';

export type MappingKind = ItemMapping['kind'];

interface MappingRow {
  from_edition: number;
  from_code: string;
  from_title: string;
  to_edition: number;
  to_code: string;
  to_title: string;
  kind: MappingKind;
}

const MAPPING_SELECT = `
  SELECT f.edition_id AS from_edition, f.code AS from_code, f.title AS from_title,
         t.edition_id AS to_edition, t.code AS to_code, t.title AS to_title, m.kind
  FROM item_map m JOIN items f ON f.id = m.from_item JOIN items t ON t.id = m.to_item`;

function toMapping(r: MappingRow): ItemMapping {
  return {
    from: { editionId: r.from_edition, code: r.from_code, title: r.from_title },
    to: { editionId: r.to_edition, code: r.to_code, title: r.to_title },
    kind: r.kind,
  };
}

/**
 * Links an item of one edition to an item of another, so that records filed under either show up under both.
 * Mapping again the same pair only changes its kind.
 */
export function linkItems(db: Db, fromItem: number, toItem: number, kind: MappingKind): ItemMapping {
  const editions = all<{ id: number; edition_id: number }>(db, 'SELECT id, edition_id FROM items WHERE id IN (?, ?)', fromItem, toItem);
  const fromEdition = editions.find((r) => r.id === fromItem)?.edition_id;
  const toEdition = editions.find((r) => r.id === toItem)?.edition_id;
  if (fromEdition === undefined || toEdition === undefined) {
    throw new TaizhangError('not_found', '要对应的测评项目不存在 / Item to map does not exist');
  }
  if (fromEdition === toEdition) {
    throw new TaizhangError(
      'invalid_input',
      '只能在两个不同版本的测评体系之间建立对应 / Items can only be mapped between two different editions',
    );
  }
  return writeTransaction(db, () => {
    // One pair is one link, whichever way round it was entered first.
    run(db, 'DELETE FROM item_map WHERE from_item = ? AND to_item = ?', toItem, fromItem);
    run(
      db,
      `INSERT INTO item_map(from_item, to_item, kind) VALUES (?, ?, ?)
       ON CONFLICT(from_item, to_item) DO UPDATE SET kind = excluded.kind`,
      fromItem,
      toItem,
      kind,
    );
    const row = one<MappingRow>(db, `${MAPPING_SELECT} WHERE m.from_item = ? AND m.to_item = ?`, fromItem, toItem);
    if (!row) throw new TaizhangError('internal', '对应关系写入后未能读回 / mapping vanished after writing');
    return toMapping(row);
  });
}

/** index.map: links two items named by edition and code. */
export function mapItemCodes(
  db: Db,
  m: { fromEdition: number; fromCode: string; toEdition: number; toCode: string; kind: MappingKind },
): ItemMapping {
  return linkItems(db, findItem(db, m.fromEdition, m.fromCode).id, findItem(db, m.toEdition, m.toCode).id, m.kind);
}

/** All mappings, or those touching one edition (as source or target). */
export function listMappings(db: Db, editionId?: number): ItemMapping[] {
  const rows =
    editionId === undefined
      ? all<MappingRow>(db, `${MAPPING_SELECT} ORDER BY f.edition_id, f.code, t.edition_id, t.code`)
      : all<MappingRow>(
          db,
          `${MAPPING_SELECT} WHERE f.edition_id = @edition OR t.edition_id = @edition ORDER BY f.edition_id, f.code, t.edition_id, t.code`,
          { edition: editionId },
        );
  return rows.map(toMapping);
}
