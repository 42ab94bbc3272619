import type { FileKind } from '../../../shared/api/records.js';
import { nowIso } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import { all, one, run, value, values } from '../store/sql.js';

/** A row of `blobs`: what was learnt from one distinct content. */
export interface BlobMeta {
  sha256: string;
  size: number;
  mime: string;
  kind: FileKind;
  ext: string;
  pages: number | null;
  width: number | null;
  height: number | null;
  exifDate: string | null;
  orientation: number | null;
  camera: string | null;
  text: string;
  binderNote: string | null;
  /** The document's own title from its metadata, as written. */
  docTitle: string | null;
  /** EXIF Artist of a photo. */
  artist: string | null;
  /** A PDF's pages with an empty text layer (what OCR reads); null for other kinds, or a PDF nobody has looked at yet. */
  textlessPages: number[] | null;
}

export function readBlob(db: Db, sha256: string): BlobMeta | null {
  const row = one<Omit<BlobMeta, 'textlessPages'> & { textless: string | null }>(
    db,
    `SELECT sha256, size, mime, kind, ext, pages, width, height, exif_date AS exifDate, orientation, camera, text,
            binder_note AS binderNote, doc_title AS docTitle, artist, textless_pages AS textless FROM blobs WHERE sha256 = ?`,
    sha256,
  );
  if (!row) return null;
  const { textless, ...blob } = row;
  return { ...blob, textlessPages: textless === null ? null : (JSON.parse(textless) as number[]) };
}

/** Inserts the blob row if this content is new to the database (call inside the record transaction). */
export function insertBlob(db: Db, blob: BlobMeta): void {
  run(
    db,
    `INSERT OR IGNORE INTO blobs(sha256, size, mime, kind, ext, pages, width, height, exif_date, orientation, camera, text, binder_note,
                                 doc_title, artist, textless_pages, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    blob.sha256, blob.size, blob.mime, blob.kind, blob.ext, blob.pages, blob.width, blob.height, blob.exifDate, blob.orientation,
    blob.camera, blob.text, blob.binderNote, blob.docTitle, blob.artist, blob.textlessPages === null ? null : JSON.stringify(blob.textlessPages), nowIso(),
  );
}

/** Records which pages of a PDF stored before they were looked at have an empty text layer. */
export function setTextlessPages(db: Db, sha256: string, pages: readonly number[]): void {
  run(db, 'UPDATE blobs SET textless_pages = ? WHERE sha256 = ?', JSON.stringify(pages), sha256);
}

/** Whether any record (in use or in the trash) still holds this content. */
export function isBlobReferenced(db: Db, sha256: string): boolean {
  return value<number>(db, 'SELECT 1 FROM record_files WHERE sha256 = ? LIMIT 1', sha256) !== undefined;
}

/** Whether the database still lists this content (another process may have removed it meanwhile). */
export function isBlobListed(db: Db, sha256: string): boolean {
  return value<number>(db, 'SELECT 1 FROM blobs WHERE sha256 = ?', sha256) !== undefined;
}

/** Every stored content's SHA-256, in order. */
export function storedHashes(db: Db): string[] {
  return values<string>(db, 'SELECT sha256 FROM blobs ORDER BY sha256');
}

export interface StoredBlob {
  sha256: string;
  size: number;
  kind: FileKind;
  mime: string;
}

/** Every stored content with what a check needs of it, in SHA-256 order; `kind` narrows to one kind. */
export function storedBlobs(db: Db, kind: FileKind | null = null): StoredBlob[] {
  return all<StoredBlob>(db, 'SELECT sha256, size, kind, mime FROM blobs WHERE @kind IS NULL OR kind = @kind ORDER BY sha256', { kind });
}
