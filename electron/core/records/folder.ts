import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ParsedArgs } from '../../../shared/api/contract.js';
import type { AddResult, FolderPlan, FolderPlanEntry } from '../../../shared/api/records.js';
import { joined, messageOf, TaizhangError, type Message } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import { resolveEdition } from '../index/editions.js';
import { detectType } from '../files/detect.js';
import { readExif } from '../files/image.js';
import { splitExtension } from '../files/safe-name.js';
import type { Archive } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import { all } from '../store/sql.js';
import { walkFolder } from './folder-walk.js';
import { fileRecords, type RecordDraft } from './ingest-records.js';
import { chooseTitle, dateInText, filingYear, inferType, machineName, withoutDate } from './naming.js';
import { resolveItemCodes } from './repository.js';

type FolderArgs = ParsedArgs<'records.planFolder'>;

const YEAR_FOLDER = /^((?:19|20)\d{2})\s*(?:年度?)?$/;
/** "1.2 志愿服务", "1.2.1、志愿服务站", "Ⅱ-3 …": a code, a separator, the rest. */
const CODE_FOLDER = /^((?:\d{1,3}\.)*\d{1,3}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+-\d{1,3})(?:[\s_、．.\-—]+(.*))?$/;

interface ItemLookup {
  byCode: Map<string, string>;
  /** Normalised title → code. */
  byTitle: Map<string, string>;
}

