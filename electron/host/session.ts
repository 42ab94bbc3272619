import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { ArchiveInfo } from '../../shared/api/archive.js';
import {
  appMethods,
  isAppMethodName,
  isWindowMethodName,
  type AppMethodName,
  type ExportKind,
  type WindowResult,
} from '../../shared/api/app.js';
import type { ParsedInputOf, Progress } from '../../shared/api/method.js';
import { TaizhangError } from '../../shared/errors.js';
import { ocrBackground, startOcrBackground, stopOcrBackground } from '../core/ocr/background.js';
import { createCore, openCore, parseInput, type Core } from '../core/api/core.js';
import { initArchive } from '../core/archive/init.js';
import { runScheduledBackup } from '../core/backup/schedule.js';
import { DB_FILE, type Archive } from '../core/store/archive-folder.js';
import type { OpenDatabaseOptions } from '../core/store/database.js';
import { RecentList } from './recent.js';
import { clearStaging } from './staging.js';

/** What only the shell can do: native dialogs and the file manager. The browser bridge has none of them. */
export interface ShellServices {
  readonly kind: 'electron' | 'browser';
  pickFolder(options: { title?: string | undefined; forSaving: boolean }): Promise<string | null>;
  pickFiles(options: { kind: 'records' | 'index' | 'checklist'; multiple: boolean }): Promise<string[]>;
  /** Opens a folder in the file manager; the caller has checked that it is a folder. */
  showFolder(dir: string): Promise<boolean>;
}

export const browserShell: ShellServices = {
  kind: 'browser',
  pickFolder: async () => null,
  pickFiles: async () => [],
  showFolder: async () => false,
};

export interface SessionOptions {
  /** The shell's settings folder (recent archives). */
  configDir: string;
  shell: ShellServices;
  /** better-sqlite3 options, e.g. the Electron-ABI build. */
  database?: OpenDatabaseOptions;
  /**
   * Read scans and photos in the background while an archive is open (the desktop app). Off by default: the dev
   * bridge and the tests read only when asked (`ocr.run`).
   */
  backgroundOcr?: boolean;
}

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
};

type AppHandlers = { [K in AppMethodName]: (args: ParsedInputOf<(typeof appMethods)[K]>) => Promise<WindowResult<K>> };

/**
 * One window's session: which archive is open, the recent list, running tasks. The Electron main process and the
 * HTTP bridge both route every call through `invoke`, which validates the arguments against the shared schemas
 * (session methods here, core methods in core.invoke) before anything runs.
 */
export class Session {
  private core: Core | null = null;
  private readonly tasks = new Map<string, AbortController>();
  private readonly recent: RecentList;
  private readonly handlers: AppHandlers;

  constructor(private readonly options: SessionOptions) {
    this.recent = new RecentList(path.join(options.configDir, 'recent.json'));
    this.handlers = this.appHandlers();
  }

  /** The open archive, for previews and uploads. */
  get archive(): Archive | null {
    return this.core?.archive ?? null;
  }

  requireArchive(): Archive {
    return this.requireCore().archive;
  }

  async invoke(name: unknown, args: unknown, options: InvokeOptions = {}): Promise<unknown> {
    if (!isWindowMethodName(name)) throw new TaizhangError('invalid_input', `未知的操作：${String(name)} / Unknown method`);
    if (isAppMethodName(name)) {
      const handler = this.handlers[name] as (a: unknown) => Promise<unknown>;
      return handler(parseInput(name, appMethods[name].input, args));
    }
    const core = this.requireCore();
    const taskId = options.taskId;
    if (taskId !== undefined && (!TASK_ID.test(taskId) || this.tasks.has(taskId))) {
      throw new TaizhangError('invalid_input', '任务编号无效 / Invalid task id');
    }
    const controller = new AbortController();
    if (taskId) this.tasks.set(taskId, controller);
    try {
      const result = await core.invoke(name, args, {
        signal: controller.signal,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      // Whatever was just filed waits for OCR; the background reading picks it up without the import waiting.
      if (name.startsWith('records.')) ocrBackground(core.archive)?.kick();
      return result;
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
  }

  /** Opens the archive given on a command line, as if chosen in the window. */
  async openArchive(dir: string): Promise<ArchiveInfo> {
    return this.handlers['app.open']({ dir });
  }

  private requireCore(): Core {
    if (!this.core) throw new TaizhangError('archive_missing', '还没有打开档案，请先新建或打开一个档案 / No archive is open');
    return this.core;
  }

  private assertIdle(): void {
    if (this.tasks.size > 0) {
      throw new TaizhangError('conflict', '有任务正在进行，请等它完成或先取消 / A task is still running');
    }
  }

  private async closeArchive(): Promise<void> {
    const core = this.core;
    if (!core) return;
    this.core = null;
    // The page being read is finished and kept; the rest is read on the next time the archive is opened.
    await stopOcrBackground(core.archive).catch((err: unknown) => console.error('停止文字识别失败 / stopping OCR failed', err));
    await clearStaging(core.archive).catch(() => undefined);
    // The automatic backup on closing (at most once a day by default). A failed backup must not stop the clerk
    // from closing; `check` and the next close try again.
    await runScheduledBackup(core.archive, 'close').catch((err: unknown) => console.error('自动备份失败 / scheduled backup failed', err));
    core.close();
  }

  private async adopt(core: Core): Promise<ArchiveInfo> {
    await this.closeArchive();
    this.core = core;
    await clearStaging(core.archive).catch(() => undefined);
    if (this.options.backgroundOcr) startOcrBackground(core.archive);
    const info = await core.invoke('archive.info', {});
    this.recent.touch(info.path, info.unit.name);
    return info;
  }

  private appHandlers(): AppHandlers {
    const { shell } = this.options;
    const database = this.options.database ?? {};
    return {
      'app.state': async () => ({
        archive: this.core ? await this.core.invoke('archive.info', {}) : null,
        recent: this.recent.list(),
        shell: shell.kind,
      }),
      'app.open': async ({ dir }) => {
        this.assertIdle();
        return this.adopt(await openCore(path.resolve(dir), database));
      },
      'app.create': async ({ dir, unit }) => {
        this.assertIdle();
        const root = path.resolve(dir);
        // initArchive on an existing archive would reset its unit settings; opening is what the clerk meant.
        if (existsSync(path.join(root, DB_FILE))) {
          throw new TaizhangError('conflict', `此文件夹里已经有档案：${root}，请用“打开档案” / An archive already exists here: ${root}`);
        }
        return this.adopt(createCore(await initArchive(root, unit, database)));
      },
      'app.close': async () => {
        this.assertIdle();
        const closed = this.core !== null;
        await this.closeArchive();
        return { closed };
      },
      'app.forget': async ({ dir }) => this.recent.forget(dir),
      'app.pickFolder': async (o) => ({ path: await shell.pickFolder(o) }),
      'app.pickFiles': async (o) => ({ paths: await shell.pickFiles(o) }),
      'app.showFolder': async ({ path: dir }) => {
        const stat = await fs.stat(dir).catch(() => null);
        if (!stat?.isDirectory()) throw new TaizhangError('not_found', `找不到文件夹：${dir} / Folder not found`);
        return { shown: await shell.showFolder(path.resolve(dir)) };
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
