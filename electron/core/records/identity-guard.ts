import { TaizhangError } from '../../../shared/errors.js';
import type { Db } from '../store/database.js';
import { all, idList } from '../store/sql.js';

interface Moved {
  id: number;
  title: string;
  archival_code: string;
  trashed: number;
  other_year: number;
  other_retention: number;
  left_item: number;
}

/**
 * 件号 and 档号 never move: an archived record keeps the year, 保管期限 and index item it was numbered under, and
 * stays out of the trash, until a 撤销归档 takes its number back. Call at the end of every write that may change
 * those, inside its transaction; a change that breaks the rule is refused as a whole.
 */
export function assertIdentityKept(db: Db, recordIds: readonly number[]): void {
  if (recordIds.length === 0) return;
  const moved = all<Moved>(
    db,
    `SELECT r.id, r.title, n.archival_code,
            (r.deleted_at IS NOT NULL) AS trashed,
            (r.year <> v.year) AS other_year,
            (r.retention <> v.retention) AS other_retention,
            (n.item_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM record_items ri WHERE ri.record_id = r.id AND ri.item_id = n.item_id)) AS left_item
     FROM records r
     JOIN archival_numbers n ON n.record_id = r.id AND n.withdrawn_on IS NULL
     JOIN volumes v ON v.id = n.volume_id
     WHERE r.id IN (SELECT value FROM json_each(?))`,
    idList(recordIds),
  ).filter((m) => m.trashed || m.other_year || m.other_retention || m.left_item);
  if (moved.length === 0) return;
  const what = (m: Moved): string =>
    [m.trashed ? '移到回收站' : '', m.other_year ? '改年度' : '', m.other_retention ? '改保管期限' : '', m.left_item ? '改归入的测评项目' : '']
      .filter(Boolean)
      .join('、');
  const list = moved.slice(0, 5).map((m) => `「${m.title}」（档号 ${m.archival_code}，${what(m)}）`).join('；');
  throw new TaizhangError(
    'conflict',
    `${list}${moved.length > 5 ? ` 等 ${moved.length} 件` : ''}已归档，件号和档号不能变动；如确需${what(moved[0]!)}，请先撤销归档并写明原因 / ` +
      'Archived records keep their year, retention, item and place; withdraw the number first (撤销归档)',
    { records: moved.map((m) => m.id) },
  );
}

/** Records about to be removed for good (undoing their creation) must not hold a number. */
export function assertNotNumbered(db: Db, recordIds: readonly number[]): void {
  const held = all<{ title: string; archival_code: string }>(
    db,
    `SELECT r.title, n.archival_code FROM archival_numbers n JOIN records r ON r.id = n.record_id
     WHERE n.withdrawn_on IS NULL AND n.record_id IN (SELECT value FROM json_each(?))`,
    idList(recordIds),
  );
  if (held.length === 0) return;
  throw new TaizhangError(
    'conflict',
    `「${held[0]!.title}」已归档（档号 ${held[0]!.archival_code}），不能撤销它的建立；请先撤销归档 / An archived record cannot be undone away; withdraw it first`,
  );
}
