import { termPattern } from '../../../shared/text/tokens.js';
import type { RecordText } from './indexer.js';

const BEFORE = 24;
const AFTER = 56;
const PLAIN_LENGTH = 80;

interface Span {
  start: number;
  end: number;
}

function matchesIn(text: string, patterns: readonly RegExp[]): Span[] {
  const spans: Span[] = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      if (m[0].length > 0) spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // Overlapping matches of different terms are merged into one highlight.
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Moves an index off the second half of a surrogate pair, so a cut never splits a character. */
function safeIndex(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The window of text around the first match, every match inside it wrapped in 【】. */
function window(text: string, spans: Span[]): string {
  const first = spans[0] as Span;
  const start = safeIndex(text, Math.max(0, first.start - BEFORE));
  const end = safeIndex(text, Math.min(text.length, Math.max(first.end, first.start + AFTER)));
  let out = start > 0 ? '…' : '';
  let cursor = start;
  for (const span of spans) {
    if (span.start < start || span.end > end) continue;
    out += `${oneLine(text.slice(cursor, span.start))}【${oneLine(text.slice(span.start, span.end))}】`;
    cursor = span.end;
  }
  out += oneLine(text.slice(cursor, end));
  return end < text.length ? `${out}…` : out;
}

/** Patterns that find the given search terms in original text. */
export function snippetPatterns(terms: readonly string[]): RegExp[] {
  return terms.map(termPattern).filter((p): p is RegExp => p !== null);
}

/** Put before a snippet taken from recognised text, so the clerk knows the words were read off a scan. */
export const RECOGNISED_MARK = '（识别）';

/**
 * A snippet from the original text around the first match of any term: file text, notes and metadata first, then
 * text recognised from scans (marked （识别）), then the title (it is shown anyway) and file names. Without a match
 * (a search by filters only) the start of the text is shown.
 */
export function snippetFor(text: RecordText, patterns: readonly RegExp[]): string {
  const fields = [
    ...text.fields.map((f) => ({ f, mark: '' })),
    ...text.recognised.map((f) => ({ f, mark: RECOGNISED_MARK })),
    ...[text.title, ...text.fileNames].map((f) => ({ f, mark: '' })),
  ];
  for (const { f, mark } of fields) {
    const spans = patterns.length > 0 ? matchesIn(f, patterns) : [];
    if (spans.length > 0) return `${mark}${window(f, spans).trim()}`;
  }
  const first = oneLine(text.fields[0] ?? '').trim();
  return first.length > PLAIN_LENGTH ? `${first.slice(0, safeIndex(first, PLAIN_LENGTH))}…` : first;
}
