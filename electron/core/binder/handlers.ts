import type { DomainHandlers } from '../handler-types.js';
import { exportBinder, preflightBinder } from './export-binder.js';
import { printedPages } from './printed-pages.js';
import { exportBoxes, exportCatalogue } from './print-set.js';

export const binderHandlers: DomainHandlers<'binder.export' | 'binder.preflight' | 'binder.catalogue' | 'binder.boxes' | 'binder.pages'> = (archive) => ({
  'binder.export': (args, ctx) => exportBinder(archive, args, ctx),
  'binder.catalogue': (args) => exportCatalogue(archive, args),
  'binder.boxes': (args) => exportBoxes(archive, args),
  'binder.preflight': (args) => preflightBinder(archive, args),
  'binder.pages': (args) => printedPages(archive, args),
});
