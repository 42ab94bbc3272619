import { TaizhangError } from '../../../shared/errors.js';
import type { DomainHandlers } from '../api/types.js';

const pending = (): never => { throw new TaizhangError('internal', '此功能正在建设中 / not built yet'); };

export const binderHandlers: DomainHandlers<'binder.export'> = () => ({
  'binder.export': pending,
});
