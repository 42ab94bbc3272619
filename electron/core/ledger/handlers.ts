import { TaizhangError } from '../../../shared/errors.js';
import type { DomainHandlers } from '../api/types.js';

const pending = (): never => { throw new TaizhangError('internal', '此功能正在建设中 / not built yet'); };

export const ledgerHandlers: DomainHandlers<'ledger.add' | 'ledger.list' | 'ledger.update' | 'ledger.close'> = () => ({
  'ledger.add': pending,
  'ledger.list': pending,
  'ledger.update': pending,
  'ledger.close': pending,
});
