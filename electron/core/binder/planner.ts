import type { BinderOptions, BinderWarning } from '../../../shared/api/binder.js';
import type { IndexItem } from '../../../shared/api/index.js';
import type { FileKind } from '../../../shared/api/records.js';
import { captionValues, missingCaptionFields, responsibleParty, storedCaption } from '../../../shared/domain/caption.js';
import { displayTitle, RETENTION_PERIODS, type RetentionPeriod } from '../../../shared/domain/record.js';
import type { RecordTableRow } from '../records/repository.js';
import { TaizhangError } from '../../../shared/errors.js';
import { classOf } from '../archival/number.js';
import { archivalOrder } from '../archival/order.js';
import { numbersOfYear, volumesOfYear, type VolumeRow } from '../archival/repository.js';
import { safeFileName } from '../files/safe-name.js';
import { listItems } from '../index/editions.js';
import { yearHoldings, type YearHoldings } from '../index/holdings.js';
import { ItemTree } from '../index/item-tree.js';
import { getUnit } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import { all, idList, value } from '../store/sql.js';
import type { BinderPlan, ItemStatusNote, PlanFile, PlanItem, PlanPiece, PlanSection, PlanVolume, WithdrawnPiece } from './plan.js';

/** A record of the year with its activity and its stored identity, as the planner reads it. */
interface RecordRow
  extends Pick<RecordTableRow, 'id' | 'title' | 'title_supplied' | 'doc_no' | 'author' | 'date' | 'type' | 'retention' | 'note' | 'caption' | 'activity_id'> {
  activity_name: string | null;
  activity_date: string | null;
  activity_caption: string | null;
  carried_year: number | null;
  piece: number | null;
  archival_code: string | null;
  ident_year: number | null;
  ident_retention: RetentionPeriod | null;
  ident_problem: string | null;
  ident_volume: number | null;
  carried: number | null;
}

interface FileRow {
  record_id: number;
  name: string;
  sha256: string;
  kind: FileKind;
  ext: string;
  exif_date: string | null;
  binder_note: string | null;
  pages: number | null;
}

/** A record placed for printing: which volume it goes into and under which item. */
interface Candidate {
  row: RecordRow;
  files: PlanFile[];
  /** Items of this print it is filed under, in tree order; the first is its section. */
  items: number[];
  volumeKey: string;
  /** 0 archived here, 1 carried over (a copy), 2 draft: the order of the three kinds in a volume. */
  kind: 0 | 1 | 2;
}

/** One box: a stored volume, or the class a draft would be archived in. */
interface VolumeSlot {
  key: string;
  row: VolumeRow | null;
  retention: RetentionPeriod;
  problem: string;
  problemItem: IndexItem;
}

export type StatusLookup = (code: string) => ItemStatusNote | null;

/**
 * Reads the archive into a binder plan. Volumes are the classes of 归档 (年度 + 保管期限 + 问题), with the 卷号, 档号
 * and 立卷日期 stored when the class was archived; inside a volume the 件 follow their stored 件号, then copies
 * carried over from earlier years, then records not yet archived, printed as drafts. So a full export, an --item
 * export and --single print the same 件号 and 档号 for the same record. Pages are not known yet (the prober and the
 * numbering add them).
 */
