import type { BinderOptions, BinderWarning } from '../../../shared/api/binder.js';
import type { IndexItem } from '../../../shared/api/index.js';
import type { FileKind } from '../../../shared/api/records.js';
import { binderTypeRank, displayTitle, RETENTION_PERIODS, type Caption, type RetentionPeriod } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import { safeFileName } from '../files/safe-name.js';
import { listItems, resolveEdition } from '../index/editions.js';
import type { RecordTableRow } from '../records/repository.js';
import { getUnit } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import type { BinderPlan, ItemStatusNote, PlanFile, PlanItem, PlanPiece, PlanSection, PlanVolume } from './plan.js';

/** A record of the year with its activity's name, date and caption. */
type RecordRow = RecordTableRow & { activity_name: string | null; activity_date: string | null; activity_caption: string | null };

interface FileRow {
  record_id: number;
  name: string;
  sha256: string;
  kind: FileKind;
  ext: string;
  exif_date: string | null;
  binder_note: string | null;
}

/** A record as the planner sees it: fields, files, and the items of the year's edition it is filed under. */
interface Candidate {
  row: RecordRow;
  caption: Caption;
  files: PlanFile[];
  /** Item ids in tree order. */
  items: number[];
  /** Date of its activity (or its own), for keeping an activity's 件 together in time order. */
  groupDate: string | null;
  groupKey: string;
}

/** Archival code letters of the 保管期限 (DA/T 22). */
const RETENTION_CODE: Record<RetentionPeriod, string> = { 永久: 'Y', 定期30年: 'D30', 定期10年: 'D10' };

export type StatusLookup = (code: string) => ItemStatusNote | null;

/**
 * Reads the archive into a binder plan: the volumes, their sections per index item and their 件 in archival order.
 * Pages are not known yet (the prober and the numbering add them).
 */
export function planBinder(db: Db, options: BinderOptions, statusOf: StatusLookup, created = new Date()): BinderPlan {
  const { year } = options;
  const editionId = resolveEdition(db, { year });
  const editionName = (db.prepare('SELECT name FROM editions WHERE id = ?').pluck().get(editionId) as string | undefined) ?? '';
  const items = listItems(db, editionId);
  const tree = new ItemTree(items);
  const unit = getUnit(db);
  const warnings: BinderWarning[] = [];
  // Records outside the index are news for a whole-year export, not for one item's volume.
  const candidates = readCandidates(db, year, tree, options.item === undefined ? warnings : []);
  if (candidates.length === 0) {
    throw new TaizhangError('not_found', `${year} 年度还没有可编入案卷的材料，请先添加材料 / No materials filed for ${year} yet`);
  }

  const topLevel = items.filter((i) => i.parent === null);
  const withMaterials = topLevel.filter((top) => candidates.some((c) => c.items.some((id) => tree.within(id, top.id))));
  const boxNumber = (top: IndexItem): number => withMaterials.indexOf(top) + 1;

  let scopes: { root: IndexItem | null; number: number }[];
  if (options.item !== undefined) {
    const root = items.find((i) => i.code === options.item);
    if (!root) {
      throw new TaizhangError('not_found', `${year} 年度所用的测评体系中没有编码为「${options.item}」的项目 / No index item ${options.item}`);
    }
    const top = tree.topOf(root.id);
    scopes = [{ root, number: Math.max(1, boxNumber(top)) }];
  } else if (options.single) {
    scopes = [{ root: null, number: 1 }];
  } else {
    scopes = withMaterials.map((top) => ({ root: top, number: boxNumber(top) }));
    for (const top of topLevel) {
      if (!withMaterials.includes(top)) {
        warnings.push({
          recordId: null, file: null,
          message: `测评项目「${top.code} ${top.title}」${year} 年度没有材料，未生成案卷 / No materials under item ${top.code}; no volume made`,
        });
      }
    }
  }

  const volumes = scopes
    .map((scope) => buildVolume(scope.root, scope.number, candidates, tree, statusOf, { year, unit: unit.name, fonds: unit.fonds }))
    .filter((v): v is PlanVolume => v !== null);
  if (volumes.length === 0) {
    const root = scopes[0]?.root;
    throw new TaizhangError(
      'not_found',
      `测评项目「${root ? `${root.code} ${root.title}` : ''}」${year} 年度没有材料，无法生成案卷 / No materials under this item for ${year}`,
    );
  }
  return {
    options: { year, photosPerPage: options.photosPerPage, fitA4: options.fitA4, duplex: options.duplex, spine: options.spine },
    unit, editionName, volumes, warnings, created,
  };
}

class ItemTree {
  readonly byId = new Map<number, IndexItem>();
  readonly byCode = new Map<string, IndexItem>();
  readonly position = new Map<number, number>();
  private readonly children = new Map<number | null, IndexItem[]>();

