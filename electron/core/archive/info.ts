import type { ArchiveInfo } from '../../../shared/api/archive.js';
import { getUnit, type Archive } from '../store/archive-folder.js';
import { schemaVersion } from '../store/database.js';
import { listYears } from './years.js';

export function archiveInfo(archive: Archive): ArchiveInfo {
  const counts = archive.db
    .prepare('SELECT (SELECT count(*) FROM live_records) AS records, (SELECT count(*) FROM blobs) AS files')
    .get() as { records: number; files: number };
  return { path: archive.dir, schemaVersion: schemaVersion(archive.db), unit: getUnit(archive.db), years: listYears(archive.db), ...counts };
}
