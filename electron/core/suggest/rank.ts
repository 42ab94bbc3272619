/**
 * The ranking behind suggested items: plain counting, no model, the same answer every time.
 *
 * A file and every item of the year's edition become bags of Chinese character pairs (and whole Latin words and
 * numbers), weighted by where they stand: the file's title and folder count most, then its activity, its text and
 * the text read off its scans; the item's own title counts most, then its 具体要求 and the titles above it. Pairs
 * common to many items (有方案, 照片) weigh little (inverse document frequency), and the two bags are compared as
 * vectors (cosine). A few words clerks use for the index's terms are read as those terms (创文 → 创建文明城市).
 * What earlier years filed under an item adds to it: the nearest earlier title, by shared pairs.
 */

export interface ItemDoc {
  id: number;
  code: string;
  title: string;
  /** Titles of the items above it, top first. */
  parents: string[];
  requirement: string;
}

export interface FileDoc {
  title: string;
  folder: string;
  activity: string;
  text: string;
  recognised: string;
}

/** An earlier filing: its title and the items of this year's edition it counts under. */
export interface Precedent {
  title: string;
  year: number;
  itemIds: readonly number[];
}

export interface Ranked {
  item: ItemDoc;
  score: number;
  /** The words that tie the file to the item, by the field they came from. */
  evidence: { field: FileField; words: string } | null;
  precedent: { year: number; title: string; similarity: number } | null;
}

export type FileField = 'title' | 'folder' | 'activity' | 'text' | 'recognised';

const FILE_WEIGHTS: Record<FileField, number> = { title: 3, folder: 2, activity: 2, text: 1, recognised: 1 };
/** Enough of a long document to know what it is about. */
const TEXT_CHARS = 3000;
const HISTORY_WEIGHT = 0.6;
const HISTORY_MIN = 0.35;

/** Words clerks write for the index's own terms. */
const SYNONYMS: readonly [RegExp, string][] = [
  [/创文|创城/g, '创建文明城市'],
  [/青少年|少儿|儿童|孩子|小学生|中学生|学生/g, '未成年人'],
  [/暑期|暑假|寒假|假日/g, '假期'],
  [/讲座|上课|课程|开课|第.课/g, '授课'],
  [/大扫除|清扫|保洁|卫生清理|清理/g, '环境卫生整治'],
  [/文艺|汇演|演出|晚会|广场舞|合唱|联欢/g, '群众性文化活动'],
  [/花名册|名单/g, '名册'],
  [/宣传栏|宣传牌|展板/g, '公益广告宣传'],
  [/咨询室|心理咨询|心理辅导/g, '心理健康咨询室'],
  [/好人|最美|模范|先进/g, '评选表彰身边好人'],
  [/融媒体|报纸|电视台|公众号|新闻|媒体/g, '宣传报道'],
  [/上墙|挂牌|标牌|标识/g, '标识标牌'],
  [/便民服务|义诊|义务|志愿者/g, '志愿服务'],
];

function expand(text: string): string {
  let out = text;
  for (const [pattern, term] of SYNONYMS) if (pattern.test(out)) out += ` ${term}`;
  for (const [pattern] of SYNONYMS) pattern.lastIndex = 0;
  return out;
}

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const WORD = /[A-Za-z]{2,}|\d+(?:\.\d+)+/g;
/** Marks and furniture that say nothing about the subject. */
const NOISE = /示例|（|）|\(|\)/g;

/** Character pairs of the Chinese runs, and whole Latin words and dotted codes. */
export function terms(text: string): string[] {
  const clean = text.replace(NOISE, ' ');
  const out: string[] = [];
  for (const run of clean.match(CJK_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) continue;
    for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i]! + chars[i + 1]!);
  }
  for (const w of clean.match(WORD) ?? []) out.push(w.toLowerCase());
  return out;
}

type Bag = Map<string, number>;

function add(bag: Bag, text: string, weight: number): void {
  for (const t of terms(text)) bag.set(t, (bag.get(t) ?? 0) + weight);
}

function itemBag(item: ItemDoc): Bag {
  const bag: Bag = new Map();
  add(bag, expand(item.title), 3);
  add(bag, item.requirement, 1);
  for (const p of item.parents) add(bag, p, 1);
  return bag;
}