export function planBinder(db: Db, options: BinderOptions, statusOf: StatusLookup, created = new Date()): BinderPlan {
  const { year } = options;
  const holdings = yearHoldings(db, year);
  const editionName = value<string>(db, 'SELECT name FROM editions WHERE id = ?', holdings.edition) ?? '';
  const tree = new ItemTree(listItems(db, holdings.edition));
  const unit = getUnit(db);
  const warnings: BinderWarning[] = [];

  let root: IndexItem | null = null;
  if (options.item !== undefined) {
    root = tree.byCode.get(options.item) ?? null;
    if (!root) {
      throw new TaizhangError('not_found', `${year} 年度所用的测评体系中没有编码为「${options.item}」的项目 / No index item ${options.item}`);
    }
  }
  const inScope = (id: number): boolean => root === null || tree.within(id, root.id);

  const stored = new Map(volumesOfYear(db, year).map((v) => [slotKey(v.retention, v.problem), v]));
  const slots = new Map<string, VolumeSlot>();
  const slotFor = (retention: RetentionPeriod, problem: string, problemItem: IndexItem): string => {
    const key = slotKey(retention, problem);
    if (!slots.has(key)) slots.set(key, { key, row: stored.get(key) ?? null, retention, problem, problemItem });
    return key;
  };

  const candidates: Candidate[] = [];
  // Records outside the index are news for a whole-year export, not for one item's volume.
  // One item's volume reads only the records counted under it, not the whole year's.
  for (const { row, files } of readRecords(db, year, root ? holdings.recordsUnder(root.id) : null)) {
    const placed = holdings.itemsOf(row.id);
    if (placed.length === 0) {
      if (root === null) {
        warnings.push({
          recordId: row.id, file: null,
          message: `「${row.title}」没有归入 ${year} 年度测评体系的任何项目，未编入案卷 / Not filed under any index item; left out`,
        });
      }
      continue;
    }
    const items = placed.filter(inScope);
    if (items.length === 0) continue;
    const archivedHere = row.archival_code !== null && row.carried === 0;
    let key: string;
    if (archivedHere) {
      const volume = [...stored.values()].find((v) => v.id === row.ident_volume)!;
      key = slotFor(volume.retention, volume.problem, tree.byId.get(volume.item_id ?? -1) ?? tree.atLevel(placed[0]!, unit.problemLevel));
    } else {
      const cls = classOf(row.id, row.retention, holdings, tree, unit)!;
      key = slotFor(cls.retention, cls.problem, cls.problemItem);
    }
    candidates.push({ row, files, items, volumeKey: key, kind: archivedHere ? 0 : row.carried_year !== null ? 1 : 2 });
  }
  const captionGaps: BinderPlan['captionGaps'] = [];
  for (const c of candidates) {
    if (c.row.type !== '照片') continue;
    const caption = storedCaption(c.row.caption, c.row.activity_caption);
    const exifDate = c.files.find((f) => f.exifDate)?.exifDate ?? null;
    const missing = missingCaptionFields(captionValues(caption, { activity: c.row.activity_name, exifDate, date: c.row.date }));
    if (missing.length === 0) continue;
    captionGaps.push({ recordId: c.row.id, title: c.row.title, missing });
    warnings.push({ recordId: c.row.id, file: null, message: `「${c.row.title}」照片说明缺少：${missing.join('、')} / The photo caption lacks ${missing.length} element(s)` });
  }
  if (candidates.length === 0) {
    if (root) {
      throw new TaizhangError('not_found', `测评项目「${root.code} ${root.title}」${year} 年度没有材料，无法生成案卷 / No materials under this item for ${year}`);
    }
    throw new TaizhangError('not_found', `${year} 年度还没有可编入案卷的材料，请先添加材料 / No materials filed for ${year} yet`);
  }

  const orderedSlots = [...slots.values()].sort(
    (a, b) =>
      (a.row?.volume_no ?? Infinity) - (b.row?.volume_no ?? Infinity) ||
      tree.position.get(a.problemItem.id)! - tree.position.get(b.problemItem.id)! ||
      RETENTION_PERIODS.indexOf(a.retention) - RETENTION_PERIODS.indexOf(b.retention),
  );
  if (root === null && !options.single) {
    for (const top of tree.childrenOf(null)) {
      if (!orderedSlots.some((s) => tree.within(s.problemItem.id, top.id) || tree.within(top.id, s.problemItem.id))) {
        warnings.push({
          recordId: null, file: null,
          message: `测评项目「${top.code} ${top.title}」${year} 年度没有材料，未生成案卷 / No materials under item ${top.code}; no volume made`,
        });
      }
    }
  }

  const withdrawn = numbersOfYear(db, year).filter((n) => n.withdrawn_on !== null);
  const withdrawnOf = (slot: VolumeSlot): WithdrawnPiece[] =>
    withdrawn
      .filter((n) => slot.row !== null && n.volume_id === slot.row.id)
      .map((n) => ({ piece: n.piece, archivalCode: n.archival_code, reason: n.withdraw_reason ?? '', on: n.withdrawn_on ?? '' }));
  const context: VolumeContext = { year, unit: unit.name, tree, root, statusOf, holdings };
  const sameItemTwice = (slot: VolumeSlot): boolean => orderedSlots.filter((s) => s.problemItem.id === slot.problemItem.id).length > 1;

  // Each box with its 件; printed one file a box, or all in one file for --single (the boxes still head the 总目录).
  const boxes = orderedSlots.map((slot, i) => {
    const members = orderPieces(candidates.filter((c) => c.volumeKey === slot.key), tree);
    const label = slot.row ? `第 ${slot.row.volume_no} 卷　${slot.row.archival_code}　${slot.retention}` : `草稿（未归档）　${slot.problemItem.code} ${slot.problemItem.title}　${slot.retention}`;
    const pieces = members.map((c, k) => toPiece(c, k + 1, tree, year, slot.row?.volume_no ?? null, label));
    // Two volumes of one 测评项目 (two 保管期限) name the items without materials once, in the first.
    const listEmpty = orderedSlots.findIndex((s) => s.problemItem.id === slot.problemItem.id) === i;
    return { members, pieces, volume: buildVolume({ ...slot, twin: sameItemTwice(slot) }, members, pieces, withdrawnOf(slot), context, listEmpty) };
  });
  let volumes = boxes.map((b) => b.volume);
  if (options.single) {
    const pieces = boxes.flatMap((b) => b.pieces);
    pieces.forEach((p, i) => (p.seq = i + 1));
    volumes = [buildVolume(null, boxes.flatMap((b) => b.members), pieces, orderedSlots.flatMap(withdrawnOf), context, true)];
  }
  return {
    options: {
      year, photosPerPage: options.photosPerPage, withStatus: options.withStatus, fitA4: options.fitA4, duplex: options.duplex, spine: options.spine,
      spineWidth: options.spineWidth ?? null,
    },
    unit, editionName, volumes, boxes: boxes.map((b) => b.volume), warnings, captionGaps, created,
  };
}

