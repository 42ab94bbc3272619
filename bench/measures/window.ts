import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import type { WindowEvent } from '../../shared/api/app.js';
import { startBridge, TOKEN_HEADER, type Bridge } from '../../electron/bridge/server.js';
import { browserShell, Session } from '../../electron/host/session.js';
import { elapsedMs, now, round } from '../stats.js';

/**
 * What the window feels while the archive works, measured through the bridge (the same session and archive service
 * as the app: the core in its own thread).
 *
 * - Event-loop lag of the thread that serves the window (the bridge's main thread, as Electron's main process),
 *   while a binder export and a photo import run at once, beside the same thread's lag idle in the same run.
 *   A timer every RESOLUTION_MS; lag is how late it fires.
 * - Time to first visible record: a drop of photos through the bridge (records.add with progress), the window
 *   listening to its change events and refetching its record list as the app does; the time until the list first
 *   shows one of the new records.
 */

export interface WindowResult {
  lag: { idleP99Ms: number; busyP99Ms: number; busyMaxMs: number; seconds: number; photos: number; binderPages: number };
  firstVisible: { photos: number; ms: number; totalMs: number };
}

const RESOLUTION_MS = 5;

async function lagWhile(work: () => Promise<unknown>): Promise<{ p99: number; max: number; ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const start = now();
  await work();
  const ms = elapsedMs(start);
  histogram.disable();
  // The histogram holds the interval itself plus the delay, in nanoseconds.
  const late = (ns: number) => round(Math.max(0, ns / 1e6 - RESOLUTION_MS));
  return { p99: late(histogram.percentile(99)), max: late(histogram.max), ms };
}

async function post(bridge: Bridge, name: string, args: unknown, extra: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(`${bridge.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token, ...extra },
    body: JSON.stringify(args),
  });
  const envelope = (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message ?? res.status}`);
  return envelope.result;
}

/** The window's change-event stream; resolves `stop` to end it. */
async function followEvents(bridge: Bridge, onEvent: (e: WindowEvent) => void, stop: AbortSignal): Promise<void> {
  const res = await fetch(`${bridge.origin}/api/events`, { headers: { [TOKEN_HEADER]: bridge.token }, signal: stop });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
    if (done) return;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const data = buffer.slice(0, cut).split('\n').find((l) => l.startsWith('data: '));
      buffer = buffer.slice(cut + 2);
      if (data) onEvent(JSON.parse(data.slice(6)) as WindowEvent);
    }
  }
}

export async function measureWindow(
  archiveDir: string,
  options: { year: number; item: string; volumeItem: string; photos: readonly string[]; dropPhotos: number; scratch: string },
): Promise<WindowResult> {
  const session = new Session({ configDir: path.join(options.scratch, 'window-config'), shell: browserShell });
  const bridge = await startBridge({ session, staticDir: null });
  try {
    await post(bridge, 'app.open', { dir: archiveDir });
    const idle = await lagWhile(() => new Promise((resolve) => setTimeout(resolve, 3000)));

    // Photos already filed in the newest year are new to the year before, so nothing is skipped as a duplicate.
    const importYear = options.year - 1;
    await post(bridge, 'archive.setYear', { year: importYear });
    let binderPages = 0;
    const busy = await lagWhile(() =>
      Promise.all([
        post(bridge, 'binder.export', { year: options.year, item: options.volumeItem, out: path.join(options.scratch, 'window-binder') }, { 'x-taizhang-task': 'benchbinder' }).then((r) => {
          binderPages = (r as { volumes: { pages: number }[] }).volumes.reduce((n, v) => n + v.pages, 0);
        }),
        post(bridge, 'records.add', { files: [...options.photos], year: importYear, items: [options.item] }, { 'x-taizhang-task': 'benchimport' }),
      ]),
    );

    const firstVisible = await timeToFirstVisible(bridge, options.year - 2, options.item, options.photos.slice(0, options.dropPhotos));
    return {
      lag: { idleP99Ms: idle.p99, busyP99Ms: busy.p99, busyMaxMs: busy.max, seconds: round(busy.ms / 1000), photos: options.photos.length, binderPages },
      firstVisible,
    };
  } finally {
    await bridge.close();
    await session.dispose();
  }
}

async function timeToFirstVisible(bridge: Bridge, year: number, item: string, photos: readonly string[]): Promise<WindowResult['firstVisible']> {
  await post(bridge, 'archive.setYear', { year });
  const listed = async () => ((await post(bridge, 'records.list', { year, item })) as unknown[]).length;
  const before = await listed();
  const stop = new AbortController();
  let seenAt: number | null = null;
  let refetching = false;
  const start = now();
  const following = followEvents(
    bridge,
    (event) => {
      if (event.type !== 'changed' || !event.topics.includes('records') || refetching || seenAt !== null) return;
      refetching = true;
      void listed()
        .then((count) => {
          if (count > before && seenAt === null) seenAt = elapsedMs(start);
        })
        // A refetch still in flight when the drop ends is cut off by the bridge closing; it has nothing left to say.
        .catch(() => undefined)
        .finally(() => (refetching = false));
    },
    stop.signal,
  );
  await post(bridge, 'records.add', { files: [...photos], year, items: [item] }, { 'x-taizhang-task': 'benchdrop' });
  const totalMs = elapsedMs(start);
  stop.abort();
  await following.catch(() => undefined);
  return { photos: photos.length, ms: round(seenAt ?? totalMs), totalMs: round(totalMs) };
}
