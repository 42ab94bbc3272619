import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { ArchiveInfo } from '../../shared/api/archive.js';
import {
  appMethods,
  isAppMethodName,
  isWindowMethodName,
  type AppMethodName,
  type ExportKind,
  type WindowEvent,
  type WindowResult,
} from '../../shared/api/app.js';
import { TOPICS, writesOf } from '../../shared/api/live.js';
import type { FileLocation } from '../../shared/api/records.js';
import type { ParsedInputOf, Progress } from '../../shared/api/method.js';
import { TaizhangError } from '../../shared/errors.js';
import { parseInput } from '../core/api/parse-input.js';
import { isInside } from '../core/backup/paths.js';
import { viewCopiesRoot } from '../core/records/locate.js';
import { DB_FILE } from '../core/store/archive-folder.js';
import type { OpenDatabaseOptions } from '../core/store/database.js';
import { FileStore } from '../core/store/file-store.js';
import { CoreClient } from './core-client.js';
import type { SpawnCore } from './core-protocol.js';
import type { PreviewTarget } from './preview.js';
import { RecentList } from './recent.js';
import { threadCore } from './spawn-thread.js';
import { clearStaging, type StagingArchive } from './staging.js';

/** What only the shell can do: native dialogs and the file manager. The browser bridge has none of them. */
export interface ShellServices {
  readonly kind: 'electron' | 'browser';
  pickFolder(options: { title?: string | undefined; forSaving: boolean }): Promise<string | null>;
  pickFiles(options: { kind: 'records' | 'index' | 'checklist'; multiple: boolean }): Promise<string[]>;
  /** Opens a folder in the file manager; the caller has checked that it is a folder. */
  showFolder(dir: string): Promise<boolean>;
  /** Opens the folder of a file with the file selected; the caller has checked that it is one of the archive's. */
  showItem(file: string): Promise<boolean>;
}

export const browserShell: ShellServices = {
  kind: 'browser',
  pickFolder: async () => null,
  pickFiles: async () => [],
  showFolder: async () => false,
  showItem: async () => false,
};

export interface SessionOptions {
  /** The shell's settings folder (recent archives). */
  configDir: string;
  shell: ShellServices;
  /** better-sqlite3 options, e.g. the Electron-ABI build. */
  database?: OpenDatabaseOptions;
  /** Starts the archive service: a worker thread unless the shell has its own (Electron's utility process). */
  spawnCore?: SpawnCore;
  /**
   * Read scans and photos in the background while an archive is open (the desktop app). Off by default: the dev
   * bridge and the tests read only when asked (`ocr.run`).
   */
  backgroundOcr?: boolean;
  /** Starts in 查阅模式 (the app's --inspect-mode): every write is refused until the window leaves it. */
  inspectMode?: boolean;
}

/** Said for every write refused in 查阅模式, whichever way it was asked for. */
export const INSPECT_MODE_REFUSAL = {
  zh: '查阅模式：只能查看，不能修改。如需修改，请先退出查阅模式',
  en: 'Inspector mode is read-only; leave it to make changes',
};

/** Session methods that change or replace the archive a 查阅模式 window shows. */
const INSPECT_REFUSED_APP_METHODS: ReadonlySet<AppMethodName> = new Set(['app.create', 'app.close']);

export interface InvokeOptions {
  /** Names a long task so that it can be cancelled and its progress routed back. */
  taskId?: string;
  onProgress?: (progress: Progress) => void;
}

const TASK_ID = /^[A-Za-z0-9_-]{1,64}$/;

// The checklist goes in the year's folder itself: it finds the binder report in the 案卷 folder beside it.
const EXPORT_FOLDER_NAMES: Record<ExportKind, string> = {
  binder: '案卷',
  checklist: '',
  backup: '备份',
  folder: '文件夹导出',
  index: '测评体系',
  package: '上报包',
};

