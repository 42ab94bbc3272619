import type { DomainHandlers } from '../handler-types.js';
import { backupArchive } from './backup.js';

export const backupHandlers: DomainHandlers<'backup.create'> = (archive) => ({
  'backup.create': (args, ctx) => backupArchive(archive, args.out, ctx),
});
