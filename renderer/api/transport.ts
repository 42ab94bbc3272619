import type { MenuCommand, WindowEvent, WindowMethodName } from '../../shared/api/app.js';
import type { Progress } from '../../shared/api/method.js';

export interface CallOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

export type PreviewVariant = 'file' | 'thumb' | 'print';

/** A folder dropped or chosen in the window. */
export interface PickedFolder {
  name: string;
  /** The folder's own File handle where the browser gives one (a drop); Electron reads its path from it. */
  handle: File | null;
  /** Its files with paths relative to the folder, read only when they must be uploaded. */
  entries(): Promise<{ file: File; relativePath: string }[]>;
}

/**
 * How the window reaches the core: Electron IPC through the preload, or the HTTP bridge. Everything above this
 * interface (the client, every screen) is the same for both.
 */
export interface Transport {
  readonly shell: 'electron' | 'browser';
  invoke(name: WindowMethodName, args: unknown, options?: CallOptions): Promise<unknown>;
  previewUrl(sha256: string, variant: PreviewVariant): string;
  /** Paths on the core's machine for files dropped or picked in the page. */
  stageFiles(files: File[]): Promise<string[]>;
  stageFolder(folder: PickedFolder): Promise<string>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** What the core changed (views refetch) and notices such as a restarted archive service. */
  onEvent(listener: (event: WindowEvent) => void): () => void;
}
