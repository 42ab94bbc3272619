import type { PDFPage } from 'pdf-lib';
import { A4, CONTENT_WIDTH, MARGIN } from '../geometry.js';
import type { TextStyle, Typesetter } from '../typeset.js';

/**
 * Draws a heading with its characters spread apart ("卷 内 目 录"), centred on the text column (or on `area`).
 * Returns the y below it.
 */
export function spacedHeading(
  type: Typesetter, page: PDFPage, text: string, top: number, style: TextStyle, gapEm = 0.6,
  area: { left: number; width: number } = { left: MARGIN.left, width: CONTENT_WIDTH },
): number {
  const chars = [...text];
  const widths = chars.map((c) => type.width(c, style));
  const gap = style.size * gapEm;
  const total = widths.reduce((a, b) => a + b, 0) + gap * Math.max(0, chars.length - 1);
  let x = area.left + (area.width - total) / 2;
  const baseline = top - style.size * 0.88;
  chars.forEach((c, i) => {
    type.draw(page, c, x, baseline, style);
    x += widths[i]! + gap;
  });
  return top - style.size * 1.1;
}

/** The top of the text column of a page Taizhang draws. */
export const TEXT_TOP = A4[1] - MARGIN.top;

/** "一、思想道德建设", "（一）新时代文明实践站", "1. 实践站建设": the item's own numbering before its title. */
export function labelled(item: { label: string; code: string; title: string }): string {
  const label = item.label || item.code;
  return /[、）)】．]$/.test(label) ? `${label}${item.title}` : `${label} ${item.title}`;
}
