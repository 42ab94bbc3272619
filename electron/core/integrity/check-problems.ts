import type { CheckProblem as SharedCheckProblem } from '../../../shared/api/integrity.js';

/**
 * What `check` can find. "error" means something is lost, wrong or out of step and the archive is not ok until it is
 * repaired; "warning" means leftovers that lose nothing (a file no record uses, a temp file after a crash).
 */
export type ProblemKind =
  | 'database_corrupt'
  | 'foreign_key'
  | 'missing_file'
  | 'hash_mismatch'
  | 'record_without_files'
  | 'missing_derivative'
  | 'search_index'
  | 'orphan_file'
  | 'orphan_derivative'
  | 'unknown_file'
  | 'temp_file'
  /** A repair stopped before moving more files to quarantine than a few: the database is likely what is wrong. */
  | 'too_many_leftovers';

export type Severity = SharedCheckProblem['severity'];

export interface CheckProblem extends SharedCheckProblem {
  kind: ProblemKind;
}

const SEVERITY: Record<ProblemKind, Severity> = {
  database_corrupt: 'error',
  foreign_key: 'error',
  missing_file: 'error',
  hash_mismatch: 'error',
  record_without_files: 'error',
  missing_derivative: 'error',
  search_index: 'error',
  orphan_file: 'warning',
  orphan_derivative: 'warning',
  unknown_file: 'warning',
  temp_file: 'warning',
  too_many_leftovers: 'error',
};

const REPAIRABLE = new Set<ProblemKind>(['missing_derivative', 'search_index', 'orphan_file', 'orphan_derivative', 'unknown_file', 'temp_file']);

export function problem(kind: ProblemKind, message: string, extra: Record<string, unknown> = {}): CheckProblem {
  return { kind, message, severity: SEVERITY[kind], repairable: REPAIRABLE.has(kind), ...extra };
}

/** "1,204" */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
