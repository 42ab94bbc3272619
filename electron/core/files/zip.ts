import yauzl from 'yauzl';

export interface ZipEntryInfo {
  name: string;
  uncompressedSize: number;
}

/** More parts than any real Office document has; a listing stops here rather than walk a hostile archive. */
const MAX_ZIP_ENTRIES = 20_000;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, zip) => (err || !zip ? reject(err ?? new Error('zip')) : resolve(zip)));
  });
}

/** The parts of a zip container, read from its central directory without unpacking anything. */
export async function listZipEntries(file: string): Promise<ZipEntryInfo[]> {
  const zip = await openZip(file);
  return new Promise((resolve, reject) => {
    const entries: ZipEntryInfo[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push({ name: entry.fileName, uncompressedSize: entry.uncompressedSize });
      if (entries.length >= MAX_ZIP_ENTRIES) {
        zip.close();
        resolve(entries);
      } else zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** One part as text, or null when it is missing or larger than maxBytes. */
export async function readZipEntry(file: string, name: string, maxBytes: number): Promise<string | null> {
  const zip = await openZip(file);
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      if (entry.uncompressedSize > maxBytes) {
        zip.close();
        return resolve(null);
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err ?? new Error('zip'));
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          zip.close();
          resolve(Buffer.concat(chunks).toString('utf8'));
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', () => resolve(null));
    zip.on('error', reject);
    zip.readEntry();
  });
}
