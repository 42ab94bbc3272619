import type { BenchResults, Outcome } from './bench.js';

/** The targets issues 8, 13 and 18 set (the later issue's where both set one), checked against a run's figures. At quick scale they are shown but prove nothing. */

export interface TargetCheck {
  name: string;
  target: string;
  value: string;
  /** null when the measure failed. */
  met: boolean | null;
}

type Measures = BenchResults['measures'];

function ok<T extends object>(outcome: Outcome<T>): T | null {
  return 'error' in outcome ? null : outcome;
}

function check(name: string, target: string, value: number | null, limit: number, better: 'lower' | 'higher', unit: string): TargetCheck {
  if (value === null) return { name, target, value: '—', met: null };
  return { name, target, value: `${value}${unit}`, met: better === 'lower' ? value <= limit : value >= limit };
}

export const TARGETS = {
  searchP95Ms: 50,
  searchSpeedup: 20,
  binderSeconds: 20,
  binderRssMB: 400,
  binderVsQpdf: 2,
  photoOverheadPct: 15,
  openMs: 300,
  ocrPrintCerPct: 3,
  ocrPhotoCerPct: 8,
  ocrPagesPerMinute: 10,
  ocrLagP99Ms: 50,
  suggestTop3Pct: 90,
  suggestTop1Pct: 70,
  windowLagP99Ms: 20,
  firstVisibleMs: 2000,
} as const;

export function checkTargets(m: Measures): TargetCheck[] {
  const search = ok(m.search);
  const binder = ok(m.binder);
  const photo = ok(m.importPhoto);
  const open = ok(m.open);
  const ocr = ok(m.ocr);
  const suggest = ok(m.suggest);
  // The figure for suggestions is the worst of its labelled sets.
  const heldOut = suggest ? suggest.sets : null;
  const window = ok(m.window);
  const worstP95 = search ? Math.max(...search.classes.map((c) => c.taizhang.p95)) : null;
  const leastSpeedup = search ? Math.min(...search.classes.map((c) => c.speedup)) : null;
  return [
    check('搜索 p95（最慢的一类）/ search p95, slowest class', `≤ ${TARGETS.searchP95Ms} ms`, worstP95, TARGETS.searchP95Ms, 'lower', ' ms'),
    check('搜索比 LIKE 扫描快（最少的一类）/ search vs scan', `≥ ${TARGETS.searchSpeedup}×`, leastSpeedup, TARGETS.searchSpeedup, 'higher', '×'),
    check('装订用时 / binder time', `≤ ${TARGETS.binderSeconds} s`, binder?.taizhangSeconds.median ?? null, TARGETS.binderSeconds, 'lower', ' s'),
    check('装订峰值内存 / binder peak RSS', `≤ ${TARGETS.binderRssMB} MB`, binder?.peakRssMB.max ?? null, TARGETS.binderRssMB, 'lower', ' MB'),
    check('装订比 qpdf / binder vs qpdf', `≤ ${TARGETS.binderVsQpdf}×`, binder?.ratio ?? null, TARGETS.binderVsQpdf, 'lower', '×'),
    check('照片导入比 sharp 缩放多用 / photo import overhead', `≤ ${TARGETS.photoOverheadPct}%`, photo?.overheadPct ?? null, TARGETS.photoOverheadPct, 'lower', '%'),
    check('打开档案 / open', `≤ ${TARGETS.openMs} ms`, open?.ms.median ?? null, TARGETS.openMs, 'lower', ' ms'),
    check('识别错误率：印刷扫描 / OCR CER, print', `≤ ${TARGETS.ocrPrintCerPct}%`, ocr?.print.cerPct ?? null, TARGETS.ocrPrintCerPct, 'lower', '%'),
    check('识别错误率：倾斜低清照片 / OCR CER, photo', `≤ ${TARGETS.ocrPhotoCerPct}%`, ocr?.photo.cerPct ?? null, TARGETS.ocrPhotoCerPct, 'lower', '%'),
    check('识别速度（2 核） / OCR pages a minute', `≥ ${TARGETS.ocrPagesPerMinute} 页/分`, ocr?.pagesPerMinute ?? null, TARGETS.ocrPagesPerMinute, 'higher', ' 页/分'),
    check('识别时主线程延迟 p99 / event-loop lag p99', `≤ ${TARGETS.ocrLagP99Ms} ms`, ocr?.lag.p99 ?? null, TARGETS.ocrLagP99Ms, 'lower', ' ms'),
    check('建议前三命中（最差一组） / suggestion top-3', `≥ ${TARGETS.suggestTop3Pct}%`, heldOut ? Math.min(...heldOut.map((s) => s.top3Pct)) : null, TARGETS.suggestTop3Pct, 'higher', '%'),
    check('建议第一命中（最差一组） / suggestion top-1', `≥ ${TARGETS.suggestTop1Pct}%`, heldOut ? Math.min(...heldOut.map((s) => s.top1Pct)) : null, TARGETS.suggestTop1Pct, 'higher', '%'),
    check('窗口线程卡顿 p99（装订 + 导入照片时）/ window event-loop lag p99', `≤ ${TARGETS.windowLagP99Ms} ms`, window?.lag.busyP99Ms ?? null, TARGETS.windowLagP99Ms, 'lower', ' ms'),
    check('拖入照片到首件可见 / drop to first visible record', `≤ ${TARGETS.firstVisibleMs} ms`, window?.firstVisible.ms ?? null, TARGETS.firstVisibleMs, 'lower', ' ms'),
  ];
}
