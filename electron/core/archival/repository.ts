import type { RetentionPeriod } from '../../../shared/domain/record.js';
import type { Db } from '../store/database.js';
import { all, one, run, value } from '../store/sql.js';

/** A volume as stored: one class (年度 + 保管期限 + 问题) of one year. */
export interface VolumeRow {
  id: number;
  year: number;
  volume_no: number;
  retention: RetentionPeriod;
  problem: string;
  item_id: number | null;
  item_code: string;
  item_title: string;
  archival_code: string;
  archived_on: string;
}

export interface NumberRow {
  id: number;
  record_id: number | null;
  volume_id: number;
  piece: number;
  archival_code: string;
  item_id: number | null;
  archived_on: string;
  withdrawn_on: string | null;
  withdraw_reason: string | null;
}

export function volumesOfYear(db: Db, year: number): VolumeRow[] {
  return all<VolumeRow>(db, 'SELECT * FROM volumes WHERE year = ? ORDER BY volume_no', year);
}

export function insertVolume(db: Db, v: Omit<VolumeRow, 'id'>): number {
  return Number(
    run(
      db,
      `INSERT INTO volumes(year, volume_no, retention, problem, item_id, item_code, item_title, archival_code, archived_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      v.year, v.volume_no, v.retention, v.problem, v.item_id, v.item_code, v.item_title, v.archival_code, v.archived_on,
    ).lastInsertRowid,
  );
}

/** The highest 件号 ever given in the volume, withdrawn ones included: those are never given again. */
export function lastPiece(db: Db, volumeId: number): number {
  return value<number>(db, 'SELECT coalesce(max(piece), 0) FROM archival_numbers WHERE volume_id = ?', volumeId) ?? 0;
}

export function lastVolumeNo(db: Db, year: number): number {
  return value<number>(db, 'SELECT coalesce(max(volume_no), 0) FROM volumes WHERE year = ?', year) ?? 0;
}

export function insertNumber(db: Db, n: Omit<NumberRow, 'id' | 'withdrawn_on' | 'withdraw_reason'>): void {
  run(
    db,
    'INSERT INTO archival_numbers(record_id, volume_id, piece, archival_code, item_id, archived_on) VALUES (?, ?, ?, ?, ?, ?)',
    n.record_id, n.volume_id, n.piece, n.archival_code, n.item_id, n.archived_on,
  );
}

/** The number a record holds itself (not through a carried-over original), if any. */
export function ownNumber(db: Db, recordId: number): (NumberRow & { volume_no: number }) | undefined {
  return one(
    db,
    `SELECT n.*, v.volume_no FROM archival_numbers n JOIN volumes v ON v.id = n.volume_id
     WHERE n.record_id = ? AND n.withdrawn_on IS NULL`,
    recordId,
  );
}

export function markWithdrawn(db: Db, numberId: number, reason: string, on: string): void {
  run(db, 'UPDATE archival_numbers SET withdrawn_on = ?, withdraw_reason = ? WHERE id = ?', on, reason, numberId);
}

/** Live and withdrawn numbers of a year's volumes, in volume then 件号 order. */
export function numbersOfYear(db: Db, year: number): (NumberRow & { volume_no: number })[] {
  return all(
    db,
    `SELECT n.*, v.volume_no FROM archival_numbers n JOIN volumes v ON v.id = n.volume_id
     WHERE v.year = ? ORDER BY v.volume_no, n.piece`,
    year,
  );
}
