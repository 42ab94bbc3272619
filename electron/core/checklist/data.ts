import { archiveId } from '../archive/identity.js';
import type { UnitSettings } from '../../../shared/api/archive.js';
import type { IndexItem } from '../../../shared/api/index.js';
import type { Rectification } from '../../../shared/api/ledger.js';
import type { Completeness, ItemStatus } from '../../../shared/api/status.js';
import { displayTitle, type RecordType } from '../../../shared/domain/record.js';
import { listItems, resolveEdition } from '../index/editions.js';
import { localIsoDate } from '../../../shared/text/dates.js';
import { listRectifications } from '../ledger/ledger.js';
import { getUnit } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import { yearHoldings } from '../index/holdings.js';
import { describeLocations, locateRecords, type BinderReportData, type RecordLocation } from './locations.js';
import { editionInfo, readNotes, yearRecordRows, type ChecklistNote, type EditionHeading, type RecordRow } from './repository.js';

/** One 测评标准 row of the 自查表, with everything printed about it. */
export interface LeafRow {
  item: IndexItem;
  /** From the top-level item down to the parent. */
  ancestors: IndexItem[];
  /** What the archive computes. */
  computed: Completeness;
  /** What the checklist shows: an accepted auditor's edit wins over the computed status. */
  status: Completeness;
  reason: string;
  responsible: string;
  note: string;
  byType: Record<string, number>;
  photos: number;
  activities: number;
  location: string;
  /** What the row still lacks ("签到表", "照片 3/5"), for the 材料索引's 还缺 row. */
  missing: string[];
  /** The 件 counted under the item, in 材料索引 order. */
  recordIds: number[];
}

/** One 件 of the 材料索引. */
export interface MaterialRow {
  id: number;
  reference: string;
  title: string;
  docNo: string;
  author: string;
  date: string | null;
  pages: number | null;
  type: RecordType;
  items: string;
  location: string;
  /** The stored 卷号 (given at 归档); null before. */
  volumeNo: number | null;
  /** Page numbers in its volume from the binder report ("1–3"); empty when not bound. */
  pageNos: string;
  note: string;
}

export interface ChecklistData {
  year: number;
  unit: UnitSettings;
  /** The archive's id: a returned checklist is applied only to the archive it came from. */
  archiveId: string;
  edition: EditionHeading;
  /** Depth of the deepest item: the number of level columns. */
  levels: number;
  /** Every item in tree order (the 汇总 groups by the top level). */
  items: IndexItem[];
  leaves: LeafRow[];
  materials: MaterialRow[];
  totals: { records: number; byType: Record<string, number>; activities: number; photos: number };
  ledger: Rectification[];
  exportedOn: string;
}

export interface GatherOptions {
  statuses: readonly ItemStatus[];
  report: BinderReportData | null;
  today?: string;
}

