import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaizhangError } from '../../../shared/errors.js';
import { tempDir } from '../../../test/support/temp.js';
import { createCore, openCore } from '../api/core.js';
import { initArchive } from '../archive/init.js';
import { demoPaths, prepareWorkspace, writeMarker } from './workspace.js';

/** A demo folder as a finished demo leaves it: an archive with one record, an export, materials and the marker. */
async function finishedDemo(): Promise<{ paths: ReturnType<typeof demoPaths>; exported: string; material: string }> {
  const paths = demoPaths(tempDir());
  const material = path.join(paths.materials, '2026', '1.2.2 学雷锋志愿服务活动', 'a.txt');
  mkdirSync(path.dirname(material), { recursive: true });
  writeFileSync(material, '示例材料');
  const core = createCore(await initArchive(paths.archive));
  await core.api['records.add']({ files: [material], year: 2026, items: ['1.2.2'], title: '示例' });
  core.close();
  const exported = path.join(paths.out, '卷', 'v1.pdf');
  mkdirSync(path.dirname(exported), { recursive: true });
  writeFileSync(exported, 'pdf');
  await writeMarker(paths, 1, [exported, material]);
  return { paths, exported, material };
}

describe('demo workspace', () => {
  it('starts in a new folder without touching anything', async () => {
    const paths = demoPaths(path.join(tempDir(), 'new'));
    const prepared = await prepareWorkspace(paths, false);
    expect(prepared).toEqual({ movedAside: [], cleared: 0 });
    expect(readdirSync(paths.dir)).toEqual([]);
  });

  it('rebuilds its own unchanged work and keeps files it did not write', async () => {
    const { paths, exported, material } = await finishedDemo();
    const mine = path.join(paths.out, 'my-notes.txt');
    writeFileSync(mine, 'keep me');
    const prepared = await prepareWorkspace(paths, false);
    expect(prepared.movedAside).toEqual([]);
    expect(prepared.cleared).toBe(3);
    expect(existsSync(paths.archive)).toBe(false);
    expect(existsSync(exported)).toBe(false);
    expect(existsSync(material)).toBe(false);
    expect(existsSync(path.dirname(exported))).toBe(false);
    expect(existsSync(mine)).toBe(true);
  });

  it('refuses an archive it did not make, and moves it aside with force', async () => {
    const paths = demoPaths(tempDir());
    (await initArchive(paths.archive)).close();
    const refused = await prepareWorkspace(paths, false).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TaizhangError);
    expect((refused as TaizhangError).code).toBe('conflict');
    expect((refused as TaizhangError).message).toMatch(/--force/);
    expect(existsSync(path.join(paths.archive, 'archive.db'))).toBe(true);

    const prepared = await prepareWorkspace(paths, true);
    expect(prepared.movedAside).toHaveLength(1);
    expect(path.basename(prepared.movedAside[0]!)).toMatch(/^archive\.旧-\d{8}-\d{6}$/);
    expect(existsSync(path.join(prepared.movedAside[0]!, 'archive.db'))).toBe(true);
    expect(existsSync(paths.archive)).toBe(false);
  });

  it('treats its own archive changed since as the clerk’s work', async () => {
    const { paths } = await finishedDemo();
    const extra = path.join(tempDir(), 'extra.txt');
    writeFileSync(extra, '另一份材料');
    const core = await openCore(paths.archive);
    await core.api['records.add']({ files: [extra], year: 2026, title: '自己加的' });
    core.close();
    await expect(prepareWorkspace(paths, false)).rejects.toThrow(/不是本演示程序生成的/);
    const prepared = await prepareWorkspace(paths, true);
    expect(prepared.movedAside).toHaveLength(1);
    expect(existsSync(path.join(prepared.movedAside[0]!, 'archive.db'))).toBe(true);
  });

  it('ignores marker entries that point outside its folders', async () => {
    const { paths } = await finishedDemo();
    const outside = path.join(tempDir(), 'precious.txt');
    writeFileSync(outside, 'x');
    await writeMarker(paths, 1, [outside, path.join(paths.dir, '..', 'x')]);
    await prepareWorkspace(paths, false);
    expect(existsSync(outside)).toBe(true);
  });
});
