/**
 * A HEIC's declared size, read from its container (ISO base media boxes) without decoding anything: the image
 * spatial extents ('ispe') in meta → iprp → ipco. A 58 KB file can declare 16000×16000; this is how it is refused
 * before the decoder allocates gigabytes. The largest extent counts (a grid image declares the whole canvas).
 */

const CONTAINERS = new Set(['meta', 'iprp', 'ipco']);

interface Box {
  type: string;
  start: number;
  /** Where the box's content begins (after size, type and, for a full box, version and flags). */
  body: number;
  end: number;
}

function* boxes(buf: Buffer, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return;
      const big = buf.readBigUInt64BE(at + 8);
      if (big > BigInt(to - at)) return;
      size = Number(big);
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) return;
    // 'meta' is a full box: four bytes of version and flags before its children.
    yield { type, start: at, body: at + header + (type === 'meta' ? 4 : 0), end: at + size };
    at += size;
  }
}

export function heicDimensions(buf: Buffer): { width: number; height: number } | null {
  let best: { width: number; height: number } | null = null;
  const walk = (from: number, to: number, depth: number): void => {
    if (depth > 6) return;
    for (const box of boxes(buf, from, to)) {
      if (box.type === 'ispe' && box.body + 12 <= box.end) {
        const width = buf.readUInt32BE(box.body + 4);
        const height = buf.readUInt32BE(box.body + 8);
        if (!best || width * height > best.width * best.height) best = { width, height };
      } else if (CONTAINERS.has(box.type)) walk(box.body, box.end, depth + 1);
    }
  };
  walk(0, buf.length, 0);
  return best;
}
