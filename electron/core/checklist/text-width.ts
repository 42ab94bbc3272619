/**
 * Widths of cell text in Excel's column unit (about one Latin digit). Chinese characters and full-width forms take two
 * units, so a column sized by `String.length` would cut 测评标准 text in half.
 */

/** Ranges drawn two units wide: CJK, Hangul, full-width forms, and the quotes, dashes and ellipsis Chinese fonts draw full-width. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x00b7, 0x00b7], [0x1100, 0x115f], [0x2010, 0x2027], [0x2030, 0x203b], [0x2e80, 0x303e], [0x3041, 0x33ff],
  [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x20000, 0x3fffd],
];

function isWide(code: number): boolean {
  if (code < 0xb7) return false;
  for (const [from, to] of WIDE_RANGES) {
    if (code < from) return false;
    if (code <= to) return true;
  }
  return false;
}

/** Called for every cell of a 10,000-row sheet, so it walks code points without regular expressions. */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) as number;
    if (code > 0xffff) i++;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

/** The widest line of a cell's text. */
export function widestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map(displayWidth));
}

/** Lines a wrapped cell needs in a column of `columnWidth` units (the cell padding takes about one unit). */
export function wrappedLines(text: string, columnWidth: number): number {
  if (text === '') return 1;
  const usable = Math.max(1, columnWidth - 1);
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/** A column just wide enough for its widest text, within the bounds that keep the page readable. */
export function fitColumnWidth(texts: Iterable<string>, min: number, max: number): number {
  let widest = 0;
  for (const t of texts) {
    // Text as long as the column's maximum cannot widen it further; wrapping takes over.
    if (widest + 2 >= max) break;
    widest = Math.max(widest, widestLine(t));
  }
  return Math.min(max, Math.max(min, widest + 2));
}
