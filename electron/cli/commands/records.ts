import type { Command } from 'commander';
import { RENAME_TOKENS, type Activity, type AddResult, type CarryOverResult, type FolderPlan, type RecordDetail, type RecordSummary, type RenameResult } from '../../../shared/api/records.js';
import { CAPTION_FIELDS, CAPTION_LABELS, displayTitle, type Caption, type CaptionField } from '../../../shared/domain/record.js';
import type { CommandGroups } from '../program.js';
import { callCore, CliExit, EXIT_USER, parseIntArg, parseYear, splitList, usageError, type CliIO } from '../io.js';

/** "3,5,8-10" → [3, 5, 8, 9, 10]. */
export function parseIds(text: string): number[] {
  const ids: number[] = [];
  for (const part of splitList(text)) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (!range) {
      ids.push(parseIntArg(part));
      continue;
    }
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (b < a || b - a > 10_000) throw usageError(`编号范围有误 / bad id range：${part}`);
    for (let id = a; id <= b; id += 1) ids.push(id);
  }
  if (ids.length === 0) throw usageError('请给出记录编号，如 3,5,8-10 / give record ids');
  return ids;
}

/** An empty option value clears a date or an activity. */
function nullable(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

const CAPTION_OPTIONS: [CaptionField, string][] = [
  ['subject', 'caption-subject'], ['time', 'caption-time'], ['place', 'caption-place'], ['people', 'caption-people'],
  ['background', 'caption-background'], ['photographer', 'caption-photographer'],
];

function captionOptions(cmd: Command, blank = '空字符串清除'): Command {
  for (const [field, flag] of CAPTION_OPTIONS) cmd.option(`--${flag} <${CAPTION_LABELS[field]}>`, `照片说明：${CAPTION_LABELS[field]}（${blank}）`);
  return cmd;
}

function captionArg(o: Record<string, unknown>): { caption?: Caption } {
  const caption: Caption = {};
  for (const [field, flag] of CAPTION_OPTIONS) {
    const key = flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (typeof o[key] === 'string') caption[field] = o[key];
  }
  return Object.keys(caption).length > 0 ? { caption } : {};
}

function addText(r: AddResult): string {
  const lines = r.records.map((x) => `已添加 #${x.id} ${x.title}（${x.files} 个文件）${x.inbox ? '　→ 待归类' : ''}`);
  for (const d of r.duplicates) lines.push(`已存在 ${d.file}${d.id !== null ? `：第 ${d.id} 件「${d.title ?? ''}」` : '：同一批中重复'}，未重复添加`);
  for (const w of r.warnings) lines.push(`注意 ${w.file}：${w.message}`);
  for (const e of r.errors) lines.push(`失败 ${e.file}：${e.message}`);
  const inbox = r.inbox > 0 ? `（其中 ${r.inbox} 件放入待归类，可用 edit --item 归入项目）` : '';
  lines.push(`共添加 ${r.records.length} 件${inbox}，重复 ${r.duplicates.length} 个文件，失败 ${r.errors.length} 个文件`);
  return lines.join('\n');
}

/**
 * One line per record: its number in the archive (#id), its 档号 (or 未归档), date, type, pages and title, then the
 * item codes. Types are padded with full-width spaces.
 */
export function recordTable(rows: RecordSummary[]): string {
  if (rows.length === 0) return '没有符合条件的记录 / no records';
  // Chinese characters take two columns in a terminal.
  const columns = (text: string): number => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  const codeOf = (r: RecordSummary): string => r.archivalCode ?? '未归档';
  const codeWidth = Math.max(...rows.map((r) => columns(codeOf(r)))) + 2;
  const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(1, width - columns(text)));
  const header = `${'编号'.padEnd(6)}${pad('档号', codeWidth)}${'日期'.padEnd(9)}类型　 页数  题名`;
  const lines = rows.map((r) => {
    const items = r.inbox ? '  [待归类]' : `  [${r.items.map((i) => i.code).join('、')}]`;
    const activity = r.activity ? `〔${r.activity}〕` : '';
    const attachment = r.attachmentOnly ? (r.attachmentConfirmed ? '〔附件，已确认〕' : '〔附件，未确认〕') : '';
    return `${`#${r.id}`.padEnd(8)}${pad(codeOf(r), codeWidth)}${(r.date ?? '—').padEnd(11)}${r.type.padEnd(3, '　')} ${String(r.pages).padStart(4)}  ${displayTitle(r.title, r.titleSupplied)}${activity}${attachment}${items}`;
  });
  const pages = rows.reduce((n, r) => n + r.pages, 0);
  return [header, ...lines, `共 ${rows.length} 件，${pages} 页`].join('\n');
}

