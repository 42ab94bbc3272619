import { createHash } from 'node:crypto';
import type { ChecklistChange, ChecklistDiff, ChecklistField, ChecklistProblem } from '../../../shared/api/checklist.js';
import type { IndexItem } from '../../../shared/api/index.js';
import { COMPLETENESS, type Completeness, type ItemStatus } from '../../../shared/api/status.js';
import { listItems, resolveEdition } from '../index/editions.js';
import type { Db } from '../store/database.js';
import { itemText, levelHeader, sameText, type Baseline } from './layout.js';
import { readNotes, type ChecklistNote } from './accepted-notes.js';
import { headerKey, type ChecklistFile, type FileRow } from './read-file.js';

/** Limits of what the archive stores for a checklist edit (the ledger and index use the same sizes). */
const MAX_LENGTH: Record<ChecklistField, number> = { 完成情况: 10, '责任单位/责任人': 200, 备注: 5000 };
/** Problem lists name at most this many codes in one message. */
const LIST_LIMIT = 10;

export interface PlannedDiff extends ChecklistDiff {
  /** The notes to store, by item id, when the diff is applied. */
  writes: Map<number, ChecklistNote>;
}

interface Current {
  item: IndexItem;
  computed: Completeness;
  note: ChecklistNote | undefined;
  values: Baseline;
}

function valueOf(b: Baseline, field: ChecklistField): string {
  if (field === '完成情况') return b.status;
  return field === '备注' ? b.note : b.responsible;
}

function listCodes(codes: readonly string[]): string {
  return codes.length > LIST_LIMIT ? `${codes.slice(0, LIST_LIMIT).join('、')} 等 ${codes.length} 项` : codes.join('、');
}

/**
 * Compares an edited checklist with the archive. A field counts as edited when it differs from the value exported in
 * the file (its hidden baseline), so a status the archive recomputed since the export is not mistaken for an edit.
 * Rows that cannot be matched for sure (unknown code, changed 测评标准 text, duplicates) are reported and left alone.
 */
export function planChecklistDiff(db: Db, year: number, file: ChecklistFile, statuses: readonly ItemStatus[]): PlannedDiff {
  const editionId = resolveEdition(db, { year });
  const editionRow = db.prepare('SELECT level_names FROM editions WHERE id = ?').get(editionId) as { level_names: string };
  const levelNames = JSON.parse(editionRow.level_names) as string[];
  const items = listItems(db, editionId);
  const parents = new Set(items.map((i) => i.parent));
  const notes = readNotes(db, year);
  const computedOf = new Map(statuses.map((s) => [s.code, s.status]));
  const current = new Map<string, Current>();
  for (const item of items) {
    if (parents.has(item.code)) continue;
    const note = notes.get(item.id);
    const computed = computedOf.get(item.code) ?? '缺失';
    current.set(item.code, {
      item, computed, note,
      values: { status: note?.status ?? computed, responsible: note?.responsible ?? item.unit, note: note?.note ?? '' },
    });
  }

  const problems: ChecklistProblem[] = [...file.problems];
  if (file.edition !== null && file.edition !== editionId) {
    problems.push({ row: 0, code: null, kind: 'edition', message: `导出后 ${year} 年度换了测评体系版本，只导入编码和标准都对得上的行 / The year now uses another edition` });
  }
  const seen = new Map<string, number[]>();
  for (const r of file.rows) seen.set(r.code, [...(seen.get(r.code) ?? []), r.row]);

  const changes: ChecklistChange[] = [];
  const writes = new Map<number, ChecklistNote>();
  for (const r of file.rows) {
    const rowsWithCode = seen.get(r.code) ?? [];
    if (rowsWithCode.length > 1) {
      problems.push({ row: r.row, code: r.code, kind: 'duplicate', message: `第 ${r.row} 行：编码 ${r.code} 出现在第 ${rowsWithCode.join('、')} 行，未导入 / Duplicate code` });
      continue;
    }
    const cur = current.get(r.code);
    if (!cur) {
      const what = items.some((i) => i.code === r.code) ? '不是末级测评标准' : `不在 ${year} 年度的测评体系中`;
      problems.push({ row: r.row, code: r.code, kind: 'unknown', message: `第 ${r.row} 行：编码 ${r.code} ${what}，未导入 / Unknown code` });
      continue;
    }
    const moved = movedMessage(r, cur.item, levelNames);
    if (moved) {
      problems.push({ row: r.row, code: r.code, kind: 'moved', message: moved });
      continue;
    }
    const next: ChecklistNote = { status: cur.note?.status ?? null, responsible: cur.note?.responsible ?? null, note: cur.note?.note ?? '' };
    let changed = false;
    for (const [field, cell] of Object.entries(r.fields) as [ChecklistField, NonNullable<FileRow['fields'][ChecklistField]>][]) {
      const before = valueOf(cur.values, field);
      const exported = r.baseline ? valueOf(r.baseline, field) : before;
      if (cell.formula) {
        problems.push({ row: r.row, code: r.code, kind: 'invalid', message: `第 ${r.row} 行「${field}」是公式，未导入 / A formula is not imported` });
        continue;
      }
      const after = cell.text;
      if (after === exported || after === before) continue;
      const invalid = invalidValue(field, after);
      if (invalid) {
        problems.push({ row: r.row, code: r.code, kind: 'invalid', message: `第 ${r.row} 行（${r.code}）${invalid}，未导入 / Invalid value` });
        continue;
      }
      changes.push({ row: r.row, code: r.code, title: cur.item.title, field, before, after });
      changed = true;
      if (field === '完成情况') next.status = after === cur.computed ? null : (after as Completeness);
      else if (field === '责任单位/责任人') next.responsible = after === cur.item.unit ? null : after;
      else next.note = after;
    }
    if (changed) writes.set(cur.item.id, next);
  }

  const inFile = new Set(file.rows.map((r) => r.code));
  const missing = [...current.keys()].filter((c) => !inFile.has(c));
  if (missing.length > 0) {
    problems.push({ row: 0, code: null, kind: 'missing', message: `表中没有这些测评标准的行：${listCodes(missing)} / Rows missing from the file` });
  }
  changes.sort((a, b) => a.row - b.row);
  problems.sort((a, b) => a.row - b.row);
  const token = createHash('sha256').update(JSON.stringify({ changes, problems })).digest('hex').slice(0, 32);
  return { changes, problems, token, writes };
}

function invalidValue(field: ChecklistField, value: string): string | null {
  if (field === '完成情况' && !(COMPLETENESS as readonly string[]).includes(value)) {
    return `完成情况「${value || '空'}」不是 ${COMPLETENESS.join('/')} 之一`;
  }
  if (value.length > MAX_LENGTH[field]) return `「${field}」超过 ${MAX_LENGTH[field]} 字`;
  return null;
}

/** The row's 测评标准 cell must still read as the item's text: otherwise it was moved onto another row or retitled. */
function movedMessage(r: FileRow, item: IndexItem, levelNames: readonly string[]): string | null {
  const header = levelHeader(levelNames, item.level);
  const text = r.cells.get(headerKey(header));
  if (text === undefined || sameText(text, itemText(item))) return null;
  return `第 ${r.row} 行（${item.code}）的${header}是「${text}」，档案中是「${itemText(item)}」，行被移动或改过标题，未导入 / Row moved or retitled`;
}
