import type { Db } from '../store/database.js';
import { count, problem, type CheckProblem } from './check-problems.js';

export interface SectionResult {
  problems: CheckProblem[];
  summary: string[];
}

/** SQLite's own integrity check and the foreign keys, which no schema constraint enforces after the fact. */
export function checkDatabase(db: Db): SectionResult {
  const problems: CheckProblem[] = [];
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (!(integrity.length === 1 && integrity[0] === 'ok')) {
    problems.push(
      problem('database_corrupt', `数据库结构损坏（${integrity.slice(0, 3).join('；')}），请从备份恢复 / The database is damaged; restore from a backup`, {
        details: integrity.slice(0, 20),
      }),
    );
  }
  const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  const byTable = new Map<string, number>();
  for (const row of broken) byTable.set(`${row.table}→${row.parent}`, (byTable.get(`${row.table}→${row.parent}`) ?? 0) + 1);
  for (const [link, n] of byTable) {
    problems.push(problem('foreign_key', `数据库中有 ${count(n)} 行引用了不存在的数据（${link}） / Rows point at missing rows`, { link, rows: n }));
  }
  const summary = [
    problems.length === 0 ? '数据库完整性检查：正常' : `数据库完整性检查：发现 ${count(problems.length)} 处问题`,
  ];
  return { problems, summary };
}
