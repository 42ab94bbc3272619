import type { IndexItem, RequirementQuantity } from '../../../shared/api/index.js';
import type { Completeness, IncompleteActivity, ItemStatus } from '../../../shared/api/status.js';
import { acceptedTypes, DEFAULT_ACTIVITY_RULE, REPORT_TYPES, requiredTypeLabel } from '../../../shared/domain/completeness.js';
import { RECORD_TYPES, type RecordType } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import { findItem, listItems } from '../index/editions.js';
import { subtreeItemIds } from '../index/tree.js';
import { COUNTS_AS_MATERIAL } from '../records/repository.js';
import type { Db } from '../store/database.js';
import { all, run, value } from '../store/sql.js';
import { yearHoldings } from '../index/holdings.js';

/** One record of the year as completeness sees it. */
interface FiledRecord {
  id: number;
  type: RecordType;
  activityId: number | null;
  /** Image files of a 照片 record (at least 1: a photo filed as a PDF is still a photo). */
  photos: number;
}

interface Activity {
  id: number;
  name: string;
  types: Set<RecordType>;
}

/** The edition a year uses, or a clear error when the year has none. */
export function editionOfYear(db: Db, year: number): number {
  const edition = value<number>(db, 'SELECT edition_id FROM years WHERE year = ?', year);
  if (edition === undefined) {
    throw new TaizhangError(
      'not_found',
      `${year} 年度还没有设定测评体系版本，请先选择这一年度使用的测评体系 / Year ${year} has no index edition; run "year set ${year}" first`,
    );
  }
  return edition;
}

/** The year's records as completeness sees them, by the index item they count under (the index's own rule). */
function readRecords(db: Db, year: number): { byItem: Map<number, FiledRecord[]>; activities: Map<number, Activity> } {
  const rows = all<FiledRecord>(
    db,
    `SELECT r.id, r.type, r.activity_id AS activityId,
            CASE WHEN r.type = '照片' THEN max(1, (SELECT count(*) FROM record_files f JOIN blobs b ON b.sha256 = f.sha256
                                                 WHERE f.record_id = r.id AND b.kind = 'image')) ELSE 0 END AS photos
     FROM live_records r WHERE r.year = ? AND ${COUNTS_AS_MATERIAL}`,
    year,
  );
  const holdings = yearHoldings(db, year);
  const byItem = new Map<number, FiledRecord[]>();
  for (const record of rows) {
    for (const itemId of holdings.itemsOf(record.id)) {
      const list = byItem.get(itemId);
      if (list) list.push(record);
      else byItem.set(itemId, [record]);
    }
  }

  // An activity is judged on all its records, whichever items each one is filed under.
  const activityRows = all<{ id: number; name: string; type: RecordType | null }>(
    db,
    `SELECT a.id, a.name, r.type FROM activities a LEFT JOIN live_records r ON r.activity_id = a.id AND ${COUNTS_AS_MATERIAL}
     WHERE a.year = ?`,
    year,
  );
  const activities = new Map<number, Activity>();
  for (const row of activityRows) {
    const activity = activities.get(row.id) ?? { id: row.id, name: row.name, types: new Set<RecordType>() };
    if (row.type) activity.types.add(row.type);
    activities.set(row.id, activity);
  }
  return { byItem, activities };
}

interface Tally {
  records: number;
  photos: number;
  activities: number;
  reports: number;
  byType: Record<string, number>;
}

function tally(records: Iterable<FiledRecord>): Tally {
  const seen = new Set<number>();
  const activityIds = new Set<number>();
  const out: Tally = { records: 0, photos: 0, activities: 0, reports: 0, byType: {} };
  for (const r of records) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.records += 1;
    out.photos += r.photos;
    if (REPORT_TYPES.includes(r.type)) out.reports += 1;
    out.byType[r.type] = (out.byType[r.type] ?? 0) + 1;
    if (r.activityId !== null) activityIds.add(r.activityId);
  }
  out.activities = activityIds.size;
  return out;
}

