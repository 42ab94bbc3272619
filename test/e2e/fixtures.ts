import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { promises as fs } from 'node:fs';
import type { Archive } from '../../electron/core/store/archive.js';

/** A real PNG photo with a solid colour. */
export async function pngFile(dir: string, name = 'photo.png', colour = '#b4232b'): Promise<string> {
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await sharp({ create: { width: 640, height: 480, channels: 3, background: colour } }).png().toFile(file);
  return file;
}

/** A real JPEG photo; a different colour gives different content (imports dedupe by hash). */
export async function jpegFile(dir: string, name: string, colour: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } }).jpeg({ quality: 80 }).toFile(file);
  return file;
}

/** A real one- or more-page PDF with a Latin text layer. */
export async function pdfFile(dir: string, name: string, pages = 1, text = 'Taizhang test document'): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i += 1) doc.addPage([595, 842]).drawText(`${text} ${i + 1}`, { x: 72, y: 760, size: 18, font });
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, await doc.save());
  return file;
}

/** Registers real bytes as a blob of the archive, as an import would, without a record. */
export async function storeBlob(archive: Archive, file: string, mime: string, kind: string): Promise<string> {
  const { sha256, size } = await archive.files.put(file);
  archive.db
    .prepare('INSERT OR IGNORE INTO blobs(sha256, size, mime, kind, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(sha256, size, mime, kind, new Date().toISOString());
  return sha256;
}