function fileBag(file: FileDoc): Bag {
  const bag: Bag = new Map();
  for (const field of Object.keys(FILE_WEIGHTS) as FileField[]) add(bag, expand(file[field].slice(0, TEXT_CHARS)), FILE_WEIGHTS[field]);
  // Repetition in a long text should not drown the title: each pair counts at most as much as a title pair twice.
  for (const [t, w] of bag) bag.set(t, Math.min(w, FILE_WEIGHTS.title * 2));
  return bag;
}

function vector(bag: Bag, idf: Map<string, number>): { weights: Bag; norm: number } {
  const weights: Bag = new Map();
  let sum = 0;
  for (const [t, w] of bag) {
    const v = w * (idf.get(t) ?? 0);
    if (v === 0) continue;
    weights.set(t, v);
    sum += v * v;
  }
  return { weights, norm: Math.sqrt(sum) };
}

/** Similarity of two titles by shared pairs (Dice), years and numbers aside. */
export function titleSimilarity(a: string, b: string): number {
  const strip = (s: string): Set<string> => new Set(terms(s.replace(/\d{4}\s*年(度)?|\d+/g, ' ')));
  const x = strip(a);
  const y = strip(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared += 1;
  return (2 * shared) / (x.size + y.size);
}

/** The longest run of two or more Chinese characters the two texts share. */
export function sharedWords(a: string, b: string): string {
  let best = '';
  const x = [...a];
  for (let i = 0; i < x.length; i += 1) {
    for (let j = i + Math.max(2, best.length + 1); j <= x.length; j += 1) {
      const piece = x.slice(i, j).join('');
      if (!/^[\u3400-\u9fff]+$/.test(piece) || !b.includes(piece)) break;
      best = piece;
    }
  }
  return best;
}

export function rankItems(file: FileDoc, items: readonly ItemDoc[], precedents: readonly Precedent[]): Ranked[] {
  const bags = items.map(itemBag);
  const df = new Map<string, number>();
  for (const bag of bags) for (const t of bag.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = items.length;
  const idf = new Map([...df].map(([t, d]) => [t, Math.log((n + 1) / (d + 0.5))]));
  const fv = vector(fileBag(file), idf);

  // The nearest earlier filing for each item.
  const nearest = new Map<number, { year: number; title: string; similarity: number }>();
  const fileTitle = [file.title, file.folder, file.activity].filter(Boolean).join(' ');
  for (const p of precedents) {
    const similarity = titleSimilarity(fileTitle, p.title);
    if (similarity < HISTORY_MIN) continue;
    for (const id of p.itemIds) {
      const known = nearest.get(id);
      if (!known || similarity > known.similarity || (similarity === known.similarity && p.year > known.year)) nearest.set(id, { year: p.year, title: p.title, similarity });
    }
  }

  const ranked = items.map((item, i) => {
    const iv = vector(bags[i]!, idf);
    let dot = 0;
    for (const [t, w] of fv.weights) dot += w * (iv.weights.get(t) ?? 0);
    const cosine = fv.norm > 0 && iv.norm > 0 ? dot / (fv.norm * iv.norm) : 0;
    const precedent = nearest.get(item.id) ?? null;
    const codeNamed = terms(`${file.title} ${file.folder}`).includes(item.code.toLowerCase()) ? 0.5 : 0;
    const score = cosine + (precedent ? HISTORY_WEIGHT * precedent.similarity : 0) + codeNamed;
    return { item, score, evidence: evidenceFor(file, item), precedent };
  });
  // Ties go to the item earlier in the index, so the order never depends on anything but the data.
  return ranked.filter((r) => r.score > 0).sort((a, b) => b.score - a.score || items.indexOf(a.item) - items.indexOf(b.item));
}

function evidenceFor(file: FileDoc, item: ItemDoc): Ranked['evidence'] {
  const target = `${item.title} ${item.requirement} ${item.parents.join(' ')}`;
  let best: Ranked['evidence'] = null;
  for (const field of Object.keys(FILE_WEIGHTS) as FileField[]) {
    const source = file[field].slice(0, TEXT_CHARS).replace(NOISE, ' ');
    const words = sharedWords(source, target) || sharedWords(expand(source).slice(source.length), target);
    if (words.length >= 2 && (!best || words.length > best.words.length)) best = { field, words };
  }
  return best;
}
