import type { DomainHandlers } from '../handler-types.js';
import { listEditions, listItems, resolveEdition } from './editions.js';
import { exportEdition } from './export-table.js';
import { importIndexTable } from './import.js';
import { listMappings, mapItemCodes } from './mapping.js';
import { updateItem } from './update-item.js';

export const indexHandlers: DomainHandlers<
  'index.editions' | 'index.list' | 'index.import' | 'index.export' | 'index.updateItem' | 'index.map' | 'index.mappings'
> = (archive) => ({
  'index.editions': () => listEditions(archive.db),
  'index.list': ({ edition, year }) => listItems(archive.db, resolveEdition(archive.db, { edition, year })),
  'index.import': ({ file, name, year }) => importIndexTable(archive, { file, name, year }),
  'index.export': ({ edition, out }) => exportEdition(archive.db, resolveEdition(archive.db, { edition }), out),
  'index.updateItem': (patch) => updateItem(archive.db, patch),
  'index.map': (args) => mapItemCodes(archive.db, args),
  'index.mappings': ({ edition }) => listMappings(archive.db, edition),
});