function hasType(byType: Record<string, number>, required: RecordType): boolean {
  return acceptedTypes(required).some((t) => (byType[t] ?? 0) > 0);
}

const QUANTITY_LABELS: Record<Exclude<RequirementQuantity['kind'], 'type'>, string> = {
  photos: '照片',
  activities: '活动',
  reports: '报道',
  records: '材料',
};

function isRecordType(type: string | undefined): type is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(type ?? '');
}

/**
 * What a leaf item still lacks, in the clerk's words: missing types first, then counts short of the requirement. Types
 * are named as the requirement names them ("方案；通知" for "有方案、领导小组文件"), though a stand-in satisfies them.
 */
function shortfalls(item: IndexItem, t: Tally, incomplete: IncompleteActivity[]): string[] {
  // "照片不少于5张" also names 照片 as a type; the count says it better.
  const counted = item.quantities.some((q) => q.kind === 'photos');
  const missingTypes = item.quantities
    .filter((q) => q.kind === 'type' && isRecordType(q.type) && !(counted && q.type === '照片') && !hasType(t.byType, q.type as RecordType))
    .map((q) => q.type as RecordType);
  const counts = item.quantities.flatMap((q) => {
    if (q.kind === 'type') return [];
    const have = t[q.kind];
    return have < q.min ? [`${QUANTITY_LABELS[q.kind]} ${have}/${q.min}`] : [];
  });
  const activities = incomplete.length > 0 ? [`${incomplete.length} 个活动不完整`] : [];
  return [...new Set(missingTypes), ...counts, ...activities];
}

function incompleteActivities(item: IndexItem, records: FiledRecord[], activities: Map<number, Activity>): IncompleteActivity[] {
  const rule = item.activityRule ? item.activityRule.filter(isRecordType) : DEFAULT_ACTIVITY_RULE;
  const ids = [...new Set(records.map((r) => r.activityId).filter((id): id is number => id !== null))];
  return ids.flatMap((id) => {
    const activity = activities.get(id);
    if (!activity) return [];
    const missing = rule.filter((type) => !acceptedTypes(type).some((t) => activity.types.has(t))).map(requiredTypeLabel);
    return missing.length > 0 ? [{ id, name: activity.name, missing }] : [];
  });
}

function judgeLeaf(item: IndexItem, t: Tally, missing: string[]): { status: Completeness; reason: string } {
  if (t.records === 0) {
    return { status: '缺失', reason: missing.length > 0 ? `还缺：${missing.join('；')}` : '尚无材料' };
  }
  if (missing.length > 0) return { status: '部分', reason: `还缺：${missing.join('；')}` };
  return { status: '齐全', reason: item.quantities.length > 0 ? '符合具体要求' : '已有材料' };
}

function judgeParent(children: ItemStatus[]): { status: Completeness; reason: string } {
  const applicable = children.filter((c) => c.status !== '不适用');
  if (applicable.length === 0) return { status: '不适用', reason: '下级项目均不适用' };
  const complete = applicable.filter((c) => c.status === '齐全');
  const partial = applicable.filter((c) => c.status === '部分').map((c) => c.code);
  const absent = applicable.filter((c) => c.status === '缺失').map((c) => c.code);
  const status: Completeness = complete.length === applicable.length ? '齐全' : absent.length === applicable.length ? '缺失' : '部分';
  const parts = [`齐全 ${complete.length}/${applicable.length} 项`];
  if (partial.length > 0) parts.push(`部分：${partial.join('、')}`);
  if (absent.length > 0) parts.push(`缺失：${absent.join('、')}`);
  return { status, reason: parts.join('；') };
}

/**
 * The completeness of every item of a year's index (or of one item's subtree), in tree order. Leaf items
 * (测评标准) are judged against their 具体要求 and the activity rule; parents aggregate their children. Records filed
 * under a parent count for the parent's totals only.
 */
