import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileLocation } from '../../../shared/api/records.js';
import type { Archive } from '../store/archive-folder.js';
import { getRecordDetail } from './repository.js';

/**
 * records.locate: where each file of a record lies in the archive's file library, for 在文件夹中显示. A record in
 * the trash still has its files, so it is located like any other. A file missing from disk is reported, not hidden:
 * the shell must not be asked to show what is not there.
 */
export async function locateFiles(archive: Archive, id: number): Promise<FileLocation[]> {
  const { fileList } = getRecordDetail(archive.db, id, { includeDeleted: true });
  return Promise.all(
    fileList.map(async (f) => {
      const file = archive.files.blobPath(f.sha256);
      const present = await fs.stat(file).then((s) => s.isFile(), () => false);
      return { fileId: f.id, sha256: f.sha256, name: f.name, kind: f.kind, mime: f.mime, folder: path.dirname(file), path: file, present };
    }),
  );
}
