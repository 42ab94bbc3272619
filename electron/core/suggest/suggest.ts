import type { Suggestion, SuggestResult } from '../../../shared/api/suggest.js';
import { TaizhangError } from '../../../shared/errors.js';
import { listItems, resolveEdition } from '../index/editions.js';
import { equivalentItemIds } from '../index/tree.js';
import { recognisedText } from '../ocr/repository.js';
import type { Db } from '../store/database.js';
import { rankItems, titleSimilarity, type FileDoc, type ItemDoc, type Precedent, type Ranked } from './rank.js';
import { earlierFilings, recordWords } from './repository.js';

const TOP = 3;

/** The items a record can be filed under: the leaves of the year's edition, with the titles above them. */
function itemDocs(db: Db, year: number): ItemDoc[] {
  const items = listItems(db, resolveEdition(db, { year }));
  const byCode = new Map(items.map((i) => [i.code, i]));
  const parents = new Set(items.map((i) => i.parent).filter((p): p is string => p !== null));
  return items
    .filter((i) => !parents.has(i.code))
    .map((i) => {
      const above: string[] = [];
      for (let p = i.parent; p !== null; p = byCode.get(p)?.parent ?? null) above.unshift(byCode.get(p)?.title ?? '');
      return { id: i.id, code: i.code, title: i.title, parents: above, requirement: i.requirement };
    });
}

/**
 * Earlier years' filings that resemble the file, each placed among this year's items by the edition map
 * (index/tree.ts equivalentItemIds: same, renamed, split or merged), so an item filed under its old name still counts.
 */
function precedents(db: Db, year: number, file: FileDoc, items: readonly ItemDoc[]): Precedent[] {
  const leaves = new Set(items.map((i) => i.id));
  const placed = new Map<number, number[]>();
  const out: Precedent[] = [];
  const heading = [file.title, file.folder, file.activity].filter(Boolean).join(' ');
  for (const f of earlierFilings(db, year)) {
    const title = [f.title, f.activity ?? ''].filter(Boolean).join(' ');
    if (titleSimilarity(heading, title) < 0.35) continue;
    let ids = placed.get(f.itemId);
    if (!ids) {
      ids = equivalentItemIds(db, [f.itemId]).filter((id) => leaves.has(id));
      placed.set(f.itemId, ids);
    }
    if (ids.length > 0) out.push({ title, year: f.year, itemIds: ids });
  }
  return out;
}

const FIELD_WORDS: Record<string, string> = { title: '题名', folder: '来源文件夹', activity: '活动', text: '正文', recognised: '识别文字' };

function reason(r: Ranked, year: number): string {
  const parts: string[] = [];
  if (r.evidence) parts.push(`${FIELD_WORDS[r.evidence.field]}含‘${r.evidence.words}’`);
  if (r.precedent) {
    const when = r.precedent.year === year - 1 ? '去年' : `${r.precedent.year}年`;
    parts.push(`${when}同类资料归入 ${r.item.code}`);
  }
  return parts.length > 0 ? parts.join('；') : `与“${r.item.title}”用词相近`;
}

export function suggestFor(db: Db, year: number, file: FileDoc): SuggestResult {
  const items = itemDocs(db, year);
  const ranked = rankItems(file, items, precedents(db, year, file, items));
  const suggestions: Suggestion[] = ranked.slice(0, TOP).map((r) => ({
    code: r.item.code,
    title: r.item.title,
    score: Math.round(r.score * 1000) / 1000,
    reason: reason(r, year),
  }));
  return { suggestions };
}

export function suggestForRecord(db: Db, recordId: number, folder?: string): SuggestResult {
  const words = recordWords(db, recordId);
  if (!words) throw new TaizhangError('not_found', { zh: `没有第 ${recordId} 件`, en: `No record ${recordId}` });
  return suggestFor(db, words.year, {
    title: words.title,
    folder: folder ?? '',
    activity: words.activity ?? '',
    text: [words.note, words.text].filter(Boolean).join('\n'),
    recognised: recognisedText(db, recordId),
  });
}

export function suggestForText(db: Db, args: { year: number; title: string; text?: string | undefined; folder?: string | undefined }): SuggestResult {
  return suggestFor(db, args.year, { title: args.title, folder: args.folder ?? '', activity: '', text: args.text ?? '', recognised: '' });
}
