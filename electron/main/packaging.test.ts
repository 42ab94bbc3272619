import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const require = createRequire(import.meta.url);
// electron-builder's own loader and schema validator: the same check `electron-builder` runs before packaging.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(dir: string, file: string, extra: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type FileSet = { from: string; to: string; filter: string[] };

/** A fresh copy each time: validation normalises the object it is given in place. */
async function loadConfig(): Promise<Configuration> {
  return structuredClone(await getConfig(root, path.join(root, 'electron-builder.yml'), null));
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and builds the installers clerks use', async () => {
    await validateConfiguration(await loadConfig(), new DebugLogger(false));
    const config = await loadConfig();
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux?.target).toEqual([
      { target: 'deb', arch: ['x64'] },
      { target: 'AppImage', arch: ['x64'] },
    ]);
    expect(config.asar).toBe(true);
    const unpacked = config.asarUnpack as string[];
    expect(unpacked).toContain('**/node_modules/better-sqlite3/**');
    expect(unpacked).toContain('**/node_modules/sharp/**');
  });

  it('ships the built app only (no bridge, no sources) and starts at the bundled main process', async () => {
    const config = await loadConfig();
    // electron-builder normalises the list into file sets.
    const files = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
    expect(files).toContain('dist/electron/**');
    expect(files).toContain('dist/renderer/**');
    expect(files.some((f) => f.includes('bridge') || f.startsWith('electron/'))).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.mjs');
    expect(readFileSync(path.join(root, 'scripts/build.mjs'), 'utf8')).toContain("outfile: 'dist/electron/main.mjs'");
  });

  it('ships the example index and every font the binder looks for in resources/', async () => {
    const config = await loadConfig();
    const sets = config.extraResources as FileSet[];
    const shipped = (to: string, name: string) =>
      sets.some((s) => s.to === to && existsSync(path.join(root, s.from, name)) && s.filter.some((f) => new RegExp(`^${f.replace('.', '\\.').replace('*', '.*')}$`).test(name)));
    expect(shipped('resources', 'example-index.json')).toBe(true);
    const fontsSource = readFileSync(path.join(root, 'electron/core/binder/fonts.ts'), 'utf8');
    const fonts = [...fontsSource.matchAll(/file: '[^']*\/([^'/]+\.ttf)'/g)].map((m) => m[1] as string);
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const font of fonts) expect(shipped('resources/fonts', font), font).toBe(true);
    // main.ts points resourcePath() at <resources>/resources in the packaged app.
    expect(readFileSync(path.join(root, 'electron/main/main.ts'), 'utf8')).toContain("path.join(process.resourcesPath, 'resources')");
  });
});

describe('electron-builder.yml for OCR', () => {
  it('unpacks the engine and its worker from asar and ships only the ONNX Runtime binaries of the platform built for', async () => {
    const config = await loadConfig();
    const unpacked = config.asarUnpack as string[];
    for (const pattern of ['dist/electron/ocr-engine-worker.mjs', '**/node_modules/onnxruntime-node/**', '**/node_modules/@gutenye/**']) {
      expect(unpacked).toContain(pattern);
    }
    expect(readFileSync(path.join(root, 'scripts/build.mjs'), 'utf8')).toContain('dist/electron/ocr-engine-worker.mjs');

    // The file patterns as electron-builder expands them on this machine (${platform} is the building machine's).
    // minimatch 3 (electron-builder's) exports the function itself.
    const minimatch = require('minimatch') as (file: string, pattern: string, options: object) => boolean;
    const excludes = (config.files as { filter: string[] }[])
      .flatMap((f) => f.filter)
      .filter((f) => f.startsWith('!') && f.includes('onnxruntime-node'))
      .map((f) => f.slice(1).replace('${platform}', process.platform).replace('${arch}', process.arch));
    expect(excludes.length).toBe(2);
    const { readdirSync } = await import('node:fs');
    const bin = path.join(root, 'node_modules/onnxruntime-node/bin/napi-v6');
    const binaries = readdirSync(bin, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    const kept = binaries.filter((file) => !excludes.some((p) => minimatch(file, p, { dot: true })));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((f) => f.includes(`/napi-v6/${process.platform}/${process.arch}/`))).toBe(true);
    expect(binaries.length).toBeGreaterThan(kept.length);
  });
});
