/** What the CLI drives: loaded only when a hub command runs, so desktop commands never load Fastify, pg or Kysely. */
export { addUploadToken, addUser, WHOLE_HUB } from './accounts.js';
export { openHub, sweepOrphans, type Hub } from './db.js';
export { summaryWorkbook } from './exports.js';
export { importPackage } from './package-import.js';
export { hubMatrix } from './matrix.js';
export { hubSearch } from './cross-search.js';
export { startHubServer } from './hub-server.js';
