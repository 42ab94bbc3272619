import pkg from '../../../package.json' with { type: 'json' };
import { z } from 'zod';

/** Identifies a Taizhang backup; restore refuses any zip whose manifest does not carry it. */
export const BACKUP_FORMAT = 'taizhang-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const DATABASE_ENTRY = 'archive.db';

const SHA = '[0-9a-f]{64}';
/** The only names a backup may hold: the snapshot, the manifest, stored files and (optionally) their derivatives. */
const ENTRY_NAME = new RegExp(`^(?:${MANIFEST_ENTRY.replace('.', '\\.')}|${DATABASE_ENTRY.replace('.', '\\.')}|files/[0-9a-f]{2}/${SHA}|derived/[0-9a-f]{2}/${SHA}\\.(?:thumb|print)\\.jpg)$`);

export function isBackupEntryName(name: string): boolean {
  const m = ENTRY_NAME.exec(name);
  if (!m) return false;
  // files/ab/<sha> must sit in the folder named after its first two hex digits.
  const parts = name.split('/');
  return parts.length !== 3 || (parts[2] ?? '').startsWith(parts[1] ?? '');
}

export const manifestEntrySchema = z
  .object({
    path: z.string().refine(isBackupEntryName),
    sha256: z.string().regex(new RegExp(`^${SHA}$`)),
    size: z.number().int().nonnegative(),
  })
  .strict();

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  app: z.object({ name: z.string(), version: z.string() }),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.string(),
  unit: z.string(),
  counts: z.object({ records: z.number().int().nonnegative(), files: z.number().int().nonnegative(), derivatives: z.number().int().nonnegative() }),
  entries: z.array(manifestEntrySchema),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/** The running Taizhang's version, recorded in each backup so a restore can say where a backup came from. */
export const APP_VERSION: string = pkg.version;
