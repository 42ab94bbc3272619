/**
 * Line breaking for Chinese text mixed with Latin words and numbers, by measured width.
 *
 * - Chinese may break between any two characters; Latin words and numbers ("Z001-2024", "3.5", "WiFi") stay whole
 *   when they fit on a line, and are cut by character only when a single word is wider than the line.
 * - 避头尾 (kinsoku): no line starts with closing punctuation and none ends with opening punctuation. To keep it, a
 *   Latin word is cut if need be; the rule gives way only when a run of punctuation and Chinese is itself wider than
 *   the line.
 * - A short bracketed group ("（示例）", "〔2026〕") stays on one line; only one wider than a line is cut.
 * - With `words`, Chinese breaks only between words (Intl.Segmenter), for titles set large.
 * - Spaces hang at the end of a line: they are kept (so the lines joined give back the text) but not measured.
 * - A newline is a hard break and is not part of any line.
 */

/** Width of a string in the caller's unit (points at a font size, or anything additive). */
export type Measure = (text: string) => number;

/** Must not start a line. */
export const CLOSING_PUNCTUATION = new Set([...'，。、；：？！）》」』】〉〕］｝”’…‥·～%‰,.;:!?)]}']);
/** Must not end a line. */
export const OPENING_PUNCTUATION = new Set([...'（《「『【〈〔［｛“‘([{']);

const WORD_CHAR = /[\p{Script=Latin}\p{Nd}_]/u;
/** Joins two word characters into one word: "3.5", "Z001-2024", "a/b", "it's", "10:30", "1,000", "a@b". */
const WORD_JOINER = new Set([...".-/:'_@&+#,"]);
const SPACE = /\s/u;

interface Atom {
  text: string;
  /**
   * A fragment is part of a word already cut at its joiners; cut again, it falls into characters. A group is a short
   * bracketed run or a Chinese word kept whole; cut, it falls into characters.
   */
  kind: 'word' | 'fragment' | 'space' | 'char' | 'group';
}

/** Bracket pairs whose short contents are kept on one line. */
const BRACKETS: Record<string, string> = { '（': '）', '〔': '〕', '［': '］', '【': '】', '《': '》', '「': '」', '『': '』', '(': ')', '[': ']' };
/** Longest bracketed group (brackets included, in characters) kept whole. */
const MAX_GROUP = 12;

export interface BreakOptions {
  /** Break Chinese only between words, as a segmenter finds them (cover titles). */
  words?: boolean;
}

/** Splits text into lines no wider than `maxWidth` (see the module comment for the rules). */
export function breakLines(text: string, maxWidth: number, measure: Measure, options: BreakOptions = {}): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((paragraph) => breakParagraph(paragraph, maxWidth, measure, options));
}

/**
 * Lines of about equal width, as few as `breakLines` needs at `maxWidth`: the narrowest width that still gives that
 * many lines, so no line is left with one or two characters (CSS text-wrap: balance does the same).
 */
export function balanceLines(text: string, maxWidth: number, measure: Measure, options: BreakOptions = {}): string[] {
  const natural = breakLines(text, maxWidth, measure, options);
  if (natural.length <= 1) return natural;
  let low = 0;
  let high = maxWidth;
  for (let step = 0; step < 20; step += 1) {
    const mid = (low + high) / 2;
    if (breakLines(text, mid, measure, options).length <= natural.length) high = mid;
    else low = mid;
  }
  return breakLines(text, high, measure, options);
}

/** The width of a line as drawn: hanging spaces at its end take no room. */
export function lineWidth(line: string, measure: Measure): number {
  return measure(line.trimEnd());
}

function breakParagraph(paragraph: string, maxWidth: number, measure: Measure, options: BreakOptions): string[] {
  if (paragraph === '') return [''];
  const atoms = options.words ? wordsOf(toAtoms(paragraph)) : toAtoms(paragraph);
  const lines: string[] = [];
  let start = 0;
  let i = start;
  while (i < atoms.length) {
    const candidate = joinAtoms(atoms, start, i + 1);
    if (i === start || lineWidth(candidate, measure) <= maxWidth) {
      const atom = atoms[i]!;
      if (i === start && isCuttable(atom) && lineWidth(atom.text, measure) > maxWidth) {
        // A word wider than the whole line is cut after its joiners ("WMSQ-|2024-|07") and, if still too wide, into
        // characters.
        atoms.splice(i, 1, ...cutWord(atom));
        continue;
      }
      i += 1;
      continue;
    }
    // atoms[i] does not fit: break at the last allowed place, or right here when the line has none.
    let breakAt = i;
    while (breakAt > start && !mayBreakBefore(atoms, breakAt)) breakAt -= 1;
    if (breakAt === start) {
      // Nowhere to break without breaking 避头尾: rather cut a word of the run ("（abcdef，") than start a line with "，".
      let w = i;
      while (w >= start && !isCuttable(atoms[w]!)) w -= 1;
      if (w >= start) {
        atoms.splice(w, 1, ...cutWord(atoms[w]!));
        i = start;
        continue;
      }
      breakAt = i;
    }
    lines.push(joinAtoms(atoms, start, breakAt));
    start = breakAt;
    i = start;
  }
  lines.push(joinAtoms(atoms, start, atoms.length));
  return lines;
}

