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
  /** The counts of one row in one text column ("方案1 签到表1 照片3张 活动1次"): nine count columns printed below 8 pt. */
  materials: '已有材料',
  status: '完成情况',
  reason: '缺项说明',
  location: '所在卷/页号',
  note: '备注',
  /** Left blank for the inspection group, beside the clerk's self-check. */
  opinion: '检查组意见',
  grade: '评定',
  /** Hidden: the item code the re-import matches rows by. */
  code: '编码',
  /** Hidden: the top-level item's code, so the 汇总 counts per 测评项目 with COUNTIFS. */
  top: '测评项目编码',
  /** Hidden: the editable values as exported and a fingerprint of every generated cell, for the three-way compare. */
  baseline: '导出时的值',
} as const;

/** Columns written for the inspection group: never read back, reported when filled in a file given back to Taizhang. */
export const AUDITOR_HEADERS: readonly string[] = [HEADER.opinion, HEADER.grade];

/**
 * A sheet whose edits come back: rows are matched by a hidden key column, the editable columns are compared three ways
 * (export, archive, file) through the hidden baseline, and every other headed column is locked and fingerprinted.
 */
export interface TrackedSheet {
  sheet: string;
  /** Header of the hidden key column. */
  key: string;
  /** Headers of the editable columns, in baseline order. */
  fields: readonly string[];
  /** Rows of the header (the last one names the columns). */
  headerRows: readonly number[];
}

export const LEDGER_HEADER = {
  id: '问题编号',
  state: '状态',
  closedOn: '完成日期',
  progress: '整改情况',
  evidence: '佐证材料',
} as const;

export const MATERIALS_HEADER = { id: '记录号', note: '备注' } as const;

export const TRACKED = {
  selfCheck: { sheet: SELF_CHECK_SHEET, key: HEADER.code, fields: [HEADER.status, HEADER.responsible, HEADER.note], headerRows: [3, 4] },
  materials: { sheet: MATERIALS_SHEET, key: MATERIALS_HEADER.id, fields: [MATERIALS_HEADER.note], headerRows: [3] },
  ledger: {
    sheet: LEDGER_SHEET,
    key: LEDGER_HEADER.id,
    fields: [LEDGER_HEADER.state, LEDGER_HEADER.closedOn, LEDGER_HEADER.progress, LEDGER_HEADER.evidence],
    headerRows: [3],
  },
} as const satisfies Record<string, TrackedSheet>;

/** Headers never fingerprinted: the hidden marks themselves and the inspection group's columns. */
export function untracked(sheet: TrackedSheet): Set<string> {
  return new Set([sheet.key, HEADER.baseline, HEADER.top, ...sheet.fields, ...AUDITOR_HEADERS]);
}

/** The first header row of the 自查表 (rows above it hold the title). */
export const SELF_CHECK_HEADER_ROW = 3;
/** Its header takes two rows: groups above, columns below. */
export const SELF_CHECK_FIRST_DATA_ROW = 5;

/** Level column headers: the edition's own names (测评项目, 测评内容, 测评标准), or 第N级 when it has none. */
export function levelHeader(levelNames: readonly string[], level: number): string {
  return levelNames[level - 1]?.trim() || `第${level}级`;
}

/** Text compared across export and re-import: whitespace and line breaks an editor adds do not count. */
export function sameText(a: string, b: string): boolean {
  return normText(a) === normText(b);
}

/** Text as compared across export and re-import (see sameText). */
export function normText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

const FINGERPRINT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Four characters that change when a generated cell is edited (one in 16 million edits goes unseen): 24 bits of
 * FNV-1a over the text as compared. Not a secret, only a guard against slips, and cheap enough for 100,000 cells.
 */
export function cellFingerprint(text: string): string {
  const s = normText(text);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  const n = (h >>> 8) & 0xffffff;
  return FINGERPRINT_ALPHABET[(n >> 18) & 63]! + FINGERPRINT_ALPHABET[(n >> 12) & 63]! + FINGERPRINT_ALPHABET[(n >> 6) & 63]! + FINGERPRINT_ALPHABET[n & 63]!;
}

/** A row's marks: the editable values at export, then the fingerprints of its locked cells in the sheet's locked order. */
export interface Baseline {
  values: string[];
  fingerprints: string;
}

export function encodeBaseline(b: Baseline): string {
  return JSON.stringify([...b.values, b.fingerprints]);
}

export function decodeBaseline(text: string, fields: number): Baseline | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (Array.isArray(v) && v.length === fields + 1 && v.every((x) => typeof x === 'string')) {
      const all = v as string[];
      return { values: all.slice(0, fields), fingerprints: all[fields] as string };
    }
  } catch {
    // An edited or damaged mark is treated as absent.
  }
  return null;
}