/** Reads everything the workbook prints in a fixed number of queries, whatever the size of the year. */
export function gatherChecklistData(db: Db, year: number, options: GatherOptions): ChecklistData {
  const today = options.today ?? localIsoDate();
  const editionId = resolveEdition(db, { year });
  const edition = editionInfo(db, editionId);
  const items = listItems(db, editionId);
  const unit = getUnit(db);
  const notes = readNotes(db, year);
  const statusByCode = new Map(options.statuses.map((s) => [s.code, s]));
  const locations = options.report ? locateRecords(options.report) : new Map<number, RecordLocation[]>();

  const records = yearRecordRows(db, year);
  // Which records count under which item: the index's own rule, as in completeness and the binder.
  const holdings = yearHoldings(db, year);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const itemsOfRecord = (id: number): string =>
    holdings
      .itemsOf(id)
      .map((itemId) => itemById.get(itemId))
      .filter((i): i is IndexItem => i !== undefined)
      .map((i) => `${i.code} ${i.title}`)
      .join('\n');

  const byId = new Map(items.map((i) => [i.code, i]));
  const hasChildren = new Set(items.map((i) => i.parent).filter((p): p is string => p !== null));
  const ancestorsOf = (item: IndexItem): IndexItem[] => {
    const chain: IndexItem[] = [];
    for (let p = item.parent; p !== null; ) {
      const parent = byId.get(p);
      if (!parent) break;
      chain.unshift(parent);
      p = parent.parent;
    }
    return chain;
  };

  const leaves = items
    .filter((i) => !hasChildren.has(i.code))
    .map((item): LeafRow => {
      const s = statusByCode.get(item.code);
      const note: ChecklistNote | undefined = notes.get(item.id);
      const computed = s?.status ?? '缺失';
      const itemLocations = holdings.recordsAt(item.id).flatMap((r) => locations.get(r) ?? []);
      return {
        item,
        ancestors: ancestorsOf(item),
        computed,
        status: note?.status ?? computed,
        reason: s?.reason ?? '',
        responsible: note?.responsible ?? item.unit,
        note: note?.note ?? '',
        byType: s?.byType ?? {},
        photos: s?.photos ?? 0,
        activities: s?.activities ?? 0,
        location: describeLocations(itemLocations),
        missing: s?.missing ?? [],
        recordIds: [...holdings.recordsAt(item.id)],
      };
    });

  const byType: Record<string, number> = {};
  const activityIds = new Set<number>();
  let photos = 0;
  const materials = records.map((r): MaterialRow => {
    byType[r.type] = (byType[r.type] ?? 0) + 1;
    if (r.activity_id !== null) activityIds.add(r.activity_id);
    // Counted as completeness counts them: a photo filed as a PDF is still one photo.
    if (r.type === '照片') photos += Math.max(1, r.images);
    const where = locations.get(r.id) ?? [];
    const first = where[0];
    return {
      id: r.id,
      reference: r.archival_code ?? '',
      title: displayTitle(r.title, r.title_supplied === 1),
      docNo: r.doc_no,
      author: r.author,
      date: r.date,
      pages: first ? first.pages : r.unknown_pages > 0 ? null : r.pages,
      type: r.type,
      items: itemsOfRecord(r.id),
      location: describeLocations(where),
      volumeNo: r.volume_no,
      pageNos: pageNumbers(where),
      note: r.note,
    };
  });
  const identity = new Map(records.map((r) => [r.id, r]));
  materials.sort(
    (a, b) => compareByLocation(locations.get(a.id)?.[0], locations.get(b.id)?.[0]) || compareByIdentity(identity.get(a.id)!, identity.get(b.id)!),
  );
  const order = new Map(materials.map((m, i) => [m.id, i]));
  for (const leaf of leaves) {
    leaf.recordIds = leaf.recordIds.filter((id) => order.has(id)).sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
  }

  return {
    year,
    unit,
    edition,
    levels: Math.max(1, ...items.map((i) => i.level)),
    items,
    leaves,
    materials,
    totals: { records: records.length, byType, activities: activityIds.size, photos },
    ledger: listRectifications(db, { year }, today),
    exportedOn: today,
    archiveId: archiveId(db),
  };
}

/** "1–3" (or "草稿 1–3" for a draft print): the pages of a 件 in the volume it is bound in. */
function pageNumbers(where: readonly RecordLocation[]): string {
  return where
    .filter((l) => l.pages > 0)
    .map((l) => `${l.draft ? '草稿 ' : ''}${l.pages === 1 ? l.firstPageNo : `${l.firstPageNo}–${l.firstPageNo + l.pages - 1}`}`)
    .join('；');
}

/** Bound 件 in binder order (volume, then place); the unbound after them. */
function compareByLocation(a: RecordLocation | undefined, b: RecordLocation | undefined): number {
  if (a && b) return Number(a.draft) - Number(b.draft) || a.volume - b.volume || a.seq - b.seq;
  if (a) return -1;
  if (b) return 1;
  return 0;
}

/** Archived 件 in 档号 order (卷号, then 件号); the rest after them, by date as read. */
function compareByIdentity(a: RecordRow, b: RecordRow): number {
  if (a.volume_no !== null && b.volume_no !== null) return a.volume_no - b.volume_no || a.piece! - b.piece!;
  if (a.volume_no !== null) return -1;
  if (b.volume_no !== null) return 1;
  return 0;
}
