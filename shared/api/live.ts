import { isAppMethodName, type WindowMethodName } from './app.js';
import type { MethodName } from './contract.js';

/**
 * Live data: which kinds of data (topics) each method writes and reads. After a call, the core announces the topics
 * it wrote (`changed` events); a view refetches only when it read one of them. One table, checked by the compiler:
 * a new method does not build until it says what it writes ([] for none).
 */
export const TOPICS = ['archive', 'index', 'records', 'status', 'archival', 'ledger', 'checklist', 'backup', 'ocr'] as const;
export type Topic = (typeof TOPICS)[number];

export const WRITES: { readonly [K in MethodName]: readonly Topic[] } = {
  'archive.info': [],
  'archive.unit': [],
  'archive.setUnit': ['archive'],
  'archive.years': [],
  'archive.setYear': ['archive'],
  'index.editions': [],
  'index.list': [],
  'index.import': ['index'],
  'index.export': [],
  'index.updateItem': ['index'],
  'index.map': ['index'],
  'index.mappings': [],
  'records.add': ['records'],
  'records.planFolder': [],
  'records.importFolder': ['records'],
  'records.list': [],
  'records.get': [],
  'records.locate': [],
  'records.update': ['records'],
  'records.bulkUpdate': ['records'],
  'records.rename': ['records'],
  'records.inbox': [],
  'records.delete': ['records'],
  'records.restore': ['records'],
  'records.undo': ['records', 'status', 'archival'],
  'records.carryOver': ['records'],
  'records.activities': [],
  'records.updateActivity': ['records'],
  'search.query': [],
  'status.get': [],
  'status.setNotApplicable': ['status'],
  'archival.number': ['archival'],
  'archival.withdraw': ['archival'],
  'archival.volumes': [],
  'archival.catalogue': [],
  // With `number`, the export archives the drafts first.
  'binder.export': ['archival'],
  'binder.catalogue': [],
  'binder.boxes': [],
  'binder.preflight': [],
  'binder.pages': [],
  'checklist.export': [],
  'checklist.diff': [],
  // Statuses, 不适用, the ledger's 整改 columns and the records' 备注 come back from the workbook.
  'checklist.apply': ['status', 'checklist', 'ledger', 'records'],
  'ledger.add': ['ledger'],
  'ledger.list': [],
  'ledger.update': ['ledger'],
  'ledger.close': ['ledger'],
  'backup.create': [],
  'backup.schedule': [],
  'backup.setSchedule': ['backup'],
  'backup.now': ['backup'],
  'integrity.check': ['records', 'archival'],
  'integrity.exportFolder': [],
  'ocr.status': [],
  'ocr.run': ['ocr'],
  'ocr.request': ['ocr'],
  'ocr.cancel': ['ocr'],
  'ocr.setEnabled': ['ocr'],
  'ocr.text': [],
  'ocr.correct': ['ocr'],
  'ocr.attendance': [],
  'ocr.confirmAttendance': ['ocr', 'records'],
  'suggest.record': [],
  'suggest.text': [],
  'package.create': [],
  'package.hub': [],
  'package.setHub': ['archive'],
  'package.send': [],
};

/** What a domain's methods read: a years list counts records, a record list shows item paths and 档号… */
const READS: Record<string, readonly Topic[]> = {
  app: ['archive', 'index', 'records'],
  archive: ['archive', 'index', 'records'],
  index: ['index'],
  records: ['records', 'index', 'archival', 'archive'],
  search: ['records', 'index', 'archival', 'ocr'],
  status: ['status', 'records', 'index', 'archive'],
  archival: ['archival', 'records', 'index', 'archive'],
  binder: TOPICS,
  checklist: TOPICS,
  ledger: ['ledger', 'records'],
  backup: ['backup'],
  integrity: [],
  ocr: ['ocr', 'records'],
  suggest: ['records', 'index'],
  package: ['archive'],
};

export function writesOf(name: MethodName): readonly Topic[] {
  return WRITES[name];
}

/** Opening, creating or closing an archive changes everything a window shows. */
export function windowWritesOf(name: WindowMethodName): readonly Topic[] {
  if (isAppMethodName(name)) {
    if (name === 'app.open' || name === 'app.create' || name === 'app.close') return TOPICS;
    // Entering or leaving 查阅模式 changes what the window may show: its state is read again.
    return name === 'app.setInspectMode' ? ['archive'] : [];
  }
  return WRITES[name];
}

export function readsOf(name: WindowMethodName): readonly Topic[] {
  return READS[name.slice(0, name.indexOf('.'))] ?? TOPICS;
}

/** True when a view that called `reads` must refetch after `changed`. */
export function touches(reads: Iterable<WindowMethodName>, changed: readonly Topic[]): boolean {
  const set = new Set(changed);
  for (const name of reads) if (readsOf(name).some((t) => set.has(t))) return true;
  return false;
}
