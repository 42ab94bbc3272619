import type { BenchResults, Outcome } from './bench.js';
import type { Latency, Stat } from './stats.js';

/** The table `npm run bench` prints: each figure as median [min–max] beside its baseline and target. */

function stat(s: Stat, unit = ''): string {
  return `${s.median}${unit} [${s.min}–${s.max}]`;
}

function lat(l: Latency): string {
  return `p50 ${l.p50} / p95 ${l.p95} ms`;
}

/** Terminal width of a string: CJK characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  return rows.map((r) => r.map((cell, c) => pad(cell, widths[c]!)).join('  ').trimEnd()).join('\n');
}

function failed<T extends object>(o: Outcome<T>): o is { error: string } {
  return 'error' in o;
}

export function formatResults(r: BenchResults): string {
  const m = r.measures;
  const rows: string[][] = [['测量 / measure', 'Taizhang', '基准 / baseline']];
  const add = <T extends object>(name: string, o: Outcome<T>, ours: (v: T) => string, base: (v: T) => string): void => {
    rows.push(failed(o) ? [name, `失败 / failed: ${o.error}`, ''] : [name, ours(o), base(o)]);
  };
  add(`导入 PDF（${r.dataset.pdfs.count} 份，${r.dataset.pdfs.pages} 页）files/s`, m.importPdf, (v) => stat(v.taizhang), (v) => `复制 copy ${stat(v.copy)}`);
  add(
    `导入照片（${r.dataset.photos.count} 张 ${r.dataset.photos.width}×${r.dataset.photos.height}）files/s`,
    m.importPhoto,
    (v) => `${stat(v.taizhang)}，多用 overhead ${v.overheadPct}%`,
    (v) => `复制 copy ${stat(v.copy)}；sharp 缩放 resize ${v.sharpResize ? stat(v.sharpResize) : '—'}`,
  );
  add(
    '导入长 PDF（扁平页面树）/ long PDFs',
    m.importLongPdf,
    (v) => v.runs.map((r) => `${r.pages} 页 ${r.seconds} s${r.refused ? '（拒收 refused）' : ''}`).join('；') + (v.perPageGrowth === null ? '' : `，每页用时增长 ${v.perPageGrowth}×`),
    (v) => `qpdf --show-npages ${v.runs.map((r) => `${r.qpdfSeconds} s`).join('；')}`,
  );
  if (failed(m.search)) rows.push(['搜索 / search', `失败 / failed: ${m.search.error}`, '']);
  else {
    for (const c of m.search.classes) {
      rows.push([`搜索 ${c.name}（${m.search.records} 件，前 50）`, lat(c.taizhang), `LIKE 扫描 ${lat(c.scan)}，快 ${c.speedup}×`]);
    }
  }
  add(
    '装订案卷 / binder volume',
    m.binder,
    (v) => `${v.pages} 页（${v.photos} 张照片）${stat(v.taizhangSeconds, ' s')}，峰值 RSS ${stat(v.peakRssMB, ' MB')}`,
    (v) => `qpdf 合并 ${stat(v.qpdfSeconds, ' s')}，Taizhang 用时为其 ${v.ratio}×`,
  );
  add(
    '自查表 / checklist',
    m.checklist,
    (v) => `${v.items} 项（${v.rows} 条测评标准）、${v.records} 件：导出 ${stat(v.seconds, ' s')}，读回 ${stat(v.readBackSeconds, ' s')}`,
    (v) => `exceljs 只写值 ${stat(v.plainWriteSeconds, ' s')}（${v.ratio}×），只读 ${stat(v.plainReadSeconds, ' s')}（${v.readRatio}×）`,
  );
  add('打开档案 / open', m.open, (v) => `${v.records} 件 ${stat(v.ms, ' ms')}`, () => '—');
  add(
    '大小 / size',
    m.size,
    (v) => `数据库 ${Math.round(v.dbBytesPer1000 / 1024)} KB / 千件`,
    (v) => `共 ${(v.dbBytes / 2 ** 20).toFixed(0)} MB；最大：${v.tables.slice(0, 3).map((t) => `${t.name} ${(t.bytes / 2 ** 20).toFixed(0)} MB`).join('、')}`,
  );
  add(
    `文字识别（${failed(m.ocr) ? '—' : m.ocr.pages} 页）/ OCR`,
    m.ocr,
    (v) =>
      `${v.pagesPerMinute} 页/分；错误率 印刷 ${v.print.cerPct}%、照片 ${v.photo.cerPct}%、签到表 ${v.signIn.cerPct}%；签到行 ${v.signIn.rowsCounted}/${v.signIn.rowsExpected}`,
    (v) => `主线程延迟 p50 ${v.lag.p50} / p99 ${v.lag.p99} / 最大 ${v.lag.max} ms`,
  );
  add(
    '建议测评项目 / suggestions',
    m.suggest,
    (v) => v.sets.map((s) => `${s.name}：前一 ${s.top1Pct}%、前三 ${s.top3Pct}%（${s.cases} 例）`).join('；'),
    (v) => `每次 ${v.msPerSuggestion} ms`,
  );
  add(
    '窗口线程卡顿 / window event-loop lag',
    m.window,
    (v) => `装订 ${v.lag.binderPages} 页 + 导入 ${v.lag.photos} 张照片时 p99 ${v.lag.busyP99Ms} ms，最长 ${v.lag.busyMaxMs} ms`,
    (v) => `空闲时 idle p99 ${v.lag.idleP99Ms} ms`,
  );
  add(
    '拖入照片到首件可见 / drop to first visible',
    m.window,
    (v) => `${v.firstVisible.photos} 张：${v.firstVisible.ms} ms`,
    (v) => `全部导入完 all filed ${(v.firstVisible.totalMs / 1000).toFixed(1)} s`,
  );
  const stores = [m.importPdf, m.importPhoto].filter((o): o is Exclude<typeof o, { error: string }> => !failed(o));
  if (stores.length === 2) {
    rows.push(['文件库 / store', `PDF ${(stores[0]!.storeBytesPer1000 / 2 ** 20).toFixed(0)} MB / 千份`, `照片 ${(stores[1]!.storeBytesPer1000 / 2 ** 20).toFixed(0)} MB / 千张（含缩略图和打印图）`]);
  }

  const targets = table([
    ['目标 / target', '要求', '实测', ''],
    ...r.targets.map((t) => [t.name, t.target, t.value, t.met === null ? '—' : t.met ? '达到 ✓' : '未达到 ✗']),
  ]);
  const machine = r.machine;
  const header = [
    `台账基准测试 / Taizhang benchmark — ${r.scale}，${r.dataset.records} 件（${r.dataset.years[0]}–${r.dataset.years[1]}），${r.date}，用时 ${r.seconds} s`,
    `机器 / machine: ${machine.cpu} × ${machine.cores}，${machine.memoryGB} GB，${machine.platform}，node ${machine.node}，SQLite ${machine.sqlite}，libvips ${machine.libvips}，load ${machine.loadAverage} → ${r.loadAverageEnd}`,
  ];
  const note = r.scale === 'quick' ? ['', '（quick 规模只验证测量过程，数字不能与目标比较 / quick scale checks the harness; its figures say nothing about the targets）'] : [];
  return [...header, '', table(rows), '', targets, ...note].join('\n');
}
