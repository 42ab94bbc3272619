/** 件 (archival piece) vocabulary shared by every layer. */

export const RECORD_TYPES = ['方案', '通知', '签到表', '照片', '记录', '总结', '报告', '制度', '台账', '荣誉', '其他'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** 保管期限 per DA/T 22-2015. */
export const RETENTION_PERIODS = ['永久', '定期30年', '定期10年'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/** 密级: none (''), 秘密 or 机密; printed in the 归档文件目录. */
export const SECRECY_LEVELS = ['', '秘密', '机密'] as const;
export type Secrecy = (typeof SECRECY_LEVELS)[number];
export const DEFAULT_RETENTION: RetentionPeriod = '定期10年';

/** Records of these types stay valid across years and follow a year carry-over (制度, long-term 台账). */
export const STANDING_TYPES: readonly RecordType[] = ['制度', '台账'];

/**
 * Order of 件 inside one activity in a binder: the plan or notice first, then the sign-in sheet,
 * then photos, then the minutes and summaries ("有方案、有签到、有照片、有总结").
 */
const BINDER_TYPE_RANK: Record<RecordType, number> = {
  通知: 0, 方案: 1, 签到表: 2, 照片: 3, 记录: 4, 总结: 5, 报告: 6, 制度: 7, 台账: 8, 荣誉: 9, 其他: 10,
};
export function binderTypeRank(type: RecordType): number {
  return BINDER_TYPE_RANK[type];
}

/** The six elements of a photo 说明 (GB/T 11821, DA/T 50). */
export const CAPTION_FIELDS = ['subject', 'time', 'place', 'people', 'background', 'photographer'] as const;
export type CaptionField = (typeof CAPTION_FIELDS)[number];
export type Caption = Partial<Record<CaptionField, string>>;
export const CAPTION_LABELS: Record<CaptionField, string> = {
  subject: '事由', time: '时间', place: '地点', people: '人物', background: '背景', photographer: '摄影者',
};

/** The caption printed under a photo: its own values over its activity's 总说明 (GB/T 11821: a group's 说明 covers its photos). */
export function effectiveCaption(own: Caption, group: Caption): Caption {
  const out: Caption = {};
  for (const field of CAPTION_FIELDS) {
    const value = own[field]?.trim() || group[field]?.trim();
    if (value) out[field] = value;
  }
  return out;
}

/** The 总说明 values a photo shows as inherited: those it has no value of its own for. */
export function inheritedCaption(own: Caption, group: Caption): Caption {
  const out: Caption = {};
  for (const field of CAPTION_FIELDS) {
    const value = group[field]?.trim();
    if (value && !own[field]?.trim()) out[field] = value;
  }
  return out;
}

/** A title the archivist wrote (not the document's own) is shown in square brackets (DA/T 22). */
export function displayTitle(title: string, titleSupplied: boolean): string {
  return titleSupplied ? `[${title}]` : title;
}

/** 8-digit archival date, e.g. 2024-03-05 → 20240305. */
export function archivalDate(isoDate: string | null | undefined): string {
  return isoDate ? isoDate.replaceAll('-', '') : '';
}
