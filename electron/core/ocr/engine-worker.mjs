// The OCR engine's thread: PP-OCRv4 (detection + recognition) through ONNX Runtime, off the main thread, so that
// the image pre- and post-processing the engine does in JavaScript never stalls the window or the bridge.
// Plain JavaScript: a worker thread starts from a file Node can load as it is, from source and in the packaged app.
// Messages in: { id, png: Uint8Array }. Out: { id, lines: [{ text, score, box: [left, top, right, bottom] }] } with
// the box in fractions of the image, or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import Ocr from '@gutenye/ocr-node';

const BASE = 32;
const threads = Number(workerData?.threads) || 1;
// ONNX Runtime's pool threads spin while waiting for work by default. On a clerk's 2-core PC (the window, the
// import, the antivirus) or any loaded machine a spinning thread takes the core from the one with work to do:
// measured at a load of 7-8, a page took about twice as long with spinning as without.
const noSpinning = { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } };
const engine = Ocr.create({
  onnxOptions: { intraOpNumThreads: threads, interOpNumThreads: 1, executionProviders: ['cpu'], extra: noSpinning },
});

/** A PNG's size from its IHDR chunk. */
function pngSize(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The engine pads the image to a multiple of 32 (centred, "contain"); boxes come back in that padded frame. */
function toFractions(box, size) {
  const w = Math.max(Math.ceil(size.width / BASE) * BASE, BASE);
  const h = Math.max(Math.ceil(size.height / BASE) * BASE, BASE);
  const scale = Math.min(w / size.width, h / size.height);
  const dx = (w - size.width * scale) / 2;
  const dy = (h - size.height * scale) / 2;
  const xs = box.map((p) => (p[0] - dx) / scale / size.width);
  const ys = box.map((p) => (p[1] - dy) / scale / size.height);
  const clamp = (v) => Math.min(1, Math.max(0, v));
  return [clamp(Math.min(...xs)), clamp(Math.min(...ys)), clamp(Math.max(...xs)), clamp(Math.max(...ys))];
}

parentPort.on('message', async ({ id, png }) => {
  try {
    const ocr = await engine;
    const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
    const size = pngSize(bytes);
    const found = await ocr.detect(bytes);
    const lines = found
      .filter((l) => typeof l.text === 'string' && l.text.trim() !== '')
      .map((l) => ({ text: l.text, score: Number(l.mean) || 0, box: l.box ? toFractions(l.box, size) : [0, 0, 1, 1] }));
    parentPort.postMessage({ id, lines });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
