import {
  beginText, endText, popGraphicsState, pushGraphicsState, setFontAndSize, setTextMatrix, setTextRenderingMode, showText,
  TextRenderingMode, type PDFPage,
} from 'pdf-lib';
import type { OcrLine } from '../ocr/engine.js';
import type { PageFrame } from './frame.js';
import type { Typesetter } from './typeset.js';

/** Where the source page's content lies on the page it was merged onto, in that page's visual coordinates. */
export interface ContentBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The invisible text layer over a scanned page: each line recognised on the scan is drawn where it stands on the
 * picture, in text render mode 3 (neither filled nor stroked), stretched to the width of its box. Nothing changes on
 * paper or on screen, but the printed PDF is searchable and copyable, and pdftotext finds the words on the page where
 * the image is. Lines carry their boxes in fractions of the source page (top-left origin), so the layer follows the
 * page when the binder shrinks it for the 归档章 or turns it upright.
 */
export function drawTextLayer(type: Typesetter, page: PDFPage, frame: PageFrame, content: ContentBox, lines: readonly OcrLine[]): number {
  const font = type.font('sans');
  const key = page.node.newFontDictionary(font.name, font.ref);
  let drawn = 0;
  const ops = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of lines) {
    const text = type.clean(line.text.replace(/\s+/g, ' ').trim(), 'sans');
    if (!text) continue;
    const [l, t, r, b] = line.box;
    const width = (r - l) * content.width;
    const height = (b - t) * content.height;
    if (width <= 0 || height <= 0) continue;
    const size = height * 0.8;
    const natural = type.width(text, { font: 'sans', size });
    if (natural <= 0) continue;
    // Visual point of the line's baseline start, then the page's own space (a /Rotate page turns the text with it).
    const u = content.x + l * content.width;
    const v = content.y + (1 - b) * content.height + height * 0.15;
    const at = frame.at(u, v);
    const angle = (frame.rotation * Math.PI) / 180;
    const stretch = width / natural;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    ops.push(setFontAndSize(key, size), setTextMatrix(cos * stretch, sin * stretch, -sin, cos, at.x, at.y), showText(type.encode(text, 'sans')));
    drawn += 1;
  }
  ops.push(endText(), popGraphicsState());
  if (drawn > 0) page.pushOperators(...ops);
  return drawn;
}

/** Every character the text layers will draw, for the binder's font subset. */
export function textLayerCharacters(layers: ReadonlyMap<string, ReadonlyMap<number, readonly OcrLine[]>>): Set<string> {
  const chars = new Set<string>();
  for (const pages of layers.values()) for (const lines of pages.values()) for (const l of lines) for (const ch of l.text) chars.add(ch);
  return chars;
}
