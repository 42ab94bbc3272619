import type { BinderVolume } from '../../../../shared/api/binder.js';
import { links, outline, pageTexts, pageWords, tokens, type Word } from '../../../../test/support/pdf-inspect.js';

const HEADER = ['件号', '文号', '责任者', '题名', '日期', '页号', '备注'];

/** x-ranges of the 件号 and 页号 columns of a 卷内目录 page, found from its header row. */
function columns(words: Word[]): { seq: [number, number]; page: [number, number] } {
  const centre = (title: string): number => {
    const w = words.find((x) => x.text === title);
    if (!w) throw new Error(`no ${title} in the contents header`);
    return (w.xMin + w.xMax) / 2;
  };
  const c = HEADER.map(centre);
  const between = (i: number): number => (c[i]! + c[i + 1]!) / 2;
  return { seq: [0, between(0)], page: [between(4), between(5)] };
}

/**
 * Checks for every 件 of a volume that the 卷内目录 row (its 顺序号 and 页号, and where its link leads), the stamp and
 * page numbers printed on its pages, and its bookmark all tell the same story as the report (`year` is the year
 * exported, so a copy carried over from an earlier year is told apart). Returns each
 * disagreement in words; none means they agree.
 */
export async function agreementProblems(volume: BinderVolume, year: number): Promise<string[]> {
  const problems: string[] = [];
  const same = (actual: unknown, expected: unknown, what: string): void => {
    if (actual !== expected) problems.push(`${what}: expected ${String(expected)}, found ${String(actual)}`);
  };
  const has = (list: string[], token: string, what: string): void => {
    if (!list.includes(token)) problems.push(`${what}: ${token} not printed`);
  };
  const texts = pageTexts(volume.path);
  same(texts.length, volume.pages, 'pages in the file');
  const marks = outline(volume.path);
  const allLinks = await links(volume.path);
  const wordsByPage = new Map<number, ReturnType<typeof pageWords>>();
  const last = volume.documents.at(-1);
  let expectedNext = 1;
  let previous: BinderVolume['documents'][number] | undefined;
  const used = new Set<(typeof allLinks)[number]>();
  for (const doc of volume.documents) {
    const box = volume.volumeNo === null && volume.item === null && doc.volumeNo !== null ? `第${doc.volumeNo}卷 ` : '';
    const name = doc.piece !== null ? `${box}第${doc.piece}件` : `草稿第${doc.seq}份`;
    const where = `${name}（${doc.title.slice(0, 20)}）`;
    // A copy carried over from an earlier year shows its original's stamp; the contents list no 件号 for it.
    const copy = doc.year !== year;
    // Two photos to a page: a one-photo 件 may share the page of the one before it, and with it that page's 页号.
    const shares = previous !== undefined && previous.startPage === doc.startPage && previous.printed;
    if (shares) same(doc.firstPageNo, previous!.firstPageNo, `${where} 页号 of the shared page`);
    else {
      same(doc.firstPageNo, expectedNext, `${where} 页号 follows on`);
      expectedNext += doc.pages;
    }
    previous = doc;

    // A 件 none of whose files could be printed has only an unnumbered note sheet: no stamp, no 页号.
    const first = tokens(texts[doc.startPage - 1] ?? '');
    if (!doc.printed) {
      same(doc.pages, 0, `${where} pages of an unprinted 件`);
      if (first.includes('件号')) problems.push(`${where} unprinted 件 carries a stamp`);
    }
    // Stamp and footer on its first page; footers on the rest.
    if (doc.printed) has(first, '件号', `${where} stamp label`);
    if (doc.printed) has(first, doc.piece !== null ? String(doc.piece) : '草稿', `${where} 件号 in the stamp`);
    if (doc.printed && (doc.archivalCode === null || copy)) has(first, doc.archivalCode === null ? '草稿（未归档）' : '复制件（原件见', `${where} mark`);
    for (let k = 0; k < doc.pages; k += 1) {
      has(tokens(texts[doc.startPage - 1 + k] ?? ''), String(doc.firstPageNo + k), `${where} 页号 ${doc.firstPageNo + k}`);
    }

    // Its bookmark opens its first page.
    const mark = marks.find((m) => m.title.startsWith(`${name} `));
    same(mark?.page, doc.startPage, `${where} bookmark`);

    // Its row in the contents links there and shows its 顺序号 and 页号.
    // Rows come in order; two 件 sharing a page each have their own row linking there.
    const link = allLinks.find((l) => !used.has(l) && l.target === doc.startPage && l.page < (volume.documents[0]?.startPage ?? 0));
    if (link) used.add(link);
    if (!link) {
      problems.push(`${where} contents link: none leads to page ${doc.startPage}`);
      continue;
    }
    let words = wordsByPage.get(link.page);
    if (!words) {
      words = pageWords(volume.path, link.page);
      wordsByPage.set(link.page, words);
    }
    const [x1, y1, x2, y2] = link.rect as [number, number, number, number];
    const inRow = words.words.filter((w) => {
      const cy = words!.height - (w.yMin + w.yMax) / 2;
      return cy > y1 && cy < y2 && w.xMin >= x1 && w.xMax <= x2;
    });
    const inColumn = ([from, to]: [number, number]): string =>
      inRow.filter((w) => (w.xMin + w.xMax) / 2 > from && (w.xMin + w.xMax) / 2 < to).map((w) => w.text).join('');
    const { seq, page } = columns(words.words);
    same(inColumn(seq), doc.piece !== null && !copy ? String(doc.piece) : '—', `${where} 件号 in the contents`);
    const lastNo = doc.firstPageNo + doc.pages - 1;
    const shown = !doc.printed ? '—' : doc === last && lastNo > doc.firstPageNo ? `${doc.firstPageNo}—${lastNo}` : String(doc.firstPageNo);
    same(inColumn(page), shown, `${where} 页号 in the contents`);
  }
  same(expectedNext - 1, volume.numberedPages, 'numbered pages');
  return problems;
}
