import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';

/**
 * pdf.js finds page n by walking the page tree's kids from the first one, so a flat tree (one /Pages node holding
 * every page, as qpdf, LibreOffice and pdf-lib write them) costs n steps for page n and n²/2 for reading a whole
 * document: 10,000 pages took 25 s, 50,000 never finished. A tree of at most FANOUT kids per node costs
 * log(n) steps per page instead.
 */
const FANOUT = 32;

/** Below this many pages the walk is cheap enough that the file is read as it is. */
export const BALANCE_FROM_PAGES = 500;

/**
 * A copy of the PDF, for reading only, with an incremental update that replaces its page tree by a balanced one over
 * the same pages in the same order. Nothing else changes: each page keeps its own /Parent, so what it inherits
 * (MediaBox, Resources, Rotate) still comes from its original ancestors. The stored file is never touched.
 * Returns the bytes unchanged when the tree is already narrow, or the file cannot be rewritten safely (encrypted, damaged).
 */
export async function withBalancedPageTree(bytes: Uint8Array): Promise<Uint8Array> {
  const startxref = lastStartXref(bytes);
  if (startxref === null) return bytes;
  try {
    return await balance(bytes, startxref);
  } catch {
    // Only an aid to reading: a file pdf-lib cannot take apart is read as it is.
    return bytes;
  }
}

async function balance(bytes: Uint8Array, startxref: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  if (doc.isEncrypted) return bytes;
  const context = doc.context;
  const rootRef = doc.catalog.get(PDFName.of('Pages'));
  const root = doc.catalog.lookupMaybe(PDFName.of('Pages'), PDFDict);
  if (!(rootRef instanceof PDFRef) || !root) return bytes;
  if (!hasWideNode(root, context.lookup.bind(context))) return bytes;
  const pages = doc.getPages().map((page) => page.ref);

  let next = context.largestObjectNumber + 1;
  const written: { ref: PDFRef; dict: PDFDict }[] = [];
  // Level by level from the pages up, until the top level fits under the root.
  let level: { ref: PDFRef; count: number; dict?: PDFDict }[] = pages.map((ref) => ({ ref, count: 1 }));
  while (level.length > FANOUT) {
    const parents: typeof level = [];
    for (let i = 0; i < level.length; i += FANOUT) {
      const group = level.slice(i, i + FANOUT);
      const ref = PDFRef.of(next++);
      const count = group.reduce((n, g) => n + g.count, 0);
      const dict = context.obj({ Type: 'Pages', Kids: group.map((g) => g.ref), Count: count, Parent: rootRef });
      for (const child of group) child.dict?.set(PDFName.of('Parent'), ref);
      written.push({ ref, dict });
      parents.push({ ref, count, dict });
    }
    level = parents;
  }
  const newRoot = root.clone(context);
  newRoot.set(PDFName.of('Kids'), context.obj(level.map((g) => g.ref)));
  newRoot.set(PDFName.of('Count'), PDFNumber.of(pages.length));
  written.unshift({ ref: rootRef, dict: newRoot });
  return appendUpdate(bytes, written, { size: next, startxref, trailer: doc.context.trailerInfo });
}

/** True when some /Pages node has more kids than FANOUT, which is what makes pdf.js slow. */
function hasWideNode(root: PDFDict, lookup: (ref: PDFRef) => unknown): boolean {
  const todo: PDFDict[] = [root];
  const seen = new Set<PDFDict>();
  while (todo.length > 0) {
    const node = todo.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const kids = node.get(PDFName.of('Kids'));
    const array = kids instanceof PDFRef ? lookup(kids) : kids;
    if (!(array instanceof PDFArray)) continue;
    if (array.size() > FANOUT) return true;
    for (let i = 0; i < array.size(); i += 1) {
      const kid = array.get(i);
      const dict = kid instanceof PDFRef ? lookup(kid) : kid;
      if (dict instanceof PDFDict && dict.has(PDFName.of('Kids'))) todo.push(dict);
    }
  }
  return false;
}

/** The offset after the file's last `startxref`, where its newest cross-reference section starts. */
function lastStartXref(bytes: Uint8Array): number | null {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - 2048)).toString('latin1');
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  return match ? Number(match[1]) : null;
}

/** Appends objects as an incremental update: the objects, a classic xref section per run of numbers, a trailer. */
function appendUpdate(
  bytes: Uint8Array,
  objects: readonly { ref: PDFRef; dict: PDFDict }[],
  options: { size: number; startxref: number; trailer: PDFDocument['context']['trailerInfo'] },
): Uint8Array {
  const chunks: Buffer[] = [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Buffer.from('\n')];
  let offset = bytes.byteLength + 1;
  const offsets = new Map<number, { offset: number; generation: number }>();
  for (const { ref, dict } of objects) {
    const text = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n${dict.toString()}\nendobj\n`, 'latin1');
    offsets.set(ref.objectNumber, { offset, generation: ref.generationNumber });
    chunks.push(text);
    offset += text.length;
  }
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j += 1;
    xref += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k += 1) {
      const entry = offsets.get(numbers[k]!)!;
      xref += `${String(entry.offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  const { Root, Info, ID } = options.trailer;
  const trailer = [`/Size ${options.size}`, Root ? `/Root ${Root.toString()}` : '', Info ? `/Info ${Info.toString()}` : '', ID ? `/ID ${ID.toString()}` : '', `/Prev ${options.startxref}`]
    .filter(Boolean)
    .join(' ');
  chunks.push(Buffer.from(`${xref}trailer\n<< ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
