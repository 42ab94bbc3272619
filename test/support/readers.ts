import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Real readers of our workbooks for the tests: openpyxl (Debian's python3-openpyxl) and LibreOffice headless.
 * Debian's own python3 is preferred because a python on PATH from elsewhere may lack the Debian packages.
 */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Runs a Python script with arguments and parses the JSON it prints. */
export function runPython<T>(script: string, ...args: string[]): T {
  const out = execFileSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as T;
}

/** Converts a workbook with LibreOffice headless (pdf, csv…) into `outDir` and returns the new file's path. */
export function convertWithLibreOffice(file: string, format: string, outDir: string): string {
  // A private profile: a second LibreOffice (or one left running) must not block or share state with this one.
  const profile = `file://${path.join(outDir, 'lo-profile')}`;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, file], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  const converted = path.join(outDir, `${path.basename(file, path.extname(file))}.${format.split(':')[0]}`);
  if (!existsSync(converted)) throw new Error(`LibreOffice did not convert ${file} to ${format}`);
  return converted;
}
