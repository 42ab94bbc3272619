import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.js';
import { writeTransaction } from '../store/database.js';
import { readSetting, writeSetting } from '../store/settings.js';

const ARCHIVE_ID_KEY = 'archive.id';

/**
 * The archive's own id, made once (a random UUID) the first time something leaves the archive with it (a 上报包, a
 * checklist), and kept in settings. A file that comes back is matched to its archive by it.
 */
export function archiveId(db: Db): string {
  const existing = readSetting(db, ARCHIVE_ID_KEY);
  if (existing) return existing;
  return writeTransaction(db, () => {
    const again = readSetting(db, ARCHIVE_ID_KEY);
    if (again) return again;
    const id = randomUUID();
    writeSetting(db, ARCHIVE_ID_KEY, id);
    return id;
  });
}
