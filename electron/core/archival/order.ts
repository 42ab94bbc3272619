import { binderTypeRank, type RecordType } from '../../../shared/domain/record.js';

/** What the archival order of 件 reads of a record. */
export interface OrderFields {
  id: number;
  type: RecordType;
  date: string | null;
  activityId: number | null;
  activityDate: string | null;
  /** Tree position of the index item it is filed under. */
  itemPosition: number;
}

/**
 * DA/T 22 order inside a class, as 件号 are given: by index item, then by activity in time (an activity's 件 stay
 * together), then 方案/通知 before 签到 before 照片 before 记录/总结, then by date; undated material last.
 */
export function archivalOrder<T extends OrderFields>(records: readonly T[]): T[] {
  const earliest = new Map<number, string>();
  for (const r of records) {
    if (r.activityId === null || !r.date) continue;
    const known = earliest.get(r.activityId);
    if (!known || r.date < known) earliest.set(r.activityId, r.date);
  }
  const groupDate = (r: T): string | null =>
    r.activityId === null ? r.date : (r.activityDate ?? earliest.get(r.activityId) ?? null);
  const groupKey = (r: T): string => (r.activityId === null ? `r${r.id}` : `a${r.activityId}`);
  return [...records].sort(
    (a, b) =>
      a.itemPosition - b.itemPosition ||
      compareDates(groupDate(a), groupDate(b)) ||
      groupKey(a).localeCompare(groupKey(b)) ||
      binderTypeRank(a.type) - binderTypeRank(b.type) ||
      compareDates(a.date, b.date) ||
      a.id - b.id,
  );
}

function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
