import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Hub } from './db.js';
import { importPackage } from './package-import.js';

const IMPORTED = '已导入';
const REFUSED = '已拒收';

/**
 * The watched folder: a package dropped in (from a USB stick, or a 政务网 download) is imported once its size has
 * stayed the same for one round, then moved to 已导入/ or, refused, to 已拒收/ with a .txt giving the reasons.
 * Returns a function that stops watching.
 */
export function watchFolder(hub: Hub, dir: string, intervalMs = 3000): () => void {
  const seen = new Map<string, number>();
  let busy = false;
  const round = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      await fs.mkdir(path.join(dir, IMPORTED), { recursive: true });
      await fs.mkdir(path.join(dir, REFUSED), { recursive: true });
      for (const name of await fs.readdir(dir)) {
        if (!name.toLowerCase().endsWith('.zip') || name.startsWith('.')) continue;
        const file = path.join(dir, name);
        const size = (await fs.stat(file).catch(() => null))?.size;
        if (size === undefined) continue;
        if (seen.get(name) !== size) {
          seen.set(name, size);
          continue;
        }
        seen.delete(name);
        const result = await importPackage(hub, file, { source: 'watch' }).catch((err: unknown) => ({ ok: false as const, problems: [String((err as Error).message)] }));
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const target = path.join(dir, result.ok ? IMPORTED : REFUSED, `${stamp}-${name}`);
        await fs.rename(file, target);
        if (!result.ok) await fs.writeFile(`${target}.txt`, `${['上报包被拒收，原因如下 / Package refused for these reasons:', ...result.problems].join('\n')}\n`);
      }
    } catch (err) {
      console.error(`监视文件夹出错：${(err as Error).message} / watch folder error`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void round(), intervalMs);
  return () => clearInterval(timer);
}
