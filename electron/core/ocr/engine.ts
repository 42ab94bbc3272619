import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TaizhangError } from '../../../shared/errors.js';

/** One line of recognised text; its box [left, top, right, bottom] in fractions of the image it was read from. */
export interface OcrLine {
  text: string;
  score: number;
  box: [number, number, number, number];
}

export interface OcrEngine {
  read(png: Buffer): Promise<OcrLine[]>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** ONNX Runtime threads for one page. 1 by default: the other core stays free for the window. */
  threads?: number;
}

/**
 * The worker's file: beside this module from source, beside the bundle in the built app (scripts/build.mjs copies
 * it there).
 */
function workerFile(): string {
  for (const name of ['./engine-worker.mjs', './ocr-engine-worker.mjs']) {
    const file = fileURLToPath(new URL(name, import.meta.url));
    // In the packaged app the worker is unpacked from the asar archive (electron-builder.yml): a thread cannot start
    // from inside it.
    const unpacked = file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    if (unpacked !== file && existsSync(unpacked)) return unpacked;
    if (existsSync(file)) return file;
  }
  throw new TaizhangError('internal', '文字识别组件缺失，请重新安装台账 / The OCR engine is missing; reinstall Taizhang');
}

/**
 * Starts the OCR engine in a worker thread. The models load once; pages are read one at a time in the order asked.
 * A worker that dies (out of memory on a hostile image) fails the page it was reading and is started again for the next.
 */
export function startEngine(options: EngineOptions = {}): OcrEngine {
  let worker: Worker | null = null;
  let next = 1;
  const waiting = new Map<number, { resolve: (lines: OcrLine[]) => void; reject: (err: Error) => void }>();

  const failAll = (err: Error): void => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  const spawn = (): Worker => {
    const w = new Worker(workerFile(), { workerData: { threads: options.threads ?? 1 } });
    w.on('message', (m: { id: number; lines?: OcrLine[]; error?: string }) => {
      const entry = waiting.get(m.id);
      if (!entry) return;
      waiting.delete(m.id);
      if (m.lines) entry.resolve(m.lines);
      else entry.reject(new TaizhangError('bad_file', `图片无法识别文字：${m.error ?? ''} / OCR failed on this image`));
    });
    w.on('error', (err) => {
      worker = null;
      failAll(new TaizhangError('internal', `文字识别组件出错：${err.message} / The OCR engine failed`));
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll(new TaizhangError('internal', '文字识别组件已停止 / The OCR engine stopped'));
    });
    // A waiting read keeps the process alive; an idle engine does not.
    w.unref();
    return w;
  };

  return {
    read(png) {
      worker ??= spawn();
      const w = worker;
      const id = next++;
      return new Promise<OcrLine[]>((resolve, reject) => {
        w.ref();
        waiting.set(id, {
          resolve: (lines) => {
            if (waiting.size === 0) w.unref();
            resolve(lines);
          },
          reject,
        });
        w.postMessage({ id, png });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
