import { TaizhangError } from '../../../shared/errors.js';
import type { DomainHandlers } from '../api/types.js';

const pending = (): never => { throw new TaizhangError('internal', '此功能正在建设中 / not built yet'); };

export const indexHandlers: DomainHandlers<'index.editions' | 'index.list' | 'index.import' | 'index.export' | 'index.updateItem' | 'index.map' | 'index.mappings'> = () => ({
  'index.editions': pending,
  'index.list': pending,
  'index.import': pending,
  'index.export': pending,
  'index.updateItem': pending,
  'index.map': pending,
  'index.mappings': pending,
});
