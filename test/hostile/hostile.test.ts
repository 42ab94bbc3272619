import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AddResult, RecordDetail } from '../../shared/api/records.js';
import { TaizhangError, toErrorPayload } from '../../shared/errors.js';
import { openCore, type Core } from '../../electron/core/api/core.js';
import { startBridge } from '../../electron/bridge/server.js';
import { browserShell, Session } from '../../electron/host/session.js';
import { restoreBackup } from '../../electron/core/backup/restore.js';
import { MAX_PDF_PAGES } from '../../electron/core/files/pdf.js';
import { loopbackListener } from '../support/listener.js';
import { imageCount } from '../support/pdf-inspect.js';
import { makeEncryptedPdf, makeLongPdf, makePng } from '../support/sample-files.js';
import { cli, tempCore, tempDir } from '../support/temp.js';
import { seedArchive } from '../crash/seed.js';
import { fingerprint, folderPrint, type Fingerprint } from './fingerprint.js';
import * as make from './inputs.js';

/**
 * The hostile corpus: bad inputs generated here, each sent through the CLI and through the core API. Every one must
 * get a clear message in Chinese (no stack trace) and leave the archive exactly as it was: same rows in every table,
 * same files on disk.
 */

interface Case {
  group: string;
  name: string;
  /** What the message must say. */
  says: RegExp;
  cli: string[];
  /** Calls the core API; returns the message it gave (thrown, or reported per file / per row). */
  api: () => Promise<string>;
  /** The input is reported as a warning while the command itself succeeds (nothing is written). */
  warningOnly?: boolean;
  /** Another archive folder the case works on (the CLI gets it as --archive), and how to fingerprint it. */
  archive?: { dir: string; print: () => Fingerprint };
}

interface Outcome {
  group: string;
  name: string;
  channel: 'CLI' | 'API';
  clear: boolean;
  unchanged: boolean;
  text: string;
}

const outcomes: Outcome[] = [];
const closeLater: (() => void)[] = [];
/** What each loopback trap of the corpus was asked for; filing, converting and exporting must ask for nothing. */
const trapped: string[][] = [];
/** Risky but real inputs that are filed with a warning and a safe name. */
const accepted: string[] = [];
/** Bidi controls, invisible marks, line separators, or a Windows device name with any extension or trailing spaces. */
const UNSAFE_NAME = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|^(CON|NUL|PRN|AUX|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)\s*(\..*)?$/i;
const STACK = /\bat .*\.(ts|js|mjs|cjs):\d+|node:internal|TypeError|RangeError/;
const CHINESE = /[\u4e00-\u9fff]/;

afterAll(() => {
  for (const close of closeLater.splice(0)) close();
  if (outcomes.length + accepted.length === 0) return;
  const groups = [...new Set(outcomes.map((o) => o.group))];
  const lines = groups.map((g) => {
    const mine = outcomes.filter((o) => o.group === g);
    const inputs = new Set(mine.map((o) => o.name)).size;
    return `  ${g}：${inputs} 个输入 × CLI/API = ${mine.length} 次，信息清楚 ${mine.filter((o) => o.clear).length}，档案未变 ${mine.filter((o) => o.unchanged).length}`;
  });
  const inputs = new Set(outcomes.map((o) => `${o.group}/${o.name}`)).size;
  if (accepted.length > 0) lines.push(`  另有 ${accepted.length} 个有风险但真实的文件收入档案，均有提示且名称安全：${accepted.map((n) => ([...n].length > 16 ? `${[...n].slice(0, 12).join('')}…` : n)).join('、')}`);
  console.log(`\n恶意/损坏输入 / hostile corpus：共 ${inputs} 个输入，${outcomes.length} 次尝试，` +
    `信息清楚 ${outcomes.filter((o) => o.clear).length}，档案未变 ${outcomes.filter((o) => o.unchanged).length}\n${lines.join('\n')}`);
});

