import type { Db } from '../store/database.js';
import { run, value } from '../store/sql.js';
import { resolveEdition } from './editions.js';

/**
 * Declares a year with the index edition it uses: the given one, or for a new year the newest. A year already
 * declared keeps its edition unless one is given.
 */
export function declareYear(db: Db, year: number, editionId?: number): void {
  const existing = value<number>(db, 'SELECT edition_id FROM years WHERE year = ?', year);
  if (existing !== undefined && editionId === undefined) return;
  const edition = resolveEdition(db, { edition: editionId });
  run(db, 'INSERT INTO years(year, edition_id) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET edition_id = excluded.edition_id', year, edition);
}
