/**
 * Real files for tests, generated on the spot: PDFs with a text layer, encrypted and truncated PDFs, photos with EXIF
 * orientation and dates, CMYK JPEGs, transparent PNGs, a Word document, a PNG that declares a gigantic canvas.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import yazl from 'yazl';

function ensureDir(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/**
 * A PDF with `pages` pages, each carrying a line of Latin text (pdf-lib's standard fonts have no Chinese). The same
 * options give the same bytes (no creation date), so content-addressed imports see them as one file whenever made.
 */
export async function makePdf(file: string, options: { pages?: number; text?: string; title?: string } = {}): Promise<string> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  if (options.title !== undefined) doc.setTitle(options.title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= (options.pages ?? 1); n += 1) {
    doc.addPage([595, 842]).drawText(`${options.text ?? 'Volunteer service plan'} page ${n}`, { x: 50, y: 780, size: 14, font });
  }
  writeFileSync(ensureDir(file), await doc.save());
  return file;
}

/** Writes a PDF from its objects' text as given (object n is `objects[n - 1]`, the catalog first), with a plain xref. */
export function writeRawPdf(file: string, objects: readonly string[]): string {
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  writeFileSync(ensureDir(file), body);
  return file;
}

/** A PDF encrypted with a user password (qpdf, AES-256), which readers cannot open without the password. */
export async function makeEncryptedPdf(file: string): Promise<string> {
  const plain = `${file}.plain.pdf`;
  await makePdf(plain, { pages: 2 });
  execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, ensureDir(file)]);
  return file;
}

/** The first 60 % of a PDF, as a broken download leaves it. */
export async function makeTruncatedPdf(file: string): Promise<string> {
  await makePdf(file, { pages: 3 });
  const bytes = readFileSync(file);
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  return file;
}

export interface PhotoOptions {
  width?: number;
  height?: number;
  colour?: string;
  orientation?: number;
  /** EXIF DateTimeOriginal, "2024:03:05 09:30:00". */
  taken?: string;
  camera?: { make: string; model: string };
  /** EXIF Artist, who took the photo (written by exiftool: sharp writes ASCII only). */
  artist?: string;
}

/** A solid-colour PNG photo. */
export async function makePng(file: string, colour = '#b4232b'): Promise<string> {
  await sharp({ create: { width: 640, height: 480, channels: 3, background: colour } }).png().toFile(ensureDir(file));
  return file;
}

/** A JPEG photo, optionally with EXIF orientation, date and camera. */
export async function makeJpeg(file: string, o: PhotoOptions = {}): Promise<string> {
  let image = sharp({ create: { width: o.width ?? 400, height: o.height ?? 200, channels: 3, background: o.colour ?? '#c03030' } }).jpeg();
  if (o.orientation) image = image.withMetadata({ orientation: o.orientation });
  if (o.taken || o.camera) {
    image = image.withExif({
      IFD0: o.camera ? { Make: o.camera.make, Model: o.camera.model } : {},
      IFD2: o.taken ? { DateTimeOriginal: o.taken } : {},
    });
  }
  await image.toFile(ensureDir(file));
  if (o.artist) execFileSync('exiftool', ['-q', '-overwrite_original', '-charset', 'exif=utf8', `-Artist=${o.artist}`, file]);
  return file;
}

/** A landscape JPEG whose left half is red and right half blue, to see which way a rotation went. */
export async function makeTwoToneJpeg(file: string, orientation: number): Promise<string> {
  const left = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#ff0000' } }).png().toBuffer();
  await sharp({ create: { width: 400, height: 200, channels: 3, background: '#0000ff' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg({ quality: 95 })
    .withMetadata({ orientation })
    .toFile(ensureDir(file));
  return file;
}

export async function makeCmykJpeg(file: string, colour = '#ff0000'): Promise<string> {
  await sharp({ create: { width: 300, height: 200, channels: 3, background: colour } }).toColourspace('cmyk').jpeg().toFile(ensureDir(file));
  return file;
}

/** A PNG that is fully transparent except a black square in the middle. */
export async function makeTransparentPng(file: string): Promise<string> {
  const square = await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
  await sharp({ create: { width: 200, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: square, left: 75, top: 75 }])
    .png()
    .toFile(ensureDir(file));
  return file;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny, valid-looking PNG whose header declares width × height pixels: a decompression bomb. */
export function makePngBomb(file: string, width = 100_000, height = 100_000): string {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = deflateSync(Buffer.alloc(64 * 1024));
  writeFileSync(ensureDir(file), Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]));
  return file;
}

/** A minimal Word document (the parts Word and mammoth need), with one paragraph per line and, if given, a core title. */
export function makeDocx(file: string, lines: string[], pages = 1, title?: string): Promise<string> {
  const escape = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const zip = new yazl.ZipFile();
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        (title !== undefined ? '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' : '') +
        '</Types>',
    ),
    '[Content_Types].xml',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
    ),
    '_rels/.rels',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
        lines.map((l) => `<w:p><w:r><w:t>${escape(l)}</w:t></w:r></w:p>`).join('') +
        '</w:body></w:document>',
    ),
    'word/document.xml',
  );
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Pages>${pages}</Pages></Properties>`,
    ),
    'docProps/app.xml',
  );
  if (title !== undefined) {
    zip.addBuffer(
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
          `xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escape(title)}</dc:title></cp:coreProperties>`,
      ),
      'docProps/core.xml',
    );
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => {
      writeFileSync(ensureDir(file), Buffer.concat(chunks));
      resolve(file);
    });
    zip.outputStream.on('error', reject);
  });
}

/** An OLE compound-document header, as Word 97–2003 and WPS files start; the file name makes the content unique. */
export function makeOleFile(file: string): string {
  const header = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  Buffer.from(path.basename(file)).copy(header, 512);
  writeFileSync(ensureDir(file), header);
  return file;
}

/**
 * A PDF of many pages as qpdf merges them: one flat page tree, the shape that made reading quadratic. Built from a
 * 100-page PDF repeated, so 10,000 pages take a second; page n reads "Long document page ((n-1) mod 100 + 1)".
 */
export async function makeLongPdf(file: string, pages: number): Promise<string> {
  const base = await makePdf(`${file}.base.pdf`, { pages: Math.min(100, pages), text: 'Long document' });
  const whole = Math.floor(pages / 100);
  const rest = pages % 100;
  const ranges = [...Array.from({ length: whole }, () => [base, '1-z']).flat(), ...(rest > 0 && whole > 0 ? [base, `1-${rest}`] : whole === 0 ? [base, '1-z'] : [])];
  execFileSync('qpdf', ['--empty', '--pages', ...ranges, '--', ensureDir(file)]);
  rmSync(base);
  return file;
}
