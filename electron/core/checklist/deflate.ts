import yauzl from 'yauzl';
import yazl from 'yazl';

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Compresses an uncompressed (stored) zip with Node's native zlib. exceljs compresses with a JavaScript deflate that
 * takes about as long as building the whole workbook; storing first and compressing here keeps a 10,000-row
 * checklist within a couple of seconds. Files keep their order and names, so the result is the same workbook.
 */
export function deflateStoredZip(stored: Uint8Array): Promise<Uint8Array> {
  return rewriteZip(stored, (_name, data) => data);
}

/**
 * The zip again, every entry compressed, in its order and with its name, each entry's bytes passed through `change`
 * (which returns them as they are, or new ones).
 */
export async function rewriteZip(zip: Uint8Array, change: (name: string, data: Buffer) => Buffer): Promise<Uint8Array> {
  const source = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(zip), { lazyEntries: true }, (err, opened) => (err || !opened ? reject(err ?? new Error('zip')) : resolve(opened))),
  );
  const target = new yazl.ZipFile();
  const output = readAll(target.outputStream);
  await new Promise<void>((resolve, reject) => {
    source.on('error', reject);
    source.on('end', resolve);
    source.on('entry', (entry: yauzl.Entry) => {
      // Folder entries carry nothing a spreadsheet reader needs.
      if (entry.fileName.endsWith('/')) return source.readEntry();
      source.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err ?? new Error('zip entry'));
        readAll(stream).then((data) => {
          target.addBuffer(change(entry.fileName, data), entry.fileName, { compress: true, mtime: entry.getLastModDate() });
          source.readEntry();
        }, reject);
      });
    });
    source.readEntry();
  });
  target.end();
  return new Uint8Array(await output);
}
