import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { findItem, resolveEdition } from '../../electron/core/index/editions.js';
import { reindexRecords } from '../../electron/core/search/indexer.js';
import { nowIso, type Archive } from '../../electron/core/store/archive.js';

/** A small real PDF of `pages` pages whose text carries `label`, so every file has distinct bytes. */
export async function makePdf(file: string, label: string, pages = 1): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`${label} p${i + 1}`, { x: 50, y: 780, size: 14, font });
  writeFileSync(file, await doc.save());
  return file;
}

/** A small real JPEG with a colour derived from `seed`. */
export async function makeJpeg(file: string, seed: number, width = 64, height = 48): Promise<string> {
  const jpeg = await sharp({ create: { width, height, channels: 3, background: { r: seed % 256, g: (seed * 7) % 256, b: (seed * 13) % 256 } } })
    .jpeg()
    .toBuffer();
  writeFileSync(file, jpeg);
  return file;
}

export interface SeedRecord {
  year: number;
  item: string;
  title: string;
  files: string[];
  type?: string;
  date?: string;
}

/**
 * Files records the way the records module does (blob stored first, then one transaction with the rows and the
 * search index), for fixtures that must not depend on the import pipeline's own choices.
 */
export async function seedRecord(archive: Archive, rec: SeedRecord): Promise<number> {
  const stored: { sha256: string; size: number; name: string }[] = [];
  for (const file of rec.files) stored.push({ ...(await archive.files.put(file)), name: path.basename(file) });
  const db = archive.db;
  return db.transaction(() => {
    const edition = resolveEdition(db, {});
    db.prepare('INSERT OR IGNORE INTO years(year, edition_id) VALUES (?, ?)').run(rec.year, edition);
    const now = nowIso();
    const id = Number(
      db
        .prepare('INSERT INTO records(year, title, type, date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(rec.year, rec.title, rec.type ?? '其他', rec.date ?? null, now, now).lastInsertRowid,
    );
    db.prepare('INSERT INTO record_items(record_id, item_id) VALUES (?, ?)').run(id, findItem(db, edition, rec.item).id);
    stored.forEach((s, i) => {
      const kind = s.name.endsWith('.pdf') ? 'pdf' : 'image';
      db.prepare('INSERT OR IGNORE INTO blobs(sha256, size, mime, kind, ext, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        s.sha256, s.size, kind === 'pdf' ? 'application/pdf' : 'image/jpeg', kind, path.extname(s.name), now,
      );
      db.prepare('INSERT INTO record_files(record_id, sha256, name, position) VALUES (?, ?, ?, ?)').run(id, s.sha256, s.name, i);
    });
    reindexRecords(db, [id]);
    return id;
  })();
}
