import type { UnitSettings } from '../../../shared/api/archive.js';
import { installExampleIndex } from '../index/example.js';
import { openArchive, setUnit, type Archive } from '../store/archive-folder.js';
import { type OpenDatabaseOptions, writeTransaction } from '../store/database.js';
import { value } from '../store/sql.js';

/** Creates a new archive that is usable at once: unit settings and the example index are in place. */
export async function initArchive(dir: string, unit: Partial<UnitSettings> = {}, options: OpenDatabaseOptions = {}): Promise<Archive> {
  const archive = await openArchive(dir, { ...options, create: true });
  try {
    const hasEdition = value<number>(archive.db, 'SELECT 1 FROM editions LIMIT 1') !== undefined;
    writeTransaction(archive.db, () => {
      setUnit(archive.db, { name: unit.name ?? '', fonds: unit.fonds ?? '', filer: unit.filer ?? '', checker: unit.checker ?? '' });
      if (!hasEdition) installExampleIndex(archive.db);
    });
    return archive;
  } catch (err) {
    archive.close();
    throw err;
  }
}
