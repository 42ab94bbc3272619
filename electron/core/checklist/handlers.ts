import path from 'node:path';
import { CHECKLIST_SHEETS } from '../../../shared/api/checklist.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { DomainHandlers } from '../api/types.js';
import { computeStatus } from '../completeness/status.js';
import { findBinderReport } from './binder-report-path.js';
import type { Archive } from '../store/archive.js';
import { gatherChecklistData } from './data.js';
import { planChecklistDiff, type PlannedDiff } from './diff.js';
import { readBinderReport } from './locations.js';
import { writeNotes } from './notes.js';
import { readChecklistFile } from './read-file.js';
import { checklistBytes } from './workbook.js';

function withoutWrites({ writes: _writes, ...diff }: PlannedDiff): Omit<PlannedDiff, 'writes'> {
  return diff;
}

export const checklistHandlers: DomainHandlers<'checklist.export' | 'checklist.diff' | 'checklist.apply'> = (archive: Archive) => ({
  'checklist.export': async ({ year, out, binderReport }, ctx) => {
    const target = path.resolve(out);
    if (path.extname(target).toLowerCase() !== '.xlsx') {
      throw new TaizhangError('invalid_input', `自查表应保存为 .xlsx 文件：${out} / The checklist must be an .xlsx file`);
    }
    ctx.onProgress?.({ stage: '汇总', done: 0, total: 2 });
    const reportPath = binderReport ? path.resolve(binderReport) : await findBinderReport(path.dirname(target), year);
    const report = reportPath ? await readBinderReport(reportPath, year) : null;
    const data = gatherChecklistData(archive.db, year, { statuses: computeStatus(archive.db, year), report });
    ctx.onProgress?.({ stage: '写入', done: 1, total: 2 });
    await archive.files.writeAtomic(target, await checklistBytes(data));
    ctx.onProgress?.({ stage: '完成', done: 2, total: 2 });
    return { path: target, rows: data.leaves.length, records: data.materials.length, sheets: [...CHECKLIST_SHEETS], binderReport: reportPath };
  },
  'checklist.diff': async ({ year, file }) => {
    const parsed = await readChecklistFile(path.resolve(file), year);
    return withoutWrites(planChecklistDiff(archive.db, year, parsed, computeStatus(archive.db, year)));
  },
  'checklist.apply': async ({ year, file, token }) => {
    const parsed = await readChecklistFile(path.resolve(file), year);
    const db = archive.db;
    // The diff is planned again inside the write transaction, so what is stored is exactly what it lists.
    return db.transaction(() => {
      const plan = planChecklistDiff(db, year, parsed, computeStatus(db, year));
      if (token !== undefined && token !== plan.token) {
        throw new TaizhangError('conflict', '自查表或档案在预览之后有了变化，请重新预览再确认 / The file or archive changed since the preview');
      }
      writeNotes(db, year, plan.writes);
      return { ...withoutWrites(plan), applied: plan.changes.length };
    })();
  },
});
