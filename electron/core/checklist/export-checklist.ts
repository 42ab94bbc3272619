import path from 'node:path';
import type { ParsedArgs, Result } from '../../../shared/api/contract.js';
import { CHECKLIST_SHEETS } from '../../../shared/api/checklist.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import { computeStatus } from '../status/status.js';
import type { Archive } from '../store/archive-folder.js';
import { findBinderReport } from './binder-report-path.js';
import { gatherChecklistData } from './data.js';
import { readBinderReport } from './locations.js';
import { checklistBytes } from './workbook.js';

/** checklist.export: the year's workbook, with 卷/页号 from the binder report found beside it (or the one named). */
export async function exportChecklist(
  archive: Archive,
  { year, out, binderReport }: ParsedArgs<'checklist.export'>,
  ctx: CallContext,
): Promise<Result<'checklist.export'>> {
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
}
