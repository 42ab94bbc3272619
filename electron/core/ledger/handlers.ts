import type { DomainHandlers } from '../handler-types.js';
import { addRectification, closeRectification, listRectifications, updateRectification } from './ledger.js';

export const ledgerHandlers: DomainHandlers<'ledger.add' | 'ledger.list' | 'ledger.update' | 'ledger.close'> = (archive) => ({
  'ledger.add': (args) => addRectification(archive.db, args),
  'ledger.list': (args) => listRectifications(archive.db, args),
  'ledger.update': (args) => updateRectification(archive.db, args),
  'ledger.close': (args) => closeRectification(archive.db, args),
});
