import { expect } from 'vitest';
import type { BinderVolume } from '../../../../shared/api/binder.js';
import { links, outline, pageTexts, pageWords, tokens, type Word } from './inspect.js';

const HEADER = ['顺序号', '文号', '责任者', '题名', '日期', '页号', '备注'];

/** x-ranges of the 顺序号 and 页号 columns of a 卷内目录 page, found from its header row. */
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
 * Proves for every 件 of a volume that the 卷内目录 row (its 顺序号 and 页号, and where its link leads), the stamp and
 * page numbers printed on its pages, and its bookmark all tell the same story as the report.
 */
export async function expectAgreement(volume: BinderVolume): Promise<void> {
  const texts = pageTexts(volume.path);
  expect(texts.length).toBe(volume.pages);
  const marks = outline(volume.path);
  const allLinks = await links(volume.path);
  const wordsByPage = new Map<number, ReturnType<typeof pageWords>>();
  const last = volume.documents.at(-1);
  let expectedNext = 1;
  for (const doc of volume.documents) {
    const where = `第${doc.piece}件（${doc.title.slice(0, 20)}）`;
    expect(doc.firstPageNo, `${where} 页号 follows on`).toBe(expectedNext);
    expectedNext += doc.pages;

    // Stamp and footer on its first page; footers on the rest.
    const first = tokens(texts[doc.startPage - 1] ?? '');
    expect(first, `${where} stamp label`).toContain('件号');
    expect(first, `${where} 件号 in the stamp`).toContain(String(doc.piece));
    for (let k = 0; k < doc.pages; k += 1) {
      expect(tokens(texts[doc.startPage - 1 + k] ?? ''), `${where} 页号 ${doc.firstPageNo + k}`).toContain(String(doc.firstPageNo + k));
    }

    // Its bookmark opens its first page.
    const mark = marks.find((m) => m.title.startsWith(`第${doc.piece}件 `));
    expect(mark?.page, `${where} bookmark`).toBe(doc.startPage);

    // Its row in the contents links there and shows its 顺序号 and 页号.
    const link = allLinks.find((l) => l.target === doc.startPage && l.page < (volume.documents[0]?.startPage ?? 0));
    expect(link, `${where} contents link`).toBeDefined();
    let words = wordsByPage.get(link!.page);
    if (!words) {
      words = pageWords(volume.path, link!.page);
      wordsByPage.set(link!.page, words);
    }
    const [x1, y1, x2, y2] = link!.rect as [number, number, number, number];
    const inRow = words.words.filter((w) => {
      const cy = words!.height - (w.yMin + w.yMax) / 2;
      return cy > y1 && cy < y2 && w.xMin >= x1 && w.xMax <= x2;
    });
    const inColumn = ([from, to]: [number, number]): string =>
      inRow.filter((w) => (w.xMin + w.xMax) / 2 > from && (w.xMin + w.xMax) / 2 < to).map((w) => w.text).join('');
    const { seq, page } = columns(words.words);
    expect(inColumn(seq), `${where} 顺序号 in the contents`).toBe(String(doc.piece));
    const lastNo = doc.firstPageNo + doc.pages - 1;
    const shown = doc === last && lastNo > doc.firstPageNo ? `${doc.firstPageNo}–${lastNo}` : String(doc.firstPageNo);
    expect(inColumn(page), `${where} 页号 in the contents`).toBe(shown);
  }
  expect(expectedNext - 1).toBe(volume.numberedPages);
}
