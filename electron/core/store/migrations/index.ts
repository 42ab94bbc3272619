import { migration001 } from './001-initial.js';
import { migration005 } from './005-checklist-notes.js';
import type { Migration } from './types.js';

/** Every schema version in ascending order. Add one file per version; never edit a released one. */
export const migrations: readonly Migration[] = [migration001, migration005].sort((a, b) => a.version - b.version);
export const LATEST_SCHEMA_VERSION = Math.max(...migrations.map((m) => m.version));
export type { Migration };
