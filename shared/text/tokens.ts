/**
 * Search tokens for SQLite FTS5 (unicode61). Chinese, Japanese and Korean characters become one token each, so any
 * substring, even of one or two characters, is found by a phrase query; trigram and word segmentation miss those.
 * Latin words and numbers stay whole tokens, lower-cased by the tokenizer.
 */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[\ud840-\ud87f][\udc00-\udfff]/gu;

/** Text as stored in the index: CJK characters spaced apart. */
export function toIndexText(text: string): string {
  return text.replace(CJK, (ch) => ` ${ch} `).replace(/\s+/g, ' ').trim();
}

/** Splits a query into the FTS5 tokens unicode61 would produce from it. */
export function queryTokens(query: string): string[] {
  return toIndexText(query)
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((t) => t.length > 0)
    .map((t) => t.toLowerCase());
}

/**
 * An FTS5 MATCH expression: each whitespace-separated part of the query is a phrase of its tokens, and all parts must
 * match. Tokens are quoted, so user input cannot inject FTS syntax. Returns null when the query has nothing to match.
 */
export function toMatchExpression(query: string): string | null {
  const phrases = query
    .split(/\s+/)
    .map((part) => queryTokens(part))
    .filter((tokens) => tokens.length > 0)
    .map((tokens) => `"${tokens.map((t) => t.replaceAll('"', '""')).join(' ')}"`);
  return phrases.length > 0 ? phrases.join(' AND ') : null;
}
