import { useCallback, useEffect, useRef, useState } from 'react';
import type { WindowMethodName } from '../../shared/api/app.js';
import { clerkMessage } from '../api/client.js';
import { useApp } from './app-context.js';

export interface Data<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads data for a view and reloads it when its inputs change or when the core announces a change to what it read
 * (live.ts). A slow answer that arrives after a newer request is dropped, so the view never shows stale data.
 */
export function useData<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): Data<T> {
  const { live } = useApp();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const reads = useRef<ReadonlySet<WindowMethodName> | null>(null);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => live.watch(() => reads.current, reload), [live, reload]);

  useEffect(() => {
    if (!load) {
      setData(undefined);
      reads.current = null;
      return;
    }
    let current = true;
    setLoading(true);
    const tracked = live.track(load);
    reads.current = tracked.reads;
    tracked.promise
      .then((d) => {
        if (!current) return;
        setData(d);
        setError(null);
      })
      .catch((err: unknown) => current && setError(clerkMessage(err)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
    // The caller lists what `load` depends on.
  }, [...deps, tick]);

  return { data, error, loading, reload };
}