function normaliseTitle(text: string): string {
  return text.normalize('NFKC').replace(/[\s“”"'‘’「」《》]/g, '');
}

function itemLookup(db: Db, year: number, cache: Map<number, ItemLookup>): ItemLookup {
  const cached = cache.get(year);
  if (cached) return cached;
  const edition = resolveEdition(db, { year });
  const rows = all<{ code: string; title: string }>(db, 'SELECT code, title FROM items WHERE edition_id = ?', edition);
  const lookup: ItemLookup = { byCode: new Map(), byTitle: new Map() };
  for (const r of rows) {
    lookup.byCode.set(r.code, r.code);
    lookup.byTitle.set(normaliseTitle(r.title), r.code);
  }
  cache.set(year, lookup);
  return lookup;
}

interface FolderMeaning {
  item: string | null;
  /** A code-looking prefix that the year's edition does not have. */
  unknownCode: string | null;
}

function readItemFolder(segment: string, lookup: ItemLookup): FolderMeaning {
  const m = CODE_FOLDER.exec(segment.trim());
  if (m) {
    const code = m[1]!;
    if (lookup.byCode.has(code)) return { item: code, unknownCode: null };
    const byRest = m[2] ? lookup.byTitle.get(normaliseTitle(m[2])) : undefined;
    return byRest ? { item: byRest, unknownCode: null } : { item: null, unknownCode: code };
  }
  return { item: lookup.byTitle.get(normaliseTitle(segment)) ?? null, unknownCode: null };
}

/**
 * Reads a folder tree the way a clerk organises it — year folders, item folders by code or title, activity folders
 * with a date — and says where each file would go, which go to the inbox and what it leaves out and why, without
 * writing anything.
 */
export async function planFolder(archive: Archive, args: FolderArgs): Promise<FolderPlan> {
  const root = path.resolve(args.dir);
  const stat = await fs.stat(root).catch(() => null);
  if (!stat?.isDirectory()) throw new TaizhangError('not_found', `找不到文件夹：${args.dir} / No such folder`);
  const { files, skipped } = await walkFolder(root, archive.dir);
  const cache = new Map<number, ItemLookup>();
  const entries: FolderPlanEntry[] = [];
  const activities = new Map<string, FolderPlan['activities'][number]>();
  for (const parts of files) {
    const { entry, activity } = await planEntry(archive.db, root, parts, args, cache);
    entries.push(entry);
    if (activity === null) continue;
    const key = `${entry.year}\u0000${activity.name}`;
    const known = activities.get(key) ?? { year: entry.year, name: activity.name, date: activity.date, files: 0 };
    known.files += 1;
    known.date ??= activity.date;
    activities.set(key, known);
  }
  return { root, entries, inbox: entries.filter((e) => e.inbox).length, activities: [...activities.values()], skipped };
}

interface FolderActivity {
  name: string;
  date: string | null;
}

async function planEntry(
  db: Db,
  root: string,
  parts: string[],
  args: FolderArgs,
  cache: Map<number, ItemLookup>,
): Promise<{ entry: FolderPlanEntry; activity: FolderActivity | null }> {
  const folders = parts.slice(0, -1);
  const fileName = parts[parts.length - 1]!;
  let folderYear: number | null = null;
  for (const f of folders) {
    const m = YEAR_FOLDER.exec(f.trim());
    if (m) folderYear = Number(m[1]);
  }
  const detected = await detectType(path.join(root, ...parts), splitExtension(fileName).ext).catch(() => null);
  const machine = machineName(fileName);
  const nameDate = machine ? machine.date : dateInText(fileName);
  // A photo named by its number (IMG_0412.jpg) is dated by its camera at import; the plan reads the same date, so
  // the year it shows the clerk is the year the import files it in.
  const cameraDate = nameDate === null && detected?.kind === 'image' ? ((await readExif(path.join(root, ...parts))).exifDate?.slice(0, 10) ?? null) : null;
  const year = folderYear ?? args.year ?? null;
  const base: FolderPlanEntry = {
    file: parts.join('/'), year: year ?? yearOfDate(nameDate ?? cameraDate), items: [], activity: null, date: nameDate,
    type: inferType(fileName, detected?.kind ?? null), title: '', inbox: false, problem: null,
  };
  /** The title the file's name and folders give (a document's own title, read at import, comes first). */
  const titled = (entry: FolderPlanEntry): FolderPlanEntry => ({
    ...entry,
    title: chooseTitle({
      fileName, kind: detected?.kind ?? 'other', type: entry.type, year: entry.year, date: entry.date, activity: entry.activity,
      subject: null, docTitle: null, text: '',
    }).title,
  });
  const toInbox = (problem: Message): { entry: FolderPlanEntry; activity: null } => ({
    entry: titled({
      ...base, date: base.date ?? cameraDate, year: folderYear ?? filingYear(base.year, base.date ?? cameraDate, true), inbox: true,
      problem: joined({ zh: `${problem.zh}，放入待归类`, en: `${problem.en}; goes to the inbox` }),
    }),
    activity: null,
  });
  if (year === null) {
    const guess = nameDate ? `按文件日期暂归 ${base.year} 年度` : `暂归当前的 ${base.year} 年度`;
    return toInbox({
      zh: `路径中没有年度文件夹（如 2024），也没有指定默认年度：${guess}`,
      en: `No year folder and no default year; filed under ${base.year} for now`,
    });
  }

  let lookup: ItemLookup;
  try {
    lookup = itemLookup(db, year, cache);
  } catch (err) {
    return toInbox(messageOf(err));
  }
  let item: string | null = null;
  let itemDepth = -1;
  const unknownCodes: string[] = [];
  let activity: FolderActivity | null = null;
  for (const [depth, folder] of folders.entries()) {
    if (YEAR_FOLDER.test(folder.trim())) continue;
    const folderDate = dateInText(folder);
    if (folderDate) {
      activity = { name: withoutDate(folder) || folder, date: folderDate };
      continue;
    }
    const meaning = readItemFolder(folder, lookup);
    if (meaning.item) {
      item = meaning.item;
      itemDepth = depth;
      activity = null;
    } else {
      if (meaning.unknownCode) unknownCodes.push(meaning.unknownCode);
      // A plain folder right under an item folder is an activity of that item.
      if (itemDepth >= 0 && depth === itemDepth + 1 && !activity) activity = { name: folder.trim(), date: null };
    }
  }
  let items = item ? [item] : [];
  if (items.length === 0 && args.items && args.items.length > 0) {
    try {
      resolveItemCodes(db, year, args.items);
      items = args.items;
    } catch (err) {
      return toInbox(messageOf(err));
    }
  }
  // The same order as at import: the file's name, then its activity folder, then the camera.
  const dated = { ...base, activity: activity?.name ?? null, date: base.date ?? activity?.date ?? cameraDate };
  if (items.length === 0) {
    const hint = unknownCodes.length > 0 ? `（文件夹编码 ${unknownCodes.join('、')} 不在 ${year} 年度的测评体系中）` : '';
    const inbox = toInbox({ zh: `无法确定测评项目${hint}`, en: 'No index item in its folders and no default item' });
    // Its activity still holds: filing it later keeps it with the activity's other files.
    const own = folderYear ?? filingYear(year, dated.date, true);
    return { entry: titled({ ...inbox.entry, year: own, activity: dated.activity, date: dated.date }), activity };
  }
  return { entry: titled({ ...dated, items }), activity };
}

/** The year of a date, else the current one: a file of unknown year waits in the inbox of the year it is filed in. */
function yearOfDate(date: string | null): number {
  return date ? Number(date.slice(0, 4)) : new Date().getFullYear();
}

/** Imports the plan: what it placed under its items, the rest into the inbox. */
export async function importFolder(archive: Archive, args: FolderArgs, ctx: CallContext): Promise<AddResult & { plan: FolderPlan }> {
  const plan = await planFolder(archive, args);
  const drafts: RecordDraft[] = [];
  const idCache = new Map<string, number[]>();
  for (const e of plan.entries) {
    const key = `${e.year}:${e.items.join(',')}`;
    const itemIds = idCache.get(key) ?? resolveItemCodes(archive.db, e.year, e.items);
    idCache.set(key, itemIds);
    const folderActivity = plan.activities.find((a) => a.year === e.year && a.name === e.activity);
    drafts.push({
      sources: [{ path: path.join(plan.root, ...e.file.split('/')), label: e.file }],
      year: e.year,
      // The review showed the clerk this year (planEntry chose it by the same rule, from the name and folders).
      yearSettled: true,
      itemIds,
      // Titles and types are read again from the content (a document's own title comes before its file name).
      given: {},
      activity: e.activity ? { name: e.activity, date: folderActivity?.date ?? null } : null,
      folderDate: folderActivity?.date ?? null,
    });
  }
  return { ...(await fileRecords(archive, drafts, ctx)), plan };
}
