import type { NumberedRecord, NumberResult } from '../../../shared/api/archival.js';
import type { UnitSettings } from '../../../shared/api/archive.js';
import type { IndexItem } from '../../../shared/api/index.js';
import { problemCode, renderArchivalCode } from '../../../shared/domain/archival-code.js';
import { localIsoDate } from '../../../shared/text/dates.js';
import { RETENTION_PERIODS, type RecordType, type RetentionPeriod } from '../../../shared/domain/record.js';
import { listItems } from '../index/editions.js';
import { yearHoldings, type YearHoldings } from '../index/holdings.js';
import { ItemTree } from '../index/item-tree.js';
import { getUnit } from '../store/archive-folder.js';
import { type Db, writeTransaction } from '../store/database.js';
import { all, idList } from '../store/sql.js';
import { archivalOrder } from './order.js';
import { insertNumber, insertVolume, lastPiece, lastVolumeNo, volumesOfYear, type VolumeRow } from './repository.js';

interface YearRecord {
  id: number;
  title: string;
  type: RecordType;
  date: string | null;
  retention: RetentionPeriod;
  carriedFrom: number | null;
  carriedYear: number | null;
  activityId: number | null;
  activityDate: string | null;
  code: string | null;
}

/** A record's class: 年度 (the year numbered) + 保管期限 + 问题, and the item it is numbered under. */
export interface RecordClass {
  retention: RetentionPeriod;
  problem: string;
  problemItem: IndexItem;
  item: IndexItem;
}

/** The class a record of the year falls in by the index's own rule, or null when it is filed under no item. */
export function classOf(recordId: number, retention: RetentionPeriod, holdings: YearHoldings, tree: ItemTree, unit: UnitSettings): RecordClass | null {
  const first = holdings.itemsOf(recordId)[0];
  const item = first === undefined ? undefined : tree.byId.get(first);
  if (!item) return null;
  const problemItem = tree.atLevel(item.id, unit.problemLevel);
  return { retention, problem: problemCode(tree.ordinals(problemItem.id)), problemItem, item };
}

function classKey(c: { retention: RetentionPeriod; problem: string }): string {
  return `${c.problem}\u0000${c.retention}`;
}

/** 归档 for a year: numbers its unarchived records (or the listed ones) class by class, in archival order. */
export function numberRecords(db: Db, args: { year: number; ids?: number[] | undefined; dryRun: boolean }, today = localIsoDate()): NumberResult {
  const plan = (): NumberResult => planAndWrite(db, args, today);
  // A dry run plans inside a transaction that is rolled back, so it sees exactly what a real run would write.
  if (!args.dryRun) return writeTransaction(db, plan);
  let result: NumberResult | undefined;
  try {
    writeTransaction(db, () => {
      result = plan();
      throw new DryRunDone();
    });
  } catch (err) {
    if (!(err instanceof DryRunDone)) throw err;
  }
  return result!;
}

class DryRunDone extends Error {}

