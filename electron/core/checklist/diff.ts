import { createHash } from 'node:crypto';
import { itemText } from '../../../shared/domain/item-text.js';
import type {
  ChecklistChange, ChecklistConflict, ChecklistDiff, ChecklistField, ChecklistProblem, ChecklistSheet, ConflictChoice,
} from '../../../shared/api/checklist.js';
import type { IndexItem } from '../../../shared/api/index.js';
import { RECTIFICATION_STATES, type RectificationState } from '../../../shared/api/ledger.js';
import { COMPLETENESS, type Completeness, type ItemStatus } from '../../../shared/api/status.js';
import { looseIsoDate } from '../../../shared/text/dates.js';
import { listItems, resolveEdition } from '../index/editions.js';
import { listRectifications, type RectificationEdits } from '../ledger/ledger.js';
import type { Db } from '../store/database.js';
import { editionInfo, liveRecordIds, readNotes, recordNotes, type ChecklistNote } from './repository.js';
import type { CellText } from './cells.js';
import { HEADER, LEDGER_HEADER, levelHeader, MATERIALS_HEADER, sameText, TRACKED, type TrackedSheet } from './layout.js';
import { columnLetter, headerKey, type ChecklistFile, type FileRow, type TrackedRows } from './read-file.js';
import { evidenceKey } from './sheet-ledger.js';

/** Problem lists name at most this many codes in one message. */
const LIST_LIMIT = 10;
const MAX_TEXT = { short: 200, long: 5000 } as const;

/** What applying the diff stores, gathered from the changes and the conflicts resolved for the file. */
export interface Writes {
  notes: Map<number, ChecklistNote>;
  /** The item code of each note, to drop a status that the archive computes anyway once 不适用 marks changed. */
  noteCodes: Map<number, string>;
  /** 不适用 marks set (with their reason) or cleared, by item code: the status view reads the same marks. */
  notApplicable: Map<string, { notApplicable: boolean; reason: string }>;
  recordNotes: Map<number, string>;
  ledger: Map<number, RectificationEdits>;
}

export interface PlannedDiff extends ChecklistDiff {
  writes: Writes;
  /** Changes plus conflicts resolved for the file's value. */
  stored: number;
}

/** One editable cell compared three ways. `commit` records its write when it is stored. */
interface Compared {
  sheet: ChecklistSheet;
  row: number;
  code: string;
  title: string;
  field: ChecklistField;
  exported: string | null;
  archive: string;
  file: string;
  /** Shown instead of the stored form (佐证材料 compares record numbers but shows "#12、#15"). */
  show?: (v: string) => string;
  claim?: ChecklistChange['claim'];
  commit: () => void;
}

function listCodes(codes: readonly string[]): string {
  return codes.length > LIST_LIMIT ? `${codes.slice(0, LIST_LIMIT).join('、')} 等 ${codes.length} 项` : codes.join('、');
}

function conflictId(c: Pick<Compared, 'sheet' | 'code' | 'field'>): string {
  return `${c.sheet}!${c.code}!${c.field}`;
}

/** Rows whose key appears twice are reported and left out. */
function uniqueRows(sheet: TrackedSheet, rows: readonly FileRow[], problems: ChecklistProblem[], allowRepeats = false): FileRow[] {
  const seen = new Map<string, number[]>();
  for (const r of rows) seen.set(r.key, [...(seen.get(r.key) ?? []), r.row]);
  if (allowRepeats) return [...rows];
  return rows.filter((r) => {
    const at = seen.get(r.key) ?? [];
    if (at.length < 2) return true;
    problems.push({ row: r.row, code: r.key, kind: 'duplicate', sheet: sheet.sheet, message: `${sheet.sheet}第 ${r.row} 行：${sheet.key} ${r.key} 出现在第 ${at.join('、')} 行，未导入 / Duplicate key` });
    return false;
  });
}

/** The file's cell of a field, or null when the column is gone; a formula is reported and read as absent. */
function fileCell(r: FileRow, field: string, sheet: string, problems: ChecklistProblem[]): string | null {
  const cell: CellText | undefined = r.cells.get(headerKey(field));
  if (!cell) return null;
  if (cell.formula) {
    problems.push({ row: r.row, code: r.key, kind: 'invalid', sheet, message: `${sheet}第 ${r.row} 行「${field}」是公式，未导入 / A formula is not imported` });
    return null;
  }
  return cell.text;
}

interface SelfCheckCurrent {
  item: IndexItem;
  computed: Completeness;
  note: ChecklistNote | undefined;
  values: [string, string, string];
}