/** The message an API call gave: a thrown TaizhangError, or the per-item errors and problems of its result. */
async function messageOf(call: () => Promise<unknown>): Promise<string> {
  try {
    const result = (await call()) as { errors?: { message: string }[]; problems?: { message: string }[]; records?: unknown[]; applied?: number };
    if (result.records && result.records.length > 0) return `ACCEPTED: ${JSON.stringify(result.records)}`;
    if (result.applied) return `APPLIED ${result.applied}`;
    return [...(result.errors ?? []), ...(result.problems ?? [])].map((e) => e.message).join('\n') || 'NO MESSAGE';
  } catch (err) {
    if (!(err instanceof TaizhangError)) return `NOT A TAIZHANG ERROR: ${String(err)}`;
    return toErrorPayload(err).message;
  }
}

async function attempt(core: Core, c: Case): Promise<void> {
  for (const channel of ['CLI', 'API'] as const) {
    const print = c.archive?.print ?? (() => fingerprint(core.archive.db, core.archive.dir));
    const before = print();
    let text: string;
    let exitOk: boolean;
    if (channel === 'CLI') {
      const r = await cli(...c.cli, '--archive', c.archive?.dir ?? core.archive.dir);
      text = `${r.stdout}\n${r.stderr}`;
      exitOk = r.code === 1 || (c.warningOnly === true && r.code === 0);
    } else {
      text = await c.api();
      exitOk = true;
    }
    const after = print();
    outcomes.push({
      group: c.group,
      name: c.name,
      channel,
      clear: exitOk && c.says.test(text) && CHINESE.test(text) && !STACK.test(text),
      unchanged: JSON.stringify(after) === JSON.stringify(before),
      text: text.trim().slice(0, 300),
    });
  }
}

