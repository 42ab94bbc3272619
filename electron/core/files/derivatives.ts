import { promises as fs } from 'node:fs';
import type { FileStore } from '../store/file-store.js';
import { heicToJpeg, makeDerivatives, type ImageDerivatives } from './image.js';

/** The thumbnail and print JPEG of a stored photo, decoded from its bytes in the store (HEIC converted first). */
export async function deriveFromBlob(store: FileStore, sha256: string, mime: string): Promise<ImageDerivatives> {
  const original = await fs.readFile(store.blobPath(sha256));
  return makeDerivatives(mime === 'image/heic' ? await heicToJpeg(original) : original);
}

/** Writes both derivatives atomically (import, check --repair, a binder finding one missing). */
export async function writeDerivatives(store: FileStore, sha256: string, made: ImageDerivatives): Promise<void> {
  await store.writeAtomic(store.derivativePath(sha256, 'thumb'), made.thumb);
  await store.writeAtomic(store.derivativePath(sha256, 'print'), made.print);
}

/** Makes the derivatives of a stored photo unless both exist: they are made once per content. */
export async function ensureDerivatives(store: FileStore, sha256: string, mime: string, made: ImageDerivatives | null = null): Promise<void> {
  const present = await Promise.all(
    (['thumb', 'print'] as const).map((kind) => fs.access(store.derivativePath(sha256, kind)).then(() => true, () => false)),
  );
  if (present.every(Boolean)) return;
  await writeDerivatives(store, sha256, made ?? (await deriveFromBlob(store, sha256, mime)));
}
