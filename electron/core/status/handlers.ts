import type { DomainHandlers } from '../handler-types.js';
import { computeStatus, setNotApplicable } from './status.js';

export const statusHandlers: DomainHandlers<'status.get' | 'status.setNotApplicable'> = (archive) => ({
  'status.get': ({ year, item }) => computeStatus(archive.db, year, item),
  'status.setNotApplicable': ({ year, item, notApplicable, reason }) => setNotApplicable(archive.db, year, item, notApplicable, reason),
});
