import { readFileSync } from 'node:fs';
import type { Db } from '../store/database.js';
import { resourcePath } from '../resources.js';
import { insertEdition, type EditionDraft } from './editions.js';

export const EXAMPLE_INDEX_FILE = 'example-index.json';

/** The built-in example index, honestly labelled as an example: every city issues its own table. */
export function readExampleIndex(): EditionDraft {
  const draft = JSON.parse(readFileSync(resourcePath(EXAMPLE_INDEX_FILE), 'utf8')) as EditionDraft;
  return { ...draft, isExample: true };
}

export function installExampleIndex(db: Db): { edition: number; items: number; levels: number } {
  return insertEdition(db, readExampleIndex());
}
