import type { ParsedArgs } from '../../../shared/api/contract.js';
import type { Rectification, RectificationState } from '../../../shared/api/ledger.js';
import { displayTitle } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import { localIsoDate } from '../../../shared/text/dates.js';
import { resolveEdition } from '../index/editions.js';
import { nowIso } from '../store/archive-folder.js';
import { type Db, writeTransaction } from '../store/database.js';
import { all, idList, run, statement, values } from '../store/sql.js';

interface RectificationRow {
  id: number;
  year: number;
  problem: string;
  site: string;
  unit: string;
  leader: string;
  deadline: string | null;
  progress: string;
  state: RectificationState;
  raised_on: string | null;
  closed_on: string | null;
}

export interface LedgerFilter {
  year?: number | undefined;
  open?: boolean | undefined;
  overdue?: boolean | undefined;
  ids?: number[] | undefined;
}

/** Rectifications with their items and evidence, in three queries whatever their number. */
export function listRectifications(db: Db, filter: LedgerFilter = {}, today: string = localIsoDate()): Rectification[] {
  const rows = all<RectificationRow>(
    db,
    `SELECT id, year, problem, site, unit, leader, deadline, progress, state, raised_on, closed_on
     FROM rectifications
     WHERE (@year IS NULL OR year = @year)
       AND (@ids IS NULL OR id IN (SELECT value FROM json_each(@ids)))
     ORDER BY year, deadline IS NULL, deadline, id`,
    { year: filter.year ?? null, ids: filter.ids ? idList(filter.ids) : null },
  );
  if (rows.length === 0) return [];
  const ids = idList(rows.map((r) => r.id));
  const items = all<{ rid: number; code: string; title: string }>(
    db,
    `SELECT ri.rectification_id AS rid, i.code, i.title FROM rectification_items ri
     JOIN items i ON i.id = ri.item_id JOIN json_each(?) j ON j.value = ri.rectification_id
     ORDER BY i.id`,
    ids,
  );
  const evidence = all<{ rid: number; id: number; title: string; title_supplied: number }>(
    db,
    `SELECT re.rectification_id AS rid, r.id, r.title, r.title_supplied FROM rectification_evidence re
     JOIN records r ON r.id = re.record_id JOIN json_each(?) j ON j.value = re.rectification_id
     ORDER BY r.date IS NULL, r.date, r.id`,
    ids,
  );
  const itemsOf = groupBy(items, (i) => i.rid);
  const evidenceOf = groupBy(evidence, (e) => e.rid);
  const result = rows.map((r): Rectification => ({
    id: r.id,
    year: r.year,
    problem: r.problem,
    site: r.site,
    items: (itemsOf.get(r.id) ?? []).map((i) => ({ code: i.code, title: i.title })),
    unit: r.unit,
    leader: r.leader,
    deadline: r.deadline,
    progress: r.progress,
    state: r.state,
    raisedOn: r.raised_on,
    closedOn: r.closed_on,
    evidence: (evidenceOf.get(r.id) ?? []).map((e) => ({ id: e.id, title: displayTitle(e.title, e.title_supplied === 1) })),
    overdue: r.state !== '已整改' && r.deadline !== null && r.deadline < today,
  }));
  return result.filter((r) => (!filter.open || r.state !== '已整改') && (!filter.overdue || r.overdue));
}

function groupBy<T>(list: readonly T[], key: (t: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const t of list) {
    const k = key(t);
    const bucket = map.get(k);
    if (bucket) bucket.push(t);
    else map.set(k, [t]);
  }
  return map;
}

function getOne(db: Db, id: number): Rectification {
  const found = listRectifications(db, { ids: [id] })[0];
  if (!found) throw new TaizhangError('not_found', `整改台账中没有编号为 ${id} 的问题 / No rectification #${id}`);
  return found;
}

/** Item ids for codes in the year's edition; every unknown code is named in one error. */
function resolveItems(db: Db, year: number, codes: readonly string[]): number[] {
  if (codes.length === 0) return [];
  const edition = resolveEdition(db, { year });
  const rows = all<{ id: number; code: string }>(
    db,
    'SELECT i.id, i.code FROM items i JOIN json_each(?) j ON j.value = i.code WHERE i.edition_id = ?',
    JSON.stringify(codes),
    edition,
  );
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) {
    throw new TaizhangError('not_found', `${year} 年度的测评体系中没有这些测评项：${unknown.join('、')} / Unknown item codes`, { unknown });
  }
  return [...new Set(codes.map((c) => byCode.get(c) as number))];
}

