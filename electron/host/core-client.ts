import type { UnitSettings } from '../../shared/api/archive.js';
import type { CallEnvelope } from '../../shared/api/app.js';
import { TOPICS, type Topic } from '../../shared/api/live.js';
import type { Progress } from '../../shared/api/method.js';
import { TaizhangError, type ErrorPayload, type Message } from '../../shared/errors.js';
import type { CheckReport } from '../../shared/api/integrity.js';
import type { OpenDatabaseOptions } from '../core/store/database.js';
import type { CoreChannel, CoreReply, CoreRequest, SpawnCore } from './core-protocol.js';
import type { PreviewTarget } from './preview.js';

export interface CoreEvents {
  changed(topics: Topic[]): void;
  notice(level: 'info' | 'error', message: string): void;
}

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** What the window is told when the service stops; the call that was running ends with the same words. */
export const CORE_RESTARTED: Message = {
  zh: '档案服务意外退出，已重新启动，正在检查档案…',
  en: 'The archive service stopped unexpectedly; it was restarted and the archive is being checked',
};
/** More crashes than this within CRASH_WINDOW_MS and the service is not restarted with the archive again. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 60_000;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress?: ((progress: Progress) => void) | undefined;
}

/**
 * The window's side of the archive service: sends requests, routes answers, progress and change events, and when
 * the service dies (out of memory, a crash, killed) fails the calls that were running with a message the clerk can
 * read, starts a new service, reopens the archive and checks it.
 */
export class CoreClient {
  /** Started on the first request, so a window that never opens an archive never starts a service. */
  private channel: CoreChannel | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private opened: { dir: string; database: OpenDatabaseOptions; backgroundOcr: boolean } | null = null;
  /** Resolves once the archive is open again after a restart; calls wait for it. */
  private reopening: Promise<void> | null = null;
  private crashes: number[] = [];
  private disposed = false;

  constructor(
    private readonly spawn: SpawnCore,
    private readonly events: CoreEvents,
  ) {}

  /** The running service, e.g. for a test that kills it. */
  get current(): CoreChannel | null {
    return this.channel;
  }

  /** `backgroundOcr`: the service reads scans and photos in the background while the archive is open. */
  async open(dir: string, database: OpenDatabaseOptions, backgroundOcr = false): Promise<void> {
    await this.send((id) => ({ type: 'open', id, dir, database, backgroundOcr }));
    this.opened = { dir, database, backgroundOcr };
  }

  async create(dir: string, unit: Partial<UnitSettings>, database: OpenDatabaseOptions, backgroundOcr = false): Promise<void> {
    await this.send((id) => ({ type: 'create', id, dir, unit, database, backgroundOcr }));
    this.opened = { dir, database, backgroundOcr };
  }

  async close(): Promise<boolean> {
    this.opened = null;
    await this.reopening?.catch(() => undefined);
    const { closed } = (await this.send((id) => ({ type: 'close', id }))) as { closed: boolean };
    return closed;
  }

  async call(name: string, args: unknown, options: CallOptions = {}): Promise<unknown> {
    await this.reopening;
    if (options.signal?.aborted) throw new TaizhangError('cancelled', { zh: '已取消', en: 'Cancelled' });
    let callId = 0;
    const cancel = (): void => this.channel?.post({ type: 'cancel', id: callId });
    options.signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await this.send((id) => {
        callId = id;
        return { type: 'call', id, name, args, progress: options.onProgress !== undefined };
      }, options.onProgress);
    } finally {
      options.signal?.removeEventListener('abort', cancel);
    }
  }

  async preview(raw: string): Promise<PreviewTarget> {
    await this.reopening;
    return (await this.send((id) => ({ type: 'preview', id, path: raw }))) as PreviewTarget;
  }

  /** Closes the archive (with its automatic backup) and ends the service. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    if (this.channel) await this.close().catch(() => undefined);
    this.disposed = true;
    this.channel?.kill();
    this.channel = null;
  }

  private start(): CoreChannel {
    const channel = this.spawn();
    channel.onMessage((message) => this.receive(message));
    channel.onExit((reason) => this.stopped(channel, reason));
    return channel;
  }

  private send(build: (id: number) => CoreRequest, onProgress?: (progress: Progress) => void): Promise<unknown> {
    const id = this.nextId++;
    this.channel ??= this.start();
    const channel = this.channel;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      channel.post(build(id));
    });
  }

  private receive(message: CoreReply): void {
    if (message.type === 'changed') return this.events.changed(message.topics);
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') return pending.onProgress?.(message.progress);
    this.pending.delete(message.id);
    settle(pending, message.envelope);
  }

  private stopped(channel: CoreChannel, reason: string): void {
    if (this.disposed || channel !== this.channel) return;
    console.error(`档案服务意外退出（${reason}） / archive service stopped: ${reason}`);
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const p of failed) p.reject(new TaizhangError('core_restarted', CORE_RESTARTED));
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    this.channel = this.start();
    const opened = this.opened;
    if (!opened) return;
    if (this.crashes.length > MAX_CRASHES) {
      this.opened = null;
      this.events.notice('error', '档案服务反复意外退出，已关闭档案。请重新打开档案；如果仍不行，请联系技术支持。');
      this.events.changed([...TOPICS]);
      return;
    }
    this.events.notice('error', CORE_RESTARTED.zh);
    const reopening = this.send((id) => ({ type: 'open', id, dir: opened.dir, database: opened.database, backgroundOcr: opened.backgroundOcr })).then(
      () => undefined,
    );
    this.reopening = reopening;
    reopening.then(
      () => this.checkAfterRestart(),
      (err: unknown) => {
        this.opened = null;
        this.events.notice('error', `档案未能重新打开：${err instanceof TaizhangError ? err.zh : '内部错误'}。请重新打开档案。`);
        this.events.changed([...TOPICS]);
      },
    ).finally(() => {
      if (this.reopening === reopening) this.reopening = null;
    });
  }

  /** Reopening checked the database; the check looks at every file as well and says what it found. */
  private checkAfterRestart(): void {
    this.events.changed([...TOPICS]);
    this.call('integrity.check', { repair: false })
      .then((r) => {
        const report = r as CheckReport;
        this.events.notice(
          report.ok ? 'info' : 'error',
          report.ok ? '档案服务已恢复，档案检查完好。' : `档案服务已恢复。检查发现 ${report.problems.length} 个问题，请到“设置 → 档案安全”查看并修复。`,
        );
      })
      .catch(() => this.events.notice('error', '档案服务已恢复，但检查没有完成，请到“设置 → 档案安全”重新检查。'));
  }
}

function settle(pending: Pending, envelope: CallEnvelope): void {
  if (envelope.ok) pending.resolve(envelope.result);
  else pending.reject(fromPayload(envelope.error));
}

/** The service's error as the same TaizhangError, so every shell reports it as if it had been thrown here. */
function fromPayload(error: ErrorPayload): TaizhangError {
  return new TaizhangError(error.code, { zh: error.message, en: error.english ?? '' }, error.details);
}