function planAndWrite(db: Db, args: { year: number; ids?: number[] | undefined; dryRun: boolean }, today: string): NumberResult {
  const { year } = args;
  const unit = getUnit(db);
  const holdings = yearHoldings(db, year);
  const tree = new ItemTree(listItems(db, holdings.edition));
  const records = all<YearRecord>(
    db,
    `SELECT r.id, r.title, r.type, r.date, r.retention, r.carried_from AS carriedFrom, o.year AS carriedYear,
            r.activity_id AS activityId, a.date AS activityDate, ident.archival_code AS code
     FROM live_records r
     LEFT JOIN activities a ON a.id = r.activity_id
     LEFT JOIN records o ON o.id = r.carried_from
     LEFT JOIN record_identity ident ON ident.record_id = r.id
     WHERE r.year = ?`,
    year,
  );
  const skipped: NumberResult['skipped'] = [];
  const wanted = args.ids ? new Set(args.ids) : null;
  if (wanted) {
    const here = new Set(records.map((r) => r.id));
    const elsewhere = all<{ id: number; title: string; year: number; deleted_at: string | null }>(
      db,
      'SELECT id, title, year, deleted_at FROM records WHERE id IN (SELECT value FROM json_each(?))',
      idList([...wanted].filter((id) => !here.has(id))),
    );
    for (const id of wanted) {
      if (here.has(id)) continue;
      const r = elsewhere.find((x) => x.id === id);
      const reason = !r ? '没有这一件' : r.deleted_at ? '在回收站中' : `属于 ${r.year} 年度，不是 ${year} 年度`;
      skipped.push({ recordId: id, title: r?.title ?? '', reason });
    }
  }

  const byClass = new Map<string, { cls: RecordClass; records: (YearRecord & { itemPosition: number })[] }>();
  for (const r of records) {
    if (wanted && !wanted.has(r.id)) continue;
    if (r.code !== null) {
      if (wanted && r.carriedFrom === null) skipped.push({ recordId: r.id, title: r.title, reason: `已归档，档号 ${r.code}` });
      else if (wanted) skipped.push({ recordId: r.id, title: r.title, reason: `结转自 ${r.carriedYear} 年度，沿用原件档号 ${r.code}` });
      continue;
    }
    if (r.carriedFrom !== null) {
      skipped.push({ recordId: r.id, title: r.title, reason: `结转自 ${r.carriedYear} 年度，原件尚未归档；请先归档 ${r.carriedYear} 年度` });
      continue;
    }
    const cls = classOf(r.id, r.retention, holdings, tree, unit);
    if (!cls) {
      skipped.push({ recordId: r.id, title: r.title, reason: '还没有归入测评项目' });
      continue;
    }
    const key = classKey(cls);
    const group = byClass.get(key) ?? { cls, records: [] };
    group.records.push({ ...r, itemPosition: tree.position.get(cls.item.id)! });
    byClass.set(key, group);
  }

  const volumes = new Map(volumesOfYear(db, year).map((v) => [classKey(v), v]));
  const classes = [...byClass.values()].sort(
    (a, b) =>
      tree.position.get(a.cls.problemItem.id)! - tree.position.get(b.cls.problemItem.id)! ||
      RETENTION_PERIODS.indexOf(a.cls.retention) - RETENTION_PERIODS.indexOf(b.cls.retention),
  );
  let volumeNo = lastVolumeNo(db, year);
  const numbered: NumberedRecord[] = [];
  const newVolumes: NumberResult['newVolumes'] = [];
  const code = (cls: RecordClass, number: number, kind: 'piece' | 'volume'): string =>
    renderArchivalCode(unit.pattern, { fonds: unit.fonds, category: unit.category, year, retention: cls.retention, problem: cls.problem, number, kind });

  for (const { cls, records: members } of classes) {
    let volume: VolumeRow | undefined = volumes.get(classKey(cls));
    if (!volume) {
      volumeNo += 1;
      const row: Omit<VolumeRow, 'id'> = {
        year, volume_no: volumeNo, retention: cls.retention, problem: cls.problem, item_id: cls.problemItem.id,
        item_code: cls.problemItem.code, item_title: cls.problemItem.title, archival_code: code(cls, volumeNo, 'volume'), archived_on: today,
      };
      volume = { ...row, id: insertVolume(db, row) };
      newVolumes.push({ volumeNo, archivalCode: row.archival_code, retention: cls.retention, problem: cls.problem, item: `${cls.problemItem.code} ${cls.problemItem.title}` });
    }
    let piece = lastPiece(db, volume.id);
    for (const r of archivalOrder(members)) {
      piece += 1;
      const archivalCode = code(cls, piece, 'piece');
      insertNumber(db, { record_id: r.id, volume_id: volume.id, piece, archival_code: archivalCode, item_id: holdings.itemsOf(r.id)[0] ?? null, archived_on: today });
      numbered.push({ recordId: r.id, title: r.title, piece, archivalCode, retention: cls.retention, year, problem: cls.problem, volumeNo: volume.volume_no });
    }
  }
  return { numbered, newVolumes, skipped, dryRun: args.dryRun };
}
