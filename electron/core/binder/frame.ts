import type { PDFPage } from 'pdf-lib';

/**
 * A page as the reader sees it. A source PDF page may be rotated (/Rotate) and its box may not start at 0,0; the frame
 * maps "visual" coordinates (origin bottom-left of the displayed page) into the page's own space, so that stamps and
 * page numbers land in the right corner and read upright.
 */
export interface PageFrame {
  width: number;
  height: number;
  /** Page-space point of a visual point. */
  at(u: number, v: number): { x: number; y: number };
  /** Text rotation (degrees) that reads upright on the displayed page. */
  rotation: number;
}

export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** 0, 90, 180 or 270. */
  rotation: number;
}

export function pageBox(page: PDFPage): PageBox {
  const box = page.getCropBox();
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as number;
  return { ...box, rotation: [0, 90, 180, 270].includes(rotation) ? rotation : 0 };
}

export function frameOf(box: PageBox): PageFrame {
  const { x: x0, y: y0, width: w, height: h, rotation } = box;
  const turned = rotation === 90 || rotation === 270;
  const at = (u: number, v: number): { x: number; y: number } => {
    switch (rotation) {
      case 90:
        return { x: x0 + w - v, y: y0 + u };
      case 180:
        return { x: x0 + w - u, y: y0 + h - v };
      case 270:
        return { x: x0 + v, y: y0 + h - u };
      default:
        return { x: x0 + u, y: y0 + v };
    }
  };
  return { width: turned ? h : w, height: turned ? w : h, at, rotation };
}

/** The frame of a page Taizhang made itself: no rotation, origin at 0,0. */
export function plainFrame(page: PDFPage): PageFrame {
  const { width, height } = page.getSize();
  return frameOf({ x: 0, y: 0, width, height, rotation: 0 });
}

/**
 * The matrix that draws a source page's content (in its own space) upright on a new page, scaled by `scale` and with
 * the displayed page's bottom-left corner at (dx, dy).
 */
export function uprightMatrix(box: PageBox, scale: number, dx: number, dy: number): [number, number, number, number, number, number] {
  const { x: x0, y: y0, width: w, height: h } = box;
  let m: [number, number, number, number, number, number];
  switch (box.rotation) {
    case 90:
      m = [0, -1, 1, 0, -y0, w + x0];
      break;
    case 180:
      m = [-1, 0, 0, -1, w + x0, h + y0];
      break;
    case 270:
      m = [0, 1, -1, 0, h + y0, -x0];
      break;
    default:
      m = [1, 0, 0, 1, -x0, -y0];
  }
  return [m[0] * scale, m[1] * scale, m[2] * scale, m[3] * scale, m[4] * scale + dx, m[5] * scale + dy];
}
