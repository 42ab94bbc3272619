import type { DomainHandlers } from '../handler-types.js';
import { applyChecklist, diffChecklist } from './apply.js';
import { exportChecklist } from './export-checklist.js';

export const checklistHandlers: DomainHandlers<'checklist.export' | 'checklist.diff' | 'checklist.apply'> = (archive) => ({
  'checklist.export': (args, ctx) => exportChecklist(archive, args, ctx),
  'checklist.diff': (args) => diffChecklist(archive, args),
  'checklist.apply': (args) => applyChecklist(archive, args),
});
