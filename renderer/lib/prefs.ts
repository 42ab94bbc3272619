import { useState } from 'react';

/**
 * A choice of the clerk's kept in the window's own storage (list or grid, tile size), so it comes back the next time.
 * Storage can be missing or full (a private window, a locked profile): the choice then lasts until the window closes.
 */
export function usePref<T>(key: string, fallback: T, accept: (value: unknown) => value is T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = window.localStorage.getItem(`taizhang.${key}`);
      const parsed: unknown = stored === null ? null : JSON.parse(stored);
      return accept(parsed) ? parsed : fallback;
    } catch {
      return fallback;
    }
  });
  const set = (next: T) => {
    setValue(next);
    try {
      window.localStorage.setItem(`taizhang.${key}`, JSON.stringify(next));
    } catch {
      // Not kept: see above.
    }
  };
  return [value, set];
}