function slotKey(retention: RetentionPeriod, problem: string): string {
  return `${problem}\u0000${retention}`;
}

/** The year's live records with their files: all of them, or only those of `ids`. */
function readRecords(db: Db, year: number, ids: readonly number[] | null): { row: RecordRow; files: PlanFile[] }[] {
  const scope = ids === null ? 'r.year = ?' : 'r.year = ? AND r.id IN (SELECT value FROM json_each(?))';
  const args = ids === null ? [year] : [year, idList(ids)];
  const rows = all<RecordRow>(
    db,
    `SELECT r.id, r.title, r.title_supplied, r.doc_no, r.author, r.date, r.type, r.retention, r.note, r.caption, r.activity_id,
            a.name AS activity_name, a.date AS activity_date, a.caption AS activity_caption, o.year AS carried_year,
            ident.piece, ident.archival_code, ident.year AS ident_year, ident.retention AS ident_retention,
            ident.problem AS ident_problem, ident.volume_id AS ident_volume, ident.carried
     FROM live_records r
     LEFT JOIN activities a ON a.id = r.activity_id
     LEFT JOIN records o ON o.id = r.carried_from
     LEFT JOIN record_identity ident ON ident.record_id = r.id
     WHERE ${scope}`,
    ...args,
  );
  const files = all<FileRow>(
    db,
    `SELECT rf.record_id, rf.name, rf.sha256, b.kind, b.ext, b.exif_date, b.binder_note, b.pages
     FROM record_files rf JOIN blobs b ON b.sha256 = rf.sha256 JOIN live_records r ON r.id = rf.record_id
     WHERE ${scope} ORDER BY rf.record_id, rf.position, rf.id`,
    ...args,
  );
  const filesOf = new Map<number, PlanFile[]>();
  for (const f of files) {
    const list = filesOf.get(f.record_id) ?? [];
    list.push({ name: f.name, sha256: f.sha256, kind: f.kind, ext: f.ext, exifDate: f.exif_date, binderNote: f.binder_note, pages: f.pages });
    filesOf.set(f.record_id, list);
  }
  return rows.map((row) => ({ row, files: filesOf.get(row.id) ?? [] }));
}

