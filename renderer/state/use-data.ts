import { useCallback, useEffect, useState } from 'react';
import { clerkMessage } from '../api/client.js';
import { useApp } from './app-context.js';

export interface Data<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads data for a view and reloads it when its inputs change or anything in the archive changed. A slow answer
 * that arrives after a newer request is dropped, so the view never shows stale data.
 */
export function useData<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): Data<T> {
  const { version } = useApp();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!load) {
      setData(undefined);
      return;
    }
    let current = true;
    setLoading(true);
    load()
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
  }, [...deps, version, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
