import type { Db } from '../store/database.js';
import { value } from '../store/sql.js';

/** Every record a backup holds, those in the trash too. */
export function recordCount(db: Db): number {
  return value<number>(db, 'SELECT count(*) FROM records') ?? 0;
}