/** Archived 件 by 件号, then carried-over copies, then drafts, each of the last two in archival order. */
function orderPieces(members: Candidate[], tree: ItemTree): Candidate[] {
  const byOrder = (list: Candidate[]): Candidate[] =>
    archivalOrder(
      list.map((c) => ({
        c, id: c.row.id, type: c.row.type, date: c.row.date, activityId: c.row.activity_id, activityDate: c.row.activity_date,
        itemPosition: tree.position.get(c.items[0]!)!,
      })),
    ).map((o) => o.c);
  return [
    ...members.filter((c) => c.kind === 0).sort((a, b) => a.row.piece! - b.row.piece!),
    ...byOrder(members.filter((c) => c.kind === 1)),
    ...byOrder(members.filter((c) => c.kind === 2)),
  ];
}

interface VolumeContext {
  year: number;
  unit: string;
  tree: ItemTree;
  root: IndexItem | null;
  statusOf: StatusLookup;
  holdings: YearHoldings;
}

/**
 * One volume of the print: its 件 in order, cut into sections where the index item changes (an item whose 件 come
 * back after others, archived later, gets a second divider marked as continued), with a divider for each item that
 * only refers to 件 filed elsewhere in the volume.
 */
function buildVolume(
  slot: (VolumeSlot & { twin: boolean }) | null,
  members: Candidate[],
  pieces: PlanPiece[],
  withdrawn: WithdrawnPiece[],
  ctx: VolumeContext,
  listEmpty: boolean,
): PlanVolume {
  const { tree, root } = ctx;
  const sections: PlanSection[] = [];
  const seen = new Set<number>();
  members.forEach((c, i) => {
    const itemId = c.items[0]!;
    const last = sections.at(-1);
    if (last && last.item.code === tree.byId.get(itemId)!.code) {
      last.pieces.push(pieces[i]!);
      return;
    }
    sections.push(section(itemId, ctx, [pieces[i]!], seen.has(itemId)));
    seen.add(itemId);
  });

  // A 件 filed under its first item is pointed to from the divider of every other item of the volume it belongs to.
  const references = new Map<number, PlanSection['references']>();
  members.forEach((c, i) => {
    for (const id of c.items.slice(1)) {
      const p = pieces[i]!;
      references.set(id, [...(references.get(id) ?? []), { seq: p.seq, title: p.title, item: p.item }]);
    }
  });
  for (const [itemId, refs] of references) {
    const own = sections.find((s) => s.item.code === tree.byId.get(itemId)!.code);
    if (own) {
      own.references.push(...refs);
      continue;
    }
    // In tree order among the sections that have 件 of their own.
    const at = sections.findIndex((s) => tree.position.get(tree.byCode.get(s.item.code)!.id)! > tree.position.get(itemId)!);
    const entry = { ...section(itemId, ctx, [], false), references: refs };
    if (at === -1) sections.push(entry);
    else sections.splice(at, 0, entry);
  }
  for (const s of sections) s.references.sort((a, b) => a.seq - b.seq);

  const scopeRoot = root ?? slot?.problemItem ?? null;
  const inVolume = (id: number): boolean => scopeRoot === null || tree.within(id, scopeRoot.id);
  const withMaterial = new Set(members.flatMap((c) => c.items));
  const emptyItems = listEmpty
    ? tree.items.filter((i) => inVolume(i.id) && tree.isLeaf(i.id) && !withMaterial.has(i.id)).map(toPlanItem)
    : [];
  const dates = pieces.map((p) => p.date).filter((d): d is string => d !== null).sort();

  const unitYear = `${ctx.unit}${ctx.year}年度`;
  if (!slot) {
    return {
      volumeNo: null, fileName: safeFileName(`${ctx.year}年度-全年案卷.pdf`).name, item: null, scope: root ? toPlanItem(root) : null,
      title: `${unitYear}创建文明城市软件资料`, archivalCode: null, retention: null, archivedOn: null,
      startDate: dates[0] ?? null, endDate: dates.at(-1) ?? null, withOverview: true, sections, emptyItems, withdrawn, numberedPages: 0,
    };
  }
  const shown = root && root.id !== slot.problemItem.id && tree.within(root.id, slot.problemItem.id) ? root : slot.problemItem;
  const volumeNo = slot.row?.volume_no ?? null;
  const stem = [
    `${ctx.year}年度`, volumeNo !== null ? `第${volumeNo}卷` : '草稿', shown.code, shown.title, ...(slot.twin || volumeNo === null ? [slot.retention] : []),
  ].join('-');
  return {
    volumeNo,
    fileName: safeFileName(`${stem}.pdf`).name,
    item: toPlanItem(slot.problemItem),
    scope: shown === slot.problemItem ? null : toPlanItem(shown),
    title: `${unitYear}“${shown.title}”创建材料`,
    archivalCode: slot.row?.archival_code ?? null,
    retention: slot.retention,
    archivedOn: slot.row?.archived_on ?? null,
    startDate: dates[0] ?? null,
    endDate: dates.at(-1) ?? null,
    withOverview: false,
    sections,
    emptyItems,
    withdrawn,
    numberedPages: 0,
  };
}

