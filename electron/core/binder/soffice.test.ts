import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { docxWithLinkedImages } from '../../../test/hostile/inputs.js';
import { loopbackListener } from '../../../test/support/listener.js';
import { imageCount, pageTexts } from '../../../test/support/pdf-inspect.js';
import { makeDocx, makePng } from '../../../test/support/sample-files.js';
import { tempDir } from '../../../test/support/temp.js';
import { externalLinks } from './office-links.js';
import { convertToPdf, findSoffice } from './soffice.js';
import { lockedDownProfile, withoutNetwork } from './soffice-sandbox.js';

const run = promisify(execFile);
const soffice = findSoffice();
const closeLater: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closeLater.splice(0)) await close();
});

/** A Word document linking one picture to a loopback listener and one to a local file, and the traps to watch. */
async function trap(): Promise<{ docx: string; requests: string[]; work: string }> {
  const work = tempDir();
  const secret = await makePng(path.join(work, '本机私人照片.png'), '#d01010');
  // Async, not spawnSync: the listener must be free to answer, or a fetch would hang instead of showing.
  const listener = await loopbackListener(secret);
  closeLater.push(listener.close);
  const docx = await docxWithLinkedImages(path.join(work, '会议记录.docx'), [`${listener.url}/x.png`, pathToFileURL(secret).href]);
  return { docx, requests: listener.requests, work };
}

/** Runs soffice the plain way, with the given profile and command prefix, as the tests' control. */
async function plainConvert(docx: string, outDir: string, profile: string, prefix: string[] = []): Promise<string> {
  const [command, ...rest] = [...prefix, soffice!];
  await run(command!, [...rest, '--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', outDir, docx], { timeout: 120_000 });
  return path.join(outDir, '会议记录.pdf');
}

describe('LibreOffice conversion of a document that links out', () => {
  it('is installed here (the binder converts Word and Excel files with it)', () => {
    expect(soffice).not.toBeNull();
  });

  it('a plain conversion fetches the http image and embeds the local file (the danger the guard is for)', async () => {
    const { docx, requests, work } = await trap();
    const pdf = await plainConvert(docx, path.join(work, 'out'), path.join(work, 'bare-profile'));
    expect(requests.some((r) => r.startsWith('GET /x.png'))).toBe(true);
    expect(imageCount(pdf)).toBe(2);
  }, 150_000);

  it('the binder conversion touches neither the listener nor the local file, and still prints the text', async () => {
    const { docx, requests, work } = await trap();
    const outDir = await convertToPdf(soffice!, [docx], path.join(work, 'binder'), { timeoutMs: 120_000 });
    const pdf = path.join(outDir, '会议记录.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(requests).toEqual([]);
    expect(imageCount(pdf)).toBe(0);
    expect(pageTexts(pdf).join('')).toContain('会议记录');
  }, 150_000);

  it('the locked-down profile alone blocks both links, as on Windows and macOS where there is no network sandbox', async () => {
    const { docx, requests, work } = await trap();
    const pdf = await plainConvert(docx, path.join(work, 'out'), await lockedDownProfile(work));
    expect(requests).toEqual([]);
    expect(imageCount(pdf)).toBe(0);
  }, 150_000);

  it('on Linux the sandbox alone keeps LibreOffice off the network even with a default profile', async () => {
    const { docx, requests, work } = await trap();
    const sandbox = withoutNetwork();
    // Where user namespaces are not allowed the sandbox is empty and the profile is the guard (the test above).
    if (process.platform === 'linux' && sandbox.length > 0) expect(sandbox).toEqual(['unshare', '-rn']);
    const pdf = await plainConvert(docx, path.join(work, 'out'), path.join(work, 'bare-profile'), sandbox);
    expect(existsSync(pdf)).toBe(true);
    if (sandbox.length > 0) expect(requests).toEqual([]);
  }, 150_000);

  it('counts the linked parts a binder leaves out, so its report can say why pictures are missing', async () => {
    const { docx, work } = await trap();
    expect(await externalLinks(docx)).toBe(2);
    expect(await externalLinks(await makeDocx(path.join(work, '普通.docx'), ['没有链接']))).toBe(0);
    expect(await externalLinks(await makePng(path.join(work, '不是压缩包.png')))).toBe(0);
  });

  // Last: once the sandbox is refused, the rest of this process converts without it.
  it('runs LibreOffice again with the profile alone when it cannot start inside the sandbox (a snap, say)', async () => {
    const { docx, requests, work } = await trap();
    const host = readlinkSync('/proc/self/ns/net');
    const calls = path.join(work, 'calls.log');
    const fake = path.join(work, 'soffice-without-namespaces');
    writeFileSync(fake, `#!/bin/sh\nns=$(readlink /proc/self/ns/net)\necho "$ns" >> '${calls}'\n[ "$ns" = '${host}' ] || exit 1\nexec '${soffice}' "$@"\n`, { mode: 0o755 });
    const sandboxed = withoutNetwork().length > 0;
    const outDir = await convertToPdf(fake, [docx], path.join(work, 'binder'), { timeoutMs: 120_000 });
    const pdf = path.join(outDir, '会议记录.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(requests).toEqual([]);
    expect(imageCount(pdf)).toBe(0);
    const seen = readFileSync(calls, 'utf8').trim().split('\n');
    // Sandboxed first (in a network namespace of its own), then in the host's; without a sandbox, once in the host's.
    expect(seen.map((ns) => ns === host)).toEqual(sandboxed ? [false, true] : [true]);
    expect(withoutNetwork()).toEqual([]);
  }, 150_000);
});