function planText(plan: FolderPlan): string {
  const lines = plan.entries.map((e) => {
    const where = e.inbox ? '待归类' : `项目 ${e.items.join('、')}`;
    const facts = `${e.year} 年度　${where}　${e.type}　${e.date ?? '日期待定'}${e.activity ? `　活动「${e.activity}」` : ''}　题名「${e.title}」`;
    return `${e.inbox ? '→' : '✓'} ${e.file}\n    ${facts}${e.problem ? `\n    ${e.problem}` : ''}`;
  });
  const activities = plan.activities.map((a) => `  ${a.year}「${a.name}」${a.date ?? ''}（${a.files} 个文件）`);
  const skipped = plan.skipped.map((s) => `✗ ${s.path}\n    ${s.reason}`);
  return [
    ...lines,
    ...(activities.length > 0 ? ['活动：', ...activities] : []),
    ...(skipped.length > 0 ? ['跳过 / skipped：', ...skipped] : []),
    `共 ${plan.entries.length} 个文件，归入项目 ${plan.entries.length - plan.inbox} 个，放入待归类 ${plan.inbox} 个` +
      (skipped.length > 0 ? `，跳过 ${skipped.length} 项（见上，未导入）` : ''),
  ].join('\n');
}

function renameText(r: RenameResult): string {
  const lines = r.rows.map((row) => `#${row.id}　${row.from}　→　${row.to}`);
  for (const p of r.problems) lines.push(`不能改名：${p.message}`);
  if (r.problems.length > 0) lines.push('有资料不能按此规则命名，全部未改 / Nothing was renamed');
  else lines.push(r.applied ? `已改名 ${r.rows.length} 件 / Renamed` : `预览 ${r.rows.length} 件，未改动（去掉 --dry-run 即改名） / Preview only`);
  return lines.join('\n');
}

function activitiesText(list: Activity[]): string {
  if (list.length === 0) return '本年度还没有活动 / no activities';
  const has = (a: Activity, ...types: string[]): string => (types.some((t) => a.types.includes(t as never)) ? '有' : '缺');
  return list
    .map((a) => {
      const checks = `方案${has(a, '方案', '通知')} 签到${has(a, '签到表')} 照片${has(a, '照片')} 总结${has(a, '总结', '记录', '报告')}`;
      const caption = CAPTION_FIELDS.filter((f) => a.caption[f]).map((f) => `${CAPTION_LABELS[f]}：${a.caption[f]}`).join('；');
      return `#${a.id} ${a.date ?? '—'}「${a.name}」${a.records} 件　${checks}${caption ? `\n    总说明：${caption}` : ''}`;
    })
    .join('\n');
}

function carryText(r: CarryOverResult): string {
  return [
    `已结转 ${r.carried} 件到 ${r.year} 年度（制度、台账，文件不复制）${r.alreadyCarried > 0 ? `，${r.alreadyCarried} 件此前已结转` : ''}`,
    ...r.warnings.map((w) => `注意：${w}`),
  ].join('\n');
}

