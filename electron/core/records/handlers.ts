import { TaizhangError } from '../../../shared/errors.js';
import type { DomainHandlers } from '../api/types.js';

const pending = (): never => { throw new TaizhangError('internal', '此功能正在建设中 / not built yet'); };

export const recordsHandlers: DomainHandlers<'records.add' | 'records.planFolder' | 'records.importFolder' | 'records.list' | 'records.get' | 'records.update' | 'records.bulkUpdate' | 'records.delete' | 'records.restore' | 'records.undo' | 'records.carryOver' | 'activities.list' | 'activities.update'> = () => ({
  'records.add': pending,
  'records.planFolder': pending,
  'records.importFolder': pending,
  'records.list': pending,
  'records.get': pending,
  'records.update': pending,
  'records.bulkUpdate': pending,
  'records.delete': pending,
  'records.restore': pending,
  'records.undo': pending,
  'records.carryOver': pending,
  'activities.list': pending,
  'activities.update': pending,
});