type AppHandlers = { [K in AppMethodName]: (args: ParsedInputOf<(typeof appMethods)[K]>) => Promise<WindowResult<K>> };

/**
 * One window's session: which archive is open, the recent list, running tasks. The Electron main process and the
 * HTTP bridge both route every call through `invoke`, which validates the session's own methods here; the core's
 * methods are validated by the core, which runs in the archive service (core-service.ts) off this thread, so that
 * a long export never stalls the window and a crash of the core does not take the window down.
 */
export class Session {
  private open: StagingArchive | null = null;
  private readonly core: CoreClient;
  private readonly tasks = new Map<string, AbortController>();
  private readonly recent: RecentList;
  private readonly handlers: AppHandlers;
  private readonly listeners = new Set<(event: WindowEvent) => void>();
  private inspecting: boolean;

  constructor(private readonly options: SessionOptions) {
    this.inspecting = options.inspectMode === true;
    this.recent = new RecentList(path.join(options.configDir, 'recent.json'));
    this.handlers = this.appHandlers();
    this.core = new CoreClient(options.spawnCore ?? threadCore, {
      changed: (topics) => this.emit({ type: 'changed', topics }),
      notice: (level, message) => this.emit({ type: 'notice', level, message }),
    });
  }

  /** The archive service's client (a test kills its service through `service.current`). */
  get service(): CoreClient {
    return this.core;
  }

