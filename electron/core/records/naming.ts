import { RENAME_TOKENS, type FileKind, type RENAME_FIELDS } from '../../../shared/api/records.js';
import type { Caption, RecordType } from '../../../shared/domain/record.js';
import { TaizhangError, type Message } from '../../../shared/errors.js';
import { formatDate } from '../../../shared/text/dates.js';
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

/**
 * The year a record is filed in. A record going to 待归类 (no item chosen) whose own date lies in another year than
 * the one asked for (the year on screen, a default) goes to its own year: years do not mix in one box. A record the
 * clerk filed under an item stays in the asked year, with a warning.
 */
export function filingYear(asked: number, date: string | null, inbox: boolean): number {
  return inbox && date ? Number(date.slice(0, 4)) : asked;
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

/*
 * Names machines give files. A camera, a phone or a chat app names a photo by its moment ("IMG_20250305_093012",
 * "mmexport1741138212345", "微信图片_20250305093012") or by a counter ("DSC_0001"); such a name says nothing a title
 * could use, but its date is often the only one a photo has left (WeChat strips EXIF).
 */

/** What a machine-made name holds: the date, and the moment as "YYYY-MM-DDTHH:MM:SS" when it has a time. */
export interface MachineName {
  date: string | null;
  dateTime: string | null;
}

const MACHINE_PREFIX =
  /^(?:img|vid|pxl|mvimg|pano|burst|dsc[nf]?|_dsc|dji|gopr|p|mtxx|screenshot|screen ?shot|截屏|屏幕截图|截图|微信图片|qq图片|tim图片|mmexport|wx_camera|wechatimg|photo|image|camera|faceu)(?=[\s_\-.~(（]|\d|$)/iu;
/** What else such names carry: counters, separators, burst and edit marks, the app that took a screenshot. */
const MACHINE_REST = /\d+|[\s_\-.~()（）]+|(?<![a-z])(?:wa|edit(?:ed)?|hdr|burst|cover|mp|portrait|night|lls|top|at|am|pm)(?![a-z])|(?<![a-z])com(?:\.[a-z]\w*)+/giu;
/** A machine's counter inside a name a person added words to ("学雷锋 IMG_0012"). */
const MACHINE_COUNTER = /(?<![a-z])(?:img|vid|pxl|dsc[nf]?|dji|mmexport|wx_camera)[_-]?\d+(?:[_-]\d+)*/giu;
const HEX_NAME = /^(?:[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The name's machine pattern, with its date; null for a name a person wrote. */
export function machineName(fileName: string): MachineName | null {
  const { stem } = splitExtension(fileName);
  const name = stem.trim();
  const prefix = MACHINE_PREFIX.exec(name);
  const rest = prefix ? name.slice(prefix[0].length) : name;
  const onlyCounters = rest.replace(MACHINE_REST, '') === '';
  if (!(prefix && onlyCounters) && !/^[\d\s_\-.()（）]+$/.test(name) && !HEX_NAME.test(name)) return null;
  return momentIn(rest);
}

function localMoment(d: Date): MachineName {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
  return { date, dateTime: date ? `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : null };
}

const MOMENT_PATTERNS: RegExp[] = [
  // 20250305_093012, 20250305093012, 20250305-093012345 (PXL adds milliseconds)
  /(?<!\d)(\d{4})(\d{2})(\d{2})[\s_-]?(\d{2})(\d{2})(\d{2})/,
  // 2025-03-05-09-30-12, 2025-03-05 093012, 2025-03-05 at 09.30.12
  /(?<!\d)(\d{4})[-_.](\d{2})[-_.](\d{2})(?:[\s_-]+(?:at\s+)?(\d{2})[-_.:]?(\d{2})[-_.:]?(\d{2}))?/,
  /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/,
];

/** The date (and time) in what is left of a machine name: a timestamp in milliseconds, or digits of a date. */
function momentIn(text: string): MachineName {
  const ms = /(?<!\d)1\d{12}(?!\d)/.exec(text);
  if (ms) {
    // A chat app's export time, in the clerk's own time zone like everything else on the machine.
    const moment = localMoment(new Date(Number(ms[0])));
    if (moment.date && moment.date >= '2000-01-01' && moment.date <= '2100-12-31') return moment;
  }
  for (const pattern of MOMENT_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!date) continue;
    const [h, min, s] = [m[4], m[5], m[6]].map((x) => (x === undefined ? NaN : Number(x)));
    const timeOk = h! < 24 && min! < 60 && s! < 60;
    return { date, dateTime: timeOk ? `${date}T${m[4]}:${m[5]}:${m[6]}` : null };
  }
  return { date: null, dateTime: null };
}

/** A file name that says what the file is, cleaned ("01_活动签到表.jpg" → "活动签到表"); null for a machine's name or bare digits. */
export function meaningfulName(fileName: string): string | null {
  if (machineName(fileName)) return null;
  const title = titleFromFileName(fileName).replace(MACHINE_COUNTER, ' ').replace(/\s+/g, ' ').trim();
  return /[\u3400-\u9fff]|[A-Za-z]{2,}/.test(title) ? title : null;
}

const CJK = /[\u3400-\u9fff]/;
const GENERIC_TITLE =
  /^(?:无标题|未命名|标题|题目|新建.*(?:文档|表格|演示文稿)|文档\d*|工作簿\d*|演示文稿\d*|幻灯片\d*|document\d*|untitled|title|presentation\d*|book\d*|sheet\d*)$/i;

/** Spaces a PDF's text layer puts between Chinese characters, and runs of white space. */
function tidyLine(line: string): string {
  return line.replace(/\s+/g, ' ').replace(/(?<=[\u3400-\u9fff，、：（）《》“”])\s+(?=[\u3400-\u9fff，、：（）《》“”])/g, '').trim();
}

/**
 * A document's own title from its metadata, when it is one: Chinese, not the placeholder a word processor writes
 * ("无标题", "Microsoft Word - 文档1.docx"), not a file or machine name.
 */
export function ownTitle(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const title = tidyLine(raw.replace(/^microsoft (?:word|excel|powerpoint)\s*-\s*/i, '')).replace(/\.(?:docx?|pdf|wps|xlsx?|pptx?)$/i, '').trim();
  if (title.length < 2 || title.length > 100 || !CJK.test(title) || GENERIC_TITLE.test(title) || machineName(title)) return null;
  return title;
}

/** Lines above a Chinese document's title: 红头 ("……文件"), 文号, 密级, 附件 marks, page numbers, dates. */
const ABOVE_TITLE = [
  /^.{2,24}(?:文件|简报|通讯|快报)$/,
  /[〔[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d+\s*号/,
  /^(?:密级|签发人|紧急程度|发文|抄送|编号|索引号)/,
  /^附件\s*\d*\s*[:：]?$/,
  /^[-—\s\d第页共/]+$/,
];

/**
 * The first heading line of a document's text: the first line near the top that is a title's length, holds Chinese
 * and does not read as a sentence. Null when the text starts with a salutation or body text.
 */
export function headingLine(text: string): string | null {
  const lines = text.split(/\r?\n/).map(tidyLine).filter(Boolean).slice(0, 15);
  for (const line of lines) {
    if (ABOVE_TITLE.some((p) => p.test(line)) || (dateInText(line) !== null && line.length <= 16)) continue;
    if (!CJK.test(line) || line.length < 4 || line.length > 80) return null;
    if (/[。；，、：:,;！？!?]$/.test(line) || /^(?:尊敬的|各位|各有关|亲爱的)/.test(line)) return null;
    return line;
  }
  return null;
}

/** What a record's title is chosen from. */
export interface TitleFacts {
  fileName: string;
  kind: FileKind;
  type: RecordType;
  year: number;
  date: string | null;
  activity: string | null;
  /** The caption's 事由. */
  subject: string | null;
  /** The metadata title of the file's content, as stored. */
  docTitle: string | null;
  text: string;
}

/** A title, whether the archivist wrote it (shown in [brackets]), and whether it still takes its number "（n）". */
export interface TitleChoice {
  title: string;
  supplied: boolean;
  numbered: boolean;
}

/**
 * The title of a record nobody titled. A photo: its name when a person wrote it, else its activity and type
 * ("学雷锋志愿服务活动照片（3）"), else its caption's 事由, else its date. A document: its own title (metadata, then
 * the first heading line), then its cleaned file name, else its type and date. Machine names never become titles.
 */
export function chooseTitle(f: TitleFacts): TitleChoice {
  const label = f.type === '其他' ? (f.kind === 'image' ? '照片' : '文件') : f.type;
  const written = meaningfulName(f.fileName);
  if (f.kind !== 'image') {
    const own = ownTitle(f.docTitle) ?? headingLine(f.text);
    if (own) return { title: own, supplied: false, numbered: false };
  }
  if (written) return { title: written, supplied: false, numbered: false };
  if (f.kind === 'image' && f.activity) {
    const activity = f.activity.endsWith('活动') ? f.activity : `${f.activity}活动`;
    return { title: `${activity}${label}`, supplied: true, numbered: true };
  }
  if (f.kind === 'image' && f.subject) {
    return { title: f.subject.endsWith(label) ? f.subject : `${f.subject}${label}`, supplied: true, numbered: true };
  }
  return { title: `${f.date ? formatDate(f.date) : `${f.year}年度`}${label}`, supplied: true, numbered: true };
}

/** "学雷锋志愿服务活动照片" + "（n）", n one past the highest the year already has for that base. */
export function numberedTitle(base: string, existing: readonly string[]): string {
  let highest = 0;
  for (const title of existing) {
    if (!title.startsWith(base)) continue;
    const m = /^（(\d+)）$/.exec(title.slice(base.length));
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return `${base}（${highest + 1}）`;
}

/*
 * Batch rename: a pattern such as "{活动}照片（{序号}）" gives each record of a selection its title.
 */

type RenameField = (typeof RENAME_FIELDS)[number];

/** What a pattern may name, with what each record gives for it. */
export interface RenameSubject {
  title: string;
  type: RecordType;
  year: number;
  date: string | null;
  activity: string | null;
  caption: Caption;
}

const RENAME_VALUES: Record<Exclude<RenameField, '序号'>, (s: RenameSubject) => string | null> = {
  活动: (s) => s.activity,
  类型: (s) => s.type,
  日期: (s) => (s.date ? formatDate(s.date) : null),
  年度: (s) => String(s.year),
  题名: (s) => s.title,
  事由: (s) => s.caption.subject?.trim() || null,
  地点: (s) => s.caption.place?.trim() || null,
};

type Part = { text: string } | { field: keyof typeof RENAME_VALUES } | { number: number };

/** The parts of a pattern; a clear error for a brace that opens no known field. */
export function parseRenamePattern(pattern: string): Part[] {
  const parts: Part[] = [];
  const re = /\{([^{}]*)\}|[{}]|[^{}]+/g;
  for (const m of pattern.matchAll(re)) {
    const token = m[0];
    if (token === '{' || token === '}') {
      throw new TaizhangError('invalid_input', {
        zh: `命名规则中的括号「${token}」不成对：字段要写成 {活动} 这样`,
        en: `Unbalanced "${token}" in the pattern; fields look like {活动}`,
      });
    }
    if (m[1] === undefined) {
      parts.push({ text: token });
      continue;
    }
    const [name = '', width] = m[1].trim().split(/[:：]/);
    const digits = width === undefined ? 1 : Number(width);
    if (name === '序号' && Number.isInteger(digits) && digits >= 1 && digits <= 6) parts.push({ number: digits });
    else if (name in RENAME_VALUES && width === undefined) parts.push({ field: name as keyof typeof RENAME_VALUES });
    else {
      throw new TaizhangError('invalid_input', {
        zh: `命名规则中的「${token}」无法识别，可用：${RENAME_TOKENS.join(' ')}（序号可写 {序号:3} 补足 3 位）`,
        en: `Unknown field ${token} in the pattern; use ${RENAME_TOKENS.join(' ')}`,
      });
    }
  }
  return parts;
}

/** One record's title under a pattern, or what it lacks for it. */
export function renamedTitle(parts: readonly Part[], subject: RenameSubject, sequence: number): { title: string } | { problem: Message } {
  let title = '';
  for (const part of parts) {
    if ('text' in part) title += part.text;
    else if ('number' in part) title += String(sequence).padStart(part.number, '0');
    else {
      const value = RENAME_VALUES[part.field](subject);
      if (!value) return { problem: { zh: `没有${part.field}，不能按 {${part.field}} 命名`, en: `Has no ${part.field} for {${part.field}}` } };
      title += value;
    }
  }
  title = title.replace(/\s+/g, ' ').trim();
  if (!title) return { problem: { zh: '按此规则得到的题名是空的', en: 'The pattern gives an empty title' } };
  if (title.length > 500) return { problem: { zh: '按此规则得到的题名超过 500 字', en: 'The pattern gives a title over 500 characters' } };
  return { title };
}
