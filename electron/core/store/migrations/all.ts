import { migration001 } from './001-initial.js';
import { migration005 } from './005-checklist-notes.js';
import { migration006 } from './006-archival-identity.js';
import { migration007 } from './007-ocr.js';
import { migration008 } from './008-inbox-and-filing.js';
import { migration009 } from './009-checklist-not-applicable.js';
import { migration010 } from './010-textless-pages.js';
import type { Migration } from './migration.js';

/**
 * Every schema version in ascending order. Add one file per version; never edit a released one.
 * Versions 2–4 do not exist: they were numbers held for schema work that went into 001 before the first release, so
 * no archive was ever written at them and there is nothing to migrate from. Numbers only ever go up.
 */
export const migrations: readonly Migration[] = [migration001, migration005, migration006, migration007, migration008, migration009, migration010].sort(
  (a, b) => a.version - b.version,
);
export const LATEST_SCHEMA_VERSION = Math.max(...migrations.map((m) => m.version));
export type { Migration };
