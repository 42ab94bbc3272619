import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TaizhangError } from '../../shared/errors.js';
import type { Archive } from '../core/store/archive-folder.js';
import { one } from '../core/store/sql.js';

/**
 * File previews for the window, confined to the archive's own content-addressed files. The only accepted request
 * is "<sha256>[/file|/thumb|/print]" exactly as written: no decoding happens first, so "..", absolute paths,
 * backslashes and percent-encoded traversal never match. The hash must be a blob the database knows, and the
 * resolved file must really lie under files/ or derived/ (a symlink planted there cannot point outside).
 * Both the Electron protocol handler and the HTTP bridge call this one function.
 */

export const PREVIEW_VARIANTS = ['file', 'thumb', 'print'] as const;
export type PreviewVariant = (typeof PREVIEW_VARIANTS)[number];

const PREVIEW_PATH = /^\/?([0-9a-f]{64})(?:\/(file|thumb|print))?$/;

/** Types a window may display. Anything else (HTML, SVG, office files) could run script or confuse the viewer. */
const DISPLAYABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf']);
const DERIVATIVE_MIME = 'image/jpeg';

export interface PreviewTarget {
  file: string;
  mime: string;
}

export function parsePreviewPath(raw: string): { sha256: string; variant: PreviewVariant } | null {
  const m = PREVIEW_PATH.exec(raw);
  if (!m) return null;
  return { sha256: m[1] as string, variant: (m[2] as PreviewVariant | undefined) ?? 'file' };
}

export async function resolvePreview(archive: Archive, raw: string): Promise<PreviewTarget> {
  const parsed = parsePreviewPath(raw);
  if (!parsed) throw new TaizhangError('invalid_input', '预览地址无效 / Invalid preview path');
  const { sha256, variant } = parsed;
  const blob = one<{ mime: string }>(archive.db, 'SELECT mime FROM blobs WHERE sha256 = ?', sha256);
  if (!blob) throw new TaizhangError('not_found', '档案中没有这个文件 / No such file in the archive');

  const candidates: PreviewTarget[] = [];
  if (variant !== 'file') {
    candidates.push({ file: archive.files.derivativePath(sha256, variant), mime: DERIVATIVE_MIME });
    if (variant === 'thumb') candidates.push({ file: archive.files.derivativePath(sha256, 'print'), mime: DERIVATIVE_MIME });
  }
  const original = { file: archive.files.blobPath(sha256), mime: blob.mime };
  // A thumbnail of a photo may fall back to the photo itself; a PDF's thumbnail must be a derivative.
  if (variant === 'file' || blob.mime.startsWith('image/')) candidates.push(original);

  for (const candidate of candidates) {
    if (!DISPLAYABLE.has(candidate.mime)) continue;
    const real = await realpathOrNull(candidate.file);
    if (real && (await isInside(real, [archive.files.root, archive.files.derivedRoot]))) return { file: real, mime: candidate.mime };
  }
  if (variant === 'file' && !DISPLAYABLE.has(blob.mime)) {
    throw new TaizhangError('bad_file', '此类文件不能在窗口中预览 / This kind of file cannot be previewed');
  }
  throw new TaizhangError('not_found', '没有可显示的预览 / No preview available');
}

/** Response headers for a preview: never sniffed, never scripted, cached forever (the name is the content hash). */
export function previewHeaders(mime: string): Record<string, string> {
  return {
    'Content-Type': mime,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=31536000, immutable',
    // PDFs need the built-in viewer, which a sandboxed document cannot load; images need nothing at all.
    'Content-Security-Policy': mime === 'application/pdf' ? "default-src 'none'; object-src 'self'" : "default-src 'none'; sandbox",
  };
}

async function realpathOrNull(file: string): Promise<string | null> {
  try {
    return await fs.realpath(file);
  } catch {
    return null;
  }
}

async function isInside(file: string, roots: string[]): Promise<boolean> {
  for (const root of roots) {
    const realRoot = await realpathOrNull(root);
    if (realRoot && file.startsWith(realRoot + path.sep)) return true;
  }
  return false;
}
