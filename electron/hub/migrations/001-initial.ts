import { createSearchIndex } from '../search-index.js';
import type { HubMigration } from './migration.js';

/** The hub's first tables: communities and their packages, the index editions, records, accounts and the audit log. */
export const hubMigration001: HubMigration = {
  version: 1,
  name: 'initial',
  async up(tx, dialect) {
    const id = dialect === 'postgres' ? 'serial' : 'integer';
    const s = tx.schema;
    await s.createTable('hub_meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
    await s.createTable('streets').addColumn('id', id, (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull().unique()).execute();
    await s
      .createTable('communities')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('archive_id', 'text', (c) => c.unique())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('fonds', 'text', (c) => c.notNull())
      .addColumn('street_id', 'integer', (c) => c.references('streets.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('packages')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addColumn('files', 'integer', (c) => c.notNull())
      .addColumn('edition_key', 'text', (c) => c.notNull())
      .addColumn('current', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('packages_current').on('packages').columns(['year', 'current', 'community_id']).execute();
    await s.createTable('editions').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).execute();
    await s
      .createTable('items')
      .addColumn('edition_key', 'text', (c) => c.notNull().references('editions.key'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('parent', 'text')
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('items_pk', ['edition_key', 'code'])
      .execute();
    await s
      .createTable('item_map')
      .addColumn('from_edition', 'text', (c) => c.notNull())
      .addColumn('from_code', 'text', (c) => c.notNull())
      .addColumn('to_edition', 'text', (c) => c.notNull())
      .addColumn('to_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('item_map_pk', ['from_edition', 'from_code', 'to_edition', 'to_code'])
      .execute();
    await s
      .createTable('statuses')
      .addColumn('package_id', 'integer', (c) => c.notNull().references('packages.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('statuses_pk', ['package_id', 'code'])
      .execute();
    await s
      .createTable('records')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('package_id', 'integer', (c) => c.notNull().references('packages.id'))
      .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('local_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('date', 'text')
      .addColumn('doc_no', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('archival_code', 'text')
      .addColumn('activity', 'text')
      .addColumn('items', 'text', (c) => c.notNull())
      .addColumn('current', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('records_package').on('records').columns(['package_id', 'local_id']).unique().execute();
    await s.createIndex('records_current').on('records').columns(['current', 'year', 'community_id']).execute();
    await s
      .createTable('record_files')
      .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_files_pk', ['record_id', 'position'])
      .execute();
    await s.createIndex('record_files_sha').on('record_files').column('sha256').execute();
    await s
      .createTable('documents')
      .addColumn('package_id', 'integer', (c) => c.notNull().references('packages.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('documents_pk', ['package_id', 'path'])
      .execute();
    await s.createTable('blobs').addColumn('sha256', 'text', (c) => c.primaryKey()).addColumn('size', 'bigint', (c) => c.notNull()).execute();
    await s
      .createTable('users')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('password', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('street_id', 'integer', (c) => c.references('streets.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('sessions')
      .addColumn('token', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('upload_tokens')
      .addColumn('token', 'text', (c) => c.primaryKey())
      .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('audit')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await createSearchIndex(tx, dialect);
  },
};
