import { randomBytes } from 'node:crypto';
import { constants, existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { binderTypeRank, displayTitle } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import { itemFolderName, nameText, safeFileName, splitExtension, TITLE_CHARS } from '../files/safe-name.js';
import { getUnit, type Archive } from '../store/archive-folder.js';
import { toCsv, type CsvCell } from './csv.js';
import { exportFiles, exportItemLinks, exportRecords, type ExportFileRow, type ExportRecordRow } from './repository.js';

export interface FolderExportResult {
  path: string;
  records: number;
  files: number;
  warnings: string[];
}

interface Placement {
  /** Folder of the item ("1.2.3 志愿服务活动"), or the folder for records not filed under any item. */
  code: string;
  itemTitle: string;
}

export const MANIFEST_NAME = '清单.csv';
const README_NAME = '说明.txt';
const UNFILED: Placement = { code: '', itemTitle: '未归入测评项目' };

const HEADER = ['年度', '测评项目编码', '测评项目', '件号', '题名', '文号', '责任者', '日期', '类型', '保管期限', '活动', '标签', '备注', '文件', '原文件名', '大小（字节）', 'SHA-256'];

/**
 * The escape hatch: the archive as plain folders (年度 / 测评项目 / 件 files named with their 件号) and a CSV
 * manifest, readable with nothing but a file manager and Excel. A record filed under several items appears in each.
 * The tree is built under a hidden name and renamed into place when complete; nothing existing is overwritten.
 */
export async function exportFolder(archive: Archive, args: { out: string; year?: number | undefined }, ctx: CallContext = {}): Promise<FolderExportResult> {
  const target = path.resolve(args.out);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    throw new TaizhangError('conflict', `导出位置已有内容，不会覆盖：${target}（请选一个新的或空的文件夹） / Target exists and is not empty`);
  }
  if (!existsSync(path.dirname(target))) {
    throw new TaizhangError('not_found', `导出所在的文件夹不存在：${path.dirname(target)} / Folder does not exist`);
  }
  const { records, files, placements } = readArchive(archive, args.year);
  if (records.length === 0) {
    throw new TaizhangError('not_found', args.year ? `${args.year} 年度没有可导出的件 / No records in ${args.year}` : '档案中还没有件 / The archive has no records');
  }

  const staging = path.join(path.dirname(target), `.${path.basename(target)}.exporting-${randomBytes(6).toString('hex')}`);
  const warnings: string[] = [];
  const rows: CsvCell[][] = [HEADER];
  let copied = 0;
  const total = [...placements.values()].reduce((n, p) => n + p.length, 0);
  let done = 0;
  try {
    for (const [year, byItem] of groupByYearAndItem(records, placements)) {
      for (const [, { placement, list }] of byItem) {
        const itemFolder = path.join(staging, `${year}年`, itemFolderName(placement));
        await fs.mkdir(itemFolder, { recursive: true });
        for (const [index, rec] of list.entries()) {
          ctx.signal?.throwIfAborted();
          const piece = index + 1;
          const recFiles = files.get(rec.id) ?? [];
          for (const [k, f] of recFiles.entries()) {
            const name = fileName(piece, rec, f, recFiles.length > 1 ? k + 1 : null);
            const relative = [`${year}年`, itemFolderName(placement), name].join('/');
            let shown = relative;
            try {
              await fs.copyFile(archive.files.blobPath(f.sha256), path.join(itemFolder, name), constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
              copied += 1;
            } catch {
              shown = '（文件缺失，未能导出）';
              warnings.push(`第 ${rec.id} 件「${rec.title}」的文件「${f.name}」缺失，未能导出（请在“设置”中检查档案） / stored file missing (run check)`);
            }
            rows.push([
              year, placement.code, placement.itemTitle, piece, displayTitle(rec.title, rec.titleSupplied === 1), rec.docNo, rec.author,
              rec.date ?? '', rec.type, rec.retention, rec.activity ?? '', rec.tags ?? '', rec.note, shown, f.name, f.size, f.sha256,
            ]);
          }
          ctx.onProgress?.({ stage: '导出文件夹 / exporting', done: ++done, total });
        }
      }
    }
    await fs.writeFile(path.join(staging, MANIFEST_NAME), toCsv(rows));
    await fs.writeFile(path.join(staging, README_NAME), readme(archive, records.length, copied, args.year));
    if (existsSync(target)) await fs.rmdir(target);
    await fs.rename(staging, target);
    return { path: target, records: records.length, files: copied, warnings };
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true });
    if (ctx.signal?.aborted) throw new TaizhangError('cancelled', '已取消导出 / Export cancelled');
    throw err;
  }
}

