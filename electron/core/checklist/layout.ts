import type { IndexItem } from '../../../shared/api/index.js';

/**
 * The vocabulary the 自查表 writer and the re-import share: header texts, the hidden marks and how an item is printed.
 * The reader finds columns by these header texts, so an auditor may reorder or insert columns without breaking it.
 */

export const SELF_CHECK_SHEET = '自查表';
export const SUMMARY_SHEET = '汇总';
export const MATERIALS_SHEET = '材料索引';
export const LEDGER_SHEET = '整改台账';
/** A very hidden sheet naming the file's kind, year and edition. */
export const META_SHEET = '_taizhang';
export const META_KIND = 'taizhang-checklist';

export const HEADER = {
  seq: '序号',
  method: '测评方法',
  requirement: '具体要求',
  responsible: '责任单位/责任人',
  materials: '材料数量',
  activities: '活动(次)',
  photos: '照片(张)',
  status: '完成情况',
  reason: '缺项说明',
  location: '所在卷/页号',
  note: '备注',
  /** Hidden: the item code the re-import matches rows by. */
  code: '编码',
  /** Hidden: the editable values as exported, so a re-import sees what the auditor changed, not what the archive did. */
  baseline: '导出时的值',
} as const;

/** The first header row of the 自查表 (rows above it hold the title). */
export const SELF_CHECK_HEADER_ROW = 3;
/** Its header takes two rows: groups above, columns below. */
export const SELF_CHECK_FIRST_DATA_ROW = 5;

/** Level column headers: the edition's own names (测评项目, 测评内容, 测评标准), or 第N级 when it has none. */
export function levelHeader(levelNames: readonly string[], level: number): string {
  return levelNames[level - 1]?.trim() || `第${level}级`;
}

/** "一、思想道德建设", "1. 实践站建设": the numbering as the city printed it, then the title. */
export function itemText(item: Pick<IndexItem, 'label' | 'title'>): string {
  const label = item.label.trim();
  if (label === '') return item.title;
  return /[\p{Script=Latin}\p{Nd}.)]$/u.test(label) ? `${label} ${item.title}` : `${label}${item.title}`;
}

/** Text compared across export and re-import: whitespace and line breaks an editor adds do not count. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');
  return norm(a) === norm(b);
}

export interface Baseline {
  status: string;
  responsible: string;
  note: string;
}

export function encodeBaseline(b: Baseline): string {
  return JSON.stringify([b.status, b.responsible, b.note]);
}

export function decodeBaseline(text: string): Baseline | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'string')) {
      const [status, responsible, note] = v as [string, string, string];
      return { status, responsible, note };
    }
  } catch {
    // An edited or damaged mark is treated as absent.
  }
  return null;
}
