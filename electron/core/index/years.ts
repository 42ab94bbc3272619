import type { Db } from '../store/database.js';
import { resolveEdition } from './editions.js';

/**
 * Declares a year with the index edition it uses: the given one, or for a new year the newest. A year already
 * declared keeps its edition unless one is given.
 */
export function declareYear(db: Db, year: number, editionId?: number): void {
  const existing = db.prepare('SELECT edition_id FROM years WHERE year = ?').get(year) as { edition_id: number } | undefined;
  if (existing && editionId === undefined) return;
  const edition = resolveEdition(db, { edition: editionId });
  db.prepare('INSERT INTO years(year, edition_id) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET edition_id = excluded.edition_id').run(year, edition);
}