/** One consistent read of everything the export needs, so edits made meanwhile cannot mix into it. */
function readArchive(archive: Archive, year: number | undefined) {
  const db = archive.db;
  return db.transaction(() => {
    const records = exportRecords(db, year ?? null);
    const files = new Map<number, ExportFileRow[]>();
    for (const f of exportFiles(db, year ?? null)) files.set(f.recordId, [...(files.get(f.recordId) ?? []), f]);
    const placements = new Map<number, Placement[]>();
    const links = exportItemLinks(db, year ?? null);
    for (const l of links) placements.set(l.recordId, [...(placements.get(l.recordId) ?? []), { code: l.code, itemTitle: l.title }]);
    for (const r of records) if (!placements.has(r.id)) placements.set(r.id, [UNFILED]);
    return { records, files, placements };
  })();
}

/** year → item folder → records in 件号 order (by date, then plan before sign-in sheet before photos…, then id). */
function groupByYearAndItem(records: ExportRecordRow[], placements: Map<number, Placement[]>) {
  const years = new Map<number, Map<string, { placement: Placement; list: ExportRecordRow[] }>>();
  for (const rec of records) {
    const byItem = years.get(rec.year) ?? new Map<string, { placement: Placement; list: ExportRecordRow[] }>();
    years.set(rec.year, byItem);
    for (const placement of placements.get(rec.id) ?? []) {
      const group = byItem.get(placement.code) ?? { placement, list: [] };
      byItem.set(placement.code, group);
      group.list.push(rec);
    }
  }
  for (const byItem of years.values()) {
    for (const group of byItem.values()) {
      group.list.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || binderTypeRank(a.type) - binderTypeRank(b.type) || a.id - b.id);
    }
  }
  return years;
}

/** "003-学雷锋志愿服务活动签到表.pdf"; the files of a many-file 件 get "-1", "-2"… */
function fileName(piece: number, rec: ExportRecordRow, file: ExportFileRow, part: number | null): string {
  const ext = splitExtension(file.name).ext || file.ext;
  return safeFileName(`${String(piece).padStart(3, '0')}-${nameText(rec.title, TITLE_CHARS)}${part ? `-${part}` : ''}${nameText(ext, 9)}`).name;
}

function readme(archive: Archive, records: number, files: number, year: number | undefined): string {
  const unit = getUnit(archive.db);
  return [
    `台账 档案导出${unit.name ? `：${unit.name}` : ''}`,
    `导出时间：${new Date().toLocaleString('zh-CN', { hour12: false })}${year ? `，年度：${year}` : '，全部年度'}`,
    `共 ${records} 件，${files} 个文件。`,
    '',
    '文件夹结构：年度 / 测评项目（编码 名称）/ 件号-题名.扩展名',
    '一件有多个文件时，文件名后加 -1、-2……；一件归入多个测评项目时，在每个项目下各有一份。',
    `${MANIFEST_NAME} 列出每个文件的年度、测评项目、件号、题名、文号、责任者、日期、类型、保管期限和 SHA-256 校验值，可用 Excel 或 WPS 打开。`,
    '',
  ].join('\r\n');
}
