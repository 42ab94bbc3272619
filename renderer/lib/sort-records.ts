import type { RecordSummary } from '../../shared/api/records.js';
import { RECORD_TYPES } from '../../shared/domain/record.js';
import { compareNames } from '../../shared/text/name-order.js';

export type SortKey = 'title' | 'type' | 'date' | 'pages' | 'activity' | 'status';
export interface SortState {
  key: SortKey;
  ascending: boolean;
}

export type RecordState = '待归类' | '已归入' | '已归档';

/**
 * A record's place on the way into the archive: 待归类 (linked to no item, out of every binder), 已归入 (filed under
 * an item, printed as a 草稿 until 归档), 已归档 (numbered: its 件号 and 档号 are kept for good).
 */
export function recordState(r: RecordSummary): RecordState {
  if (r.archivalCode) return '已归档';
  return r.items.length > 0 ? '已归入' : '待归类';
}

const STATE_ORDER: readonly RecordState[] = ['待归类', '已归入', '已归档'];

function compare(a: RecordSummary, b: RecordSummary, key: SortKey): number {
  switch (key) {
    case 'title':
      return compareNames(a.title, b.title);
    case 'type':
      return RECORD_TYPES.indexOf(a.type) - RECORD_TYPES.indexOf(b.type);
    case 'date':
      // Undated records go last whichever way the column is sorted ascending.
      return (a.date ?? '9999') < (b.date ?? '9999') ? -1 : (a.date ?? '9999') > (b.date ?? '9999') ? 1 : 0;
    case 'pages':
      return a.pages - b.pages;
    case 'activity':
      return compareNames(a.activity ?? '', b.activity ?? '');
    case 'status':
      return STATE_ORDER.indexOf(recordState(a)) - STATE_ORDER.indexOf(recordState(b)) || compareNames(a.archivalCode ?? '', b.archivalCode ?? '');
  }
}

export function sortRecords(records: readonly RecordSummary[], sort: SortState): RecordSummary[] {
  const sign = sort.ascending ? 1 : -1;
  return [...records].sort((a, b) => sign * compare(a, b, sort.key) || a.id - b.id);
}

export interface RecordFilter {
  text: string;
  type: string;
  unfiledOnly: boolean;
}

/** Text matches title, 文号, 责任者, activity or date; the type filter is exact. */
export function filterRecords(records: readonly RecordSummary[], filter: RecordFilter): RecordSummary[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return records.filter((r) => {
    if (filter.type && r.type !== filter.type) return false;
    if (filter.unfiledOnly && r.items.length > 0) return false;
    const hay = `${r.title} ${r.docNo} ${r.author} ${r.activity ?? ''} ${r.date ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The next sort when a column header is clicked: same column flips, a new column starts ascending. */
export function nextSort(current: SortState, key: SortKey): SortState {
  return current.key === key ? { key, ascending: !current.ascending } : { key, ascending: true };
}
