import path from 'node:path';
import type { ParsedArgs, Result } from '../../../shared/api/contract.js';
import { TaizhangError } from '../../../shared/errors.js';
import { archiveId } from '../archive/identity.js';
import { applyRectificationEdits } from '../ledger/ledger.js';
import { applyChanges } from '../records/edit.js';
import { computeStatus, setNotApplicable } from '../status/status.js';
import type { Archive } from '../store/archive-folder.js';
import { writeTransaction } from '../store/database.js';
import { META_SHEET } from './layout.js';
import { rehideMarksSheet } from './marks-sheet.js';
import { writeNotes } from './repository.js';
import { planChecklistDiff, type PlannedDiff } from './diff.js';
import { readChecklistFile, type ChecklistFile } from './read-file.js';

/** A checklist from another archive (another community's, or a copy's) is refused unless the clerk insists. */
function checkSource(archive: Archive, file: ChecklistFile, force: boolean): void {
  if (force || !file.source || file.source.archive === archiveId(archive.db)) return;
  const from = [file.source.unit && `单位：${file.source.unit}`, file.source.fonds && `全宗号：${file.source.fonds}`].filter(Boolean).join('，');
  throw new TaizhangError(
    'conflict',
    `这份自查表是从另一个档案导出的${from ? `（${from}）` : ''}，不能读入本档案；确属本档案的，请确认后强制读入 / The checklist was exported from another archive; use --force if it belongs here`,
  );
}

function shown({ writes: _writes, stored: _stored, ...diff }: PlannedDiff): Omit<PlannedDiff, 'writes' | 'stored'> {
  return diff;
}

/** checklist.diff: what a returned workbook would change, without writing anything. */
export async function diffChecklist(archive: Archive, { year, file, force }: ParsedArgs<'checklist.diff'>): Promise<Result<'checklist.diff'>> {
  const parsed = await readChecklistFile(path.resolve(file), year);
  checkSource(archive, parsed, force);
  return shown(planChecklistDiff(archive.db, parsed, computeStatus(archive.db, parsed.year)));
}

/**
 * checklist.apply: stores the diff, planned again inside the write transaction so what is stored is what it lists:
 * self-check notes, 不适用 marks (which the status view reads), record notes and ledger edits, all or nothing.
 */
export async function applyChecklist(
  archive: Archive,
  { year, file, token, resolutions, force }: ParsedArgs<'checklist.apply'>,
): Promise<Result<'checklist.apply'>> {
  const target = path.resolve(file);
  const parsed = await readChecklistFile(target, year);
  checkSource(archive, parsed, force);
  const db = archive.db;
  const result = writeTransaction(db, () => {
    const plan = planChecklistDiff(db, parsed, computeStatus(db, parsed.year), resolutions ?? {});
    if (token !== undefined && token !== plan.token) {
      throw new TaizhangError('conflict', '自查表或档案在预览之后有了变化，请重新预览再确认 / The file or archive changed since the preview');
    }
    const { writes } = plan;
    for (const [code, mark] of writes.notApplicable) setNotApplicable(db, parsed.year, code, mark.notApplicable, mark.reason);
    if (writes.notApplicable.size > 0) {
      // A status the archive now computes by itself is no self-assessment to keep.
      const fresh = new Map(computeStatus(db, parsed.year).map((s) => [s.code, s.status]));
      for (const [id, note] of writes.notes) if (note.status !== null && note.status === fresh.get(writes.noteCodes.get(id) ?? '')) note.status = null;
    }
    writeNotes(db, parsed.year, writes.notes);
    for (const [id, note] of writes.recordNotes) applyChanges(archive, [id], { fields: { note } }, `自查表：第 ${id} 件备注`);
    for (const [id, edits] of writes.ledger) applyRectificationEdits(db, id, edits);
    return { ...shown(plan), applied: plan.stored };
  });
  // After the archive has what the file brought; a file that cannot be rewritten only keeps its notice.
  if (parsed.marksUnhidden && (await rehideMarksSheet(archive, target))) {
    const rehidden = '标记工作表已在文件中恢复为深度隐藏 / The marks sheet is very hidden again in the file';
    return { ...result, problems: result.problems.map((p) => (p.kind === 'notice' && p.sheet === META_SHEET ? { ...p, message: rehidden } : p)) };
  }
  return result;
}
