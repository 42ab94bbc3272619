import path from 'node:path';
import { TaizhangError } from '../../../shared/errors.js';
import { declareYear } from './declare-year.js';
import type { Archive } from '../store/archive-folder.js';
import { insertEdition } from './editions.js';
import { findHeaderRow, parseIndexGrid, type SheetGrid } from './parse-table.js';
import { readWorkbookGrids } from './xlsx-read.js';
import { writeTransaction } from '../store/database.js';

export interface ImportIndexOptions {
  file: string;
  /** The edition's name; by default the table's title row, else the file name. */
  name?: string | undefined;
  /** A year to use the new edition. */
  year?: number | undefined;
}

export interface ImportIndexResult {
  edition: number;
  items: number;
  levels: number;
  warnings: string[];
}

const MAX_NAME_LENGTH = 200;

/** The sheet holding the index: the one whose header is recognised best. Two equally good ones are refused. */
function pickSheet(grids: SheetGrid[]): { grid: SheetGrid; warnings: string[] } {
  const scored = grids
    .map((grid) => ({ grid, score: findHeaderRow(grid)?.score ?? 0 }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const [best, next] = scored;
  if (!best) {
    throw new TaizhangError(
      'bad_table',
      `在工作表 ${grids.map((g) => `「${g.name}」`).join('、')} 中都找不到表头（如「测评项目」「测评内容」「具体要求」） / No sheet has a header row with known column names`,
    );
  }
  if (next && next.score === best.score) {
    throw new TaizhangError(
      'bad_table',
      `工作表「${best.grid.name}」和「${next.grid.name}」都像测评体系表格，无法判断导入哪一个；请只保留一个工作表后再导入 / Two sheets look like index tables`,
    );
  }
  const warnings = scored.slice(1).map((s) => `工作表「${s.grid.name}」未导入（只导入「${best.grid.name}」） / sheet ${s.grid.name} not imported`);
  return { grid: best.grid, warnings };
}

/**
 * Imports a city's index table as a new edition, in one transaction: a table that cannot be read leaves the archive
 * exactly as it was.
 */
export async function importIndexTable(archive: Archive, options: ImportIndexOptions): Promise<ImportIndexResult> {
  const grids = await readWorkbookGrids(options.file);
  const { grid, warnings: sheetWarnings } = pickSheet(grids);
  const parsed = parseIndexGrid(grid);
  const fileName = path.basename(options.file, path.extname(options.file));
  const name = (options.name ?? (parsed.title || fileName)).replace(/\s+/gu, ' ').trim().slice(0, MAX_NAME_LENGTH) || fileName;
  const db = archive.db;
  const result = writeTransaction(db, () => {
    const stored = insertEdition(db, {
      name,
      source: `导入自 ${path.basename(options.file)}（工作表「${grid.name}」）`,
      levelNames: parsed.levelNames,
      items: parsed.items,
    });
    if (options.year !== undefined) declareYear(archive.db, options.year, stored.edition);
    return stored;
  });
  return { ...result, warnings: [...sheetWarnings, ...parsed.warnings] };
}
