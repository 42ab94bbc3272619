#!/usr/bin/env node
// `npm start`: build the renderer and the Electron main/preload, make sure a better-sqlite3 built for Electron's
// ABI exists in .electron-native/, then run Electron with it.
//
// node_modules/better-sqlite3 stays built for Node (the tests, the CLI and the bridge need Node's ABI). Electron
// gets its own copy: a prebuilt binary for this Electron version (prebuild-install --runtime electron), or, when
// none can be downloaded, a build from source against Electron's headers (node-gyp). Its path reaches the main
// process as TAIZHANG_SQLITE_BINDING and is passed to better-sqlite3 as `nativeBinding`. Done once per Electron
// version; later starts reuse it.
import { spawnSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

function electronBinary() {
  try {
    // The electron package exports the path of its binary, downloaded by its install script.
    const binary = require('electron');
    if (typeof binary === 'string' && existsSync(binary)) return binary;
  } catch {
    // reported below
  }
  return fail(
    'Electron 还没有下载。请联网后运行：node node_modules/electron/install.js（或不带 ELECTRON_SKIP_BINARY_DOWNLOAD 重新 npm install）。\n' +
      'The Electron binary is missing: run `node node_modules/electron/install.js` with internet access.',
  );
}

function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0;
}

/** A better-sqlite3 binary for this Electron version, platform and architecture. */
function electronSqlite(electronVersion) {
  const key = `better-sqlite3-${readJson(require.resolve('better-sqlite3/package.json')).version}-electron-${electronVersion}-${process.platform}-${process.arch}`;
  const target = path.join(root, '.electron-native', key, 'better_sqlite3.node');
  if (existsSync(target)) return target;

  console.log(`\n为 Electron ${electronVersion} 准备 better-sqlite3（只需一次）/ Preparing better-sqlite3 for Electron…`);
  const work = path.join(root, '.electron-native', 'work');
  const copy = path.join(work, 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // A copy, so that node_modules keeps its Node build.
  cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), copy, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
  });
  const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  const electronArgs = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${process.arch}`];
  const built =
    run(bin('prebuild-install'), [...electronArgs, `--platform=${process.platform}`, '--verbose'], copy) ||
    run(bin('node-gyp'), ['rebuild', ...electronArgs, '--dist-url=https://electronjs.org/headers'], copy);
  const produced = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !existsSync(produced)) {
    fail(
      '无法为 Electron 准备 better-sqlite3：下载预编译文件和本机编译都失败了（需要联网，或安装 Python 与 C++ 编译工具）。\n' +
        'Could not prepare better-sqlite3 for Electron (needs internet for a prebuilt binary, or a C++ toolchain).',
    );
  }
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(produced, target);
  rmSync(work, { recursive: true, force: true });
  return target;
}

const binary = electronBinary();
const electronVersion = readJson(require.resolve('electron/package.json')).version;
const binding = electronSqlite(electronVersion);
console.log('\n构建界面和主进程 / Building the renderer, main process and preload…');
await buildAll({ quiet: true });

const child = spawn(binary, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TAIZHANG_SQLITE_BINDING: binding, ELECTRON_ENABLE_SECURITY_WARNINGS: 'true' },
});
child.on('exit', (code) => process.exit(code ?? 0));
