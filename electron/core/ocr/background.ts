import { setTimeout as delay } from 'node:timers/promises';
import type { Archive } from '../store/archive-folder.js';
import { startEngine, type OcrEngine } from './engine.js';
import { runOcr } from './queue.js';
import { ocrEnabled, waitingPages } from './repository.js';

/**
 * The background reading of an open archive: started by the window's session when it opens an archive, woken after
 * every import, idle when nothing waits. One page at a time in the engine's worker thread, with a pause between
 * pages so the window's own work comes first. Switched off, it reads nothing (a selection can still be read on
 * demand). Whatever it was reading when the app closes is read on from the next page the next time.
 */
export class OcrBackground {
  private readonly archive: Archive;
  private engine: OcrEngine | null = null;
  private controller: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  done = 0;
  total = 0;

  /** `onChange` hears of every page read and of the end of a batch, so the window's progress follows without polling. */
  constructor(
    archive: Archive,
    private readonly onChange: () => void = () => undefined,
    private readonly pauseMs = 50,
  ) {
    this.archive = archive;
  }

  get running(): boolean {
    return this.loop !== null;
  }

  /** Something was filed or asked for: read it (unless switched off). */
  kick(): void {
    if (this.stopped || !ocrEnabled(this.archive.db)) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    this.loop = this.work().finally(() => {
      this.loop = null;
    });
  }

  /** The engine the session's on-demand runs share with the background. */
  sharedEngine(): OcrEngine {
    this.engine ??= startEngine();
    return this.engine;
  }

  private async work(): Promise<void> {
    do {
      this.again = false;
      if (waitingPages(this.archive.db, {}) === 0) continue;
      this.controller = new AbortController();
      try {
        await runOcr(this.archive, this.sharedEngine(), {
          signal: this.controller.signal,
          onProgress: (p) => {
            this.done = p.done;
            this.total = p.total;
            this.onChange();
          },
          pause: () => delay(this.pauseMs),
        });
      } catch (err) {
        if (!this.controller.signal.aborted) console.error('后台文字识别出错 / background OCR failed', err);
      } finally {
        this.controller = null;
      }
    } while (this.again && !this.stopped && ocrEnabled(this.archive.db));
    this.done = 0;
    this.total = 0;
    this.onChange();
  }

  /** Stops at the end of the current page (switched off, or the archive closing). */
  async pause(): Promise<void> {
    this.controller?.abort();
    await this.loop;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.pause();
    await this.engine?.close();
    this.engine = null;
  }
}

const running = new WeakMap<Archive, OcrBackground>();

export function startOcrBackground(archive: Archive, onChange?: () => void): OcrBackground {
  let bg = running.get(archive);
  if (!bg) {
    bg = new OcrBackground(archive, onChange);
    running.set(archive, bg);
  }
  bg.kick();
  return bg;
}

export function ocrBackground(archive: Archive): OcrBackground | undefined {
  return running.get(archive);
}

export async function stopOcrBackground(archive: Archive): Promise<void> {
  const bg = running.get(archive);
  running.delete(archive);
  await bg?.stop();
}
