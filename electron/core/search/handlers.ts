import type { DomainHandlers } from '../handler-types.js';
import { searchRecords } from './search.js';

export const searchHandlers: DomainHandlers<'search.query'> = (archive) => ({
  'search.query': (args) => searchRecords(archive.db, args),
});
