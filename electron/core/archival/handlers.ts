import type { DomainHandlers } from '../handler-types.js';
import { catalogueRows } from './catalogue.js';
import { numberRecords } from './number.js';
import { listVolumes } from './volumes.js';
import { withdrawRecord } from './withdraw.js';

export const archivalHandlers: DomainHandlers<'archival.number' | 'archival.withdraw' | 'archival.volumes' | 'archival.catalogue'> = (archive) => ({
  'archival.number': (args) => numberRecords(archive.db, args),
  'archival.withdraw': ({ id, reason }) => withdrawRecord(archive.db, id, reason),
  'archival.volumes': ({ year }) => listVolumes(archive.db, year),
  'archival.catalogue': ({ year, item }) => catalogueRows(archive.db, year, item),
});
