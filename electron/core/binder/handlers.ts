import type { DomainHandlers } from '../handler-types.js';
import { exportBinder } from './export-binder.js';

export const binderHandlers: DomainHandlers<'binder.export'> = (archive) => ({
  'binder.export': (args, ctx) => exportBinder(archive, args, ctx),
});
