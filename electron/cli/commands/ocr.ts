import type { Command } from 'commander';
import type { AttendanceOffer, OcrRecordText, OcrStatus } from '../../../shared/api/ocr.js';
import type { CommandGroups } from '../program.js';
import { callCore, parseIntArg, parseYear, withCore, type CliIO } from '../io.js';
import { parseIds } from './records.js';

function statusText(s: OcrStatus): string {
  return [
    `文字识别：${s.enabled ? '已开启' : '已关闭'} / OCR ${s.enabled ? 'on' : 'off'}`,
    `等待识别 ${s.waitingFiles} 个文件${s.failedFiles > 0 ? `，${s.failedFiles} 个无法识别` : ''}`,
  ].join('\n');
}

function recordText(t: OcrRecordText): string {
  if (t.pages.length === 0) return t.waiting > 0 ? `第 ${t.recordId} 件还有 ${t.waiting} 个文件等待识别` : `第 ${t.recordId} 件没有识别出的文字`;
  return t.pages
    .map((p) => `【${p.fileName} 第 ${p.page} 页${p.corrected !== null ? '（已校对）' : ''}】 ${p.sha256.slice(0, 12)}\n${p.effective}`)
    .join('\n\n');
}

function attendanceText(a: AttendanceOffer): string {
  const kept = a.confirmed === null ? '尚未确认' : `已记录 ${a.confirmed} 人`;
  return `签到表识别出 ${a.count} 人：${a.names.join('、') || '—'}\n活动：${a.activity ?? '—'}，实到人数${kept}`;
}

export function registerOcrCommands({ program }: CommandGroups, io: CliIO): void {
  const ocr = program.command('ocr').description('文字识别（照片、扫描件） / OCR of photos and scans');

  ocr
    .command('run')
    .description('现在识别等待中的文件，完成后返回 / read the waiting files now and wait')
    .option('--year <年度>', '只识别这一年度的 / only this year')
    .option('--records <ID,…>', '只识别这些件（重新识别） / only these records, read again')
    .action(async (o: { year?: string; records?: string }, cmd: Command) => {
      const args = {
        ...(o.year !== undefined ? { year: parseYear(o.year) } : {}),
        ...(o.records !== undefined ? { recordIds: parseIds(o.records) } : {}),
      };
      await callCore(io, cmd, 'ocr.run', args, (r) => `识别了 ${r.pages} 页，涉及 ${r.records} 件 / ${r.pages} pages, ${r.records} records`);
    });

  ocr
    .command('status')
    .description('识别队列的状态 / queue status')
    .action(async (_o: unknown, cmd: Command) => {
      await callCore(io, cmd, 'ocr.status', {}, statusText);
    });

  for (const [name, enabled, what] of [['on', true, '开启后台识别 / switch background OCR on'], ['off', false, '关闭后台识别 / switch background OCR off']] as const) {
    ocr
      .command(name)
      .description(what)
      .action(async (_o: unknown, cmd: Command) => {
        await callCore(io, cmd, 'ocr.setEnabled', { enabled }, statusText);
      });
  }

  ocr
    .command('cancel')
    .description('把等待中的文件移出队列 / take waiting files out of the queue')
    .option('--year <年度>', '只取消这一年度的 / only this year')
    .action(async (o: { year?: string }, cmd: Command) => {
      await callCore(io, cmd, 'ocr.cancel', o.year !== undefined ? { year: parseYear(o.year) } : {}, (r) => `已取消 ${r.files} 个文件 / cancelled`);
    });

  ocr
    .command('text <id>')
    .description('查看一件的识别文字 / recognised text of a record')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      await callCore(io, cmd, 'ocr.text', { recordId: parseIntArg(id) }, recordText);
    });

  ocr
    .command('correct <id>')
    .description('校对一页的识别文字（留空恢复识别结果） / correct one page (empty restores the engine text)')
    .requiredOption('--file <文件标识>', '文件标识（ocr text 中显示的前 12 位或完整 64 位） / file id')
    .option('--page <页>', '页码 / page', '1')
    .requiredOption('--text <文字>', '校对后的文字 / corrected text')
    .action(async (id: string, o: { file: string; page: string; text: string }, cmd: Command) => {
      const recordId = parseIntArg(id);
      let sha256 = o.file.trim().toLowerCase();
      if (sha256.length < 64) {
        const text = await withCore(cmd, (core) => core.invoke('ocr.text', { recordId }));
        sha256 = text.pages.find((p) => p.sha256.startsWith(sha256))?.sha256 ?? sha256;
      }
      await callCore(io, cmd, 'ocr.correct', { recordId, sha256, page: parseIntArg(o.page), text: o.text }, (p) => `已保存校对 / Saved\n${p.effective}`);
    });

  ocr
    .command('attendance <id>')
    .description('签到表的实到人数：先看识别结果，再用 --confirm 确认 / count a sign-in sheet, then confirm')
    .option('--confirm <人数>', '确认实到人数 / confirm the count')
    .action(async (id: string, o: { confirm?: string }, cmd: Command) => {
      const recordId = parseIntArg(id);
      if (o.confirm !== undefined) await callCore(io, cmd, 'ocr.confirmAttendance', { recordId, count: parseIntArg(o.confirm) }, attendanceText);
      else await callCore(io, cmd, 'ocr.attendance', { recordId }, attendanceText);
    });
}
