import { sql } from 'kysely';
import type { HubMigration } from './migration.js';

/**
 * Where each 件 is printed in its package's binder volumes, as the package says (a JSON list of volume entry, first
 * PDF page and pages), so a matrix cell opens the item's pages; NULL for a package made before packages carried it.
 * On PostgreSQL, tsvectors are stored uncompressed also in hubs made before version 1 stored them so.
 */
export const hubMigration002: HubMigration = {
  version: 2,
  name: 'binder-pages',
  async up(tx, dialect) {
    await tx.schema.alterTable('records').addColumn('binder', 'text').execute();
    if (dialect === 'postgres') await sql`ALTER TABLE record_search ALTER COLUMN tsv SET STORAGE EXTERNAL`.execute(tx);
  },
};
