/**
 * Numbering printed in front of an index title ("一、", "（一）", "1.", "1）", "Ⅰ-1", "1.2.3 ") is kept apart as the item's
 * `label`, so the title reads cleanly and the clerk still sees the city's numbering.
 */

const CN = '[一二三四五六七八九十百零〇]+';
const ROMAN = '[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+';
const PUNCT = '[、.．:：]';

/** Tried in order; each must be followed by the title. */
const PREFIXES: RegExp[] = [
  // （一） (1) （A）, optionally followed by 、
  new RegExp(`^[（(]\\s*(?:${CN}|\\d+|[A-Za-z])\\s*[）)]\\s*${PUNCT}?`, 'u'),
  // 第一条 第3项 第二部分
  new RegExp(`^第(?:${CN}|\\d+)(?:条|项|部分|章|节|类)\\s*${PUNCT}?`, 'u'),
  // 一、 十二．
  new RegExp(`^${CN}\\s*${PUNCT}`, 'u'),
  // Ⅰ Ⅱ-3 Ⅲ-12、
  new RegExp(`^${ROMAN}(?:\\s*[-－—–.．]\\s*\\d+)*\\s*${PUNCT}?`, 'u'),
  // ① ②、
  /^[①-⑳]\s*[、.．]?/u,
  // 1.2 1.2.3. 1.2）  (a dotted number needs no space before a Chinese title)
  /^\d+(?:[.．]\d+)+(?:[.．、)）]|(?=\s)|(?=\p{Script=Han}))/u,
  // 1. 1、 1） 1:
  /^\d+\s*[、.．)）:：]/u,
  // A. B、 C）
  /^[A-Z]\s*[、.．)）]/u,
  // "1 思想道德建设": a number then a space
  /^\d+(?=\s+\D)/u,
];

export interface Numbered {
  label: string;
  title: string;
}

/** Splits the numbering off a title. Text without numbering comes back whole with an empty label. */
export function splitNumbering(text: string): Numbered {
  const trimmed = text.trim();
  for (const prefix of PREFIXES) {
    const m = prefix.exec(trimmed);
    if (!m) continue;
    const title = trimmed.slice(m[0].length).trim();
    // A number alone ("1.", "一、") is numbering with no title; the caller decides what that means.
    return { label: m[0].trim(), title };
  }
  return { label: '', title: trimmed };
}

/**
 * The text a table cell shows for an item: its numbering then its title. A space separates them where the numbering
 * ends in a letter or digit, so "1" + "思想道德建设" reads back as the same two parts.
 */
export function joinNumbering(label: string, title: string): string {
  if (label === '') return title;
  return /[\p{L}\p{N}]$/u.test(label) ? `${label} ${title}` : `${label}${title}`;
}