function section(itemId: number, ctx: VolumeContext, pieces: PlanPiece[], continued: boolean): PlanSection {
  const item = ctx.tree.byId.get(itemId)!;
  const top = ctx.root?.id ?? null;
  return {
    item: toPlanItem(item),
    ancestors: ctx.tree.ancestors(itemId, top).map(toPlanItem),
    status: ctx.statusOf(item.code),
    pieces,
    references: [],
    continued,
  };
}

function toPiece(c: Candidate, seq: number, tree: ItemTree, year: number, volumeNo: number | null, boxLabel: string): PlanPiece {
  const r = c.row;
  const caption = storedCaption(r.caption, r.activity_caption);
  return {
    seq,
    volumeNo,
    boxLabel,
    pieceNo: r.piece,
    archivalCode: r.archival_code,
    identityYear: r.ident_year ?? r.carried_year ?? year,
    retention: r.ident_retention ?? r.retention,
    problem: r.ident_problem,
    copyOf: r.carried_year !== null ? { year: r.carried_year } : null,
    recordId: r.id,
    item: tree.byId.get(c.items[0]!)!.code,
    title: displayTitle(r.title, r.title_supplied === 1),
    docNo: r.doc_no, author: responsibleParty(r.author, caption), date: r.date, type: r.type, note: r.note, caption, activity: r.activity_name,
    files: c.files,
    alsoUnder: c.items.slice(1).map((id) => tree.byId.get(id)!.code),
    blocks: [], pages: 0, firstPageNo: 0, sharesPageOf: null,
  };
}

function toPlanItem(i: IndexItem): PlanItem {
  return {
    code: i.code, label: i.label, title: i.title, level: i.level, parent: i.parent, method: i.method, requirement: i.requirement, unit: i.unit,
  };
}