function planSelfCheck(db: Db, year: number, file: ChecklistFile, statuses: readonly ItemStatus[], out: Compared[], problems: ChecklistProblem[], writes: Writes): void {
  const editionId = resolveEdition(db, { year });
  const { levelNames } = editionInfo(db, editionId);
  const items = listItems(db, editionId);
  const parents = new Set(items.map((i) => i.parent));
  const itemByCode = new Map(items.map((i) => [i.code, i]));
  const levels = Math.max(1, ...items.map((i) => i.level));
  const notes = readNotes(db, year);
  const computedOf = new Map(statuses.map((s) => [s.code, s.status]));
  const current = new Map<string, SelfCheckCurrent>();
  for (const item of items) {
    if (parents.has(item.code)) continue;
    const note = notes.get(item.id);
    const computed = computedOf.get(item.code) ?? '缺失';
    current.set(item.code, { item, computed, note, values: [note?.status ?? computed, note?.responsible ?? item.unit, note?.note ?? ''] });
  }
  if (file.edition !== null && file.edition !== editionId) {
    problems.push({ row: 0, code: null, kind: 'edition', message: `导出后 ${year} 年度换了测评体系版本，只导入编码和标准都对得上的行 / The year now uses another edition` });
  }
  const sheet = TRACKED.selfCheck;
  const rows = uniqueRows(sheet, file.selfCheck.rows ?? [], problems);
  for (const r of rows) {
    const cur = current.get(r.key);
    if (!cur) {
      const what = items.some((i) => i.code === r.key) ? '不是末级测评标准' : `不在 ${year} 年度的测评体系中`;
      problems.push({ row: r.row, code: r.key, kind: 'unknown', sheet: sheet.sheet, message: `第 ${r.row} 行：编码 ${r.key} ${what}，未导入 / Unknown code` });
      continue;
    }
    const moved = movedMessage(r, cur.item, levelNames);
    if (moved) {
      problems.push({ row: r.row, code: r.key, kind: 'moved', sheet: sheet.sheet, message: moved });
      continue;
    }
    problems.push(...labelEdits(r, cur.item, itemByCode, levels, levelNames, file.selfCheck.columns));
    const fileNote = fileCell(r, HEADER.note, sheet.sheet, problems);
    // One note object per row, filled by whichever of its cells are stored.
    const next = (): ChecklistNote => {
      let n = writes.notes.get(cur.item.id);
      if (!n) {
        n = { status: cur.note?.status ?? null, responsible: cur.note?.responsible ?? null, note: cur.note?.note ?? '' };
        writes.notes.set(cur.item.id, n);
        writes.noteCodes.set(cur.item.id, cur.item.code);
      }
      return n;
    };
    sheet.fields.forEach((field, k) => {
      const after = field === HEADER.note ? fileNote : fileCell(r, field, sheet.sheet, problems);
      if (after === null) return;
      const archive = cur.values[k] as string;
      const exported = r.baseline ? (r.baseline.values[k] as string) : null;
      if (after === exported || after === archive) return;
      const bad = field === HEADER.status
        ? (COMPLETENESS as readonly string[]).includes(after) ? null : `完成情况「${after || '空'}」不是 ${COMPLETENESS.join('/')} 之一`
        : after.length > (field === HEADER.note ? MAX_TEXT.long : MAX_TEXT.short) ? `「${field}」太长` : null;
      if (bad) {
        problems.push({ row: r.row, code: r.key, kind: 'invalid', sheet: sheet.sheet, message: `第 ${r.row} 行（${r.key}）${bad}，未导入 / Invalid value` });
        return;
      }
      const base = { sheet: sheet.sheet, row: r.row, code: r.key, title: cur.item.title, field, exported, archive, file: after } as const;
      if (field === HEADER.status) {
        const status = after as Completeness;
        // 齐全 over the system's 部分/缺失 is a claim: stored only with its reason, and flagged wherever it shows.
        const claims = status === '齐全' && (cur.computed === '部分' || cur.computed === '缺失');
        const reason = (fileNote ?? cur.values[2]).trim();
        if (claims && reason === '') {
          problems.push({
            row: r.row, code: r.key, kind: 'claim', sheet: sheet.sheet,
            message: `第 ${r.row} 行（${r.key}）自查认定“齐全”，但系统判定“${cur.computed}”：请在备注中写明理由，未导入 / A claim above the system's status needs a reason in 备注`,
          });
          return;
        }
        out.push({
          ...base,
          ...(claims ? { claim: { system: cur.computed, reason } } : {}),
          commit: () => {
            if (status === '不适用') {
              writes.notApplicable.set(cur.item.code, { notApplicable: true, reason: reason || '自查表认定不适用' });
              next().status = null;
            } else {
              if (cur.computed === '不适用') writes.notApplicable.set(cur.item.code, { notApplicable: false, reason: '' });
              next().status = status === cur.computed ? null : status;
            }
          },
        });
      } else if (field === HEADER.responsible) {
        out.push({ ...base, commit: () => void (next().responsible = after === cur.item.unit ? null : after) });
      } else {
        out.push({ ...base, commit: () => void (next().note = after) });
      }
    });
  }
  const inFile = new Set((file.selfCheck.rows ?? []).map((r) => r.key));
  const missing = [...current.keys()].filter((c) => !inFile.has(c));
  if (missing.length > 0) {
    problems.push({ row: 0, code: null, kind: 'missing', sheet: sheet.sheet, message: `表中没有这些测评标准的行：${listCodes(missing)} / Rows missing from the file` });
  }
}

