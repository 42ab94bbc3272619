import type { ArchiveInfo } from '../../../shared/api/archive.js';
import { getUnit, type Archive } from '../store/archive-folder.js';
import { schemaVersion } from '../store/database.js';
import { one } from '../store/sql.js';
import { listYears } from './years.js';

export function archiveInfo(archive: Archive): ArchiveInfo {
  // A select of two counts always gives its row; nothing is counted without one.
  const counts = one<{ records: number; files: number }>(
    archive.db,
    'SELECT (SELECT count(*) FROM live_records) AS records, (SELECT count(*) FROM blobs) AS files',
  ) ?? { records: 0, files: 0 };
  return { path: archive.dir, schemaVersion: schemaVersion(archive.db), unit: getUnit(archive.db), years: listYears(archive.db), ...counts };
}
