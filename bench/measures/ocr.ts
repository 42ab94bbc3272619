import { promises as fs } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore, type Core } from '../../electron/core/api/core.js';
import { initArchive } from '../../electron/core/archive/init.js';
import {
  characterErrorRate, noticeDocument, photographed, scanOf, signInDocument,
} from '../../electron/core/ocr/testing/scans.js';
import { demoSets } from '../../electron/core/suggest/testing/demo-cases.js';
import { HELD_OUT, HELD_OUT_LATER, type LabelledCase } from '../../electron/core/suggest/testing/held-out.js';
import { insertFixtureRecords } from '../../test/support/archive-data.js';
import { elapsedMs, now } from '../stats.js';

/**
 * OCR and suggestions. A fresh archive files a generated corpus (the demo's notices printed and scanned at 150 dpi,
 * the same pages photographed: tilted 3°, 1400 px, blurred, JPEG 70; the demo's sign-in sheets with their names), and
 * `ocr.run` reads it as the CLI does, the engine in its worker thread with 2 ONNX threads. Measured: pages a minute,
 * the character error rate of each kind against the typeset text, the sign-in rows counted, and how late the main
 * thread's timers ran meanwhile (the window's event loop). Suggestions: top-1 and top-3 on the demo's materials with
 * last year filed, and on the two held-out sets of clerks' titles, none of which the ranking was tuned on.
 */

export interface OcrKindResult {
  pages: number;
  /** Mean character error rate over the pages, in percent. */
  cerPct: number;
  worstPct: number;
}

export interface OcrResult {
  pages: number;
  seconds: number;
  pagesPerMinute: number;
  print: OcrKindResult;
  photo: OcrKindResult;
  signIn: OcrKindResult & { rowsExpected: number; rowsCounted: number };
  /** Main-thread event-loop delay while OCR ran, ms. */
  lag: { p50: number; p99: number; max: number };
}

export interface SuggestSetResult {
  name: string;
  cases: number;
  top1Pct: number;
  top3Pct: number;
}

export interface SuggestBenchResult {
  sets: SuggestSetResult[];
  /** Median time of one suggestion, ms. */
  msPerSuggestion: number;
}

async function freshCore(dir: string): Promise<Core> {
  await fs.rm(dir, { recursive: true, force: true });
  return createCore(await initArchive(dir, { name: '基准测试社区（示例）', fonds: 'B001', filer: '张敏', checker: '李强' }));
}

const round = (v: number, d = 2): number => Math.round(v * 10 ** d) / 10 ** d;

export async function measureOcr(scratch: string, perKind: number, dpi = 150): Promise<OcrResult> {
  const core = await freshCore(path.join(scratch, 'ocr-archive'));
  try {
    const inputs = path.join(scratch, 'ocr-inputs');
    await fs.mkdir(inputs, { recursive: true });
    const cases: { kind: 'print' | 'photo' | 'signIn'; id: number; truth: string; names: string[] }[] = [];
    const file = async (name: string, bytes: Buffer): Promise<string> => {
      const f = path.join(inputs, name);
      await fs.writeFile(f, bytes);
      return f;
    };
    for (let i = 0; i < perKind; i += 1) {
      const notice = await scanOf(noticeDocument(i), dpi);
      const sheetDoc = signInDocument(i);
      const sheet = await scanOf(sheetDoc, dpi);
      const table = sheetDoc.blocks.find((b) => b.kind === 'table');
      const names = table?.kind === 'table' ? table.rows.map((r) => r[1] ?? '').filter(Boolean) : [];
      for (const [kind, name, bytes, truth] of [
        ['print', `通知扫描${i}.png`, notice.png, notice.truth],
        ['photo', `通知照片${i}.jpg`, await photographed(notice), notice.truth],
        ['signIn', `签到表${i}.png`, sheet.png, sheet.truth],
      ] as const) {
        const added = await core.api['records.add']({ files: [await file(name, bytes)], year: 2025, items: ['1.2.2'], activity: `活动${i}` });
        const record = added.records[0];
        if (!record) throw new Error(`${name} 未能添加 / not filed: ${JSON.stringify({ errors: added.errors, duplicates: added.duplicates })}`);
        cases.push({ kind, id: record.id, truth, names: kind === 'signIn' ? names : [] });
      }
    }
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const start = now();
    const run = await core.api['ocr.run']({});
    const seconds = elapsedMs(start) / 1000;
    histogram.disable();

    const kind = async (k: 'print' | 'photo' | 'signIn'): Promise<OcrKindResult> => {
      const rates: number[] = [];
      for (const c of cases.filter((x) => x.kind === k)) {
        const text = (await core.api['ocr.text']({ recordId: c.id })).pages.map((p) => p.effective).join('\n');
        rates.push(characterErrorRate(c.truth, text) * 100);
      }
      return { pages: rates.length, cerPct: round(rates.reduce((a, b) => a + b, 0) / rates.length), worstPct: round(Math.max(...rates)) };
    };
    let rowsExpected = 0;
    let rowsCounted = 0;
    for (const c of cases.filter((x) => x.kind === 'signIn')) {
      rowsExpected += c.names.length;
      const offer = await core.api['ocr.attendance']({ recordId: c.id });
      rowsCounted += offer.names.filter((n, i) => n === c.names[i]).length;
    }
    const ms = (ns: number): number => round(ns / 1e6, 1);
    return {
      pages: run.pages,
      seconds: round(seconds, 1),
      pagesPerMinute: round((run.pages / seconds) * 60, 1),
      print: await kind('print'),
      photo: await kind('photo'),
      signIn: { ...(await kind('signIn')), rowsExpected, rowsCounted },
      lag: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
    };
  } finally {
    core.close();
  }
}

async function accuracy(core: Core, name: string, year: number, cases: readonly LabelledCase[], times: number[]): Promise<SuggestSetResult> {
  let top1 = 0;
  let top3 = 0;
  for (const c of cases) {
    const start = now();
    const { suggestions } = await core.api['suggest.text']({ year, title: c.title, ...(c.text ? { text: c.text } : {}), ...(c.folder ? { folder: c.folder } : {}) });
    times.push(elapsedMs(start));
    if (suggestions[0]?.code === c.code) top1 += 1;
    if (suggestions.some((s) => s.code === c.code)) top3 += 1;
  }
  return { name, cases: cases.length, top1Pct: round((top1 / cases.length) * 100, 1), top3Pct: round((top3 / cases.length) * 100, 1) };
}

export async function measureSuggest(scratch: string): Promise<SuggestBenchResult> {
  const core = await freshCore(path.join(scratch, 'suggest-archive'));
  try {
    const times: number[] = [];
    const sets: SuggestSetResult[] = [];
    const demo = demoSets(2025);
    sets.push(await accuracy(core, '演示资料，无往年 / demo, no history', demo.thisYear, demo.cases, times));
    insertFixtureRecords(
      core.archive.db,
      demo.lastYear,
      demo.history.map((h) => ({ title: h.title, type: '其他', items: [h.code], ...(h.folder ? { activity: h.folder } : {}) })),
    );
    sets.push(await accuracy(core, '演示资料，有去年 / demo, last year filed', demo.thisYear, demo.cases, times));
    sets.push(await accuracy(core, '留出集一 / held-out 1', 2025, HELD_OUT, times));
    sets.push(await accuracy(core, '留出集二（事后写） / held-out 2, written after', 2025, HELD_OUT_LATER, times));
    times.sort((a, b) => a - b);
    return { sets, msPerSuggestion: round(times[Math.floor(times.length / 2)]!, 1) };
  } finally {
    core.close();
  }
}
