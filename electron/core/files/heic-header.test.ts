import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeJpeg } from '../../../test/support/sample-files.js';
import { tempDir } from '../../../test/support/temp.js';
import { heicDimensions } from './heic-header.js';

describe('HEIC container header', () => {
  it('gives the size a real HEIC (heif-enc) declares, without decoding', async () => {
    const dir = tempDir();
    const jpeg = await makeJpeg(path.join(dir, 'a.jpg'), { width: 320, height: 200 });
    const heic = path.join(dir, 'a.heic');
    execFileSync('heif-enc', [jpeg, '-o', heic], { stdio: 'ignore' });
    expect(heicDimensions(readFileSync(heic))).toEqual({ width: 320, height: 200 });
  });

  it('gives nothing for bytes that are not a box structure, and never reads past the end', () => {
    expect(heicDimensions(Buffer.from('not a heic at all'))).toBeNull();
    const lying = Buffer.alloc(16);
    lying.writeUInt32BE(0xffffff00, 0);
    lying.write('meta', 4, 'latin1');
    expect(heicDimensions(lying)).toBeNull();
  });
});
