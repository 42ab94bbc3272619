import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PDFFlateStream, PDFHexString, PDFName, PDFNumber, PDFStream, type PDFContext, type PDFObject, type PDFRef } from 'pdf-lib';

const encoder = new TextEncoder();
const STREAM_START = encoder.encode('\nstream\n');
const STREAM_END = encoder.encode('\nendstream');
const BUFFER_BYTES = 256 * 1024;
const DIRECT_WRITE = 64 * 1024;

/**
 * Writes a PDF to disk while it is being built, so that a volume of hundreds of photos never sits in memory at once.
 * pdf-lib keeps every object until `save()`; here each finished object is written out and dropped from the document
 * as soon as the pages that use it are complete. Objects still being changed (catalog, page tree, info) are kept
 * back until `finish`, which writes them, the cross-reference table and the trailer.
 */
export class PdfStreamWriter {
  private readonly fd: number;
  private position = 0;
  private readonly offsets = new Map<number, number>();
  private closed = false;
  private readonly buffer = new Uint8Array(BUFFER_BYTES);
  private pending = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'wx');
    // The binary comment line tells transfer tools the file is binary.
    this.write(encoder.encode('%PDF-1.7\n'));
    this.write(new Uint8Array([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  }

  /** Writes and forgets every object of the context except the ones kept back. */
  flush(context: PDFContext, keep: readonly PDFRef[]): void {
    const kept = new Set(keep.map((r) => r.objectNumber));
    for (const [ref, object] of context.enumerateIndirectObjects()) {
      if (kept.has(ref.objectNumber)) continue;
      this.writeObject(ref, object);
      context.delete(ref);
    }
  }

  /** Writes the remaining objects, the cross-reference table and the trailer, and closes the file. */
  finish(context: PDFContext): void {
    this.flush(context, []);
    const size = context.largestObjectNumber + 1;
    // Numbers pdf-lib reserved but never filled become null objects, so the table has no holes.
    for (let n = 1; n < size; n += 1) if (!this.offsets.has(n)) this.writeRaw(`${n} 0 obj\nnull\nendobj\n`, n);
    const xrefAt = this.position;
    let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let n = 1; n < size; n += 1) table += `${String(this.offsets.get(n)).padStart(10, '0')} 00000 n \n`;
    this.write(encoder.encode(table));
    const { Root, Info } = context.trailerInfo;
    const id = PDFHexString.of(randomBytes(16).toString('hex'));
    const trailer = context.obj({ Size: PDFNumber.of(size), Root: Root as PDFObject, ...(Info ? { Info: Info as PDFObject } : {}) });
    trailer.set(PDFName.of('ID'), context.obj([id, id]));
    this.write(encoder.encode('trailer\n'));
    this.write(bytesOf(trailer));
    this.write(encoder.encode(`\nstartxref\n${xrefAt}\n%%EOF\n`));
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.drain();
    } finally {
      closeSync(this.fd);
    }
  }

  get bytesWritten(): number {
    return this.position;
  }

  private writeObject(ref: PDFRef, object: PDFObject): void {
    this.offsets.set(ref.objectNumber, this.position);
    this.write(encoder.encode(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    if (object instanceof PDFStream) {
      // pdf-lib would copy a stream's bytes one by one into a buffer of the whole object; its bytes go out as they are.
      const contents = streamContents(object);
      object.dict.set(PDFName.of('Length'), PDFNumber.of(contents.length));
      this.write(bytesOf(object.dict));
      this.write(STREAM_START);
      this.write(contents);
      this.write(STREAM_END);
    } else {
      this.write(bytesOf(object));
    }
    this.write(encoder.encode('\nendobj\n'));
  }

  private writeRaw(text: string, objectNumber: number): void {
    this.offsets.set(objectNumber, this.position);
    this.write(encoder.encode(text));
  }

  /**
   * Small pieces (object headers, dictionaries, drawn pages) are gathered into one buffer and written together: a
   * volume has thousands of objects of a few writes each. Large ones (images, copied streams) go out as they are.
   */
  private write(bytes: Uint8Array): void {
    this.position += bytes.length;
    if (bytes.length >= DIRECT_WRITE) {
      this.drain();
      this.writeAll(bytes);
      return;
    }
    if (this.pending + bytes.length > this.buffer.length) this.drain();
    this.buffer.set(bytes, this.pending);
    this.pending += bytes.length;
  }

  private drain(): void {
    if (this.pending === 0) return;
    this.writeAll(this.buffer.subarray(0, this.pending));
    this.pending = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
  }
}

/**
 * The bytes of a stream as written. Streams pdf-lib compresses itself (the pages' drawing, font programs) are
 * compressed here with zlib instead of its JavaScript deflate, several times faster for the same Flate data.
 */
function streamContents(stream: PDFStream): Uint8Array {
  // `encode` is protected in pdf-lib's types: true when pdf-lib would deflate the stream on output.
  if (stream instanceof PDFFlateStream && Reflect.get(stream, 'encode') === true) return deflateSync(stream.getUnencodedContents());
  return stream.getContents();
}

/**
 * Makes the document deflate with zlib the streams pdf-lib compresses as soon as they are made (the font programs and
 * their ToUnicode maps, embedded in `finish`), instead of its JavaScript deflate.
 */
export function deflateWithZlib(context: PDFContext): void {
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
}

function bytesOf(object: PDFObject): Uint8Array {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return buffer;
}
