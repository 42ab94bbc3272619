/**
 * Widths of cell text in Excel's column unit (about one Latin digit). Chinese characters and full-width forms take two
 * units, so a column sized by `String.length` would cut 测评标准 text in half.
 */

// Quotes, dashes and the ellipsis are drawn full-width by Chinese fonts, so they count double too.
const WIDE = /[\u00B7\u2010-\u2027\u2030-\u203B\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
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
  for (const t of texts) widest = Math.max(widest, widestLine(t));
  return Math.min(max, Math.max(min, widest + 2));
}
