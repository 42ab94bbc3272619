import type { FileKind } from '../../../shared/api/records.js';
import type { RecordType } from '../../../shared/domain/record.js';
import { splitExtension } from '../files/safe-name.js';

/**
 * What a clerk's file and folder names say: "2024-03-05 学雷锋活动签到表.jpg" is a 签到表 of 5 March 2024 titled
 * "学雷锋活动签到表". Pure functions, so folder plans and single adds read names the same way.
 */

const SEP = String.raw`[\s_\-—–.·、，,]*`;
const DATE_PATTERNS: RegExp[] = [
  /(?<!\d)(\d{4})\s*[-_./年]\s*(\d{1,2})\s*[-_./月]\s*(\d{1,2})\s*日?(?!\d)/,
  /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/,
];

/** An ISO date found in a name ("2024-03-05", "20240305", "2024.3.5", "2024年3月5日"), or null. */
export function dateInText(text: string): string | null {
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return iso;
  }
  return null;
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1949 || year > 2200) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** Removes a date wherever it stands, with the separators around it. */
export function withoutDate(text: string): string {
  let out = text;
  for (const pattern of DATE_PATTERNS) out = out.replace(new RegExp(`${SEP}${pattern.source}${SEP}`), ' ');
  return out.trim();
}

/** "01_", "1、", "（一）", "二、" before a title; "3月…" is not a number prefix, so digits need a separator. */
const LEADING_NUMBER = new RegExp(
  String.raw`^(?:\d{1,3}[\s_\-—–.·、，,]+|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.])${SEP}`,
);

/** "2024-03-05 01_学雷锋活动方案.pdf" → "学雷锋活动方案"; the name itself when nothing else is left. */
export function titleFromFileName(fileName: string): string {
  const { stem } = splitExtension(fileName);
  let title = withoutDate(stem);
  title = title.replace(LEADING_NUMBER, '').replace(new RegExp(`^${SEP}`), '').trim();
  return title || stem.trim() || fileName;
}

/** Order matters: "活动方案签到表" is a sign-in sheet, "工作总结报告" a summary. */
const TYPE_KEYWORDS: [RecordType, RegExp][] = [
  ['签到表', /签到|签名表|花名册|参会名单|人员名单/],
  ['荣誉', /荣誉|奖状|证书|表彰|获奖|锦旗/],
  ['制度', /制度|章程|职责|公约|守则|规定|规范|办法|细则/],
  ['台账', /台账|登记簿|登记表|明细表/],
  ['通知', /通知|通告|公告|倡议书|邀请函/],
  ['方案', /方案|计划|安排|预案|策划/],
  ['总结', /总结|小结/],
  ['报告', /报告|汇报|说明|简报/],
  ['记录', /记录|纪实|纪要|简讯/],
  ['照片', /照片|图片|相片|合影/],
];

/** The type a clerk would give this file, from its name and what it is. */
export function inferType(name: string, kind: FileKind | null): RecordType {
  for (const [type, pattern] of TYPE_KEYWORDS) if (pattern.test(name)) return type;
  return kind === 'image' ? '照片' : '其他';
}
