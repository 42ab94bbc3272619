import type { DomainHandlers } from '../handler-types.js';
import { suggestForRecord, suggestForText } from './suggest.js';

export const suggestHandlers: DomainHandlers<'suggest.record' | 'suggest.text'> = (archive) => ({
  'suggest.record': (args) => suggestForRecord(archive.db, args.recordId, args.folder),
  'suggest.text': (args) => suggestForText(archive.db, args),
});
