import fontkit, { type Font } from '@pdf-lib/fontkit';
import { degrees, drawText, PDFHexString, rgb, type PDFFont, type PDFName, type PDFPage, type RGB } from 'pdf-lib';
import { balanceLines, breakLines } from '../../../shared/text/linebreak.js';
import { MISSING_GLYPH, type EmbeddedFonts, type FontRole, type SubsetFonts } from './fonts.js';

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

/** A character of a face as drawn: its glyph id as the 4 hex digits of an Identity-H string, and its advance at size 1. */
interface GlyphOf {
  hex: string;
  width: number;
}

/**
 * Measures, wraps and draws text with the binder's fonts. Every string goes through `clean` first, so a character the
 * fonts do not have shows as 〓 instead of a blank.
 */
export class Typesetter {
  private readonly faces = new Map<FontRole, Font>();
  private readonly charsets = new Map<FontRole, Set<number>>();
  private readonly glyphs = new Map<FontRole, Map<string, GlyphOf>>();
  /** Each page's resource name of each face, registered once per page. */
  private readonly fontNames = new WeakMap<PDFPage, Map<FontRole, PDFName>>();

  /** `subsets` are the bytes `fonts` were embedded from: their glyph ids are the ones the PDF's strings carry. */
  constructor(
    readonly fonts: EmbeddedFonts,
    private readonly subsets: SubsetFonts,
  ) {}

  private face(role: FontRole): Font {
    let face = this.faces.get(role);
    if (!face) {
      face = fontkit.create(this.subsets[role]);
      this.faces.set(role, face);
    }
    return face;
  }

  /**
   * The subset fonts carry no layout tables (no ligatures, kerning or contextual forms), so each character is one
   * glyph from the cmap and a string is as wide as its characters added up. Looking them up once per face spares
   * fontkit a full layout for every trial line of the line breaker and for every line drawn.
   */
  private glyph(ch: string, role: FontRole): GlyphOf {
    let cache = this.glyphs.get(role);
    if (!cache) {
      cache = new Map();
      this.glyphs.set(role, cache);
    }
    let g = cache.get(ch);
    if (!g) {
      const face = this.face(role);
      const glyph = face.glyphForCodePoint(ch.codePointAt(0)!);
      g = { hex: glyph.id.toString(16).toUpperCase().padStart(4, '0'), width: glyph.advanceWidth / face.unitsPerEm };
      cache.set(ch, g);
    }
    return g;
  }

  /** Width of clean text at size 1. */
  private advance(text: string, role: FontRole): number {
    let width = 0;
    for (const ch of text) width += this.glyph(ch, role).width;
    return width;
  }

  /** Clean text as the face's glyph ids, for a text-showing operator. */
  encode(text: string, role: FontRole): PDFHexString {
    let hex = '';
    for (const ch of text) hex += this.glyph(ch, role).hex;
    return PDFHexString.of(hex);
  }

  font(role: FontRole): PDFFont {
    return this.fonts[role];
  }

  clean(text: string, role: FontRole): string {
    let charset = this.charsets.get(role);
    if (!charset) {
      charset = new Set(this.face(role).characterSet);
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
      ...drawText(this.encode(clean, style.font), {
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
