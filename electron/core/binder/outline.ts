import { PDFHexString, PDFName, PDFNumber, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';

/** One bookmark: a title, the named destination it opens, and the bookmarks under it. */
export interface OutlineNode {
  title: string;
  dest: string;
  children: OutlineNode[];
}

/**
 * Builds the /Outlines tree (pdf-lib has no outline API). Every entry is open, so the reader shows the whole index
 * tree at once; returns the outline root.
 */
export function buildOutline(context: PDFContext, nodes: readonly OutlineNode[]): PDFRef | null {
  if (nodes.length === 0) return null;
  const rootRef = context.nextRef();
  const { first, last, count } = buildLevel(context, nodes, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: first, Last: last, Count: PDFNumber.of(count) }));
  return rootRef;
}

function buildLevel(context: PDFContext, nodes: readonly OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } {
  const refs = nodes.map(() => context.nextRef());
  let count = 0;
  nodes.forEach((node, i) => {
    const dict = context.obj({}) as PDFDict;
    dict.set(PDFName.of('Title'), PDFHexString.fromText(node.title));
    dict.set(PDFName.of('Parent'), parent);
    dict.set(PDFName.of('Dest'), PDFName.of(node.dest));
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
    count += 1;
    if (node.children.length > 0) {
      const sub = buildLevel(context, node.children, refs[i]!);
      dict.set(PDFName.of('First'), sub.first);
      dict.set(PDFName.of('Last'), sub.last);
      dict.set(PDFName.of('Count'), PDFNumber.of(sub.count));
      count += sub.count;
    }
    context.assign(refs[i]!, dict);
  });
  return { first: refs[0]!, last: refs[refs.length - 1]!, count };
}
