import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

/**
 * Active content of a filed PDF never reaches a binder. Before its pages are copied, each page loses its own
 * actions (/AA), and its annotations lose theirs (/A, /AA: JavaScript, Launch, URI, SubmitForm, GoToR…); link
 * annotations, file attachments, sounds, movies and rich media go altogether, and form widgets are cut from their
 * field (whose scripts live there) and keep only their appearance. What the pages show stays as it was.
 * Returns what was removed, in words, once per kind.
 */

const DROPPED_SUBTYPES: Record<string, string> = {
  Link: '链接',
  FileAttachment: '附件',
  Sound: '声音',
  Movie: '影片',
  Screen: '多媒体',
  RichMedia: '多媒体',
  '3D': '三维内容',
};

const ACTION_NAMES: Record<string, string> = {
  JavaScript: '脚本',
  Launch: '启动程序的动作',
  URI: '网址链接',
  SubmitForm: '提交表单的动作',
  ImportData: '导入数据的动作',
  GoToR: '打开其他文件的动作',
  GoToE: '打开嵌入文件的动作',
  Rendition: '多媒体动作',
};

function lookupDict(doc: PDFDocument, obj: PDFObject | undefined): PDFDict | undefined {
  const value = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  return value instanceof PDFDict ? value : undefined;
}

/** Names every action in an action dictionary or an /AA dictionary of actions, following /Next chains. */
function describeActions(doc: PDFDocument, obj: PDFObject | undefined, into: Set<string>, depth = 0): void {
  const dict = lookupDict(doc, obj);
  if (!dict || depth > 20) return;
  const type = dict.get(PDFName.of('S'));
  if (type instanceof PDFName) {
    into.add(ACTION_NAMES[type.decodeText()] ?? '动作');
    const next = dict.get(PDFName.of('Next'));
    const nexts = next instanceof PDFArray ? next.asArray() : next ? [next] : [];
    for (const n of nexts) describeActions(doc, n, into, depth + 1);
    return;
  }
  // An additional-actions dictionary: trigger name → action.
  for (const [, action] of dict.entries()) describeActions(doc, action, into, depth + 1);
}

function stripActions(doc: PDFDocument, dict: PDFDict, into: Set<string>): void {
  for (const key of ['A', 'AA']) {
    const name = PDFName.of(key);
    if (!dict.has(name)) continue;
    describeActions(doc, dict.get(name), into);
    dict.delete(name);
  }
}

export function stripActiveContent(doc: PDFDocument, pages: PDFPage[]): string[] {
  const removed = new Set<string>();
  for (const page of pages) {
    if (page.node.has(PDFName.of('AA'))) {
      describeActions(doc, page.node.get(PDFName.of('AA')), removed);
      page.node.delete(PDFName.of('AA'));
    }
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) {
      page.node.delete(PDFName.of('Annots'));
      continue;
    }
    const kept: PDFObject[] = [];
    for (const item of annots.asArray()) {
      const annot = lookupDict(doc, item);
      if (!annot) continue;
      const subtype = annot.get(PDFName.of('Subtype'));
      const kind = subtype instanceof PDFName ? subtype.decodeText() : '';
      stripActions(doc, annot, removed);
      const dropped = DROPPED_SUBTYPES[kind];
      if (dropped) {
        removed.add(dropped);
        continue;
      }
      if (kind === 'Widget') {
        // The field (with its calculate/format/keystroke scripts) hangs off /Parent; the widget keeps its look.
        const parent = lookupDict(doc, annot.get(PDFName.of('Parent')));
        if (parent) {
          stripActions(doc, parent, removed);
          annot.delete(PDFName.of('Parent'));
        }
      }
      kept.push(item);
    }
    if (kept.length === 0) page.node.delete(PDFName.of('Annots'));
    else page.node.set(PDFName.of('Annots'), doc.context.obj(kept));
  }
  return [...removed];
}
