/**
 * Test helpers for 上报包: a small real archive with filed, numbered records, its package, and packages changed after
 * the fact (tampered) to check that verify and the hub refuse them.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { Core } from '../../api/core.js';
import { makeDocx, makeJpeg, makePdf } from '../../../../test/support/sample-files.js';

/** Files real records from generated files named as given ([file name, item code]) and numbers the year. */
export async function fileSampleRecords(core: Core, dir: string, year: number, files: [string, string][]): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const [name, item] of files) {
    const file = path.join(dir, name);
    if (name.endsWith('.pdf')) await makePdf(file, { title: path.parse(name).name });
    else if (name.endsWith('.docx')) await makeDocx(file, [path.parse(name).name, `${path.parse(name).name}的具体内容，参加志愿者签到。`]);
    else await makeJpeg(file);
    await core.api['records.add']({ files: [file], year, items: [item] });
  }
  await core.api['archival.number']({ year });
}

/** Rewrites a zip entry by entry; `change` may return new bytes for an entry, null to drop it, or undefined to keep it. */
export async function rewriteZip(
  source: string,
  target: string,
  change: (name: string, data: Buffer) => Buffer | null | undefined,
  extra: { name: string; data: Buffer }[] = [],
): Promise<void> {
  const zip = await yauzl.openPromise(source, { lazyEntries: true, autoClose: false });
  const out = new yazl.ZipFile();
  const done = new Promise<void>((resolve, reject) => {
    out.outputStream.pipe(createWriteStream(target)).on('close', () => resolve()).on('error', reject);
  });
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    const data = Buffer.concat(chunks);
    const next = change(entry.fileName, data);
    if (next === null) continue;
    out.addBuffer(next ?? data, entry.fileName);
  }
  for (const e of extra) out.addBuffer(e.data, e.name);
  zip.close();
  out.end();
  await done;
}
