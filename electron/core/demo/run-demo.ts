import path from 'node:path';
import type { Progress } from '../../../shared/api/method.js';
import { createCore, type Core } from '../api/core.js';
import { initArchive } from '../archive/init.js';
import { localIsoDate } from '../../../shared/text/dates.js';
import { shiftDays } from './calendar.js';
import { writeMaterials, type MaterialFile } from './materials.js';
import { DEMO_UNIT, demoScenario, type DemoScenario } from './scenario.js';
import { demoPaths, prepareWorkspace, writeMarker, type DemoPaths } from './workspace.js';

/**
 * The demo job: a sample archive for two years, filed from generated materials through the real API, then this
 * year's binders and checklist exported, as a clerk would do it. Used by `taizhang demo DIR` and `npm run demo`.
 */

export interface DemoOptions {
  /** Move an archive the demo did not make aside instead of refusing. */
  force?: boolean;
  /** "YYYY-MM-DD"; this year is its year. Tests pin it. */
  today?: string;
  onProgress?: (progress: Progress) => void;
}

export interface DemoYearSummary {
  year: number;
  records: number;
  activities: number;
  photos: number;
  documents: number;
}

export interface DemoReport {
  dir: string;
  archive: string;
  out: string;
  materials: string;
  years: DemoYearSummary[];
  /** 制度 carried over from last year. */
  carried: number;
  ledger: { rows: number; overdue: number };
  binders: { path: string; title: string; pages: number; documents: number }[];
  overview: string | null;
  checklist: string;
  /** Items of this year still incomplete, as the completeness check words them. */
  gaps: { code: string; title: string; reason: string }[];
  movedAside: string[];
  warnings: string[];
}

export async function runDemo(dir: string, options: DemoOptions = {}): Promise<DemoReport> {
  const paths = demoPaths(dir);
  const today = options.today ?? localIsoDate();
  const scenario = demoScenario(Number(today.slice(0, 4)));
  const step = (stage: string, done: number, total: number, message?: string): void =>
    options.onProgress?.({ stage, done, total, ...(message ? { message } : {}) });

  const prepared = await prepareWorkspace(paths, options.force ?? false);
  const materials = await writeMaterials(paths.materials, scenario, today, (done, total, file) => step('生成示例材料 / making materials', done, total, file));
  const core = createCore(await initArchive(paths.archive, DEMO_UNIT));
  try {
    const lastYear = scenario.lastYear.year;
    const warnings = await importFolderTree(core, path.join(paths.materials, String(lastYear)), lastYear, materials, (p) =>
      step('导入去年的文件夹 / importing last year’s folder', p.done, p.total, p.message),
    );
    // Last year was archived at its year end: its 件号 and 档号 are fixed before this year starts.
    step('归档去年的材料 / archiving last year', 0, 1);
    await core.api['archival.number']({ year: lastYear });
    const thisYears = materials.filter((m) => m.year === scenario.thisYear.year);
    warnings.push(...(await fileMaterials(core, thisYears, (done, total, file) => step('归入测评项目 / filing', done, total, file))));
    const carried = await core.api['records.carryOver']({ from: scenario.lastYear.year, to: scenario.thisYear.year });
    warnings.push(...carried.warnings);
    const ledger = await addLedgerRows(core, scenario, today);
    step('归档今年的材料 / archiving this year', 0, 1);
    await core.api['archival.number']({ year: scenario.thisYear.year });
    step('导出案卷 / exporting binders', 0, 1);
    const binder = await core.api['binder.export']({ year: scenario.thisYear.year, out: paths.out, overview: true });
    warnings.push(...binder.warnings.map((w) => w.message));
    step('导出自查表 / exporting the checklist', 0, 1);
    const checklist = await core.api['checklist.export']({
      year: scenario.thisYear.year,
      out: path.join(paths.out, `${scenario.thisYear.year}年度自查表（示例）.xlsx`),
      ...(binder.report ? { binderReport: binder.report } : {}),
    });
    const report = await summarise(core, paths, scenario, materials, {
      carried: carried.carried, ledger, checklist: checklist.path, movedAside: prepared.movedAside, warnings,
      binders: binder.volumes.map((v) => ({ path: v.path, title: v.title, pages: v.pages, documents: v.documents.length })),
      overview: binder.overview,
    });
    const written = [...binder.volumes.map((v) => v.path), binder.overview, binder.report, checklist.path, ...materials.map((m) => m.file)];
    await writeMarker(paths, report.years.reduce((n, y) => n + y.records, 0), written.filter((f): f is string => f !== null));
    return report;
  } finally {
    core.close();
  }
}

