import { z } from 'zod';
import { COMPLETENESS, type Completeness } from './status.js';
import { yearSchema } from './schemas.js';

/**
 * What the 街道/区 hub answers: the matrix of communities × 测评标准, cross-community search, a community's
 * package history. The CLI prints these as JSON (`taizhang hub matrix|search --json`) and the hub's pages show them.
 */

export interface HubMatrixCell {
  communityId: number;
  unit: string;
  code: string;
  status: Completeness;
  /** The community uses another edition of the index: its items were mapped into this one. */
  mapped: boolean;
}

type StatusCounts = Record<Completeness, number>;

export interface HubMatrix {
  year: number;
  /** The edition whose 测评标准 are the columns; null when no community has a package for the year. */
  edition: { key: string; name: string } | null;
  communities: { id: number; unit: string; fonds: string; street: string; packageId: number; edition: string }[];
  items: { code: string; title: string; top: { code: string; title: string }; unit: string }[];
  /** Every 测评项目 of the edition, whatever the filter: the choices of the 测评项目 filter. */
  tops: { code: string; title: string }[];
  /** The 街道 with packages for the year in view, whatever the filter: the choices of the 街道 filter. */
  streets: string[];
  cells: HubMatrixCell[];
  totals: { byCommunity: ({ communityId: number } & StatusCounts)[]; byItem: ({ code: string } & StatusCounts)[] };
}

export const hubMatrixFilterSchema = z
  .object({
    /** 测评项目 (top-level code). */
    top: z.string().trim().max(64).optional(),
    /** 责任单位 (part of). */
    unit: z.string().trim().max(100).optional(),
    status: z.enum(COMPLETENESS).optional(),
    /** One 街道's communities (by name). */
    street: z.string().trim().max(100).optional(),
    /** One community's row only (its cells placed as in the whole matrix: the columns are still the year's edition). */
    community: z.number().int().positive().optional(),
  })
  .strict();
export type HubMatrixFilter = z.infer<typeof hubMatrixFilterSchema>;

export interface HubSearchHit {
  id: number;
  communityId: number;
  unit: string;
  title: string;
  year: number;
  type: string;
  date: string | null;
  archivalCode: string | null;
}

export interface HubSearchResult {
  /** Matches, counted up to a cap (SEARCH_COUNT_CAP in the hub): with `totalCapped` there are more than this. */
  total: number;
  totalCapped: boolean;
  results: HubSearchHit[];
}

export const hubSearchSchema = z
  .object({
    q: z.string().max(200),
    year: yearSchema.optional(),
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export interface HubPackageInfo {
  id: number;
  year: number;
  contentHash: string;
  createdAt: string;
  importedAt: string;
  records: number;
  files: number;
  bytes: number;
  current: boolean;
  source: string;
}

/** What changed from one submission to the next: records matched by 档号 (or by their id in the archive). */
export interface HubPackageDiff {
  from: number;
  to: number;
  added: { title: string; archivalCode: string | null }[];
  removed: { title: string; archivalCode: string | null }[];
  changed: { title: string; archivalCode: string | null; what: string[] }[];
  statusChanges: { code: string; before: string; after: string }[];
}
