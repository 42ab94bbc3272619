import type { DomainHandlers } from '../api/types.js';
import { exportBinder } from './export.js';

export const binderHandlers: DomainHandlers<'binder.export'> = (archive) => ({
  'binder.export': (args, ctx) => exportBinder(archive, args, ctx),
});