async function corpus(core: Core, work: string): Promise<Case[]> {
  const at = (name: string): string => path.join(work, name);
  const add = (group: string, name: string, file: string, says: RegExp): Case => ({
    group,
    name,
    says,
    cli: ['add', file, '--year', '2024', '--item', '1.1.1'],
    api: () => messageOf(() => core.api['records.add']({ files: [file], year: 2024, items: ['1.1.1'] })),
  });
  const indexImport = (name: string, file: string, says: RegExp): Case => ({
    group: '测评体系表 / index tables',
    name,
    says,
    cli: ['index', 'import', file],
    api: () => messageOf(() => core.api['index.import']({ file })),
  });
  const checklist = (name: string, file: string, says: RegExp, year = 2024): Case => ({
    group: '自查表 / checklists',
    name,
    says,
    warningOnly: true,
    cli: ['checklist', 'apply', file, '--year', String(year), '--yes'],
    api: () => messageOf(() => core.api['checklist.apply']({ file, year })),
  });
  const restore = (name: string, file: string, says: RegExp): Case => ({
    group: '备份 / backups',
    name,
    says,
    // Aimed at the live archive with --force: a bad backup must not even move it aside.
    cli: ['restore', file, '--force'],
    api: () => messageOf(() => restoreBackup(file, core.archive.dir, { force: true })),
  });

  const onDamaged = (name: string, dir: string, argv: string[]): Case => ({
    group: '损坏的档案 / damaged archives',
    name,
    says: /档案数据库是空的或已损坏.*请从备份恢复档案/,
    cli: argv,
    archive: { dir, print: () => folderPrint(dir) },
    api: () => messageOf(async () => (await openCore(dir)).close()),
  });
  // A second small archive to damage in copies (the main one stays open throughout).
  const spare = await tempCore();
  await seedArchive(spare, tempDir(), 8);
  // Another community's checklist: same index and year, another archive's identity.
  const foreignChecklist = at('别的档案的自查表.xlsx');
  await spare.api['checklist.export']({ year: 2024, out: foreignChecklist });
  spare.close();
  const blank = await tempCore();
  blank.close();
  const foreign = make.archiveWithForeignDatabase(spare.dir, blank.dir, at('换了数据库的档案'));
  const foreignCore = await openCore(foreign);
  closeLater.push(() => foreignCore.close());

  // A Word document filed in an archive of its own, whose pictures link to a listener here and to a local file.
  const privatePhoto = await makePng(at('本机私人照片.png'), '#d01010');
  const listener = await loopbackListener(privatePhoto);
  closeLater.push(() => void listener.close());
  trapped.push(listener.requests);
  const linked = await tempCore();
  closeLater.push(() => linked.close());
  const linkedDocx = await make.docxWithLinkedImages(at('外链图片的会议记录.docx'), [`${listener.url}/x.png`, pathToFileURL(privatePhoto).href]);
  await linked.api['records.add']({ files: [linkedDocx], year: 2024, items: ['1.1.1'] });
  const linkedPrint = (): Fingerprint => {
    const print = fingerprint(linked.archive.db, linked.dir);
    // Whatever reached the listener counts as a change: the export must not touch it.
    return { ...print, files: [...print.files, `listener: ${listener.requests.join(', ')}`] };
  };
  const oddFolder = await make.folderOfOddEntries(at('有链接和管道的文件夹'), at('文件夹以外'));

  const checklistFile = at('自查表.xlsx');
  await core.api['checklist.export']({ year: 2024, out: checklistFile });
  const good = (await core.api['backup.create']({ out: at('good.zip') })).path;
  const backups = await make.brokenBackups(good, work);
  const PDF = 'PDF';
  const IMG = '图片 / images';

  return [
    add(PDF, '损坏的 PDF', make.bytesFile(at('损坏.pdf'), '%PDF-1.7\n1 0 obj <<garbage>>\n%%EOF\n'), /PDF 文件已损坏/),
    add(PDF, '截断的 PDF', await make.makeTruncatedPdf(at('截断.pdf')), /PDF 文件不完整|损坏/),
    add(PDF, '0 字节 PDF', make.bytesFile(at('空.pdf'), ''), /空的（0 字节）/),
    add(PDF, '页面树成环的 PDF', make.pageTreeLoopPdf(at('成环.pdf')), /PDF 文件已损坏/),
    add(PDF, '只有文件头的 PDF', make.bytesFile(at('头.pdf'), '%PDF-1.4\n'), /PDF 文件不完整/),
    add(PDF, '超过页数上限的 PDF', await makeLongPdf(at('超长.pdf'), MAX_PDF_PAGES + 1), /PDF 共 10001 页，超过单个文件 10000 页的上限/),
    add(IMG, '解压炸弹 PNG', make.makePngBomb(at('炸弹.png')), /图片尺寸过大/),
    add(IMG, '超大尺寸 JPEG 文件头', await make.hugeJpegHeader(at('超大.jpg')), /图片尺寸过大（65500×65500）/),
    add(IMG, '声明 16000×16000 的 HEIC', await make.hugeHeic(at('超大.heic'), 16000), /图片尺寸过大（16000×16000），可能是恶意文件，未解码/),
    add(IMG, '声明 22000×22000 的 HEIC', await make.hugeHeic(at('更大.heic'), 22000), /图片尺寸过大（22000×22000）/),
    add(IMG, '截断的 PNG', await make.truncatedPng(at('截断.png')), /图片数据已损坏/),
    add(IMG, '只有 JPEG 标记的文件', make.bytesFile(at('假照片.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 9)])), /图片无法识别或已损坏/),
    add(IMG, '0 字节照片', make.bytesFile(at('空.jpg'), ''), /空的/),
    add('文件 / files', '不存在的文件', at('不存在.pdf'), /找不到文件/),
    add('文件 / files', '文件夹当文件', (mkdirSync(at('一个文件夹'), { recursive: true }), at('一个文件夹')), /文件夹/),
    indexImport('单元格是公式', await make.indexWithFormulas(at('公式.xlsx')), /第 3 行「测评标准」列（C 列）无法读取：公式没有保存计算结果/),
    indexImport('GBK 编码的 CSV 改名为 .xlsx', make.indexGbkCsv(at('编码.xlsx')), /编码不对/),
    indexImport('GBK 编码的 CSV', make.indexGbkCsv(at('编码.csv')), /CSV 文本文件.*另存为/),
    indexImport('乱码表头', await make.indexMojibake(at('乱码.xlsx')), /找不到表头/),
    indexImport('没有表头', await make.indexWithoutHeader(at('无表头.xlsx')), /找不到表头/),
    indexImport('上级编码成环', await make.indexWithParentCycle(at('成环.xlsx')), /上级编码形成循环：B → D → C → B/),
    indexImport('空工作簿', await make.indexEmptyWorkbook(at('空表.xlsx')), /找不到表头/),
    indexImport('编码重复', await make.indexDuplicateCodes(at('重复.xlsx')), /编码都是「1\.1」，编码不能重复/),
    add('压缩炸弹 / zip bombs', '合并单元格炸弹（收入档案）', await make.workbookMergeBomb(at('合并炸弹.xlsx')), /合并单元格覆盖了 17,179,869,184 个单元格/),
    indexImport('合并单元格炸弹', at('合并炸弹.xlsx'), /合并单元格覆盖了 17,179,869,184 个单元格（A1:XFD1048576）/),
    checklist('合并单元格炸弹', at('合并炸弹.xlsx'), /合并单元格覆盖了/),
    add('压缩炸弹 / zip bombs', '六十万行的表格（收入档案）', await make.workbookRowsBomb(at('行炸弹.xlsx')), /超过 500,000 行/),
    indexImport('六十万行的表格', at('行炸弹.xlsx'), /超过 500,000 行/),
    add('压缩炸弹 / zip bombs', '多部件压缩炸弹（收入档案）', await make.workbookMultiEntryBomb(at('多部件炸弹.xlsx')), /解压后过大/),
    indexImport('多部件压缩炸弹', at('多部件炸弹.xlsx'), /解压后过大/),
    checklist('多部件压缩炸弹', at('多部件炸弹.xlsx'), /解压后过大/),
    add('压缩炸弹 / zip bombs', '声明大小不实的表格（收入档案）', await make.workbookLyingSizes(at('大小不实.xlsx')), /与其声明的大小不符/),
    indexImport('声明大小不实的表格', at('大小不实.xlsx'), /与其声明的大小不符/),
    checklist('声明大小不实的表格', at('大小不实.xlsx'), /与其声明的大小不符/),
    add('压缩炸弹 / zip bombs', 'Word 压缩炸弹', await make.docxBomb(at('炸弹.docx')), /Word 文档解压后过大/),
    add('压缩炸弹 / zip bombs', '声明大小不实的 Word 文档', await make.docxLyingSizes(at('大小不实.docx')), /Word 文档的压缩数据与其声明的大小不符/),
    checklist('删掉了自查表工作表', await make.checklistWithoutSelfCheck(checklistFile, at('无自查表.xlsx')), /没有「自查表」工作表/),
    checklist('表头被清空', await make.checklistHeadersWiped(checklistFile, at('无表头自查表.xlsx')), /找不到「编码」列/),
    checklist('每格都填了乱码和公式', await make.checklistScribbled(checklistFile, at('乱填.xlsx')), /未导入/),
    checklist('工作表全被改名', await make.checklistRowsShuffledAcrossSheets(checklistFile, at('改名.xlsx')), /没有「自查表」工作表/),
    checklist('年度不符', checklistFile, /是 2024 年度的，不是 2023 年度/, 2023),
    checklist('测评体系表冒充自查表', await make.indexWithoutHeader(at('冒充.xlsx')), /没有「自查表」工作表/),
    checklist('文本文件冒充 xlsx', make.bytesFile(at('文本.xlsx'), '完成情况,已完成\n'), /不是有效的 Excel/),
    checklist('别的档案导出的自查表（未强制）', foreignChecklist, /这份自查表是从另一个档案导出的.*不能读入本档案/),
    {
      group: 'Office 外部链接 / linked content',
      name: 'Word 图片链接到本机网址和本地文件：导出案卷',
      says: /文档中有 2 处链接到文件以外的图片或内容，为安全起见未载入/,
      warningOnly: true,
      cli: ['export', 'binder', '--year', '2024', '--out', at('外链案卷-CLI')],
      archive: { dir: linked.dir, print: linkedPrint },
      api: async () => (await linked.api['binder.export']({ year: 2024, out: at('外链案卷-API') })).warnings.map((w) => w.message).join('\n'),
    },
    {
      group: '文件夹导入 / folder import',
      name: '符号链接（指向外部、断开、成环）、管道和设备',
      says: /^(?=[\s\S]*指向所选文件夹以外，不读取)(?=[\s\S]*指向的目标不存在)(?=[\s\S]*命名管道（FIFO），不是文件)/,
      warningOnly: true,
      cli: ['import', oddFolder.root, '--year', '2024'],
      api: async () => (await core.api['records.importFolder']({ dir: oddFolder.root, year: 2024 })).plan.skipped.map((s) => s.reason).join('\n'),
    },
    restore('截断的备份', backups.truncated!, /不是完整的 zip|截断/),
    restore('内容被改动的备份', backups.tampered!, /校验值不符/),
    restore('缺少条目的备份', backups.missingEntry!, /缺少条目/),
    restore('多出条目的备份', backups.extraEntry!, /多出的条目/),
    restore('zip-slip（../）', backups.slip!, /文件夹以外|zip-slip/),
    restore('绝对路径条目', backups.absolute!, /文件夹以外|zip-slip/),
    restore('不是 zip', backups.notZip!, /不是完整的 zip/),
    restore('0 字节备份', backups.zero!, /不是完整的 zip/),
    restore('没有清单的 zip', backups.noManifest!, /不是台账备份/),
    restore('别的程序的 zip', backups.foreign!, /不是台账备份/),
    restore('清单损坏', backups.brokenManifest!, /清单.*损坏/),
    restore('更新版本的备份', backups.newer!, /更新版本|升级/),
    restore('清单大小不符', backups.lyingSize!, /大小与清单不符/),
    restore('压缩目录少报了文件大小', backups.lyingHeader!, /无法读出|已损坏|校验值不符/),
    restore('数据库里藏了触发器', backups.trigger!, /数据库结构与台账的不符[\s\S]*多出了不属于台账的触发器「unlink_files」/),
    restore('数据库里多了视图', backups.view!, /多出了不属于台账的视图「leak」/),
    restore('数据库删掉了表', backups.droppedTables!, /缺少表「settings」/),
    restore('数据表多了一列', backups.extraColumn!, /表「records」的结构被改动/),
    restore('数据库删掉了索引', backups.droppedIndex!, /缺少索引/),
    {
      group: '备份 / backups',
      name: '档案正被打开时恢复',
      says: /档案正在被使用（本机的进程 \d+.*原档案未动/,
      cli: ['restore', good, '--force'],
      api: () => messageOf(() => restoreBackup(good, core.archive.dir, { force: true })),
    },
    onDamaged('0 字节的数据库：列表', make.emptiedArchive(spare.dir, at('空数据库'), 'zero'), ['list']),
    onDamaged('0 字节的数据库：修复', at('空数据库'), ['check', '--repair', '--force']),
    onDamaged('没有表的数据库：检查', make.emptiedArchive(spare.dir, at('无表数据库'), 'schemaless'), ['check']),
    onDamaged('没有表的数据库：备份', at('无表数据库'), ['backup', '--out', at('不该有的备份.zip')]),
    {
      group: '损坏的档案 / damaged archives',
      name: '修复会把全部文件移入隔离区',
      says: /修复已停止.*一个也没有移入隔离区.*请先从备份恢复档案/,
      cli: ['check', '--repair'],
      archive: { dir: foreign, print: () => fingerprint(foreignCore.archive.db, foreign) },
      api: () => messageOf(() => foreignCore.api['integrity.check']({ repair: true })),
    },
  ];
}

describe('hostile corpus', () => {
  it('every bad input gets a clear message through the CLI and the core API, and the archive is left as it was', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 4);
    const work = tempDir();
    const cases = await corpus(core, work);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const c of cases) await attempt(core, c);
    const failed = outcomes.filter((o) => !o.clear || !o.unchanged).map((o) => `${o.group} / ${o.name} via ${o.channel}: clear=${o.clear} unchanged=${o.unchanged}\n    ${o.text}`);
    expect(failed).toEqual([]);
    // Nothing escaped: the zip-slip entries were never written anywhere.
    expect(existsSync(path.join(path.dirname(core.dir), 'evil.txt'))).toBe(false);
    expect(existsSync('/tmp/evil.txt')).toBe(false);
    expect(readdirSync(path.dirname(core.dir)).filter((n) => n.includes('restoring') || n.includes('恢复前'))).toEqual([]);
    expect(trapped).toEqual([[]]);
    // The binders printed the linked document's text without either picture.
    for (const channel of ['CLI', 'API']) {
      const volumes = readdirSync(path.join(work, `外链案卷-${channel}`)).filter((n) => n.endsWith('.pdf'));
      expect(volumes.length).toBeGreaterThan(0);
      for (const volume of volumes) expect(imageCount(path.join(work, `外链案卷-${channel}`, volume))).toBe(0);
    }
  }, 420_000);

  it('files risky but real inputs (reserved, control-character, path-like and very long names, wrong extension, encryption) only with a warning and a safe name', async () => {
    const core = await tempCore();
    const work = tempDir();
    const names = ['CON.pdf', 'nul.jpg', 'a\u0007b\u001bc.pdf', '..\\..\\windows\\evil.pdf', `${'很长的文件名'.repeat(4)}${'n'.repeat(170)}.pdf`, '..双点开头.pdf'];
    const files: string[] = [];
    for (const [i, name] of names.entries()) {
      files.push(name.endsWith('.jpg') ? await make.makeJpeg(path.join(work, name), { colour: `#10${i}0${i}0` }) : await make.makePdf(path.join(work, name), { text: `risky ${i}` }));
    }
    const pdfAsJpg = await make.makePdf(path.join(work, '通知.jpg'), { text: 'pdf named jpg' });
    const encrypted = await makeEncryptedPdf(path.join(work, '加密.pdf'));
    const result = await core.api['records.add']({ files: [...files, pdfAsJpg, encrypted], year: 2024, items: ['1.1.1'] });
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(names.length + 2);
    const warned = new Set(result.warnings.map((w) => path.basename(w.file)));
    for (const name of [...names.filter((n) => n !== '..双点开头.pdf'), '通知.jpg', '加密.pdf']) expect(warned.has(path.basename(name))).toBe(true);
    const stored = core.archive.db.prepare('SELECT name FROM record_files ORDER BY id').pluck().all() as string[];
    for (const name of stored) expect(name).not.toMatch(/[<>:"|?*\\/\u0000-\u001f]|^(CON|NUL|PRN|AUX|COM\d|LPT\d)(\.|$)/i);
    // A title that looks like an absolute path stays a title: the folder export writes inside its own folder only.
    await core.api['records.update']({ id: result.records[0]!.id, title: '/etc/passwd' });
    const out = path.join(tempDir(), 'export');
    const exported = await cli('export', 'folder', '--archive', core.dir, '--out', out, '--json');
    expect(exported.code).toBe(0);
    expect(readdirSync(path.join(out, '2024年')).length).toBeGreaterThan(0);
    const check = await cli('check', '--archive', core.dir, '--json');
    expect(check.json()).toMatchObject({ ok: true, problems: [] });
    accepted.push(...stored);
  }, 120_000);

  it('stores and exports spoofing and Windows-device names safely, through the CLI and the API alike', async () => {
    const work = tempDir();
    const photo = await make.makeJpeg(path.join(work, '照片\u202Egpj.exe'), { colour: '#305070' });
    const names = ['CON .pdf', 'AUX  .pdf', 'CONIN$.pdf', '会议\u2028记录.pdf'];
    const files = [photo, ...(await Promise.all(names.map((n, i) => make.makePdf(path.join(work, n), { text: `device name ${i}` }))))];
    const viaApi = await tempCore();
    const viaCli = await tempCore();
    closeLater.push(() => viaApi.close(), () => viaCli.close());
    const result = await viaApi.api['records.add']({ files, year: 2024, items: ['1.1.1'] });
    expect(result.errors).toEqual([]);
    expect(new Set(result.warnings.map((w) => w.file))).toEqual(new Set(files));
    const run = await cli('add', ...files, '--year', '2024', '--item', '1.1.1', '--archive', viaCli.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/文件名已改为「照片gpj\.exe」.* \/ /);
    expect(run.stdout).not.toMatch(STACK);
    for (const archive of [viaApi, viaCli]) {
      const stored = archive.archive.db.prepare('SELECT name FROM record_files ORDER BY id').pluck().all() as string[];
      expect(stored).toHaveLength(files.length);
      for (const name of stored) expect(name).not.toMatch(UNSAFE_NAME);
      // The real type shows at the end, never "…exe.jpg" read backwards as "….jpg.exe".
      expect(stored[0]).toBe('照片gpj.exe.jpg');
      expect(stored.slice(1).every((n) => n.endsWith('.pdf') && !n.endsWith('.pdf.pdf'))).toBe(true);
      const out = path.join(tempDir(), 'export');
      expect((await cli('export', 'folder', '--archive', archive.dir, '--out', out)).code).toBe(0);
      const exported = (readdirSync(out, { recursive: true }) as string[]).map((p) => path.basename(p));
      for (const name of exported) expect(name).not.toMatch(UNSAFE_NAME);
      expect(exported.filter((n) => n.includes('gpj'))).toEqual([expect.stringMatching(/照片gpj\.exe\.jpg$/)]);
      accepted.push(...stored);
    }
  }, 120_000);

  it('a reader that stops early gets no stack trace, and a 100-character Chinese name is accepted through the bridge upload', async () => {
    const core = await tempCore();
    closeLater.push(() => core.close());
    const entry = path.resolve('electron/cli/cli.ts');
    // head reads 10 bytes and leaves; true leaves before the CLI writes a byte, so the write surely meets a closed pipe.
    for (const reader of ['head -c 10', 'true']) {
      const run = spawnSync('bash', ['-c', `"$0" --import tsx "$1" check --json --archive "$2" | ${reader}; echo "exit=\${PIPESTATUS[0]}" >&2`, process.execPath, entry, core.dir], { encoding: 'utf8' });
      expect(run.stderr, reader).toMatch(/^exit=0\s*$/);
      if (reader.startsWith('head')) expect(run.stdout).toBe('{\n  "ok": ');
    }

    const staticDir = tempDir('taizhang-static-');
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>台账</title>');
    const session = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell });
    const bridge = await startBridge({ session, staticDir });
    try {
      const call = async (name: string, args: unknown): Promise<unknown> => {
        const res = await fetch(`${bridge.origin}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-taizhang-token': bridge.token }, body: JSON.stringify(args) });
        return ((await res.json()) as { result: unknown }).result;
      };
      await call('app.create', { dir: path.join(tempDir(), 'archive') });
      await call('archive.setYear', { year: 2024 });
      const name = `${'学雷锋志愿服务活动现场照片'.repeat(7)}共九张照片之第一张.jpg`;
      expect([...name.replace('.jpg', '')]).toHaveLength(100);
      const bytes = readFileSync(await make.makeJpeg(path.join(tempDir(), 'photo.jpg'), { colour: '#446688' }));
      const res = await fetch(`${bridge.origin}/upload?batch=longname0001&path=${encodeURIComponent(name)}`, {
        method: 'POST', headers: { 'x-taizhang-token': bridge.token, 'content-type': 'application/octet-stream' }, body: bytes,
      });
      expect(res.status).toBe(200);
      const staged = ((await res.json()) as { result: { path: string } }).result.path;
      const added = (await call('records.add', { files: [staged], year: 2024 })) as AddResult;
      expect(added.errors).toEqual([]);
      expect(added.records).toHaveLength(1);
      const stored = ((await call('records.get', { id: added.records[0]!.id })) as RecordDetail).fileList[0]!.name;
      expect(stored.startsWith('学雷锋志愿服务活动现场照片')).toBe(true);
      expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(240);
      accepted.push(stored);
    } finally {
      await bridge.close();
      await session.dispose();
    }
  }, 120_000);
});
