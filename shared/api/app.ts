import { z } from 'zod';
import type { ArchiveInfo } from './archive.js';
import { unitPatchSchema } from './archive.js';
import type { FileLocation } from './records.js';
import { empty, idSchema, pathSchema, yearSchema } from './schemas.js';
import { contract } from './contract.js';
import type { ErrorPayload } from '../errors.js';
import type { Topic } from './live.js';
import { method, type InputOf, type OutputOf, type Progress } from './method.js';

/**
 * Session-level methods: which archive is open, the recent list, native dialogs. They are served by the shell
 * (Electron main process or the HTTP bridge) through electron/host, not by one archive's core, so they sit beside
 * the core contract instead of inside it: a core never has to answer "open another archive".
 */

export interface RecentArchive {
  path: string;
  /** 单位名称 when it was last opened, so the list reads as units, not folders. */
  name: string;
  openedAt: string;
  /** False when the folder was moved or deleted since. */
  exists: boolean;
}

export interface AppState {
  archive: ArchiveInfo | null;
  recent: RecentArchive[];
  /** 'electron' has native dialogs and file paths; 'browser' uploads files through the bridge. */
  shell: 'electron' | 'browser';
  /** 查阅模式: the session refuses every write, and the window shows the archive read-only for inspectors. */
  inspectMode: boolean;
}

export const PICK_KINDS = ['records', 'index', 'checklist'] as const;
export const EXPORT_KINDS = ['binder', 'checklist', 'backup', 'folder', 'index', 'package'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const appMethods = {
  'app.state': method<AppState>()(empty),
  'app.open': method<ArchiveInfo>()(z.object({ dir: pathSchema }).strict()),
  /** Creates a new archive (with the example index) in an empty or new folder and opens it. */
  'app.create': method<ArchiveInfo>()(z.object({ dir: pathSchema, unit: unitPatchSchema.default({}) }).strict()),
  'app.close': method<{ closed: boolean }>()(empty),
  /** Enters or leaves 查阅模式 for this session (the window asks the clerk before leaving). */
  'app.setInspectMode': method<{ inspectMode: boolean }>()(z.object({ on: z.boolean() }).strict()),
  'app.forget': method<RecentArchive[]>()(z.object({ dir: pathSchema }).strict()),
  /** Native folder dialog; null when cancelled or when the shell has none (browser). */
  'app.pickFolder': method<{ path: string | null }>()(
    z.object({ title: z.string().max(100).optional(), forSaving: z.boolean().default(false) }).strict(),
  ),
  'app.pickFiles': method<{ paths: string[] }>()(
    z.object({ kind: z.enum(PICK_KINDS).default('records'), multiple: z.boolean().default(true) }).strict(),
  ),
  /** Opens a folder in the system file manager (folders only: nothing is ever executed). */
  'app.showFolder': method<{ shown: boolean }>()(z.object({ path: pathSchema }).strict()),
  /**
   * 在文件夹中显示: the stored files of one record (records.locate). The desktop shell selects the first one that is
   * on disk in the file manager (`shown`); a shell without one (the browser) shows nothing, and the window tells the
   * clerk where the files are instead.
   */
  'app.showRecordFile': method<{ shown: boolean; files: FileLocation[] }>()(z.object({ id: idSchema }).strict()),
  /** Where an export goes unless the clerk chooses otherwise: a folder beside the archive. */
  'app.exportDir': method<{ path: string }>()(z.object({ kind: z.enum(EXPORT_KINDS), year: yearSchema.optional() }).strict()),
} as const;

export type AppMethodName = keyof typeof appMethods;

/** Everything a window may call: the core's methods plus the session's. */
export const windowContract = { ...contract, ...appMethods } as const;
export type WindowContract = typeof windowContract;
export type WindowMethodName = keyof WindowContract;
export type WindowArgs<K extends WindowMethodName> = InputOf<WindowContract[K]>;
export type WindowResult<K extends WindowMethodName> = OutputOf<WindowContract[K]>;

export function isAppMethodName(name: unknown): name is AppMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(appMethods, name);
}

export function isWindowMethodName(name: unknown): name is WindowMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(windowContract, name);
}

export function isLongTask(name: WindowMethodName): boolean {
  return (windowContract[name] as { longTask?: boolean }).longTask === true;
}

/** What every shell answers for one call: a result, or an error a clerk can read. */
export type CallEnvelope = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

/** What every shell pushes to the window besides call results. */
export type WindowEvent =
  /** A call wrote these topics (shared/api/live.ts): views that read them refetch. */
  | { type: 'changed'; topics: Topic[] }
  /** The archive service stopped and was restarted, or the check that follows a restart ended. */
  | { type: 'notice'; level: 'info' | 'error'; message: string };

/** Commands the native application menu sends to the window. */
export const MENU_COMMANDS = [
  'new-archive',
  'open-archive',
  'close-archive',
  'add-files',
  'import-folder',
  'export-binder',
  'export-checklist',
  'find',
  'undo',
  'settings',
  'inspect-mode',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * What the Electron preload exposes to the page as `window.taizhang` through contextBridge: the typed API as one
 * invoke, progress and menu subscriptions, cancellation, and the path of a dropped file. Nothing else.
 */
export interface DesktopBridge {
  invoke(name: string, args: unknown, taskId?: string): Promise<CallEnvelope>;
  cancel(taskId: string): Promise<boolean>;
  onProgress(listener: (taskId: string, progress: Progress) => void): () => void;
  onMenu(listener: (command: MenuCommand) => void): () => void;
  onEvent(listener: (event: WindowEvent) => void): () => void;
  /** The path on disk of a file or folder dropped into the window ('' when it has none). */
  pathForFile(file: File): string;
}
