import type { DomainHandlers } from '../handler-types.js';
import { checkArchive } from './check.js';
import { exportFolder } from './export-folder.js';

export const integrityHandlers: DomainHandlers<'integrity.check' | 'integrity.exportFolder'> = (archive) => ({
  'integrity.check': (args, ctx) => checkArchive(archive, args, ctx),
  'integrity.exportFolder': (args, ctx) => exportFolder(archive, args, ctx),
});
