import { PDFDocument, PDFName, PDFNumber, PDFPage, type PDFArray, type PDFDict, type PDFRef } from 'pdf-lib';
import { embedFonts, type SubsetFonts } from './fonts.js';
import { A4 } from './geometry.js';
import { buildOutline, type OutlineNode } from './outline.js';
import { deflateWithZlib, PdfStreamWriter } from './stream-writer.js';
import { Typesetter } from './typeset.js';

export interface VolumeMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  created: Date;
}

/**
 * One PDF being written: pages are appended in reading order and streamed to disk after each 件 (`flush`). Links and
 * bookmarks point at named destinations, resolved in `finish`, so a contents page can link to a page not yet made.
 */
export class VolumeDocument {
  private readonly pageRefs: PDFRef[] = [];
  private readonly destinations = new Map<string, PDFRef>();
  private readonly pagesRoot: PDFRef;
  /** Objects pdf-lib creates once and reuses for every page it touches later; they must stay in memory. */
  private readonly shared: PDFRef[];

  private constructor(
    readonly doc: PDFDocument,
    readonly type: Typesetter,
    private readonly writer: PdfStreamWriter,
  ) {
    this.pagesRoot = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
    this.shared = [doc.context.getPushGraphicsStateContentStream(), doc.context.getPopGraphicsStateContentStream()];
  }

  static async create(file: string, fonts: SubsetFonts, meta: VolumeMetadata): Promise<VolumeDocument> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    deflateWithZlib(doc.context);
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    doc.setAuthor(meta.author);
    doc.setSubject(meta.subject);
    doc.setKeywords(meta.keywords);
    doc.setCreator('台账 Taizhang');
    doc.setProducer('台账 Taizhang (pdf-lib)');
    doc.setCreationDate(meta.created);
    doc.setModificationDate(meta.created);
    const type = new Typesetter(await embedFonts(doc, fonts), fonts);
    return new VolumeDocument(doc, type, new PdfStreamWriter(file));
  }

  /** Pages so far; the next page added gets this 0-based index. */
  get pageCount(): number {
    return this.pageRefs.length;
  }

  addPage(size: [number, number] = A4): PDFPage {
    const page = PDFPage.create(this.doc);
    page.setSize(size[0], size[1]);
    return this.adopt(page);
  }

  /** Appends a page made elsewhere (copied from a source PDF). */
  adopt(page: PDFPage): PDFPage {
    page.node.setParent(this.pagesRoot);
    this.pageRefs.push(page.ref);
    return page;
  }

  /** Names the given page (by default the last one added) as a link and bookmark target. */
  nameDestination(name: string, pageIndex = this.pageRefs.length - 1): void {
    const ref = this.pageRefs[pageIndex];
    if (!ref) throw new Error(`no page ${pageIndex} for destination ${name}`);
    this.destinations.set(name, ref);
  }

  /** A clickable area on a page that opens a named destination. */
  link(page: PDFPage, rect: [number, number, number, number], dest: string): void {
    const annot = this.doc.context.obj({
      Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], Dest: PDFName.of(dest),
    });
    page.node.addAnnot(this.doc.context.register(annot));
  }

  /** Writes out every finished object (call after each complete 件). */
  flush(): void {
    this.writer.flush(this.doc.context, this.keptBack());
  }

  async finish(outline: OutlineNode[]): Promise<{ pages: number; bytes: number }> {
    const { context, catalog } = this.doc;
    for (const font of Object.values(this.type.fonts)) await font.embed();
    const root = context.lookup(this.pagesRoot) as PDFDict;
    root.set(PDFName.of('Kids'), context.obj(this.pageRefs) as PDFArray);
    root.set(PDFName.of('Count'), PDFNumber.of(this.pageRefs.length));
    const dests = context.obj({}) as PDFDict;
    for (const [name, ref] of this.destinations) dests.set(PDFName.of(name), context.obj([ref, PDFName.of('Fit')]));
    catalog.set(PDFName.of('Dests'), context.register(dests));
    const outlineRef = buildOutline(context, outline.filter((n) => this.destinations.has(n.dest)));
    if (outlineRef) {
      catalog.set(PDFName.of('Outlines'), outlineRef);
      catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
    }
    this.writer.finish(context);
    return { pages: this.pageRefs.length, bytes: this.writer.bytesWritten };
  }

  /** Closes the file without completing it (the caller removes it). */
  abort(): void {
    this.writer.close();
  }

  private keptBack(): PDFRef[] {
    const { Root, Info } = this.doc.context.trailerInfo;
    return [Root as PDFRef, this.pagesRoot, ...this.shared, ...(Info ? [Info as PDFRef] : [])];
  }
}
