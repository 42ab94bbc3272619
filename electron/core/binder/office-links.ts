import { listZipEntries, readZipEntry } from '../files/zip.js';

const RELATIONSHIPS = /(^|\/)_rels\/[^/]+\.rels$/;
const MAX_RELS_BYTES = 4 * 1024 * 1024;
const MAX_RELS_PARTS = 200;
/** A relationship that LibreOffice would load from outside the file; plain hyperlinks are only printed, never fetched. */
const EXTERNAL = /<Relationship\b(?=[^>]*\bTargetMode\s*=\s*["']External["'])(?![^>]*\bType\s*=\s*["'][^"']*\/hyperlink["'])[^>]*>/g;

/**
 * How many parts of an Office Open XML file (.docx, .xlsx, .pptx) a converter would fetch from elsewhere: linked
 * pictures, linked OLE objects, external workbooks, attached templates. They are never loaded (see soffice-sandbox.ts),
 * so the clerk is told why they are missing from the print. 0 for anything that is not such a file.
 */
export async function externalLinks(file: string): Promise<number> {
  try {
    const parts = (await listZipEntries(file)).filter((e) => RELATIONSHIPS.test(e.name)).slice(0, MAX_RELS_PARTS);
    let links = 0;
    for (const part of parts) {
      const xml = await readZipEntry(file, part.name, MAX_RELS_BYTES);
      links += xml?.match(EXTERNAL)?.length ?? 0;
    }
    return links;
  } catch {
    return 0;
  }
}