function mayBreakBefore(atoms: Atom[], index: number): boolean {
  const next = atoms[index]!;
  if (next.kind === 'space' || CLOSING_PUNCTUATION.has(firstChar(next.text))) return false;
  // The line would end with the last atom that is not a space.
  let prev = index - 1;
  while (prev >= 0 && atoms[prev]!.kind === 'space') prev -= 1;
  if (prev < 0) return false;
  return !OPENING_PUNCTUATION.has(lastChar(atoms[prev]!.text));
}

function toAtoms(text: string, groups = true): Atom[] {
  const chars = [...text];
  const atoms: Atom[] = [];
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i]!;
    const close = groups ? BRACKETS[ch] : undefined;
    const end = close ? chars.indexOf(close, i + 1) : -1;
    if (close && end > i && end - i + 1 <= MAX_GROUP && !chars.slice(i + 1, end).some((c) => c in BRACKETS || c === '\n')) {
      atoms.push({ text: chars.slice(i, end + 1).join(''), kind: 'group' });
      i = end + 1;
    } else if (SPACE.test(ch)) {
      let j = i + 1;
      while (j < chars.length && SPACE.test(chars[j]!)) j += 1;
      atoms.push({ text: chars.slice(i, j).join(''), kind: 'space' });
      i = j;
    } else if (WORD_CHAR.test(ch)) {
      let j = i + 1;
      while (j < chars.length) {
        if (WORD_CHAR.test(chars[j]!)) j += 1;
        else if (WORD_JOINER.has(chars[j]!) && j + 1 < chars.length && WORD_CHAR.test(chars[j + 1]!)) j += 2;
        else break;
      }
      atoms.push({ text: chars.slice(i, j).join(''), kind: 'word' });
      i = j;
    } else {
      atoms.push({ text: ch, kind: 'char' });
      i += 1;
    }
  }
  return atoms;
}

/** Chinese runs of single characters joined into the words a segmenter finds. */
function wordsOf(atoms: Atom[]): Atom[] {
  const out: Atom[] = [];
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  for (let i = 0; i < atoms.length; ) {
    if (atoms[i]!.kind !== 'char' || !HAN.test(atoms[i]!.text)) {
      out.push(atoms[i]!);
      i += 1;
      continue;
    }
    let j = i;
    while (j < atoms.length && atoms[j]!.kind === 'char' && HAN.test(atoms[j]!.text)) j += 1;
    const run = joinAtoms(atoms, i, j);
    for (const { segment } of segmenter.segment(run)) {
      const previous = out.at(-1);
      // A number keeps its counter word: "2024年度", "第3期".
      if (previous?.kind === 'word' && /^\d+$/.test(previous.text) && COUNTER.test(segment)) {
        out[out.length - 1] = { text: previous.text + segment, kind: 'group' };
      } else {
        out.push({ text: segment, kind: [...segment].length > 1 ? 'group' : 'char' });
      }
    }
    i = j;
  }
  return out;
}

const COUNTER = /^[年月日号期届次件页卷个]/u;

const HAN = /\p{Script=Han}/u;

function isCuttable(atom: Atom): boolean {
  return (atom.kind === 'word' || atom.kind === 'fragment' || atom.kind === 'group') && [...atom.text].length > 1;
}

function cutWord(atom: Atom): Atom[] {
  // A group too wide for a line falls apart into what it is made of: words stay words, Chinese falls into characters.
  if (atom.kind === 'group') return toAtoms(atom.text, false);
  const parts = atom.kind === 'word' ? atom.text.match(/[^.\-/:_@&+#,']+[.\-/:_@&+#,']*|[.\-/:_@&+#,']+/g) ?? [atom.text] : [];
  if (parts.length > 1) return parts.map((text) => ({ text, kind: 'fragment' }));
  return [...atom.text].map((ch) => ({ text: ch, kind: 'char' }));
}

function joinAtoms(atoms: Atom[], from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k += 1) s += atoms[k]!.text;
  return s;
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0)!);
}

function lastChar(s: string): string {
  const chars = [...s];
  return chars[chars.length - 1]!;
}
