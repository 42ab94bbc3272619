import { createCore, type Core } from '../electron/core/api/core.js';
import { initArchive } from '../electron/core/archive/init.js';
import { readExampleIndex } from '../electron/core/index/example.js';
import { insertEdition, type EditionDraft, type ItemDraft } from '../electron/core/index/editions.js';
import { reindexRecords } from '../electron/core/search/indexer.js';
import { insertBulkRecords } from '../test/support/bulk-records.js';
import type { Scale } from './scale.js';

/**
 * The archive at scale: `years × recordsPerYear` generated records (Chinese titles and body text, 文号, activities,
 * item links) inserted by the shared bulk generator, the newest year on a large index edition for the checklist run,
 * and some 文号 in Latin letters for the 文号 query. Real files are imported later, by the runs that time it.
 */

export interface BenchArchive {
  core: Core;
  dir: string;
  firstYear: number;
  /** The newest year: the checklist, import and binder runs use it. */
  year: number;
  records: number;
  /** Latin 文号 that exist, for the 文号 queries. */
  latinDocNos: string[];
  checklistEditionItems: number;
}

const TOPICS = ['宣传教育', '志愿服务', '阵地建设', '环境整治', '文化活动', '未成年人', '诚信建设', '网格治理', '便民服务', '平安建设'];
const STANDARDS = ['制度上墙并落实', '活动方案和总结齐全', '签到表和照片留存', '工作台账按月更新', '开展专题活动', '宣传报道及时'];

/**
 * An index edition of `target` items: the example index (so that the generated records' item codes exist) followed by
 * generated 测评项目 → 测评内容 → 测评标准 until the count is reached.
 */
function largeEdition(target: number): EditionDraft {
  const example = readExampleIndex();
  const count = (items: ItemDraft[]): number => items.reduce((n, i) => n + 1 + count(i.children ?? []), 0);
  const items: ItemDraft[] = [...example.items];
  let total = count(items);
  for (let top = example.items.length + 1; total < target; top += 1) {
    const project: ItemDraft = { code: String(top), title: `基准测评项目${top}`, children: [] };
    total += 1;
    for (let c = 1; c <= 10 && total < target; c += 1) {
      const content: ItemDraft = { code: `${top}.${c}`, title: `${TOPICS[(top + c) % TOPICS.length]}（${top}.${c}）`, children: [] };
      total += 1;
      for (let s = 1; s <= 9 && total < target; s += 1) {
        content.children!.push({
          code: `${top}.${c}.${s}`,
          title: `${STANDARDS[(c + s) % STANDARDS.length]}`,
          method: '材料审核',
          requirement: `有方案、签到表、照片不少于${1 + (s % 5)}张，每季度不少于1次活动`,
          unit: '社区居委会',
        });
        total += 1;
      }
      project.children!.push(content);
    }
    items.push(project);
  }
  return { name: `基准测试测评体系（${target} 项，示例）`, source: 'Taizhang benchmark', isExample: true, levelNames: example.levelNames ?? [], items };
}

/** Gives about one record in a hundred (at least five) a Latin 文号 ("WMB-2024-0042"), reindexed in the same transaction. */
function latinDocNumbers(core: Core, records: number): string[] {
  const db = core.archive.db;
  const candidates = db.prepare(`SELECT id, year FROM records WHERE type IN ('方案', '通知') ORDER BY id`).all() as { id: number; year: number }[];
  const step = Math.max(1, Math.floor(candidates.length / Math.max(5, Math.round(records / 100))));
  const rows = candidates.filter((_, i) => i % step === 0);
  const update = db.prepare('UPDATE records SET doc_no = ? WHERE id = ?');
  const numbers: string[] = [];
  db.transaction(() => {
    for (const [n, row] of rows.entries()) {
      const docNo = `WMB-${row.year}-${String(n + 1).padStart(4, '0')}`;
      update.run(docNo, row.id);
      numbers.push(docNo);
    }
    reindexRecords(db, rows.map((r) => r.id));
  })();
  return numbers;
}

export async function buildArchive(dir: string, scale: Scale, year: number, log: (line: string) => void): Promise<BenchArchive> {
  const core = createCore(await initArchive(dir, { name: '基准测试社区（示例）', fonds: 'B001', filer: '张敏', checker: '李强' }));
  const firstYear = year - scale.years + 1;
  const [example] = await core.api['index.editions']({});
  const large = insertEdition(core.archive.db, largeEdition(scale.checklistItems));
  for (let y = firstYear; y < year; y += 1) await core.api['archive.setYear']({ year: y, editionId: example!.id });
  await core.api['archive.setYear']({ year, editionId: large.edition });
  const count = scale.years * scale.recordsPerYear;
  log(`  生成 ${count} 件记录…`);
  insertBulkRecords(core.archive.db, { count, years: [firstYear, year], bodyChars: scale.bodyChars, seed: 2024 });
  const latinDocNos = latinDocNumbers(core, count);
  core.archive.db.pragma('wal_checkpoint(TRUNCATE)');
  return { core, dir, firstYear, year, records: count, latinDocNos, checklistEditionItems: large.items };
}
