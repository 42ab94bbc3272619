import type { Db } from './database.js';
import { all, run, value } from './sql.js';

/**
 * The archive's key-value settings (unit, backups, OCR, the hub link…), one home for their SQL. Keys are named
 * `<domain>.<name>`, so a domain reads its own with `settingsWithPrefix`.
 */
export function readSetting(db: Db, key: string): string | undefined {
  return value<string>(db, 'SELECT value FROM settings WHERE key = ?', key);
}

export function writeSetting(db: Db, key: string, text: string): void {
  run(db, 'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, text);
}

export function deleteSetting(db: Db, key: string): void {
  run(db, 'DELETE FROM settings WHERE key = ?', key);
}

/** Every setting whose key starts with `prefix` (e.g. "backup."), by key. */
export function settingsWithPrefix(db: Db, prefix: string): Map<string, string> {
  const rows = all<{ key: string; value: string }>(db, "SELECT key, value FROM settings WHERE substr(key, 1, length(?)) = ?", prefix, prefix);
  return new Map(rows.map((r) => [r.key, r.value]));
}
