import type { PickedFolder } from '../../api/transport.js';

export interface Dropped {
  files: File[];
  folders: PickedFolder[];
}

/** Whether a drag carries files (not text or a link), so that only file drags show the drop target. */
export function carriesFiles(dataTransfer: DataTransfer | null): boolean {
  return !!dataTransfer && Array.from(dataTransfer.types).includes('Files');
}

/**
 * Reads a drop: plain files, and folders whose contents are listed later, when needed. Entries must be taken
 * during the drop event itself; the browser empties the DataTransfer afterwards.
 */
export function readDrop(dataTransfer: DataTransfer): Dropped {
  const files: File[] = [];
  const folders: PickedFolder[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    const file = item.getAsFile();
    if (entry?.isDirectory) {
      const dir = entry as FileSystemDirectoryEntry;
      folders.push({ name: dir.name, handle: file, entries: () => listFolder(dir, '') });
    } else if (file) {
      files.push(file);
    }
  }
  return { files, folders };
}

async function listFolder(dir: FileSystemDirectoryEntry, prefix: string): Promise<{ file: File; relativePath: string }[]> {
  const out: { file: File; relativePath: string }[] = [];
  for (const entry of await readAllEntries(dir)) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) out.push(...(await listFolder(entry as FileSystemDirectoryEntry, rel)));
    else out.push({ file: await fileOf(entry as FileSystemFileEntry), relativePath: rel });
  }
  return out;
}

/** A directory reader hands out entries in batches until it returns an empty one. */
async function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}
