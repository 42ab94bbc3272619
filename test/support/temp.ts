import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { UnitNames, UnitSettings } from '../../shared/api/archive.js';
import { createCore, type Core } from '../../electron/core/api/core.js';
import { initArchive } from '../../electron/core/archive/init.js';
import { runCli } from '../../electron/cli/program.js';
import type { CliIO } from '../../electron/cli/io.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(prefix = 'taizhang-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const TEST_UNIT: UnitNames = { name: '示例街道文明社区居委会', fonds: 'Z001', filer: '张敏', checker: '李强' };

/** A real archive on disk, created like `init` does, with the example index; closed after the test. */
export async function tempCore(unit: Partial<UnitSettings> = TEST_UNIT): Promise<Core & { dir: string }> {
  const dir = path.join(tempDir(), 'archive');
  const core = createCore(await initArchive(dir, unit));
  cleanups.unshift(() => core.close());
  return Object.assign(core, { dir });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the CLI in-process and captures what it prints. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`), err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`) };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
