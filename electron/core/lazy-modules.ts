import type ExcelJSModule from 'exceljs';
import type MammothModule from 'mammoth';

/*
 * exceljs and mammoth take most of a second to load. Every CLI command, the app's start and each crash-harness
 * worker open the whole core, so only the work that reads or writes a workbook or a DOCX pays for them.
 */

export type ExcelJS = typeof ExcelJSModule;

export async function loadExcelJS(): Promise<ExcelJS> {
  return (await import('exceljs')).default;
}

export async function loadMammoth(): Promise<typeof MammothModule> {
  return (await import('mammoth')).default;
}
