import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /**
   * What the version changes, run inside the migration transaction: SQL, or a function for a data migration that
   * must read what is there before it writes.
   */
  up: string | ((db: Database.Database) => void);
}
