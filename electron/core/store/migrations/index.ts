import { migration001 } from './001-initial.js';
import type { Migration } from './types.js';

/** Every schema version in order. Add a file per version; never edit a released one. */
export const migrations: readonly Migration[] = [migration001];
export const LATEST_SCHEMA_VERSION = migrations.length;
export type { Migration };
