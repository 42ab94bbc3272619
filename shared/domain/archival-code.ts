import type { RetentionPeriod } from './record.js';

/**
 * 档号 (DA/T 22-2015): 全宗号-门类代码·年度-保管期限代码-机构(问题)代码-件号, e.g. Z001-WS·2026-D30-01-0012. The
 * unit may set its own pattern from the same parts; a volume's 档号 is the same pattern with its 卷号 where the
 * 件号 stands.
 */

export const DEFAULT_CATEGORY = 'WS';
export const DEFAULT_ARCHIVAL_PATTERN = '{全宗号}-{门类}·{年度}-{保管期限}-{问题}-{件号}';

/** 保管期限代码 (DA/T 22). */
export const RETENTION_CODES: Record<RetentionPeriod, string> = { 永久: 'Y', 定期30年: 'D30', 定期10年: 'D10' };

export const PATTERN_PARTS = ['全宗号', '门类', '年度', '保管期限', '问题', '件号'] as const;
export type PatternPart = (typeof PATTERN_PARTS)[number];

export interface CodeParts {
  fonds: string;
  category: string;
  year: number;
  retention: RetentionPeriod;
  /** 问题代码, e.g. "01". */
  problem: string;
  /** 件号 (4 digits in the code) or, for a volume, 卷号 (3 digits). */
  number: number;
  kind: 'piece' | 'volume';
}

const TOKEN = /\{([^{}]*)\}/g;

/** Why a pattern cannot be used, in the clerk's words; null when it can. */
export function patternProblem(pattern: string): string | null {
  const text = pattern.trim();
  if (text === '') return '档号格式不能为空';
  if (text.length > 80) return '档号格式太长（最多 80 个字符）';
  const parts: string[] = [];
  for (const m of text.matchAll(TOKEN)) parts.push(m[1] ?? '');
  const unknown = parts.filter((p) => !(PATTERN_PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) return `档号格式中有不认识的部分：{${unknown.join('}、{')}}（可用：${PATTERN_PARTS.map((p) => `{${p}}`).join(' ')}）`;
  if (!parts.includes('件号')) return '档号格式必须包含 {件号}';
  if (!parts.includes('年度')) return '档号格式必须包含 {年度}，不同年度的件号才不会相同';
  if (!parts.includes('保管期限')) return '档号格式必须包含 {保管期限}，不同保管期限的件号才不会相同';
  if (!parts.includes('问题')) return '档号格式必须包含 {问题}，不同测评项目的件号才不会相同';
  if (new Set(parts).size !== parts.length) return '档号格式中同一部分出现了两次';
  if (/[{}]/.test(text.replace(TOKEN, ''))) return '档号格式中的花括号不成对';
  if (/[\\/:*?"<>|\s]/.test(text.replace(TOKEN, ''))) return '档号格式中不能有空格或 \\ / : * ? " < > | 等字符';
  return null;
}

/** The 档号 the pattern gives for these parts. The pattern must be valid (patternProblem returned null). */
export function renderArchivalCode(pattern: string, p: CodeParts): string {
  const values: Record<PatternPart, string> = {
    全宗号: p.fonds || '—',
    门类: p.category || DEFAULT_CATEGORY,
    年度: String(p.year),
    保管期限: RETENTION_CODES[p.retention],
    问题: p.problem,
    件号: String(p.number).padStart(p.kind === 'piece' ? 4 : 3, '0'),
  };
  return pattern.trim().replace(TOKEN, (_m, part: PatternPart) => values[part]);
}

/** 问题代码 of an index item from its place in the tree: "01" for the first 测评项目, "0102" one level down. */
export function problemCode(ordinals: readonly number[]): string {
  return ordinals.map((n) => String(n).padStart(2, '0')).join('');
}