  constructor(readonly items: IndexItem[]) {
    items.forEach((item, i) => {
      this.byId.set(item.id, item);
      this.byCode.set(item.code, item);
      this.position.set(item.id, i);
    });
    for (const item of items) {
      const parentId = item.parent === null ? null : (this.byCode.get(item.parent)?.id ?? null);
      const list = this.children.get(parentId) ?? [];
      list.push(item);
      this.children.set(parentId, list);
    }
  }

  parentOf(id: number): IndexItem | null {
    const code = this.byId.get(id)?.parent;
    return code == null ? null : (this.byCode.get(code) ?? null);
  }

  /** True when `id` is `rootId` or below it. */
  within(id: number, rootId: number): boolean {
    for (let cur: IndexItem | null = this.byId.get(id) ?? null; cur; cur = this.parentOf(cur.id)) if (cur.id === rootId) return true;
    return false;
  }

  topOf(id: number): IndexItem {
    let cur = this.byId.get(id)!;
    for (let p = this.parentOf(cur.id); p; p = this.parentOf(p.id)) cur = p;
    return cur;
  }

  isLeaf(id: number): boolean {
    return (this.children.get(id) ?? []).length === 0;
  }

  /** Ancestors of `id` from `rootId` (inclusive; the top level when null) down to its parent. */
  ancestors(id: number, rootId: number | null): IndexItem[] {
    const chain: IndexItem[] = [];
    if (id === rootId) return chain;
    for (let p = this.parentOf(id); p; p = this.parentOf(p.id)) {
      chain.unshift(p);
      if (p.id === rootId) break;
    }
    return chain;
  }
}

function readCandidates(db: Db, year: number, tree: ItemTree, warnings: BinderWarning[]): Candidate[] {
  const rows = db
    .prepare(
      `SELECT r.*, a.name AS activity_name, a.date AS activity_date, a.caption AS activity_caption
       FROM records r LEFT JOIN activities a ON a.id = r.activity_id
       WHERE r.year = ? AND r.deleted_at IS NULL`,
    )
    .all(year) as RecordRow[];
  const links = db
    .prepare(
      `SELECT ri.record_id, ri.item_id FROM record_items ri JOIN records r ON r.id = ri.record_id
       WHERE r.year = ? AND r.deleted_at IS NULL`,
    )
    .all(year) as { record_id: number; item_id: number }[];
  const files = db
    .prepare(
      `SELECT rf.record_id, rf.name, rf.sha256, b.kind, b.ext, b.exif_date, b.binder_note
       FROM record_files rf JOIN blobs b ON b.sha256 = rf.sha256 JOIN records r ON r.id = rf.record_id
       WHERE r.year = ? AND r.deleted_at IS NULL ORDER BY rf.record_id, rf.position, rf.id`,
    )
    .all(year) as FileRow[];
  // A link to an item of another edition counts for the items mapped to it in this year's edition.
  const mapped = db.prepare(
    `SELECT to_item AS id FROM item_map WHERE from_item = ? UNION SELECT from_item AS id FROM item_map WHERE to_item = ?`,
  );

  const itemsOf = new Map<number, Set<number>>();
  for (const link of links) {
    const ids = tree.byId.has(link.item_id)
      ? [link.item_id]
      : (mapped.all(link.item_id, link.item_id) as { id: number }[]).map((r) => r.id).filter((id) => tree.byId.has(id));
    const set = itemsOf.get(link.record_id) ?? new Set<number>();
    ids.forEach((id) => set.add(id));
    itemsOf.set(link.record_id, set);
  }
  const filesOf = new Map<number, PlanFile[]>();
  for (const f of files) {
    const list = filesOf.get(f.record_id) ?? [];
    list.push({ name: f.name, sha256: f.sha256, kind: f.kind, ext: f.ext, exifDate: f.exif_date, binderNote: f.binder_note });
    filesOf.set(f.record_id, list);
  }

  const activityDates = new Map<number, string | null>();
  for (const r of rows) {
    if (r.activity_id === null) continue;
    const own = r.activity_date ?? r.date;
    const known = activityDates.get(r.activity_id);
    if (own && (!known || own < known)) activityDates.set(r.activity_id, own);
    else if (!activityDates.has(r.activity_id)) activityDates.set(r.activity_id, null);
  }

  const out: Candidate[] = [];
  for (const row of rows) {
    const ids = [...(itemsOf.get(row.id) ?? [])].sort((a, b) => tree.position.get(a)! - tree.position.get(b)!);
    if (ids.length === 0) {
      warnings.push({
        recordId: row.id, file: null,
        message: `「${row.title}」没有归入 ${year} 年度测评体系的任何项目，未编入案卷 / Not filed under any index item; left out`,
      });
      continue;
    }
    const caption = { ...parseCaption(row.activity_caption), ...parseCaption(row.caption) };
    out.push({
      row, caption, files: filesOf.get(row.id) ?? [], items: ids,
      groupDate: row.activity_id !== null ? (row.activity_date ?? activityDates.get(row.activity_id) ?? null) : row.date,
      groupKey: row.activity_id !== null ? `a${row.activity_id}` : `r${row.id}`,
    });
  }
  return out;
}

