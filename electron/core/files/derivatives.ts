import { promises as fs } from 'node:fs';
import type { DerivativeKind, FileStore } from '../store/file-store.js';
import { heicToJpeg, makeDerivatives, type ImageDerivatives } from './image.js';

/** The thumbnail and print JPEG of a stored photo, decoded from its bytes in the store (HEIC converted first). */
export async function deriveFromBlob(store: FileStore, sha256: string, mime: string): Promise<ImageDerivatives> {
  return deriveFromFile(store.blobPath(sha256), mime);
}

/** The same from a file anywhere (a staged copy during an import). */
export async function deriveFromFile(file: string, mime: string): Promise<ImageDerivatives> {
  const original = await fs.readFile(file);
  return makeDerivatives(mime === 'image/heic' ? await heicToJpeg(original) : original);
}

/** Writes both derivatives atomically (import, check --repair, a binder finding one missing). */
export async function writeDerivatives(store: FileStore, sha256: string, made: ImageDerivatives): Promise<void> {
  await store.writeAtomic(store.derivativePath(sha256, 'thumb'), made.thumb);
  await store.writeAtomic(store.derivativePath(sha256, 'print'), made.print);
}

/** The derivatives of a content that are not on disk yet. */
export async function missingDerivatives(store: FileStore, sha256: string): Promise<DerivativeKind[]> {
  const kinds = ['thumb', 'print'] as const;
  const present = await Promise.all(kinds.map((kind) => fs.access(store.derivativePath(sha256, kind)).then(() => true, () => false)));
  return kinds.filter((_, i) => !present[i]);
}

/** Makes the derivatives of a stored photo unless both exist: they are made once per content. */
export async function ensureDerivatives(store: FileStore, sha256: string, mime: string, made: ImageDerivatives | null = null): Promise<void> {
  if ((await missingDerivatives(store, sha256)).length === 0) return;
  await writeDerivatives(store, sha256, made ?? (await deriveFromBlob(store, sha256, mime)));
}
