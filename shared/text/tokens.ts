/**
 * Search tokens for SQLite FTS5 (unicode61 tokenizer, whose token characters are letters, numbers and private-use
 * characters).
 *
 * - Chinese, Japanese and Korean characters become one token each, so any substring, even of one or two characters,
 *   is found by a phrase query; trigram and word segmentation miss those.
 * - Latin words and numbers stay whole tokens (the tokenizer folds their case).
 * - Whitespace is dropped: PDF text breaks lines in the middle of Chinese words, and "签到\n表" must still match 签到表.
 * - A run of punctuation becomes one BOUNDARY token. Without it "活动，签到" would match the query 动签, which no clerk
 *   would call a match; with it a phrase matches exactly where the characters stand side by side.
 * Text is NFKC-normalised first, so full-width digits in a 文号 and the Kangxi radicals that PDF extraction often yields
 * match what the clerk types.
 */

/** A private-use character: a token for unicode61, and never found in normalised text (private-use input becomes it). */
export const BOUNDARY = '\uE000';

/** Code point ranges indexed one character per token: Han (with 々〆〇), kana and Hangul syllables. */
const CJK_RANGES: readonly [number, number][] = [
  [0x3005, 0x3007], [0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xac00, 0xd7af], [0xf900, 0xfaff], [0x20000, 0x3134f],
];
const hex = (n: number): string => `\\u{${n.toString(16)}}`;
const CJK_CLASS = CJK_RANGES.map(([a, b]) => `${hex(a)}-${hex(b)}`).join('');

function isCjk(code: number): boolean {
  return CJK_RANGES.some(([a, b]) => code >= a && code <= b);
}

function isAsciiWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE_CHAR = /\s/u;

/**
 * Text as stored in the index: tokens separated by single spaces. One pass over the characters; regular expressions
 * with Unicode classes over whole texts were 2–3 times slower, and the benchmark indexes 100,000 texts.
 */
export function toIndexText(text: string): string {
  const tokens: string[] = [];
  let word = '';
  let punctuation = false;
  const flushWord = (): void => {
    if (word) tokens.push(word);
    word = '';
  };
  const flushPunctuation = (): void => {
    if (punctuation && tokens.length > 0) tokens.push(BOUNDARY);
    punctuation = false;
  };
  for (const ch of text.normalize('NFKC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (isCjk(code)) {
      flushWord();
      flushPunctuation();
      tokens.push(ch);
    } else if (isAsciiWordChar(code) || (code > 0x7f && WORD_CHAR.test(ch))) {
      flushPunctuation();
      word += ch;
    } else {
      flushWord();
      // Whitespace joins; anything else (punctuation, symbols, private-use characters) is a boundary.
      if (!(code <= 0x20 || (code > 0x7f && SPACE_CHAR.test(ch)))) punctuation = true;
    }
  }
  flushWord();
  return tokens.join(' ');
}

/**
 * The tokens of one search term, as a phrase. Punctuation at either end is dropped (toIndexText never starts or
 * ends with a boundary), since a clerk who types "〔2011〕" means the number; punctuation inside stays.
 */
export function phraseTokens(term: string): string[] {
  const text = toIndexText(term);
  return text ? text.split(' ') : [];
}

/** An FTS5 phrase for a term, or null when the term has nothing to search for. Tokens never contain quotes. */
export function toPhrase(term: string): string | null {
  const tokens = phraseTokens(term);
  return tokens.length > 0 ? `"${tokens.join(' ')}"` : null;
}

const LATIN_CHAR = `[[\\p{L}\\p{N}]--[${CJK_CLASS}]]`;
const GAP = '\\s*';
const PUNCTUATION_GAP = '[^\\p{L}\\p{N}]*[^\\p{L}\\p{N}\\s][^\\p{L}\\p{N}]*';

/**
 * A regular expression that finds a term in original (un-normalised) text the way the index matches it: characters
 * side by side with only whitespace between, punctuation for punctuation, and Latin words whole. Used to place the
 * highlight of a search result. Returns null for a term with nothing to find.
 */
export function termPattern(term: string): RegExp | null {
  const tokens = phraseTokens(term);
  if (tokens.length === 0) return null;
  const parts: string[] = [];
  tokens.forEach((token, i) => {
    if (token === BOUNDARY) {
      parts.push(PUNCTUATION_GAP);
      return;
    }
    if (i > 0 && tokens[i - 1] !== BOUNDARY) parts.push(GAP);
    // Tokens hold only letters and numbers, so they need no escaping.
    parts.push(isCjk(token.codePointAt(0) ?? 0) ? token : `(?<!${LATIN_CHAR})${token}(?!${LATIN_CHAR})`);
  });
  return new RegExp(parts.join(''), 'giv');
}
