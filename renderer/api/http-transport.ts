import type { CallEnvelope, MenuCommand, WindowEvent, WindowMethodName } from '../../shared/api/app.js';
import { isLongTask } from '../../shared/api/app.js';
import type { Progress } from '../../shared/api/method.js';
import { ApiError } from './client.js';
import type { CallOptions, PickedFolder, PreviewVariant, Transport } from './transport.js';

/** The bridge's token, asked for once: the cookie that proves this page may have it is HttpOnly. */
async function sessionToken(): Promise<string> {
  const res = await fetch('/session-token', { credentials: 'same-origin', cache: 'no-store' });
  const body = (await res.json().catch(() => null)) as { token?: unknown } | null;
  return res.ok && typeof body?.token === 'string' ? body.token : '';
}

export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The HTTP bridge (development and the browser tests): fetch for calls, a server-sent event stream for progress. */
export function httpTransport(): Transport {
  const headersReady = sessionToken().then((token) => ({ 'X-Taizhang-Token': token }));

  async function post(url: string, body: BodyInit, extra: Record<string, string> = {}): Promise<unknown> {
    const res = await fetch(url, { method: 'POST', headers: { ...(await headersReady), ...extra }, body });
    const envelope = (await res.json().catch(() => null)) as CallEnvelope | null;
    if (!envelope) throw new ApiError({ code: 'internal', message: `台账后台没有正常回应（${res.status}）` });
    if (!envelope.ok) throw new ApiError(envelope.error);
    return envelope.result;
  }

  /** Reads a server-sent event stream until it ends, calling `onData` with each event's data. */
  async function readEvents(url: string, onData: (data: unknown) => void, stop: AbortSignal): Promise<void> {
    const res = await fetch(url, { headers: await headersReady, signal: stop });
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) return;
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (block.startsWith('event: end')) return;
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) onData(JSON.parse(data.slice(6)));
      }
    }
  }

  function followProgress(taskId: string, onProgress: (p: Progress) => void, stop: AbortSignal): Promise<void> {
    return readEvents(`/api/tasks/${taskId}/events`, (d) => onProgress(d as Progress), stop);
  }

  /** The window's event stream, reconnected after a pause when the bridge restarts. */
  function followWindowEvents(listener: (event: WindowEvent) => void): () => void {
    const stop = new AbortController();
    const loop = async (): Promise<void> => {
      while (!stop.signal.aborted) {
        await readEvents('/api/events', (d) => listener(d as WindowEvent), stop.signal).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    };
    void loop();
    return () => stop.abort();
  }

  async function upload(batch: string, relativePath: string, file: File): Promise<{ path: string; top: string }> {
    const query = `batch=${batch}&path=${encodeURIComponent(relativePath)}`;
    return (await post(`/upload?${query}`, file, { 'Content-Type': 'application/octet-stream' })) as { path: string; top: string };
  }

  return {
    shell: 'browser',
    async invoke(name: WindowMethodName, args: unknown, options: CallOptions = {}): Promise<unknown> {
      const body = JSON.stringify(args ?? {});
      const json = { 'Content-Type': 'application/json' };
      if (!isLongTask(name) || (!options.onProgress && !options.signal)) return post(`/api/${name}`, body, json);
      const taskId = randomId();
      const stopEvents = new AbortController();
      if (options.onProgress) followProgress(taskId, options.onProgress, stopEvents.signal).catch(() => undefined);
      const cancel = () => void post(`/api/tasks/${taskId}/cancel`, '{}', json).catch(() => undefined);
      options.signal?.addEventListener('abort', cancel, { once: true });
      try {
        return await post(`/api/${name}`, body, { ...json, 'X-Taizhang-Task': taskId });
      } finally {
        options.signal?.removeEventListener('abort', cancel);
        stopEvents.abort();
      }
    },
    previewUrl: (sha256: string, variant: PreviewVariant) => `/preview/${sha256}/${variant}`,
    async stageFiles(files: File[]): Promise<string[]> {
      const batch = randomId();
      const paths: string[] = [];
      for (const file of files) paths.push((await upload(batch, file.name, file)).path);
      return paths;
    },
    async stageFolder(folder: PickedFolder): Promise<string> {
      const batch = randomId();
      const entries = await folder.entries();
      if (entries.length === 0) throw new ApiError({ code: 'invalid_input', message: `文件夹「${folder.name}」是空的` });
      let top = '';
      for (const { file, relativePath } of entries) top = (await upload(batch, `${folder.name}/${relativePath}`, file)).top;
      return top;
    },
    onMenu: (_listener: (command: MenuCommand) => void) => () => undefined,
    onEvent: followWindowEvents,
  };
}
