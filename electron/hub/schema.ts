import type { Generated } from 'kysely';

/**
 * The hub's tables, one declaration for both SQLite and PostgreSQL (Kysely builds each dialect's SQL from it). Ids
 * are integers; times are ISO strings; JSON lists are text. Only the full-text index differs per dialect
 * (search-index.ts).
 */
export interface HubTables {
  hub_meta: { key: string; value: string };
  streets: { id: Generated<number>; name: string };
  communities: { id: Generated<number>; archive_id: string | null; unit: string; fonds: string; street_id: number | null; created_at: string };
  packages: {
    id: Generated<number>;
    community_id: number;
    year: number;
    content_hash: string;
    created_at: string;
    imported_at: string;
    bytes: number;
    records: number;
    files: number;
    edition_key: string;
    /** 1 for the community's newest package of the year; older ones are kept as history. */
    current: number;
    source: string;
  };
  editions: { key: string; name: string };
  items: { edition_key: string; code: string; title: string; level: number; parent: string | null; method: string; unit: string; position: number };
  item_map: { from_edition: string; from_code: string; to_edition: string; to_code: string; kind: string };
  statuses: { package_id: number; code: string; status: string; reason: string; records: number };
  records: {
    id: Generated<number>;
    package_id: number;
    community_id: number;
    year: number;
    local_id: number;
    title: string;
    type: string;
    date: string | null;
    doc_no: string;
    author: string;
    archival_code: string | null;
    activity: string | null;
    items: string;
    current: number;
    /** JSON list of where the 件 is printed ({ document, page, pages }); null when its package did not say. */
    binder: string | null;
  };
  record_files: { record_id: number; position: number; name: string; sha256: string; size: number; mime: string };
  documents: { package_id: number; kind: string; path: string; title: string; sha256: string };
  blobs: { sha256: string; size: number };
  /** The full-text index (search-index.ts), as queried: SQLite's FTS5 table keys a record by rowid, PostgreSQL's by record_id. */
  record_search: { rowid: number; record_id: number };
  users: { id: Generated<number>; name: string; password: string; role: string; street_id: number | null; created_at: string };
  sessions: { token: string; user_id: number; csrf: string; expires_at: string };
  upload_tokens: { token: string; community_id: number; created_at: string };
  audit: { id: Generated<number>; at: string; actor: string; action: string; detail: string };
}

export type HubRole = 'district' | 'street';