function describe(file: string, problems: readonly { file: string; message: string }[]): string[] {
  return problems.map((p) => `${path.basename(p.file || file)}：${p.message}`);
}

/**
 * Last year as a clerk would bring it in: the whole folder tree at once (year, item and activity folders, dates in
 * names), then what no folder can say (文号, 保管期限, the photos' 说明) filled in record by record.
 */
async function importFolderTree(
  core: Core,
  dir: string,
  year: number,
  materials: readonly MaterialFile[],
  onProgress: (p: Progress) => void,
): Promise<string[]> {
  const result = await core.invoke('records.importFolder', { dir, year }, { onProgress });
  const warnings = [...describe(dir, result.errors), ...describe(dir, result.warnings)];
  const byName = new Map(materials.filter((m) => m.year === year).map((m) => [path.basename(m.file), m]));
  for (const { id } of result.records) {
    const detail = await core.api['records.get']({ id });
    const m = byName.get(detail.fileList[0]?.name ?? '');
    if (!m) {
      warnings.push(`${detail.title}：不是演示生成的文件 / not a demo file`);
      continue;
    }
    await core.api['records.update']({
      id, title: m.title, type: m.type, date: m.date, docNo: m.docNo, author: m.author, retention: m.retention, ...(m.caption ? { caption: m.caption } : {}),
    });
  }
  return warnings;
}

/** Files every material through records.add with what the clerk knows about it; returns the import's warnings. */
async function fileMaterials(core: Core, materials: readonly MaterialFile[], progress: (done: number, total: number, file: string) => void): Promise<string[]> {
  const warnings: string[] = [];
  for (const [index, m] of materials.entries()) {
    const result = await core.api['records.add']({
      files: [m.file],
      year: m.year,
      items: m.items,
      title: m.title,
      type: m.type,
      date: m.date,
      docNo: m.docNo,
      author: m.author,
      retention: m.retention,
      activity: m.activity,
      ...(m.caption ? { caption: m.caption } : {}),
    });
    warnings.push(...describe(m.file, [...result.errors, ...result.warnings]));
    progress(index + 1, materials.length, path.basename(m.file));
  }
  return warnings;
}

async function addLedgerRows(core: Core, scenario: DemoScenario, today: string): Promise<{ rows: number; overdue: number }> {
  for (const row of scenario.ledger) {
    const added = await core.api['ledger.add']({
      year: scenario.thisYear.year,
      problem: `${row.problem}（示例）`,
      site: row.site,
      items: row.items,
      unit: row.unit,
      leader: row.leader,
      raisedOn: shiftDays(today, row.raisedInDays),
      deadline: shiftDays(today, row.deadlineInDays),
      progress: row.progress,
    });
    if (row.state !== '待整改') await core.api['ledger.update']({ id: added.id, state: row.state });
  }
  const rows = await core.api['ledger.list']({ year: scenario.thisYear.year });
  return { rows: rows.length, overdue: rows.filter((r) => r.overdue).length };
}

async function summarise(
  core: Core,
  paths: DemoPaths,
  scenario: DemoScenario,
  materials: readonly MaterialFile[],
  done: Pick<DemoReport, 'carried' | 'ledger' | 'checklist' | 'movedAside' | 'warnings' | 'binders' | 'overview'>,
): Promise<DemoReport> {
  const years: DemoYearSummary[] = [];
  for (const { year } of [scenario.lastYear, scenario.thisYear]) {
    const records = await core.api['records.list']({ year });
    const activities = await core.api['records.activities']({ year });
    years.push({
      year,
      records: records.length,
      activities: activities.length,
      photos: materials.filter((m) => m.year === year && m.type === '照片').length,
      documents: materials.filter((m) => m.year === year && m.type !== '照片').length,
    });
  }
  const status = await core.api['status.get']({ year: scenario.thisYear.year });
  const gaps = status.filter((s) => s.leaf && s.status !== '齐全' && s.status !== '不适用').map((s) => ({ code: s.code, title: s.title, reason: s.reason }));
  return { dir: paths.dir, archive: paths.archive, out: paths.out, materials: paths.materials, years, gaps, ...done };
}
