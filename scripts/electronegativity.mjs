#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security scanner) over the Electron shell: main process, preload and the
// built page (for its CSP). Exits 1 on any finding that is not fixed or justified in place with an
// `eng-disable <CHECK>` comment on the flagged line.
//
// Its command line is unusable with this project's commander version, so its documented programmatic runner is
// used. It tries to fetch translations and Electron's release list; offline both fail fast and change nothing.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;

if (!existsSync(path.join(root, 'dist/renderer/index.html'))) {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

// The scanner reads a whole folder: give it exactly the Electron shell, without tests.
const scan = mkdtempSync(path.join(os.tmpdir(), 'taizhang-eng-'));
for (const dir of ['electron/main', 'electron/preload']) {
  for (const name of readdirSync(path.join(root, dir))) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) cpSync(path.join(root, dir, name), path.join(scan, dir, name));
  }
}
cpSync(path.join(root, 'dist/renderer/index.html'), path.join(scan, 'dist/renderer/index.html'));
writeFileSync(path.join(scan, 'package.json'), JSON.stringify({ name: 'taizhang', devDependencies: { electron: electronVersion } }));

let result;
try {
  result = await run({ input: scan, isRelative: true, electronVersionOverride: electronVersion, parserPlugins: [] });
} finally {
  rmSync(scan, { recursive: true, force: true });
}

const hard = result.errors.filter((e) => !e.tolerable);
for (const e of hard) console.log(`could not parse ${e.file}: ${e.message}`);
for (const i of result.issues) {
  console.log(`${i.id}  ${i.file}:${i.location.line}:${i.location.column}  ${i.severity.name}/${i.confidence.name}  ${i.description}`);
}
console.log(`electronegativity: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ${hard.length} files unreadable`);
process.exit(result.issues.length === 0 && hard.length === 0 ? 0 : 1);
