import { promises as fs } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterEach, beforeEach } from 'vitest';

export const SCREENS_DIR = path.resolve('test-artifacts', 'screens');

/** Debian's Chromium, as in CI; the flags keep it from reaching for the network it does not have. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    // --lang: form controls (dates) as on a Chinese desktop.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--lang=zh-CN'],
  });
}

/** A production build of the renderer in its own folder, exactly what the packaged app ships. */
export async function buildRenderer(outDir: string): Promise<string> {
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(SCREENS_DIR, { recursive: true });
  const file = path.join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.pdf': 'application/pdf' };

/**
 * Drops real files onto an element the way a file manager does: dragenter, dragover and drop events carrying a
 * DataTransfer with File objects. `release: false` stops after dragover (to see the drop target highlighted).
 */
export async function dragFiles(page: Page, selector: string, files: string[], release = true): Promise<void> {
  const payload = await Promise.all(
    files.map(async (f) => ({ name: path.basename(f), type: MIME[path.extname(f).toLowerCase()] ?? '', data: (await fs.readFile(f)).toString('base64') })),
  );
  await page.evaluate(
    ({ selector, payload, release }) => {
      const dt = new DataTransfer();
      for (const f of payload) {
        const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const target = document.querySelector(selector);
      if (!target) throw new Error(`no element ${selector}`);
      const fire = (type: string) => target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      fire('dragenter');
      fire('dragover');
      if (release) fire('drop');
    },
    { selector, payload, release },
  );
}

/** Records every value the progress bars take, so a fast task's progress is still seen. */
export async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __progress: string[] };
    w.__progress = [];
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('[role="progressbar"]')) {
        const text = bar.parentElement?.textContent ?? '';
        if (w.__progress.at(-1) !== text) w.__progress.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

export async function seenProgress(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
}

/**
 * Steps that form one session: after a failure the rest fail at once, with a screenshot of where it went wrong.
 * Call at the top level of a test file.
 */
export function stopAfterFirstFailure(page: () => Page | undefined, shot: string): void {
  let failedStep: string | null = null;
  beforeEach(() => {
    if (failedStep) throw new Error(`an earlier step failed: ${failedStep}`);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail' || failedStep) return;
    failedStep = task.name;
    const current = page();
    if (current) await screenshot(current, shot).catch(() => undefined);
  });
}