/**
 * The level columns are merged labels that move with a sort, so instead of fingerprints each cell must read as one of
 * the row's own items (or be empty, inside a merged block): anything else is an edit of a generated column.
 */
function labelEdits(
  r: FileRow,
  item: IndexItem,
  byCode: ReadonlyMap<string, IndexItem>,
  levels: number,
  levelNames: readonly string[],
  columns: ReadonlyMap<string, number>,
): ChecklistProblem[] {
  const chain: IndexItem[] = [];
  for (let p = item.parent; p !== null; p = byCode.get(p)?.parent ?? null) {
    const parent = byCode.get(p);
    if (!parent) break;
    chain.push(parent);
  }
  const found: ChecklistProblem[] = [];
  for (let level = 1; level <= levels; level++) {
    const header = levelHeader(levelNames, level);
    const text = r.cells.get(headerKey(header))?.text ?? '';
    const own = chain.find((a) => a.level === level);
    const allowed = ['', ...(own ? [itemText(own), `${itemText(own)}（续）`] : []), ...(item.level <= level ? [itemText(item)] : [])];
    if (allowed.some((t) => sameText(t, text))) continue;
    const cell = `${columnLetter(columns.get(headerKey(header)) ?? 0)}${r.row}`;
    found.push({
      row: r.row, code: r.key, kind: 'locked', sheet: TRACKED.selfCheck.sheet, cell,
      message: `${TRACKED.selfCheck.sheet} ${cell}（${header}）：未导入（此列由台账生成） / Not imported: Taizhang generates this column`,
    });
  }
  return found;
}

/** The row's 测评标准 cell must still read as the item's text: otherwise it was moved onto another row or retitled. */
function movedMessage(r: FileRow, item: IndexItem, levelNames: readonly string[]): string | null {
  const header = levelHeader(levelNames, item.level);
  const text = r.cells.get(headerKey(header))?.text;
  if (text === undefined || sameText(text, itemText(item))) return null;
  return `第 ${r.row} 行（${item.code}）的${header}是「${text}」，档案中是「${itemText(item)}」，行被移动或改过标题，未导入 / Row moved or retitled`;
}

/** 备注 of the 材料索引 becomes the record's note. A 件 listed under two items must say the same in both rows. */
function planMaterials(db: Db, year: number, rows: TrackedRows, out: Compared[], problems: ChecklistProblem[], writes: Writes): void {
  const sheet = TRACKED.materials;
  const list = rows.rows ?? [];
  const ids = [...new Set(list.map((r) => Number(r.key)).filter((n) => Number.isInteger(n) && n > 0))];
  const current = recordNotes(db, year, ids);
  const byRecord = new Map<number, Compared>();
  const disputed = new Set<number>();
  for (const r of list) {
    const id = Number(r.key);
    const rec = current.get(id);
    if (!rec) {
      problems.push({ row: r.row, code: r.key, kind: 'unknown', sheet: sheet.sheet, message: `材料索引第 ${r.row} 行：第 ${r.key} 件已删除或不属于 ${year} 年度，未导入 / Record not found` });
      continue;
    }
    const after = fileCell(r, MATERIALS_HEADER.note, sheet.sheet, problems);
    if (after === null) continue;
    const exported = r.baseline ? (r.baseline.values[0] as string) : null;
    if (after === exported || after === rec.note) continue;
    if (after.length > MAX_TEXT.long) {
      problems.push({ row: r.row, code: r.key, kind: 'invalid', sheet: sheet.sheet, message: `材料索引第 ${r.row} 行「备注」超过 ${MAX_TEXT.long} 字，未导入 / Note too long` });
      continue;
    }
    const earlier = byRecord.get(id);
    if (disputed.has(id)) continue;
    if (earlier) {
      if (earlier.file !== after) {
        problems.push({
          row: r.row, code: r.key, kind: 'duplicate', sheet: sheet.sheet,
          message: `材料索引第 ${earlier.row}、${r.row} 行是同一件（#${id}），备注改得不一样，未导入 / The same record with two different notes`,
        });
        out.splice(out.indexOf(earlier), 1);
        disputed.add(id);
      }
      continue;
    }
    const compared: Compared = {
      sheet: sheet.sheet, row: r.row, code: `#${id}`, title: rec.title, field: '备注', exported, archive: rec.note, file: after,
      commit: () => void writes.recordNotes.set(id, after),
    };
    byRecord.set(id, compared);
    out.push(compared);
  }
}

