import { RECORD_TYPES, type RecordType } from '../domain/record.js';
import { toPhrase } from './tokens.js';

/**
 * What a clerk typed in the search box, understood:
 * - whitespace separates terms, and every term must match (签到 2024 → both);
 * - "quoted words" are one term, spaces and all (also with Chinese quotes “…” and 「…」);
 * - -term excludes records that contain it;
 * - shortcuts filter instead of matching text: type:照片 (类型:), year:2024 or year:2022-2024 (年度:), tag:重点 (标签:).
 * Parsing never fails: anything it does not understand is searched for as text.
 */
export interface ParsedQuery {
  terms: string[];
  excluded: string[];
  type?: RecordType;
  years?: [number, number];
  tags: string[];
}

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', '”': '”' };
const NEGATION = new Set(['-', '－']);

interface Piece {
  text: string;
  quoted: boolean;
  negated: boolean;
}

/** Splits input into whitespace-separated pieces, keeping quoted runs together; an unclosed quote runs to the end. */
function splitPieces(input: string): Piece[] {
  const pieces: Piece[] = [];
  const chars = Array.from(input);
  let i = 0;
  while (i < chars.length) {
    while (i < chars.length && /\s/u.test(chars[i] ?? '')) i += 1;
    if (i >= chars.length) break;
    let negated = false;
    if (NEGATION.has(chars[i] ?? '') && i + 1 < chars.length && !/\s/u.test(chars[i + 1] ?? '')) {
      negated = true;
      i += 1;
    }
    const close = QUOTES[chars[i] ?? ''];
    if (close !== undefined) {
      const end = chars.indexOf(close, i + 1);
      const stop = end === -1 ? chars.length : end;
      pieces.push({ text: chars.slice(i + 1, stop).join(''), quoted: true, negated });
      i = stop + 1;
      continue;
    }
    const start = i;
    while (i < chars.length && !/\s/u.test(chars[i] ?? '')) i += 1;
    pieces.push({ text: chars.slice(start, i).join(''), quoted: false, negated });
  }
  return pieces;
}

const SHORTCUT = /^([a-z\u4e00-\u9fff]+)[:：](.+)$/iu;
const KEYS: Record<string, 'type' | 'year' | 'tag'> = {
  type: 'type', 类型: 'type', year: 'year', 年度: 'year', 年: 'year', tag: 'tag', 标签: 'tag',
};

/** Applies a shortcut to the query; false when the piece is not a shortcut it understands. */
function applyShortcut(query: ParsedQuery, text: string): boolean {
  const m = SHORTCUT.exec(text);
  const key = m ? KEYS[(m[1] ?? '').toLowerCase()] : undefined;
  const value = m?.[2]?.trim() ?? '';
  if (!key || value === '') return false;
  if (key === 'type') {
    const type = RECORD_TYPES.find((t) => t === value || (value === '签到' && t === '签到表'));
    if (!type) return false;
    query.type = type;
    return true;
  }
  if (key === 'year') {
    const years = /^(\d{4})(?:[-–~～至到](\d{4}))?$/u.exec(value);
    if (!years) return false;
    const a = Number(years[1]);
    const b = Number(years[2] ?? years[1]);
    query.years = a <= b ? [a, b] : [b, a];
    return true;
  }
  query.tags.push(value);
  return true;
}

export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { terms: [], excluded: [], tags: [] };
  for (const piece of splitPieces(input)) {
    if (!piece.quoted && !piece.negated && applyShortcut(query, piece.text)) continue;
    if (toPhrase(piece.text) === null) continue;
    (piece.negated ? query.excluded : query.terms).push(piece.text);
  }
  return query;
}

function phrases(terms: readonly string[]): string[] {
  return terms.map(toPhrase).filter((p): p is string => p !== null);
}

/**
 * The FTS5 MATCH expression for the terms that must match (and the excluded ones), or null when nothing must match,
 * e.g. a query of shortcuts or exclusions only. Every term is a quoted phrase of plain tokens, so input can never
 * inject FTS5 syntax.
 */
export function matchExpression(query: ParsedQuery): string | null {
  const required = phrases(query.terms);
  if (required.length === 0) return null;
  const excluded = anyOfExpression(query.excluded);
  const all = required.join(' AND ');
  return excluded ? `(${all}) NOT (${excluded})` : all;
}

/** An FTS5 expression matching any of the terms, or null when none has anything to match. */
export function anyOfExpression(terms: readonly string[]): string | null {
  const list = phrases(terms);
  return list.length > 0 ? list.join(' OR ') : null;
}

/** True when the query asks for nothing: no text to match or exclude and no shortcut filter. */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.terms.length === 0 && query.excluded.length === 0 && !query.type && !query.years && query.tags.length === 0;
}
