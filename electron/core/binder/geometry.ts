/** Page geometry in PDF points. */

export const MM = 72 / 25.4;
export const mm = (n: number): number => n * MM;

export const A4: [number, number] = [595.28, 841.89];
export const A4_LANDSCAPE: [number, number] = [A4[1], A4[0]];

/**
 * Margins of the pages Taizhang draws. The binding edge (装订线) needs at least 25 mm: the left on the front of a
 * sheet, the right on its back when printed on both sides; both sides keep it, so a page may fall on either.
 */
export const BINDING_MARGIN = mm(25);
export const MARGIN = { top: mm(25), bottom: mm(22), left: mm(28), right: mm(26) } as const;

export const CONTENT_WIDTH = A4[0] - MARGIN.left - MARGIN.right;

/** The 归档章's size and its place: top right, inside the top margin of a document's first page. */
export const STAMP = { cellWidth: mm(15), cellHeight: mm(7.5), columns: 3, rows: 2, fromTop: mm(8), fromRight: mm(15) } as const;
export const STAMP_WIDTH = STAMP.cellWidth * STAMP.columns;
export const STAMP_HEIGHT = STAMP.cellHeight * STAMP.rows;
/** The band at the top of a first page kept free for the stamp. */
export const STAMP_BAND = STAMP.fromTop + STAMP_HEIGHT + mm(3);

/** Page numbers: this far from the bottom edge and the outer side edge. */
export const PAGE_NUMBER = { fromBottom: mm(10), fromSide: mm(15), size: 10.5 } as const;

export function isA4(width: number, height: number): boolean {
  const [w, h] = width <= height ? [width, height] : [height, width];
  return Math.abs(w - A4[0]) / A4[0] < 0.03 && Math.abs(h - A4[1]) / A4[1] < 0.03;
}