function parseCaption(json: string | null): Caption {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Caption;
  } catch {
    return {};
  }
}

/** Archival order inside an item: by activity (in time), then 方案/通知, 签到, 照片, 记录/总结, then by date. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    compareDates(a.groupDate, b.groupDate) ||
    a.groupKey.localeCompare(b.groupKey) ||
    binderTypeRank(a.row.type) - binderTypeRank(b.row.type) ||
    compareDates(a.row.date, b.row.date) ||
    a.row.id - b.row.id
  );
}

/** Undated material goes last. */
function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

interface VolumeContext {
  year: number;
  unit: string;
  fonds: string;
}

function buildVolume(
  root: IndexItem | null,
  number: number,
  candidates: Candidate[],
  tree: ItemTree,
  statusOf: StatusLookup,
  ctx: VolumeContext,
): PlanVolume | null {
  const inScope = (id: number): boolean => root === null || tree.within(id, root.id);
  const byItem = new Map<number, Candidate[]>();
  const alsoUnder = new Map<Candidate, number[]>();
  for (const c of candidates) {
    const here = c.items.filter(inScope);
    if (here.length === 0) continue;
    const [first, ...rest] = here;
    byItem.set(first!, [...(byItem.get(first!) ?? []), c]);
    alsoUnder.set(c, rest);
  }
  if (byItem.size === 0) return null;

  const scopeItems = tree.items.filter((i) => inScope(i.id));
  const piecesOf = new Map<number, PlanPiece[]>();
  const pieceOf = new Map<Candidate, PlanPiece>();
  let next = 1;
  for (const item of scopeItems) {
    const list = byItem.get(item.id);
    if (!list) continue;
    piecesOf.set(
      item.id,
      [...list].sort(compareCandidates).map((c): PlanPiece => {
        const piece = toPiece(c, next++, item.code, (alsoUnder.get(c) ?? []).map((id) => tree.byId.get(id)!.code));
        pieceOf.set(c, piece);
        return piece;
      }),
    );
  }
  // A 件 filed under its first item is pointed to from the divider of every other item it belongs to.
  const referencesOf = new Map<number, PlanSection['references']>();
  for (const [c, others] of alsoUnder) {
    const piece = pieceOf.get(c)!;
    for (const id of others) referencesOf.set(id, [...(referencesOf.get(id) ?? []), { piece: piece.piece, title: piece.title, item: piece.item }]);
  }
  const sections: PlanSection[] = scopeItems
    .filter((item) => piecesOf.has(item.id) || referencesOf.has(item.id))
    .map((item) => ({
      item: toPlanItem(item),
      ancestors: tree.ancestors(item.id, root?.id ?? null).map(toPlanItem),
      status: statusOf(item.code),
      pieces: piecesOf.get(item.id) ?? [],
      references: (referencesOf.get(item.id) ?? []).sort((a, b) => a.piece - b.piece),
    }));

  const pieces = sections.flatMap((s) => s.pieces);
  const emptyItems = scopeItems.filter((i) => tree.isLeaf(i.id) && !piecesOf.has(i.id) && !referencesOf.has(i.id)).map(toPlanItem);
  const retentionCounts: Partial<Record<RetentionPeriod, number>> = {};
  for (const p of pieces) retentionCounts[p.retention] = (retentionCounts[p.retention] ?? 0) + 1;
  const retention = RETENTION_PERIODS.find((r) => retentionCounts[r]) ?? '定期10年';
  const dates = pieces.map((p) => p.date).filter((d): d is string => d !== null).sort();
  const archivalCode = [ctx.fonds, String(ctx.year), RETENTION_CODE[retention], root?.code].filter(Boolean).join('-');
  const title = root
    ? `${ctx.unit}${ctx.year}年度“${root.title}”创建材料`
    : `${ctx.unit}${ctx.year}年度创建文明城市软件资料`;
  const stem = root ? `${ctx.year}年度-第${number}卷-${root.code}-${root.title}` : `${ctx.year}年度-全年案卷`;
  return {
    number, fileName: safeFileName(`${stem}.pdf`).name, item: root ? toPlanItem(root) : null, title, archivalCode,
    retention, retentionCounts, startDate: dates[0] ?? null, endDate: dates[dates.length - 1] ?? null,
    withOverview: root === null, sections, emptyItems, numberedPages: 0,
  };
}

function toPiece(c: Candidate, piece: number, item: string, alsoUnder: string[]): PlanPiece {
  const r = c.row;
  return {
    piece, recordId: r.id, item, title: displayTitle(r.title, r.title_supplied === 1), docNo: r.doc_no, author: r.author, date: r.date,
    type: r.type, retention: r.retention, note: r.note, caption: c.caption, activity: r.activity_name, files: c.files, alsoUnder,
    blocks: [], pages: 0, firstPageNo: 0,
  };
}

function toPlanItem(i: IndexItem): PlanItem {
  return {
    code: i.code, label: i.label, title: i.title, level: i.level, parent: i.parent, method: i.method, requirement: i.requirement, unit: i.unit,
  };
}
