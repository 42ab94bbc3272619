import { useCallback, useRef, useState } from 'react';
import type { Progress } from '../../shared/api/method.js';
import { ApiError, clerkMessage } from '../api/client.js';
import type { CallOptions } from '../api/transport.js';

export type TaskState<T> =
  | { phase: 'idle' }
  | { phase: 'running'; progress: Progress | null }
  | { phase: 'done'; result: T }
  | { phase: 'failed'; message: string; cancelled: boolean };

/** A long task with a progress bar and a cancel button; the window stays responsive while it runs. */
export function useTask<T>() {
  const [state, setState] = useState<TaskState<T>>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(async (work: (options: CallOptions) => Promise<T>): Promise<T | null> => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: 'running', progress: null });
    try {
      const result = await work({ signal: abort.signal, onProgress: (progress) => setState({ phase: 'running', progress }) });
      setState({ phase: 'done', result });
      return result;
    } catch (err) {
      const cancelled = abort.signal.aborted || (err instanceof ApiError && err.code === 'cancelled');
      setState({ phase: 'failed', message: cancelled ? '已取消。' : clerkMessage(err), cancelled });
      return null;
    } finally {
      controller.current = null;
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, run, cancel, reset };
}
