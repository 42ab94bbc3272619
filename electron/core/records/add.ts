import path from 'node:path';
import type { ParsedArgs } from '../../../shared/api/contract.js';
import type { AddResult } from '../../../shared/api/records.js';
import type { CallContext } from '../handler-types.js';
import type { Archive } from '../store/archive-folder.js';
import { fileRecords, type GivenMetadata, type RecordDraft } from './ingest-records.js';
import { resolveItemCodes } from './repository.js';

/** records.add: one record per file, or one record holding every file (`single`, e.g. a document scanned page by page). */
export async function addRecords(archive: Archive, args: ParsedArgs<'records.add'>, ctx: CallContext): Promise<AddResult> {
  // Codes are checked before any file is read, so a typo in a code writes nothing.
  const itemIds = resolveItemCodes(archive.db, args.year, args.items);
  const { files, year, single, activity, items: _codes, ...rest } = args;
  const given: GivenMetadata = rest;
  const sources = files.map((file) => ({ path: path.resolve(file), label: file }));
  const activityRef = activity ? { name: activity, date: args.date ?? null } : null;
  const drafts: RecordDraft[] = single
    ? [{ sources, year, itemIds, given, activity: activityRef }]
    : sources.map((source) => ({ sources: [source], year, itemIds, given, activity: activityRef }));
  return fileRecords(archive, drafts, ctx);
}
