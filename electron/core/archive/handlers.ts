import type { DomainHandlers } from '../handler-types.js';
import { getUnit, setUnit } from '../store/archive-folder.js';
import { archiveInfo } from './info.js';
import { listYears, setYear } from './years.js';

export const archiveHandlers: DomainHandlers<'archive.info' | 'archive.unit' | 'archive.setUnit' | 'archive.years' | 'archive.setYear'> = (
  archive,
) => ({
  'archive.info': () => archiveInfo(archive),
  'archive.unit': () => getUnit(archive.db),
  'archive.setUnit': (patch) => setUnit(archive.db, patch),
  'archive.years': () => listYears(archive.db),
  'archive.setYear': ({ year, editionId }) => setYear(archive.db, year, editionId),
});
