import type { YearInfo } from '../../../shared/api/archive.js';
import { TaizhangError } from '../../../shared/errors.js';
import { declareYear } from '../index/declare-year.js';
import type { Db } from '../store/database.js';
import { all } from '../store/sql.js';

export function listYears(db: Db): YearInfo[] {
  return all<YearInfo>(
    db,
    `SELECT y.year, y.edition_id AS editionId, e.name AS editionName,
            (SELECT count(*) FROM live_records r WHERE r.year = y.year) AS records
     FROM years y JOIN editions e ON e.id = y.edition_id ORDER BY y.year`,
  );
}

/** archive.setYear: declares the year (with the given edition, or the newest for a new year) and reports it. */
export function setYear(db: Db, year: number, editionId?: number): YearInfo {
  declareYear(db, year, editionId);
  const info = listYears(db).find((y) => y.year === year);
  if (!info) throw new TaizhangError('internal', `年度 ${year} 未能建立`);
  return info;
}
