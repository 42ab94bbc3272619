import type { DomainHandlers } from '../handler-types.js';
import { createPackage } from './create.js';

export const packageHandlers: DomainHandlers<'package.create'> = (archive) => ({
  'package.create': (args, ctx) => createPackage(archive, args, ctx),
});
