import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../test/support/temp.js';
import { storeBlob } from '../../test/support/archive-data.js';
import { makePng } from '../../test/support/sample-files.js';
import { parsePreviewPath, previewHeaders, resolvePreview } from './preview.js';

describe('preview confinement', () => {
  it('accepts only "<sha256>[/variant]" exactly as written', () => {
    const sha = 'a'.repeat(64);
    expect(parsePreviewPath(`/${sha}`)).toEqual({ sha256: sha, variant: 'file' });
    expect(parsePreviewPath(`${sha}/thumb`)).toEqual({ sha256: sha, variant: 'thumb' });
    for (const bad of [
      '../archive.db',
      `/${sha}/../../archive.db`,
      `/%2e%2e/%2e%2e/archive.db`,
      `/${sha}%2F..%2F..%2Farchive.db`,
      `/${sha}\\..\\..\\archive.db`,
      '/etc/passwd',
      'C:\\Windows\\win.ini',
      `/${sha.toUpperCase()}`,
      `/${sha}/thumb/extra`,
      `/${sha}/original`,
    ]) {
      expect(parsePreviewPath(bad), bad).toBeNull();
    }
  });

  it('serves a stored image and refuses unknown hashes, traversal and non-displayable types', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const sha = await storeBlob(core.archive, await makePng(path.join(dir, 'photo.png')), 'image/png', 'image');
    const target = await resolvePreview(core.archive, `/${sha}`);
    expect(target.mime).toBe('image/png');
    expect(target.file).toBe(await fs.realpath(core.archive.files.blobPath(sha)));
    // No thumbnail derivative yet: a photo's thumbnail falls back to the photo itself.
    expect((await resolvePreview(core.archive, `/${sha}/thumb`)).file).toBe(target.file);

    await expect(resolvePreview(core.archive, `/${'0'.repeat(64)}`)).rejects.toMatchObject({ code: 'not_found' });
    await expect(resolvePreview(core.archive, '/../archive.db')).rejects.toMatchObject({ code: 'invalid_input' });

    const html = path.join(dir, 'page.html');
    await fs.writeFile(html, '<script>alert(1)</script>');
    const htmlSha = await storeBlob(core.archive, html, 'text/html', 'other');
    await expect(resolvePreview(core.archive, `/${htmlSha}`)).rejects.toMatchObject({ code: 'bad_file' });
  });

  it('prefers a derivative when one exists and refuses a symlink planted to point outside the archive', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const sha = await storeBlob(core.archive, await makePng(path.join(dir, 'photo.png')), 'image/png', 'image');
    const thumb = core.archive.files.derivativePath(sha, 'thumb');
    await fs.mkdir(path.dirname(thumb), { recursive: true });
    await sharp({ create: { width: 8, height: 6, channels: 3, background: '#000' } }).jpeg().toFile(thumb);
    expect(await resolvePreview(core.archive, `/${sha}/thumb`)).toEqual({ file: await fs.realpath(thumb), mime: 'image/jpeg' });

    const secret = path.join(dir, 'secret.png');
    await fs.writeFile(secret, 'not for the window');
    const blob = core.archive.files.blobPath(sha);
    await fs.rm(blob);
    await fs.symlink(secret, blob);
    await expect(resolvePreview(core.archive, `/${sha}`)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('never lets a preview run script or be sniffed', () => {
    expect(previewHeaders('image/png')).toMatchObject({ 'X-Content-Type-Options': 'nosniff' });
    expect(previewHeaders('image/png')['Content-Security-Policy']).toContain('sandbox');
    expect(previewHeaders('application/pdf')['Content-Security-Policy']).toContain("default-src 'none'");
  });
});
