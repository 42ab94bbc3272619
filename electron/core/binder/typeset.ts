import { degrees, drawText, rgb, type PDFFont, type PDFName, type PDFPage, type RGB } from 'pdf-lib';
import { balanceLines, breakLines } from '../../../shared/text/linebreak.js';
import { MISSING_GLYPH, type EmbeddedFonts, type FontRole } from './fonts.js';

export interface TextStyle {
  font: FontRole;
  size: number;
  color?: RGB;
}

export type Align = 'left' | 'center' | 'right';

export const INK = rgb(0, 0, 0);
export const GREY = rgb(0.35, 0.35, 0.35);
export const RULE = rgb(0.15, 0.15, 0.15);

/** Where the baseline sits below the top of a CJK character box, as a share of the font size. */
const ASCENT = 0.88;
/** Below the baseline: the bottom of the ideographic box. */
const DESCENT = 0.12;

/**
 * Measures, wraps and draws text with the binder's fonts. Every string goes through `clean` first, so a character the
 * fonts do not have shows as 〓 instead of a blank.
 */
export class Typesetter {
  private readonly charsets = new Map<FontRole, Set<number>>();
  private readonly advances = new Map<FontRole, Map<string, number>>();
  /** Each page's resource name of each face, registered once per page. */
  private readonly fontNames = new WeakMap<PDFPage, Map<FontRole, PDFName>>();

  constructor(readonly fonts: EmbeddedFonts) {}

  /**
   * Width of clean text at size 1. The subset fonts carry no kerning or ligatures, so a string is as wide as its
   * characters added up; caching them spares fontkit a full layout for every trial line of the line breaker.
   */
  private advance(text: string, role: FontRole): number {
    let cache = this.advances.get(role);
    if (!cache) {
      cache = new Map();
      this.advances.set(role, cache);
    }
    let width = 0;
    for (const ch of text) {
      let w = cache.get(ch);
      if (w === undefined) {
        w = this.fonts[role].widthOfTextAtSize(ch, 1);
        cache.set(ch, w);
      }
      width += w;
    }
    return width;
  }

  font(role: FontRole): PDFFont {
    return this.fonts[role];
  }

  clean(text: string, role: FontRole): string {
    let charset = this.charsets.get(role);
    if (!charset) {
      charset = new Set(this.fonts[role].getCharacterSet());
      this.charsets.set(role, charset);
    }
    let out = '';
    for (const ch of text.replace(/\t/g, ' ')) {
      const cp = ch.codePointAt(0)!;
      if (ch === '\n') out += ch;
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
      else out += charset.has(cp) ? ch : MISSING_GLYPH;
    }
    return out;
  }

  width(text: string, style: TextStyle): number {
    return this.advance(this.clean(text, style.font), style.font) * style.size;
  }

  wrap(text: string, style: TextStyle, maxWidth: number): string[] {
    const clean = this.clean(text, style.font);
    return breakLines(clean, maxWidth, (s) => this.advance(s, style.font) * style.size).map((l) => l.trimEnd());
  }

  /** Lines of about equal width broken between words, for a title set large in the middle of a page. */
  balanced(text: string, style: TextStyle, maxWidth: number, maxLines: number): string[] {
    const clean = this.clean(text, style.font);
    const measure = (s: string): number => this.advance(s, style.font) * style.size;
    return clampLines(balanceLines(clean, maxWidth, measure, { words: true }).map((l) => l.trimEnd()), maxLines);
  }

  /** Wrapped lines, at most `maxLines`; when text is cut, the last line shown ends in an ellipsis. */
  wrapAtMost(text: string, style: TextStyle, maxWidth: number, maxLines: number): string[] {
    return clampLines(this.wrap(text, style, maxWidth), maxLines);
  }

  /** Draws one line with its baseline at y. */
  draw(page: PDFPage, text: string, x: number, y: number, style: TextStyle, rotate = 0): void {
    const clean = this.clean(text, style.font).replace(/\n/g, ' ').trimEnd();
    if (!clean) return;
    // pdf-lib's page.drawText adds the font to the page's resources again under a new name at every call.
    page.pushOperators(
      ...drawText(this.fonts[style.font].encodeText(clean), {
        x, y, size: style.size, font: this.fontName(page, style.font), color: style.color ?? INK,
        rotate: degrees(rotate), xSkew: degrees(0), ySkew: degrees(0),
      }),
    );
  }

  private fontName(page: PDFPage, role: FontRole): PDFName {
    let names = this.fontNames.get(page);
    if (!names) this.fontNames.set(page, (names = new Map()));
    let name = names.get(role);
    if (!name) {
      const font = this.fonts[role];
      name = page.node.newFontDictionary(font.name, font.ref);
      names.set(role, name);
    }
    return name;
  }

  /** Draws one line aligned in [x, x + width], its character box starting at `top`. */
  line(page: PDFPage, text: string, x: number, top: number, width: number, style: TextStyle, align: Align = 'left'): void {
    const w = this.width(text, style);
    const left = align === 'left' ? x : align === 'center' ? x + (width - w) / 2 : x + width - w;
    this.draw(page, text, left, top - ASCENT * style.size, style);
  }

  /** Lines of a paragraph and the height they take at the given line height (in points). */
  layout(text: string, style: TextStyle, width: number, lineHeight: number): { lines: string[]; height: number } {
    const lines = this.wrap(text, style, width);
    return { lines, height: lines.length * lineHeight };
  }

  /** Draws wrapped lines from `top` down; each line sits centred in its line box. Returns the height used. */
  lines(page: PDFPage, lines: string[], x: number, top: number, width: number, style: TextStyle, lineHeight: number, align: Align = 'left'): number {
    const inset = (lineHeight - (ASCENT + DESCENT) * style.size) / 2;
    lines.forEach((l, i) => this.line(page, l, x, top - i * lineHeight - inset, width, style, align));
    return lines.length * lineHeight;
  }

  paragraph(page: PDFPage, text: string, x: number, top: number, width: number, style: TextStyle, lineHeight: number, align: Align = 'left'): number {
    return this.lines(page, this.wrap(text, style, width), x, top, width, style, lineHeight, align);
  }
}

/** At most `max` lines; the last one kept ends in an ellipsis when any were dropped. */
export function clampLines(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  if (max <= 0) return [];
  const last = [...lines[max - 1]!];
  return [...lines.slice(0, max - 1), `${last.slice(0, Math.max(0, last.length - 1)).join('')}…`];
}