function detailText(d: RecordDetail): string {
  const caption = CAPTION_FIELDS.filter((f) => d.caption[f] || d.inheritedCaption[f]).map((f) =>
    d.caption[f] ? `${CAPTION_LABELS[f]}：${d.caption[f]}` : `${CAPTION_LABELS[f]}：${d.inheritedCaption[f]}（取自活动总说明）`,
  );
  const attachment = d.attachmentOnly
    ? [d.attachmentConfirmed ? '只有附件，已确认计入材料' : '只有附件，尚未确认计入材料（可用 edit --confirm-attachment 确认）']
    : [];
  return [
    `#${d.id} ${displayTitle(d.title, d.titleSupplied)}${d.deletedAt ? '（在回收站）' : ''}`,
    `年度：${d.year}　日期：${d.date ?? '—'}　类型：${d.type}　保管期限：${d.retention}${d.secrecy ? `　密级：${d.secrecy}` : ''}`,
    d.identity
      ? `档号：${d.identity.archivalCode}　第 ${d.identity.volumeNo} 卷 第 ${d.identity.piece} 件　${d.identity.carried ? `（结转自 ${d.identity.year} 年度，沿用原件档号）` : `归档于 ${d.identity.archivedOn}`}`
      : '档号：未归档（用 taizhang number 归档）',
    ...d.withdrawals.map((w) => `曾用档号 ${w.archivalCode}，${w.on} 撤销：${w.reason}`),
    `文号：${d.docNo || '—'}　责任者：${d.author || '—'}　活动：${d.activity ?? '—'}`,
    `测评项目：${d.items.map((i) => i.path).join('；') || '待归类'}`,
    ...attachment,
    ...(d.tags.length > 0 ? [`标签：${d.tags.join('、')}`] : []),
    ...(caption.length > 0 ? [`说明：${caption.join('；')}`] : []),
    ...(d.note ? [`备注：${d.note}`] : []),
    ...(d.carriedFrom ? [`由第 ${d.carriedFrom} 件结转`] : []),
    `文件（${d.files} 个，${d.pages} 页）：`,
    ...d.fileList.map((f) => {
      const size = f.width && f.height ? ` ${f.width}×${f.height}` : '';
      const pages = f.pages !== null ? ` ${f.pages} 页` : '';
      return `  ${f.name}（${f.kind}${pages}${size}）${f.binderNote ? `　⚠ ${f.binderNote}` : ''}`;
    }),
  ].join('\n');
}

interface AddOptions {
  year: string;
  item?: string;
  type?: string;
  title?: string;
  date?: string;
  activity?: string;
  single?: boolean;
}

