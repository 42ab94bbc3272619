import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp.js';
import { MEASURES, type BenchResults } from './bench.js';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The benchmark at quick scale, run as `npm run bench` runs it; this checks what it reports, never how fast. */
describe('npm run bench -- --scale quick', () => {
  it('measures everything and writes one JSON document with the machine described', { timeout: 1_200_000 }, async () => {
    const work = tempDir('taizhang-bench-');
    const resultsDir = path.join(work, 'results');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--scale', 'quick', '--json', '--work', work, '--results', resultsDir],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
    );
    const results = JSON.parse(stdout) as BenchResults;

    const saved = readdirSync(resultsDir);
    expect(saved).toEqual([`${results.date}-quick.json`]);
    expect(JSON.parse(readFileSync(path.join(resultsDir, saved[0]!), 'utf8'))).toEqual(results);

    expect(results.scale).toBe('quick');
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.cpu).not.toBe('');
    expect(results.machine.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(results.machine.node).toBe(process.version);
    expect(results.dataset.records).toBe(300);

    for (const name of MEASURES) {
      const measure = results.measures[name];
      expect(measure, name).toBeDefined();
      expect('error' in measure ? measure.error : null, name).toBeNull();
    }
    const m = results.measures as { [K in keyof BenchResults['measures']]: Exclude<BenchResults['measures'][K], { error: string }> };

    for (const imported of [m.importPdf, m.importPhoto]) {
      expect(imported.taizhang.runs).toBe(2);
      expect(imported.taizhang.min).toBeLessThanOrEqual(imported.taizhang.median);
      expect(imported.taizhang.median).toBeLessThanOrEqual(imported.taizhang.max);
      expect(imported.copy.median).toBeGreaterThan(0);
      expect(imported.storeBytesPer1000).toBeGreaterThan(0);
    }
    expect(m.importPdf.files).toBe(4);
    expect(m.importPhoto.files).toBe(4);
    expect(m.importPhoto.sharpResize?.median).toBeGreaterThan(0);
    expect(typeof m.importPhoto.overheadPct).toBe('number');

    expect(m.importLongPdf.runs.map((r) => [r.pages, r.storedPages, r.refused === null])).toEqual([[200, 200, true], [1000, 1000, true], [10_001, null, false]]);
    expect(m.importLongPdf.runs[2]!.refused).toMatch(/超过单个文件 10000 页的上限/);
    expect(m.importLongPdf.perPageGrowth).toBeGreaterThan(0);

    // OCR and suggestions: every kind read, figures in range (never how fast).
    expect(m.ocr.pages).toBe(3);
    for (const k of [m.ocr.print, m.ocr.photo, m.ocr.signIn]) expect(k.cerPct).toBeGreaterThanOrEqual(0);
    expect(m.ocr.signIn.rowsExpected).toBeGreaterThan(0);
    expect(m.suggest.sets.map((s) => s.cases)).toEqual([36, 36, 26, 20]);
    for (const s of m.suggest.sets) expect(s.top3Pct).toBeGreaterThanOrEqual(s.top1Pct);
    expect(m.search.records).toBe(300);
    expect(m.search.classes.map((c) => c.name)).toEqual(['1 字', '2 字', '3 字', '4 字', '拉丁文号']);
    for (const c of m.search.classes) {
      // Every query finds something, so the latencies are of real searches.
      expect(c.hits.every((h) => h > 0), c.name).toBe(true);
      expect(c.taizhang.p50).toBeLessThanOrEqual(c.taizhang.p95);
      expect(c.scan.runs).toBe(c.queries.length);
      expect(c.speedup).toBeGreaterThan(0);
    }

    // The bound volume holds every imported file: photos one per page, the PDFs' own pages.
    expect(m.binder.documents).toBe(8);
    expect(m.binder.numberedPages).toBe(results.dataset.pdfs.pages + results.dataset.photos.count);
    expect(m.binder.pages).toBeGreaterThan(m.binder.numberedPages);
    expect(m.binder.peakRssMB.median).toBeGreaterThan(0);
    expect(m.binder.qpdfSeconds.median).toBeGreaterThan(0);

    expect(m.checklist.items).toBe(60);
    expect(m.checklist.records).toBeGreaterThanOrEqual(150);
    for (const t of [m.checklist.seconds, m.checklist.plainWriteSeconds, m.checklist.readBackSeconds, m.checklist.plainReadSeconds]) {
      expect(t.runs).toBe(1);
      expect(t.median).toBeGreaterThan(0);
    }
    expect(m.checklist.ratio).toBeGreaterThan(0);
    expect(m.checklist.readRatio).toBeGreaterThan(0);
    expect(m.open.ms.runs).toBe(2);
    expect(m.size.dbBytesPer1000).toBeGreaterThan(0);
    expect(m.size.tables.map((t) => t.name)).toContain('search_index');

    // The window's thread while the archive service exports and imports; the first of a drop shown before it ends.
    expect(m.window.lag.photos).toBe(4);
    expect(m.window.lag.binderPages).toBeGreaterThan(0);
    expect(m.window.lag.busyP99Ms).toBeGreaterThanOrEqual(0);
    expect(m.window.lag.idleP99Ms).toBeGreaterThanOrEqual(0);
    expect(m.window.firstVisible.photos).toBe(4);
    expect(m.window.firstVisible.ms).toBeGreaterThan(0);
    expect(m.window.firstVisible.ms).toBeLessThanOrEqual(m.window.firstVisible.totalMs);

    expect(results.targets).toHaveLength(15);
    for (const t of results.targets) expect(typeof t.met, t.name).toBe('boolean');
  });
});
