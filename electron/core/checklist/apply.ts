import path from 'node:path';
import type { ParsedArgs, Result } from '../../../shared/api/contract.js';
import { TaizhangError } from '../../../shared/errors.js';
import { computeStatus } from '../status/status.js';
import type { Archive } from '../store/archive-folder.js';
import { writeNotes } from './accepted-notes.js';
import { planChecklistDiff, type PlannedDiff } from './diff.js';
import { readChecklistFile } from './read-file.js';
import { writeTransaction } from '../store/database.js';

function withoutWrites({ writes: _writes, ...diff }: PlannedDiff): Omit<PlannedDiff, 'writes'> {
  return diff;
}

/** checklist.diff: what an edited workbook would change, without writing anything. */
export async function diffChecklist(archive: Archive, { year, file }: ParsedArgs<'checklist.diff'>): Promise<Result<'checklist.diff'>> {
  const parsed = await readChecklistFile(path.resolve(file), year);
  return withoutWrites(planChecklistDiff(archive.db, year, parsed, computeStatus(archive.db, year)));
}

/** checklist.apply: stores the diff, planned again inside the write transaction so what is stored is what it lists. */
export async function applyChecklist(archive: Archive, { year, file, token }: ParsedArgs<'checklist.apply'>): Promise<Result<'checklist.apply'>> {
  const parsed = await readChecklistFile(path.resolve(file), year);
  const db = archive.db;
  return writeTransaction(db, () => {
    const plan = planChecklistDiff(db, year, parsed, computeStatus(db, year));
    if (token !== undefined && token !== plan.token) {
      throw new TaizhangError('conflict', '自查表或档案在预览之后有了变化，请重新预览再确认 / The file or archive changed since the preview');
    }
    writeNotes(db, year, plan.writes);
    return { ...withoutWrites(plan), applied: plan.changes.length };
  });
}
