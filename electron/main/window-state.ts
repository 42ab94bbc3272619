import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1366, height: 768 }, maximized: true };

/** Where and how big the window was, so it opens the same way next time (on a screen that still exists). */
export function loadWindowState(dir: string): WindowState {
  let state = DEFAULT;
  try {
    const parsed = JSON.parse(readFileSync(path.join(dir, 'window.json'), 'utf8')) as WindowState;
    if (parsed?.bounds && [parsed.bounds.x, parsed.bounds.y, parsed.bounds.width, parsed.bounds.height].every(Number.isFinite)) state = parsed;
  } catch {
    return centred(DEFAULT);
  }
  const visible = screen.getAllDisplays().some((d) => {
    const a = d.workArea;
    const b = state.bounds;
    return b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y;
  });
  return visible ? state : centred(state);
}

function centred(state: WindowState): WindowState {
  const area = screen.getPrimaryDisplay().workArea;
  const width = Math.min(state.bounds.width, area.width);
  const height = Math.min(state.bounds.height, area.height);
  return { maximized: state.maximized, bounds: { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height } };
}

export function trackWindowState(win: BrowserWindow, dir: string): void {
  const save = () => {
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.isMaximized() ? win.getNormalBounds() : win.getBounds(), maximized: win.isMaximized() };
    const file = path.join(dir, 'window.json');
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(state));
      renameSync(`${file}.tmp`, file);
    } catch {
      // Forgetting the window size is harmless.
    }
  };
  win.on('close', save);
  win.on('resized', save);
  win.on('moved', save);
}
