import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readBinderReport } from './locations.js';

/** Enough for any export folder; a folder holding more JSON than this is not one to scan blindly. */
const MAX_CANDIDATES = 200;

async function entries(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true }).catch(() => []);
}

/**
 * The newest binder report of the year beside the checklist: binders and checklists are usually exported into the same
 * folder (or the binder into a subfolder of it). Reports are recognised by their content, not their name.
 */
export async function findBinderReport(outDir: string, year: number): Promise<string | null> {
  const candidates: string[] = [];
  const top = await entries(outDir);
  const dirs = [outDir, ...top.filter((e) => e.isDirectory()).map((e) => path.join(outDir, e.name))];
  for (const dir of dirs) {
    const list = dir === outDir ? top : await entries(dir);
    for (const e of list) {
      if (e.isFile() && e.name.toLowerCase().endsWith('.json')) candidates.push(path.join(dir, e.name));
      if (candidates.length >= MAX_CANDIDATES) break;
    }
  }
  let best: { file: string; mtime: number } | null = null;
  for (const file of candidates) {
    const ok = await readBinderReport(file, year).then(
      () => true,
      () => false,
    );
    if (!ok) continue;
    const mtime = (await stat(file)).mtimeMs;
    if (!best || mtime > best.mtime) best = { file, mtime };
  }
  return best?.file ?? null;
}
