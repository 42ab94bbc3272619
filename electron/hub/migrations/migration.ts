import type { Dialect, HubTx } from '../db.js';

/** One version of the hub's schema, written once for both databases through Kysely (dialect only where they differ). */
export interface HubMigration {
  version: number;
  name: string;
  up(tx: HubTx, dialect: Dialect): Promise<void>;
}
