import { TaizhangError } from '../../../shared/errors.js';
import type { DomainHandlers } from '../api/types.js';
import { addRecords } from './add.js';
import { listRecords } from './query.js';
import { getRecordDetail } from './repository.js';

const pending = (): never => { throw new TaizhangError('internal', '此功能正在建设中 / not built yet'); };

export const recordsHandlers: DomainHandlers<'records.add' | 'records.planFolder' | 'records.importFolder' | 'records.list' | 'records.get' | 'records.update' | 'records.bulkUpdate' | 'records.delete' | 'records.restore' | 'records.undo' | 'records.carryOver' | 'activities.list' | 'activities.update'> = (archive) => ({
  'records.add': (args, ctx) => addRecords(archive, args, ctx),
  'records.planFolder': pending,
  'records.importFolder': pending,
  'records.list': (filter) => listRecords(archive.db, filter),
  'records.get': ({ id }) => getRecordDetail(archive.db, id),
  'records.update': pending,
  'records.bulkUpdate': pending,
  'records.delete': pending,
  'records.restore': pending,
  'records.undo': pending,
  'records.carryOver': pending,
  'activities.list': pending,
  'activities.update': pending,
});