/** Evidence must be records that exist and are not in the trash. */
function checkEvidence(db: Db, ids: readonly number[]): number[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const live = new Set(values<number>(db, 'SELECT r.id FROM live_records r JOIN json_each(?) j ON j.value = r.id', idList(unique)));
  const unknown = unique.filter((id) => !live.has(id));
  if (unknown.length > 0) {
    throw new TaizhangError('not_found', `佐证材料不存在或已删除：${unknown.map((i) => `#${i}`).join('、')} / Unknown evidence records`, { unknown });
  }
  return unique;
}

function checkDates(raisedOn: string | null, deadline: string | null, closedOn: string | null): void {
  if (raisedOn && deadline && deadline < raisedOn) {
    throw new TaizhangError('invalid_input', `整改时限 ${deadline} 早于提出日期 ${raisedOn} / deadline before the date raised`);
  }
  if (raisedOn && closedOn && closedOn < raisedOn) {
    throw new TaizhangError('invalid_input', `完成日期 ${closedOn} 早于提出日期 ${raisedOn} / closed before the date raised`);
  }
}

function replaceLinks(db: Db, id: number, table: 'rectification_items' | 'rectification_evidence', ids: readonly number[]): void {
  const column = table === 'rectification_items' ? 'item_id' : 'record_id';
  run(db, `DELETE FROM ${table} WHERE rectification_id = ?`, id);
  const insert = statement(db, `INSERT OR IGNORE INTO ${table}(rectification_id, ${column}) VALUES (?, ?)`);
  for (const other of ids) insert.run(id, other);
}

export function addRectification(db: Db, args: ParsedArgs<'ledger.add'>): Rectification {
  const id = writeTransaction(db, () => {
    const items = resolveItems(db, args.year, args.items ?? []);
    const evidence = checkEvidence(db, args.evidence ?? []);
    checkDates(args.raisedOn ?? null, args.deadline ?? null, null);
    const newId = Number(
      run(
        db,
        `INSERT INTO rectifications(year, problem, site, unit, leader, deadline, progress, raised_on, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args.year, args.problem, args.site ?? '', args.unit ?? '', args.leader ?? '', args.deadline ?? null, args.progress ?? '', args.raisedOn ?? null, nowIso(),
      ).lastInsertRowid,
    );
    replaceLinks(db, newId, 'rectification_items', items);
    replaceLinks(db, newId, 'rectification_evidence', evidence);
    return newId;
  });
  return getOne(db, id);
}

export function updateRectification(db: Db, args: ParsedArgs<'ledger.update'>, today: string = localIsoDate()): Rectification {
  writeTransaction(db, () => {
    const current = getOne(db, args.id);
    const items = args.items !== undefined ? resolveItems(db, current.year, args.items) : undefined;
    const evidence = args.evidence !== undefined ? checkEvidence(db, args.evidence) : undefined;
    const state = args.state ?? current.state;
    // Closing through update dates it today; reopening forgets the old closing date.
    const closedOn = state === '已整改' ? (current.closedOn ?? today) : null;
    const next = {
      problem: args.problem ?? current.problem,
      site: args.site ?? current.site,
      unit: args.unit ?? current.unit,
      leader: args.leader ?? current.leader,
      deadline: args.deadline !== undefined ? args.deadline : current.deadline,
      progress: args.progress ?? current.progress,
      raisedOn: args.raisedOn !== undefined ? args.raisedOn : current.raisedOn,
    };
    checkDates(next.raisedOn, next.deadline, closedOn);
    run(
      db,
      `UPDATE rectifications SET problem = ?, site = ?, unit = ?, leader = ?, deadline = ?, progress = ?, raised_on = ?, state = ?, closed_on = ?
       WHERE id = ?`,
      next.problem, next.site, next.unit, next.leader, next.deadline, next.progress, next.raisedOn, state, closedOn, args.id,
    );
    if (items) replaceLinks(db, args.id, 'rectification_items', items);
    if (evidence) replaceLinks(db, args.id, 'rectification_evidence', evidence);
  });
  return getOne(db, args.id);
}

export function closeRectification(db: Db, args: ParsedArgs<'ledger.close'>, today: string = localIsoDate()): Rectification {
  writeTransaction(db, () => {
    const current = getOne(db, args.id);
    const added = checkEvidence(db, args.evidence ?? []);
    const closedOn = args.closedOn ?? today;
    checkDates(current.raisedOn, null, closedOn);
    run(db, `UPDATE rectifications SET state = '已整改', closed_on = ?, progress = ? WHERE id = ?`, closedOn, args.progress ?? current.progress, args.id);
    const insert = statement(db, 'INSERT OR IGNORE INTO rectification_evidence(rectification_id, record_id) VALUES (?, ?)');
    for (const record of added) insert.run(args.id, record);
  });
  return getOne(db, args.id);
}

/** Edits to one rectification read back from a checklist's 整改台账; fields left out stay as they are. */
export interface RectificationEdits {
  state?: RectificationState;
  /** null clears the date. */
  closedOn?: string | null;
  progress?: string;
  /** Replaces the linked proof. */
  evidence?: number[];
}

/**
 * Stores edits from a returned checklist. A row set 已整改 without a date closes today; a date given with another
 * state is refused, as is one before the date raised. The caller holds the write transaction.
 */
export function applyRectificationEdits(db: Db, id: number, edits: RectificationEdits, today: string = localIsoDate()): Rectification {
  const current = getOne(db, id);
  const state = edits.state ?? current.state;
  const evidence = edits.evidence !== undefined ? checkEvidence(db, edits.evidence) : undefined;
  let closedOn = edits.closedOn !== undefined ? edits.closedOn : current.closedOn;
  if (state !== '已整改') {
    if (edits.closedOn) {
      throw new TaizhangError('invalid_input', `问题 #${id} 状态为“${state}”，不能填写完成日期 ${edits.closedOn} / A closing date needs the state 'rectified'`);
    }
    closedOn = null;
  } else closedOn ??= today;
  checkDates(current.raisedOn, null, closedOn);
  run(db, 'UPDATE rectifications SET state = ?, closed_on = ?, progress = ? WHERE id = ?', state, closedOn, edits.progress ?? current.progress, id);
  if (evidence) replaceLinks(db, id, 'rectification_evidence', evidence);
  return getOne(db, id);
}