  /** Change events and notices for the window. */
  onEvent(listener: (event: WindowEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** The open archive's folders, for staging uploads. */
  requireArchive(): StagingArchive {
    if (!this.open) throw new TaizhangError('archive_missing', '还没有打开档案，请先新建或打开一个档案 / No archive is open');
    return this.open;
  }

  /** A preview of one of the open archive's files, confined by the archive service (preview.ts). */
  async preview(raw: string): Promise<PreviewTarget> {
    this.requireArchive();
    return this.core.preview(raw);
  }

  /** True while the session is in 查阅模式. */
  get inspectMode(): boolean {
    return this.inspecting;
  }

  /** Refuses a write in 查阅模式: the window's hidden buttons are not the only guard. */
  assertWritable(): void {
    if (this.inspecting) throw new TaizhangError('conflict', INSPECT_MODE_REFUSAL);
  }

  async invoke(name: unknown, args: unknown, options: InvokeOptions = {}): Promise<unknown> {
    if (!isWindowMethodName(name)) throw new TaizhangError('invalid_input', `未知的操作：${String(name)} / Unknown method`);
    if (isAppMethodName(name)) {
      if (INSPECT_REFUSED_APP_METHODS.has(name) || (name === 'app.open' && this.open)) this.assertWritable();
      const handler = this.handlers[name] as (a: unknown) => Promise<unknown>;
      return handler(parseInput(name, appMethods[name].input, args));
    }
    this.requireArchive();
    if (writesOf(name).length > 0) this.assertWritable();
    const taskId = options.taskId;
    if (taskId !== undefined && (!TASK_ID.test(taskId) || this.tasks.has(taskId))) {
      throw new TaizhangError('invalid_input', '任务编号无效 / Invalid task id');
    }
    const controller = new AbortController();
    if (taskId) this.tasks.set(taskId, controller);
    try {
      return await this.core.call(name, args, {
        signal: controller.signal,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    } finally {
      if (taskId) this.tasks.delete(taskId);
    }
  }

  /** Asks a running task to stop; the task ends with a 'cancelled' error and leaves nothing half-written. */
  cancel(taskId: string): boolean {
    const controller = this.tasks.get(taskId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  async dispose(): Promise<void> {
    for (const controller of this.tasks.values()) controller.abort();
    await this.closeArchive();
    await this.core.dispose();
  }

  /** Opens the archive given on a command line, as if chosen in the window. */
  async openArchive(dir: string): Promise<ArchiveInfo> {
    return this.handlers['app.open']({ dir });
  }

  private emit(event: WindowEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private assertIdle(): void {
    if (this.tasks.size > 0) {
      throw new TaizhangError('conflict', '有任务正在进行，请等它完成或先取消 / A task is still running');
    }
  }

  private async closeArchive(): Promise<void> {
    const open = this.open;
    if (!open) return;
    this.open = null;
    await clearStaging(open).catch(() => undefined);
    // The automatic backup on closing happens in the service (at most once a day by default).
    await this.core.close().catch((err: unknown) => console.error('关闭档案失败 / closing failed', err));
    this.emit({ type: 'changed', topics: [...TOPICS] });
  }

  private async adopt(dir: string, start: (root: string) => Promise<void>): Promise<ArchiveInfo> {
    await this.closeArchive();
    const root = path.resolve(dir);
    await start(root);
    const open = { dir: root, files: new FileStore(root) };
    this.open = open;
    await clearStaging(open).catch(() => undefined);
    const info = (await this.core.call('archive.info', {})) as ArchiveInfo;
    this.recent.touch(info.path, info.unit.name);
    this.emit({ type: 'changed', topics: [...TOPICS] });
    return info;
  }

  private appHandlers(): AppHandlers {
    const { shell } = this.options;
    const database = this.options.database ?? {};
    return {
      'app.state': async () => ({
        archive: this.open ? ((await this.core.call('archive.info', {})) as ArchiveInfo) : null,
        recent: this.recent.list(),
        shell: shell.kind,
        inspectMode: this.inspecting,
      }),
      'app.open': async ({ dir }) => {
        this.assertIdle();
        return this.adopt(dir, (root) => this.core.open(root, database, this.options.backgroundOcr === true));
      },
      'app.create': async ({ dir, unit }) => {
        this.assertIdle();
        const root = path.resolve(dir);
        // initArchive on an existing archive would reset its unit settings; opening is what the clerk meant.
        if (existsSync(path.join(root, DB_FILE))) {
          throw new TaizhangError('conflict', `此文件夹里已经有档案：${root}，请用“打开档案” / An archive already exists here: ${root}`);
        }
        return this.adopt(root, () => this.core.create(root, unit, database, this.options.backgroundOcr === true));
      },
      'app.close': async () => {
        this.assertIdle();
        const closed = this.open !== null;
        await this.closeArchive();
        return { closed };
      },
      'app.setInspectMode': async ({ on }) => {
        this.inspecting = on;
        return { inspectMode: on };
      },
      'app.forget': async ({ dir }) => this.recent.forget(dir),
      'app.pickFolder': async (o) => ({ path: await shell.pickFolder(o) }),
      'app.pickFiles': async (o) => ({ paths: await shell.pickFiles(o) }),
      'app.showFolder': async ({ path: dir }) => {
        const stat = await fs.stat(dir).catch(() => null);
        if (!stat?.isDirectory()) throw new TaizhangError('not_found', `找不到文件夹：${dir} / Folder not found`);
        return { shown: await shell.showFolder(path.resolve(dir)) };
      },
      'app.showRecordFile': async ({ id }) => {
        const { dir } = this.requireArchive();
        const located = (await this.core.call('records.locate', { id })) as FileLocation[];
        const first = located.find((f) => f.present);
        // The core named the copy; the session still refuses to show anything outside the archive's view copies.
        if (!first || ![false, true].some((readOnly) => isInside(viewCopiesRoot({ dir, readOnly }), first.path))) return { shown: false, files: located };
        return { shown: await shell.showItem(first.path), files: located };
      },
      'app.exportDir': async ({ kind, year }) => {
        const dir = this.requireArchive().dir;
        const parts = [path.dirname(dir), `${path.basename(dir)}-导出`, ...(year ? [`${year}年`] : []), EXPORT_FOLDER_NAMES[kind]];
        // path.join drops the empty last part.
        return { path: path.join(...parts) };
      },
    };
  }
}
