import { hubMigration001 } from './001-initial.js';
import { hubMigration002 } from './002-binder-pages.js';
import type { HubMigration } from './migration.js';

export const HUB_MIGRATIONS: readonly HubMigration[] = [hubMigration001, hubMigration002];