export function registerRecordCommands({ program }: CommandGroups, io: CliIO): void {
  program
    .command('add <files...>')
    .description('添加文件为档案记录（件） / file documents and photos as records')
    .requiredOption('--year <年度>', '年度 / year')
    .option('--item <编码,…>', '测评项目编码，逗号分隔；不给则放入待归类 / item codes; none files into the inbox')
    .option('--type <类型>', '类型：方案/通知/签到表/照片/记录/总结/报告/制度/台账/荣誉/其他')
    .option('--title <题名>', '题名（默认：照片取活动名或日期，文件取其自身标题或文件名） / title')
    .option('--date <YYYY-MM-DD>', '日期（默认取文件名、拍摄日期或手机文件名中的日期） / date')
    .option('--activity <活动名称>', '归入活动 / activity')
    .option('--single', '所有文件合为一件（如多页扫描件） / one record holding all files')
    .action(async (files: string[], o: AddOptions, cmd: Command) => {
      const args = {
        files,
        year: parseYear(o.year),
        items: o.item ? splitList(o.item) : [],
        single: o.single ?? false,
        ...(o.type !== undefined ? { type: o.type } : {}),
        ...(o.title !== undefined ? { title: o.title } : {}),
        ...(o.date !== undefined ? { date: o.date } : {}),
        ...(o.activity !== undefined ? { activity: o.activity } : {}),
      };
      const result = await callCore(io, cmd, 'records.add', args, addText);
      if (result.records.length === 0 && result.errors.length > 0) throw new CliExit(EXIT_USER);
    });

  program
    .command('list')
    .description('列出记录 / list records')
    .option('--year <年度>', '年度 / year')
    .option('--item <编码>', '测评项目（含下级及对应的旧版项目） / item, with sub-items')
    .option('--inbox', '只列出待归类（尚未归入测评项目）的资料 / only the inbox')
    .option('--type <类型>', '类型 / type')
    .option('--tag <标签>', '标签 / tag')
    .option('--activity <活动编号>', '活动编号 / activity id')
    .action(async (o: { year?: string; item?: string; inbox?: boolean; type?: string; tag?: string; activity?: string }, cmd: Command) => {
      const args = {
        ...(o.inbox ? { inbox: true } : {}),
        ...(o.year !== undefined ? { year: parseYear(o.year) } : {}),
        ...(o.item !== undefined ? { item: o.item } : {}),
        ...(o.type !== undefined ? { type: o.type } : {}),
        ...(o.tag !== undefined ? { tag: o.tag } : {}),
        ...(o.activity !== undefined ? { activityId: parseIntArg(o.activity) } : {}),
      };
      await callCore(io, cmd, 'records.list', args, recordTable);
    });

  program
    .command('show <id>')
    .description('查看一件记录 / show one record')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      await callCore(io, cmd, 'records.get', { id: parseIntArg(id) }, detailText);
    });

  program
    .command('import <dir>')
    .description('导入整个文件夹（年度/测评项目/活动） / import a folder tree')
    .option('--year <年度>', '没有年度文件夹时使用的年度 / default year')
    .option('--item <编码,…>', '没有项目文件夹时关联的项目 / default item codes')
    .option('--dry-run', '只列出导入计划，不写入 / show the plan only')
    .action(async (dir: string, o: { year?: string; item?: string; dryRun?: boolean }, cmd: Command) => {
      const args = { dir, ...(o.year ? { year: parseYear(o.year) } : {}), ...(o.item ? { items: splitList(o.item) } : {}) };
      if (o.dryRun) {
        await callCore(io, cmd, 'records.planFolder', args, planText);
        return;
      }
      const result = await callCore(io, cmd, 'records.importFolder', args, (r) => `${planText(r.plan)}\n\n${addText(r)}`);
      if (result.records.length === 0 && result.errors.length > 0) throw new CliExit(EXIT_USER);
    });

  captionOptions(
    program
      .command('edit <id>')
      .description('修改一件记录的著录信息 / edit a record')
      .option('--title <题名>', '题名')
      .option('--supplied-title', '题名为整理者自拟（目录中加 [ ]） / title written by the archivist')
      .option('--own-title', '题名为文件原有题名 / the document\'s own title')
      .option('--doc-no <文号>', '文号')
      .option('--author <责任者>', '责任者')
      .option('--date <YYYY-MM-DD>', '日期（空字符串清除）')
      .option('--type <类型>', '类型')
      .option('--retention <保管期限>', '保管期限：永久/定期30年/定期10年')
      .option('--secrecy <密级>', '密级：秘密/机密（空字符串为无密级），印在归档文件目录中 / secrecy, printed in the catalogue')
      .option('--note <备注>', '备注')
      .option('--tags <a,b>', '标签，逗号分隔（空字符串清除）')
      .option('--item <编码,…>', '测评项目（替换原有关联）')
      .option('--year <年度>', '移到另一年度')
      .option('--activity <活动名称>', '归入活动（空字符串移出活动）')
      .option('--confirm-attachment', '确认这件只有附件的资料计入材料 / count a record of attachments only as material')
      .option('--unconfirm-attachment', '取消上述确认 / take that back'),
  ).action(async (id: string, o: Record<string, string | boolean | undefined>, cmd: Command) => {
    const text = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    if (o.suppliedTitle && o.ownTitle) throw usageError('--supplied-title 与 --own-title 只能选一个');
    if (o.confirmAttachment && o.unconfirmAttachment) throw usageError('--confirm-attachment 与 --unconfirm-attachment 只能选一个');
    const args = {
      id: parseIntArg(id),
      ...(text('title') !== undefined ? { title: text('title') } : {}),
      ...(o.suppliedTitle ? { titleSupplied: true } : o.ownTitle ? { titleSupplied: false } : {}),
      ...(text('docNo') !== undefined ? { docNo: text('docNo') } : {}),
      ...(text('author') !== undefined ? { author: text('author') } : {}),
      ...(text('date') !== undefined ? { date: nullable(text('date')!) } : {}),
      ...(text('type') !== undefined ? { type: text('type') } : {}),
      ...(text('retention') !== undefined ? { retention: text('retention') } : {}),
      ...(text('secrecy') !== undefined ? { secrecy: text('secrecy') } : {}),
      ...(text('note') !== undefined ? { note: text('note') } : {}),
      ...(text('tags') !== undefined ? { tags: splitList(text('tags')!) } : {}),
      ...(text('item') !== undefined ? { items: splitList(text('item')!) } : {}),
      ...(text('year') !== undefined ? { year: parseYear(text('year')!) } : {}),
      ...(text('activity') !== undefined ? { activity: nullable(text('activity')!) } : {}),
      ...(o.confirmAttachment ? { attachmentConfirmed: true } : o.unconfirmAttachment ? { attachmentConfirmed: false } : {}),
      ...captionArg(o),
    };
    await callCore(io, cmd, 'records.update', args, (d) => `已保存 / Saved\n${detailText(d)}`);
  });

  captionOptions(
    program
      .command('bulk <ids>')
      .description('批量修改多件记录（如 3,5,8-10），全部成功或全部不改 / edit many records at once, all or none')
      .option('--item <编码,…>', '测评项目（替换原有关联；待归类的资料由此归入项目）')
      .option('--add-item <编码,…>', '追加关联的测评项目')
      .option('--type <类型>', '类型')
      .option('--year <年度>', '移到另一年度')
      .option('--date <YYYY-MM-DD>', '日期（空字符串清除）')
      .option('--activity <活动名称>', '归入活动（空字符串移出活动）')
      .option('--confirm-attachment', '确认这些只有附件的资料计入材料 / count records of attachments only as material'),
    '空白则各件保持原值',
  ).action(
    async (
      ids: string,
      o: { item?: string; addItem?: string; type?: string; year?: string; date?: string; activity?: string; confirmAttachment?: boolean },
      cmd: Command,
    ) => {
      const args = {
        ids: parseIds(ids),
        ...(o.item !== undefined ? { items: splitList(o.item) } : {}),
        ...(o.addItem !== undefined ? { addItems: splitList(o.addItem) } : {}),
        ...(o.type !== undefined ? { type: o.type } : {}),
        ...(o.year !== undefined ? { year: parseYear(o.year) } : {}),
        ...(o.date !== undefined ? { date: nullable(o.date) } : {}),
        ...(o.activity !== undefined ? { activity: nullable(o.activity) } : {}),
        ...(o.confirmAttachment ? { attachmentConfirmed: true } : {}),
        ...captionArg(o),
      };
      if (Object.keys(args).length === 1) throw usageError('请指定要修改的内容，如 --type 或 --add-item / nothing to change');
      await callCore(io, cmd, 'records.bulkUpdate', args, (r) => `已修改 ${r.updated} 件 / Updated`);
    },
  );

  program
    .command('rename <ids>')
    .description('按命名规则批量改名（如 3,5,8-10），全部成功或全部不改 / rename records by a pattern, all or none')
    .requiredOption('--pattern <规则>', `命名规则，如 "{活动}照片（{序号}）"；可用 ${RENAME_TOKENS.join(' ')} / the pattern`)
    .option('--start <起始序号>', '{序号} 从几开始（默认 1） / first number')
    .option('--dry-run', '只预览新题名，不改 / preview only')
    .action(async (ids: string, o: { pattern: string; start?: string; dryRun?: boolean }, cmd: Command) => {
      const args = { ids: parseIds(ids), pattern: o.pattern, preview: o.dryRun ?? false, ...(o.start !== undefined ? { start: parseIntArg(o.start) } : {}) };
      const result = await callCore(io, cmd, 'records.rename', args, renameText);
      if (result.problems.length > 0) throw new CliExit(EXIT_USER);
    });

  program
    .command('delete <ids>')
    .description('把记录移入回收站（可用 undo 或 trash restore 恢复） / move records to the trash')
    .action(async (ids: string, _o: unknown, cmd: Command) => {
      await callCore(io, cmd, 'records.delete', { ids: parseIds(ids) }, (r) => `已移入回收站 ${r.deleted} 件 / Moved to the trash`);
    });

  // "restore" at the top level restores a backup; records come back from the trash through "trash restore".
  const trash = program.command('trash').description('回收站 / the trash');
  trash
    .command('list', { isDefault: true })
    .description('列出回收站中的记录 / list records in the trash')
    .option('--year <年度>', '年度 / year')
    .action(async (o: { year?: string }, cmd: Command) => {
      await callCore(io, cmd, 'records.list', { deleted: true, ...(o.year ? { year: parseYear(o.year) } : {}) }, (rows) =>
        rows.length === 0 ? '回收站是空的 / the trash is empty' : recordTable(rows),
      );
    });
  trash
    .command('restore <ids>')
    .description('从回收站恢复记录 / restore records from the trash')
    .action(async (ids: string, _o: unknown, cmd: Command) => {
      await callCore(io, cmd, 'records.restore', { ids: parseIds(ids) }, (r) => `已恢复 ${r.restored} 件 / Restored`);
    });

  program
    .command('undo')
    .description('撤销最近一次修改、批量修改、删除、恢复或结转 / undo the last edit')
    .action(async (_o: unknown, cmd: Command) => {
      await callCore(io, cmd, 'records.undo', {}, (r) => (r.undone ? `已撤销：${r.undone} / Undone` : '没有可撤销的操作 / nothing to undo'));
    });

  program
    .command('carry-over')
    .description('年度结转：把制度、台账关联到新年度（不复制文件） / start a new year from the last one')
    .requiredOption('--from <年度>', '上一年度 / from year')
    .requiredOption('--to <年度>', '新年度 / to year')
    .action(async (o: { from: string; to: string }, cmd: Command) => {
      await callCore(io, cmd, 'records.carryOver', { from: parseYear(o.from), to: parseYear(o.to) }, carryText);
    });

  program
    .command('activities')
    .description('列出一个年度的活动，及是否有方案、签到、照片、总结 / activities of a year')
    .requiredOption('--year <年度>', '年度 / year')
    .action(async (o: { year: string }, cmd: Command) => {
      await callCore(io, cmd, 'records.activities', { year: parseYear(o.year) }, activitiesText);
    });

  captionOptions(
    program
      .command('activity <id>')
      .description('修改活动名称、日期和照片总说明 / edit an activity and its group caption')
      .option('--name <名称>', '活动名称')
      .option('--date <YYYY-MM-DD>', '活动日期（空字符串清除）'),
  ).action(async (id: string, o: Record<string, string | undefined>, cmd: Command) => {
    const args = {
      id: parseIntArg(id),
      ...(o.name !== undefined ? { name: o.name } : {}),
      ...(o.date !== undefined ? { date: nullable(o.date) } : {}),
      ...captionArg(o),
    };
    await callCore(io, cmd, 'records.updateActivity', args, (a) => `已保存 / Saved\n${activitiesText([a])}`);
  });
}
