import type { UnitSettings } from '../../shared/api/archive.js';
import type { CallEnvelope } from '../../shared/api/app.js';
import type { Topic } from '../../shared/api/live.js';
import type { Progress } from '../../shared/api/method.js';
import type { OpenDatabaseOptions } from '../core/store/database.js';

/**
 * The messages between the window's thread and the archive service (core-service.ts), which runs in a worker thread
 * for the bridge and in an Electron utility process for the app. Both carry the same plain objects, so the same host
 * code serves both. Every answer is a CallEnvelope, exactly what the window receives.
 */
export type CoreRequest =
  | { type: 'open'; id: number; dir: string; database: OpenDatabaseOptions; backgroundOcr: boolean }
  | { type: 'create'; id: number; dir: string; unit: Partial<UnitSettings>; database: OpenDatabaseOptions; backgroundOcr: boolean }
  /** Closes the archive, with the automatic backup on closing. */
  | { type: 'close'; id: number }
  | { type: 'call'; id: number; name: string; args: unknown; progress: boolean }
  /** Cancels the call `id`. */
  | { type: 'cancel'; id: number }
  /** Where a preview request points: { file, mime } in the envelope. */
  | { type: 'preview'; id: number; path: string };

export type CoreReply =
  | { type: 'reply'; id: number; envelope: CallEnvelope }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'changed'; topics: Topic[] };

/** The service's end: the worker's parentPort or the utility process's parentPort. */
export interface CorePort {
  post(message: CoreReply): void;
  onMessage(listener: (message: CoreRequest) => void): void;
}

/** The window's end of one running service. */
export interface CoreChannel {
  post(message: CoreRequest): void;
  onMessage(listener: (message: CoreReply) => void): void;
  /** Called once when the service ends for any reason (crash, out of memory, killed). */
  onExit(listener: (reason: string) => void): void;
  /** Ends the service at once. */
  kill(): void;
}

export type SpawnCore = () => CoreChannel;

/** A service's end, told once to every listener, however many ways it is reported (error, then exit). */
export class ExitSignal {
  private listeners: ((reason: string) => void)[] = [];
  exited = false;

  listen(listener: (reason: string) => void): void {
    this.listeners.push(listener);
  }

  fire(reason: string): void {
    if (this.exited) return;
    this.exited = true;
    for (const listener of this.listeners) listener(reason);
  }
}
