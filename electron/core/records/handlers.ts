import type { DomainHandlers } from '../handler-types.js';
import { addRecords } from './add.js';
import { carryOver } from './carry-over.js';
import { bulkUpdate, setDeleted, updateActivity, updateRecord } from './edit.js';
import { importFolder, planFolder } from './folder.js';
import { inboxCount, listRecords } from './list.js';
import { locateFiles } from './locate.js';
import { renameRecords } from './rename.js';
import { getRecordDetail, listActivities } from './repository.js';
import { undoLast } from './undo.js';

export const recordsHandlers: DomainHandlers<
  | 'records.add' | 'records.planFolder' | 'records.importFolder' | 'records.list' | 'records.get' | 'records.locate' | 'records.update'
  | 'records.bulkUpdate' | 'records.delete' | 'records.restore' | 'records.undo' | 'records.carryOver' | 'records.activities'
  | 'records.updateActivity' | 'records.rename' | 'records.inbox'
> = (archive) => ({
  'records.add': (args, ctx) => addRecords(archive, args, ctx),
  'records.planFolder': (args) => planFolder(archive, args),
  'records.importFolder': (args, ctx) => importFolder(archive, args, ctx),
  'records.list': (filter) => listRecords(archive.db, filter),
  'records.inbox': () => inboxCount(archive.db),
  'records.get': ({ id }) => getRecordDetail(archive.db, id, { includeDeleted: true }),
  'records.locate': ({ id }) => locateFiles(archive, id),
  'records.update': (args) => updateRecord(archive, args),
  'records.bulkUpdate': (args) => bulkUpdate(archive, args),
  'records.rename': (args) => renameRecords(archive, args),
  'records.delete': ({ ids }) => ({ deleted: setDeleted(archive, ids, true) }),
  'records.restore': ({ ids }) => ({ restored: setDeleted(archive, ids, false) }),
  'records.undo': () => ({ undone: undoLast(archive.db) }),
  'records.carryOver': ({ from, to }) => carryOver(archive, from, to),
  'records.activities': ({ year }) => listActivities(archive.db, year),
  'records.updateActivity': (args) => updateActivity(archive, args),
});
