import type { RequirementQuantity } from '../api/index.js';

const NUMERALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function toNumber(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === '十') return 10;
  if (raw.startsWith('十')) return 10 + (NUMERALS[raw[1] ?? ''] ?? 0);
  if (raw.endsWith('十')) return (NUMERALS[raw[0] ?? ''] ?? 0) * 10;
  if (raw.length === 3 && raw[1] === '十') return (NUMERALS[raw[0] ?? ''] ?? 0) * 10 + (NUMERALS[raw[2] ?? ''] ?? 0);
  return NUMERALS[raw] ?? Number.NaN;
}

const NUM = '(\\d+|[一二两三四五六七八九十]{1,3})';
// "3–5张" keeps the lower bound: that is what must be there.
const RANGE = `${NUM}(?:\\s*[-–—~～至到]\\s*${NUM})?`;
/** Clause boundaries: a count never reaches across them. */
const CLAUSE_END = /[，。；,;：:]/u;

interface Pattern {
  kind: Exclude<RequirementQuantity['kind'], 'type'>;
  regex: RegExp;
}

/** Units and nouns that say what is counted. Ordered: the first pattern matching a span wins. */
const PATTERNS: Pattern[] = [
  { kind: 'photos', regex: new RegExp(`${RANGE}\\s*(?:张|幅)(?:[^，。；,;]{0,6})?(?:照片|图片|相片)?`, 'gu') },
  { kind: 'photos', regex: new RegExp(`(?:照片|图片|相片)[^，。；,;\\d]{0,6}?${RANGE}\\s*(?:张|幅)`, 'gu') },
  { kind: 'activities', regex: new RegExp(`${RANGE}\\s*(?:次|场|期)(?:[^，。；,;]{0,8})?(?:活动|讲座|培训|宣传|会议|课)`, 'gu') },
  { kind: 'activities', regex: new RegExp(`(?:活动|讲座|培训)[^，。；,;\\d]{0,6}?${RANGE}\\s*(?:次|场|期)`, 'gu') },
  { kind: 'reports', regex: new RegExp(`${RANGE}\\s*篇(?:[^，。；,;]{0,6})?(?:报道|信息|稿件|文章|总结|报告)?`, 'gu') },
  { kind: 'records', regex: new RegExp(`${RANGE}\\s*(?:份|件|本)`, 'gu') },
];

/** Record types a requirement names as needing to exist ("有方案", "签到表", "会议记录"…). */
const TYPE_WORDS: [RegExp, string][] = [
  [/(?:实施|工作|活动)?方案/u, '方案'],
  [/签到/u, '签到表'],
  [/照片|图片|相片/u, '照片'],
  // "记录台账" and "记录本" are registers (台账), not minutes.
  [/(?:会议|活动)?记录(?!台账|本|册)|纪实/u, '记录'],
  [/总结/u, '总结'],
  [/(?:说明)?报告/u, '报告'],
  [/制度|公约|章程/u, '制度'],
  [/台账|登记|记录本|记录册/u, '台账'],
  [/通知|文件/u, '通知'],
];

/** "每月1次" asks for twelve a year: the period in the same clause before the count multiplies it. */
const PERIODS: [RegExp, number][] = [
  [/每(?:个)?月/u, 12],
  [/每(?:个)?季度|每季/u, 4],
  [/每半年/u, 2],
  [/每(?:个)?周|每星期/u, 52],
];

function clauseBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  let start = before.length;
  while (start > 0 && !CLAUSE_END.test(before[start - 1] ?? '')) start--;
  return before.slice(start);
}

function perYear(clause: string): { factor: number; words: string } {
  for (const [regex, factor] of PERIODS) {
    const m = regex.exec(clause);
    if (m) return { factor, words: clause.slice(m.index) };
  }
  return { factor: 1, words: '' };
}

/** The record type named right before a count of pieces ("会议记录2份", "说明报告1份"). */
function typeBefore(clause: string): string | undefined {
  const tail = clause.slice(-8);
  let found: { type: string; at: number } | undefined;
  for (const [regex, type] of TYPE_WORDS) {
    const m = new RegExp(`(?:${regex.source})[^\\d一二两三四五六七八九十]{0,2}$`, 'u').exec(tail);
    if (m && (!found || m.index > found.at)) found = { type, at: m.index };
  }
  return found?.type;
}

/**
 * Structured quantities from a 具体要求 text, read per year: "活动照片不少于5张" → photos ≥ 5, "每年不少于4次活动" →
 * activities ≥ 4, "每季度开展1次活动" → activities ≥ 4, "至少7篇报道" → reports ≥ 7, "会议记录2份" → 记录 ≥ 2, plus
 * record types the text names. Character counts ("300–500字") are not quantities of material. Unparsed text still
 * reaches the clerk as words.
 */
export function parseRequirementQuantities(text: string): RequirementQuantity[] {
  const out: RequirementQuantity[] = [];
  const taken: [number, number][] = [];
  const add = (q: RequirementQuantity): void => {
    const existing = out.find((o) => o.kind === q.kind && o.type === q.type);
    if (!existing) out.push(q);
    else if (!existing.source.includes(q.source)) {
      existing.min = Math.max(existing.min, q.min);
      existing.source += `；${q.source}`;
    }
  };
  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.regex)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const count = toNumber(m[1] ?? '');
      if (!Number.isFinite(count) || count <= 0) continue;
      // "300–500字" counts characters, not records.
      if (/字/.test(text.slice(end, end + 1))) continue;
      taken.push([start, end]);
      const clause = clauseBefore(text, start);
      const period = perYear(clause);
      const source = `${period.words}${m[0]}`;
      const type = p.kind === 'records' ? typeBefore(clause) : undefined;
      if (type) add({ kind: 'type', type, min: count * period.factor, source: `${clause.slice(-8)}${m[0]}`.trim() });
      else add({ kind: p.kind, min: count * period.factor, source });
    }
  }
  const hasPhotoCount = out.some((q) => q.kind === 'photos');
  for (const [regex, type] of TYPE_WORDS) {
    if (type === '照片' && hasPhotoCount) continue;
    const m = regex.exec(text);
    if (m && !out.some((q) => q.kind === 'type' && q.type === type)) out.push({ kind: 'type', type, min: 1, source: m[0] });
  }
  return out;
}
