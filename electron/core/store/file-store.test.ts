import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeJpeg } from '../../../test/support/sample-files.js';
import { tempDir } from '../../../test/support/temp.js';
import { FileStore } from './file-store.js';

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function emptyStore(): Promise<FileStore> {
  const store = new FileStore(tempDir());
  await store.ensureLayout();
  return store;
}

describe('FileStore: staged while hashed, installed all at once', () => {
  it('stages a copy with the hash of its bytes, puts it in place on install and keeps content once', async () => {
    const store = await emptyStore();
    const source = await makeJpeg(path.join(tempDir(), '现场.jpg'), { width: 300, height: 200 });
    const staged = await store.stage(source);
    expect(staged.sha256).toBe(sha(readFileSync(source)));
    expect(staged.size).toBe(readFileSync(source).length);
    expect(readFileSync(staged.tmp).equals(readFileSync(source))).toBe(true);
    expect(existsSync(store.blobPath(staged.sha256))).toBe(false);

    expect(await store.install([{ tmp: staged.tmp, target: store.blobPath(staged.sha256) }])).toEqual([true]);
    expect(readFileSync(store.blobPath(staged.sha256)).equals(readFileSync(source))).toBe(true);
    expect(readdirSync(store.tmpRoot)).toEqual([]);

    const again = await store.stage(source);
    expect(await store.install([{ tmp: again.tmp, target: store.blobPath(again.sha256) }])).toEqual([false]);
    expect(readdirSync(store.tmpRoot)).toEqual([]);
  });

  it('installs all or none: a file that cannot be put in place takes back the ones put before it', async () => {
    const store = await emptyStore();
    const first = await store.stageBytes(Buffer.from('print image'));
    const second = await store.stageBytes(Buffer.from('thumbnail'));
    const firstTarget = store.derivativePath('a'.repeat(64), 'print');
    // A plain file where the second target's folder must go: its rename fails.
    const blocked = path.join(store.derivedRoot, 'bb');
    mkdirSync(store.derivedRoot, { recursive: true });
    writeFileSync(blocked, 'not a folder');
    await expect(store.install([
      { tmp: first, target: firstTarget },
      { tmp: second, target: store.derivativePath('b'.repeat(64), 'thumb') },
    ])).rejects.toThrow();
    expect(existsSync(firstTarget)).toBe(false);
    expect(readdirSync(store.tmpRoot)).toEqual([]);
  });
});
