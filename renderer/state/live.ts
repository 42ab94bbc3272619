import type { WindowMethodName } from '../../shared/api/app.js';
import { touches, type Topic } from '../../shared/api/live.js';

/**
 * Live data for the views. Each view's loader is run under `track`, which records the methods it calls (before its
 * first await, which is where every loader calls the client). When the core announces the topics a call wrote,
 * only the views whose methods read one of them refetch (shared/api/live.ts says what each method reads). A view
 * that called nothing it could name refetches on every change.
 */
export class LiveData {
  private collecting: Set<WindowMethodName> | null = null;
  private readonly listeners = new Set<(topics: readonly Topic[]) => void>();

  /** The client tells of each call here. */
  noteCall(name: WindowMethodName): void {
    this.collecting?.add(name);
  }

  track<T>(load: () => Promise<T>): { promise: Promise<T>; reads: Set<WindowMethodName> } {
    const reads = new Set<WindowMethodName>();
    const outer = this.collecting;
    this.collecting = reads;
    try {
      return { promise: load(), reads };
    } finally {
      this.collecting = outer;
    }
  }

  publish(topics: readonly Topic[]): void {
    for (const listener of this.listeners) listener(topics);
  }

  /** Calls `refetch` when a change touches what `reads()` names (null: the view loads nothing now). */
  watch(reads: () => ReadonlySet<WindowMethodName> | null, refetch: () => void): () => void {
    const listener = (topics: readonly Topic[]) => {
      const names = reads();
      if (names && (names.size === 0 || touches(names, topics))) refetch();
    };
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