export function computeStatus(db: Db, year: number, itemCode?: string): ItemStatus[] {
  const edition = editionOfYear(db, year);
  const items = listItems(db, edition);
  const root = itemCode !== undefined ? findItem(db, edition, itemCode) : null;
  const notApplicable = new Map(
    all<{ item_id: number; reason: string }>(db, 'SELECT item_id, reason FROM not_applicable WHERE year = ?', year).map((r) => [r.item_id, r.reason]),
  );
  // Self-assessments accepted from a returned checklist, shown beside the computed status.
  const claims = new Map(
    all<{ item_id: number; status: Completeness; note: string }>(db, 'SELECT item_id, status, note FROM checklist_notes WHERE year = ? AND status IS NOT NULL', year).map(
      (r) => [r.item_id, r],
    ),
  );
  const { byItem, activities } = readRecords(db, year);
  const children = new Map<string | null, IndexItem[]>();
  for (const item of items) {
    const siblings = children.get(item.parent);
    if (siblings) siblings.push(item);
    else children.set(item.parent, [item]);
  }

  const results = new Map<string, ItemStatus>();
  /** Judges an item after its children; returns its records and those below, for the parent's totals. */
  const judge = (item: IndexItem, inheritedNa: string | null): FiledRecord[] => {
    const own = byItem.get(item.id) ?? [];
    const marked = notApplicable.get(item.id);
    // Marks made before a reason was required have none.
    const na = marked !== undefined ? marked || '已标记为不适用（未填写原因）' : inheritedNa;
    const kids = children.get(item.code) ?? [];
    const below = kids.flatMap((kid) => judge(kid, na));
    const t = tally([...own, ...below]);
    const leaf = kids.length === 0;
    const incomplete = leaf
      ? incompleteActivities(item, own, activities)
      : dedupe(kids.flatMap((kid) => results.get(kid.code)?.incompleteActivities ?? []));
    const missing = leaf ? shortfalls(item, t, incomplete) : [];
    const verdict = na !== null
      ? { status: '不适用' as const, reason: na }
      : leaf
        ? judgeLeaf(item, t, missing)
        : judgeParent(kids.map((kid) => results.get(kid.code) as ItemStatus));
    results.set(item.code, {
      code: item.code,
      title: item.title,
      level: item.level,
      parent: item.parent,
      leaf,
      status: verdict.status,
      reason: verdict.reason,
      missing: verdict.status === '不适用' ? [] : missing,
      records: t.records,
      activities: t.activities,
      photos: t.photos,
      byType: t.byType,
      incompleteActivities: incomplete,
      selfCheck: (() => {
        const claim = leaf ? claims.get(item.id) : undefined;
        return claim && claim.status !== verdict.status ? { status: claim.status, reason: claim.note } : null;
      })(),
    });
    return [...own, ...below];
  };
  for (const top of children.get(null) ?? []) judge(top, null);

  const wanted = root ? new Set(subtreeItemIds(db, root.id)) : null;
  return items.filter((i) => !wanted || wanted.has(i.id)).map((i) => results.get(i.code) as ItemStatus);
}

/** One entry per activity, for a parent whose children share activities. */
function dedupe(list: IncompleteActivity[]): IncompleteActivity[] {
  return [...new Map(list.map((a) => [a.id, a])).values()];
}

/** Marks an item 不适用 for a year with the reason the 自查表 prints, or clears the mark. */
export function setNotApplicable(db: Db, year: number, code: string, notApplicable: boolean, reason: string): { code: string; notApplicable: boolean } {
  const item = findItem(db, editionOfYear(db, year), code);
  if (notApplicable) {
    run(
      db,
      'INSERT INTO not_applicable(year, item_id, reason) VALUES (?, ?, ?) ON CONFLICT(year, item_id) DO UPDATE SET reason = excluded.reason',
      year,
      item.id,
      reason.trim(),
    );
  } else {
    run(db, 'DELETE FROM not_applicable WHERE year = ? AND item_id = ?', year, item.id);
  }
  return { code: item.code, notApplicable };
}