/** A date as typed or stored: "" when empty, null when it is no date. */
function dateValue(text: string): string | null {
  if (text === '') return '';
  return looseIsoDate(text);
}

function evidenceIds(text: string): number[] | null {
  const ids = [...text.matchAll(/#\s*(\d+)/gu)].map((m) => Number(m[1]));
  if (ids.length === 0 && text.trim() !== '') return null;
  return ids;
}

const showEvidence = (key: string): string => (key === '' ? '' : key.split(',').map((id) => `#${id}`).join('、'));

/** 状态, 完成日期, 整改情况 and 佐证材料 of the 整改台账 go into the ledger. */
function planLedger(db: Db, year: number, rows: TrackedRows, out: Compared[], problems: ChecklistProblem[], writes: Writes): void {
  const sheet = TRACKED.ledger;
  const current = new Map(listRectifications(db, { year }).map((r) => [String(r.id), r]));
  for (const r of uniqueRows(sheet, rows.rows ?? [], problems)) {
    const cur = current.get(r.key);
    if (!cur) {
      problems.push({ row: r.row, code: r.key, kind: 'unknown', sheet: sheet.sheet, message: `整改台账第 ${r.row} 行：问题 #${r.key} 已不在 ${year} 年度的台账中，未导入 / Rectification not found` });
      continue;
    }
    const edits = (): RectificationEdits => {
      let e = writes.ledger.get(cur.id);
      if (!e) {
        e = {};
        writes.ledger.set(cur.id, e);
      }
      return e;
    };
    const archive: Record<string, string> = {
      [LEDGER_HEADER.state]: cur.state,
      [LEDGER_HEADER.closedOn]: cur.closedOn ?? '',
      [LEDGER_HEADER.progress]: cur.progress,
      [LEDGER_HEADER.evidence]: evidenceKey(cur.evidence.map((e) => e.id)),
    };
    const where = `整改台账第 ${r.row} 行（问题 #${cur.id}）`;
    const stateText = r.cells.get(headerKey(LEDGER_HEADER.state))?.text ?? cur.state;
    const closedText = r.cells.get(headerKey(LEDGER_HEADER.closedOn))?.text ?? '';
    const closedWithoutState = stateText !== '已整改' && closedText !== '' && dateValue(closedText) !== archive[LEDGER_HEADER.closedOn];
    if (closedWithoutState) {
      problems.push({ row: r.row, code: r.key, kind: 'invalid', sheet: sheet.sheet, message: `${where}填了完成日期，但状态不是“已整改”，完成日期未导入 / A closing date needs the state 已整改` });
    }
    sheet.fields.forEach((field, k) => {
      if (field === LEDGER_HEADER.closedOn && closedWithoutState) return;
      const raw = fileCell(r, field, sheet.sheet, problems);
      if (raw === null) return;
      let after: string;
      let commit: () => void;
      if (field === LEDGER_HEADER.state) {
        if (!(RECTIFICATION_STATES as readonly string[]).includes(raw)) {
          if (raw !== archive[field]) problems.push({ row: r.row, code: r.key, kind: 'invalid', sheet: sheet.sheet, message: `${where}状态「${raw || '空'}」不是 ${RECTIFICATION_STATES.join('/')} 之一，未导入 / Unknown state` });
          return;
        }
        after = raw;
        commit = () => void (edits().state = raw as RectificationState);
      } else if (field === LEDGER_HEADER.closedOn) {
        const date = dateValue(raw);
        if (date === null) {
          problems.push({ row: r.row, code: r.key, kind: 'invalid', sheet: sheet.sheet, message: `${where}完成日期「${raw}」不是日期，未导入 / Not a date` });
          return;
        }
        after = date;
        commit = () => void (edits().closedOn = date === '' ? null : date);
      } else if (field === LEDGER_HEADER.progress) {
        if (raw.length > MAX_TEXT.long) {
          problems.push({ row: r.row, code: r.key, kind: 'invalid', sheet: sheet.sheet, message: `${where}整改情况超过 ${MAX_TEXT.long} 字，未导入 / Too long` });
          return;
        }
        after = raw;
        commit = () => void (edits().progress = raw);
      } else {
        const ids = evidenceIds(raw);
        if (ids === null) {
          problems.push({ row: r.row, code: r.key, kind: 'invalid', sheet: sheet.sheet, message: `${where}佐证材料应写作“#记录号 题名”，每行一件，未导入 / Write evidence as #id` });
          return;
        }
        const live = liveRecordIds(db, ids);
        const unknown = ids.filter((id) => !live.has(id));
        if (unknown.length > 0) {
          problems.push({ row: r.row, code: r.key, kind: 'invalid', sheet: sheet.sheet, message: `${where}佐证材料 ${unknown.map((i) => `#${i}`).join('、')} 不存在或已删除，未导入 / Unknown evidence` });
          return;
        }
        after = evidenceKey(ids);
        commit = () => void (edits().evidence = ids);
      }
      const exported = r.baseline ? (r.baseline.values[k] as string) : null;
      if (after === exported || after === archive[field]) return;
      out.push({
        sheet: sheet.sheet, row: r.row, code: `问题 #${cur.id}`, title: cur.problem, field, exported, archive: archive[field] as string, file: after,
        ...(field === LEDGER_HEADER.evidence ? { show: showEvidence } : {}),
        commit,
      });
    });
  }
}

/**
 * Compares a checklist given back with the archive, cell by cell and three ways: the value at export (kept in the
 * file's hidden marks), the archive's value now and the file's. A cell changed only in the file is a change; changed
 * on both sides to different values, a conflict the clerk resolves (`resolutions`); a cell whose export record is
 * missing counts as a conflict when it differs from the archive. Rows that cannot be matched for sure are reported.
 */
export function planChecklistDiff(
  db: Db,
  file: ChecklistFile,
  statuses: readonly ItemStatus[],
  resolutions: Readonly<Record<string, ConflictChoice>> = {},
): PlannedDiff {
  const year = file.year;
  const problems: ChecklistProblem[] = [...file.problems];
  const compared: Compared[] = [];
  const writes: Writes = { notes: new Map(), noteCodes: new Map(), notApplicable: new Map(), recordNotes: new Map(), ledger: new Map() };
  planSelfCheck(db, year, file, statuses, compared, problems, writes);
  planMaterials(db, year, file.materials, compared, problems, writes);
  planLedger(db, year, file.ledger, compared, problems, writes);

  const changes: ChecklistChange[] = [];
  const conflicts: ChecklistConflict[] = [];
  let stored = 0;
  for (const c of compared) {
    const show = c.show ?? ((v: string) => v);
    const cell = { sheet: c.sheet, row: c.row, code: c.code, title: c.title, field: c.field };
    if (c.exported !== null && c.archive === c.exported) {
      changes.push({ ...cell, before: show(c.archive), after: show(c.file), ...(c.claim ? { claim: c.claim } : {}) });
      c.commit();
      stored++;
      continue;
    }
    const id = conflictId(c);
    conflicts.push({ ...cell, id, exported: c.exported === null ? null : show(c.exported), archive: show(c.archive), file: show(c.file) });
    if (resolutions[id] === 'file') {
      c.commit();
      stored++;
    }
  }
  const order = (a: { sheet: string; row: number }, b: { sheet: string; row: number }): number =>
    sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row;
  changes.sort(order);
  conflicts.sort(order);
  problems.sort((a, b) => sheetOrder(a.sheet ?? '') - sheetOrder(b.sheet ?? '') || a.row - b.row);
  const token = createHash('sha256').update(JSON.stringify({ year, changes, conflicts, problems })).digest('hex').slice(0, 32);
  return { year, changes, conflicts, problems, token, writes, stored };
}

function sheetOrder(sheet: string): number {
  const i = Object.values(TRACKED).findIndex((t) => t.sheet === sheet);
  return i < 0 ? -1 : i;
}
