/** Summaries of repeated measurements: the median with min and max, and percentiles for latencies. */

export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export interface Latency extends Stat {
  p50: number;
  p95: number;
}

/** Nearest-rank percentile of already sorted values. */
function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted([...values].sort((a, b) => a - b), p);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) throw new Error('no samples');
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarise(values: readonly number[]): Stat {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

export function latency(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return { ...summarise(sorted), p50: percentileOfSorted(sorted, 50), p95: percentileOfSorted(sorted, 95) };
}

/** Milliseconds since `start` (from `now()`). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const now = (): bigint => process.hrtime.bigint();

/** Runs `fn` and returns its result with the milliseconds it took. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await fn();
  return { ms: elapsedMs(start), value };
}

/** Rounds for display and JSON: three significant digits are all a benchmark on a shared machine can claim. */
export function round(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 3)));
}

export function roundStat<T extends Stat>(stat: T): T {
  return Object.fromEntries(Object.entries(stat).map(([k, v]) => [k, k === 'runs' ? v : round(v)])) as T;
}
