import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TaizhangError } from '../../../shared/errors.js';
import { lockedDownProfile, sandboxRefused, withoutNetwork } from './soffice-sandbox.js';

const INSTALL_PLACES = [
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
  'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
];

/**
 * LibreOffice's soffice, if installed: TAIZHANG_SOFFICE names it (or "none" to do without), else PATH, else the usual
 * install places on Windows and macOS.
 */
export function findSoffice(): string | null {
  const configured = process.env.TAIZHANG_SOFFICE;
  if (configured === 'none') return null;
  if (configured) return existsSync(configured) ? configured : null;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return INSTALL_PLACES.find((p) => existsSync(p)) ?? null;
}

/**
 * Converts office files to PDF in one LibreOffice run (starting it costs seconds; each file then takes little).
 * Each input `dir/name.ext` becomes `outDir/name.pdf`; a file LibreOffice cannot convert simply has no output, which
 * the caller reports. A fresh, locked-down profile keeps it apart from a LibreOffice the clerk has open and stops it
 * fetching what a document links to; where the system allows, it also runs with no network.
 */
export async function convertToPdf(
  soffice: string,
  inputs: readonly string[],
  workDir: string,
  options: { signal?: AbortSignal | undefined; timeoutMs: number },
): Promise<string> {
  const outDir = path.join(workDir, 'converted');
  await fs.mkdir(outDir, { recursive: true });
  /** Whether LibreOffice got as far as starting: it fills the fresh profile with folders of its own. */
  const convert = async (prefix: string[]): Promise<{ code: number | null; started: boolean }> => {
    const profile = await lockedDownProfile(workDir);
    const code = await run([...prefix, soffice], ['--headless', '--norestore', '--nolockcheck', '--nodefault', '--nologo',
      `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', outDir, ...inputs], options);
    return { code, started: (await fs.readdir(path.join(profile, 'user'))).length > 1 };
  };
  const sandbox = withoutNetwork();
  const first = await convert(sandbox);
  // A LibreOffice that cannot start inside the sandbox (a snap, say) fails before touching its profile: run it again
  // with the profile's guard alone, and from now on without the sandbox.
  if (sandbox.length > 0 && first.code !== 0 && !first.started) {
    sandboxRefused();
    await convert([]);
  }
  return outDir;
}

/** Runs one LibreOffice process to its end; resolves with its exit code. */
function run(commandLine: string[], args: string[], options: { signal?: AbortSignal | undefined; timeoutMs: number }): Promise<number | null> {
  const [command, ...before] = commandLine;
  return new Promise((resolve, reject) => {
    const child = spawn(command!, [...before, ...args], { stdio: 'ignore', detached: process.platform !== 'win32' });
    const stop = (): void => {
      try {
        // The whole process group: soffice starts soffice.bin under it.
        if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new TaizhangError('bad_file', `LibreOffice 转换超时（${Math.round(options.timeoutMs / 1000)} 秒） / LibreOffice timed out`));
    }, options.timeoutMs);
    const onAbort = (): void => {
      stop();
      reject(new TaizhangError('cancelled', '已取消 / Cancelled'));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(new TaizhangError('bad_file', `无法启动 LibreOffice：${err.message} / Cannot start LibreOffice`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(code);
    });
  });
}
