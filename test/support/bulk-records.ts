import { createHash } from 'node:crypto';
import type { RecordType } from '../../shared/domain/record.js';
import { reindexRecords } from '../../electron/core/search/indexer.js';
import type { Db } from '../../electron/core/store/database.js';

/**
 * Generates realistic archives at scale for the search tests and the benchmark: records with Chinese titles and about
 * 1,000 characters of community-work text, 文号, dates across years, item links, activities, tags and captions. Rows go
 * in with prepared SQL and the search index is built by the real indexer, all in one transaction. Files are blob rows
 * holding text only; no bytes are written to the store.
 */

export interface BulkOptions {
  count: number;
  /** First and last year, inclusive. */
  years?: [number, number];
  seed?: number;
  /** Approximate characters of body text per record. */
  bodyChars?: number;
  /** Receives each record as generated, with every searchable text, for brute-force comparisons. */
  onRecord?: (record: GeneratedRecord) => void;
}

export interface GeneratedRecord {
  id: number;
  year: number;
  date: string;
  type: RecordType;
  title: string;
  docNo: string;
  activityId: number | null;
  tags: string[];
  itemCodes: string[];
  /** Every searchable text of the record besides the title (body, note, captions, 文号, activity name…). */
  texts: string[];
}

interface Theme {
  name: string;
  item: string;
  place: string;
}

const THEMES: Theme[] = [
  { name: '学雷锋志愿服务', item: '1.2.2', place: '社区广场' },
  { name: '新时代文明实践', item: '1.1.2', place: '新时代文明实践站' },
  { name: '道德讲堂', item: '1.3.2', place: '社区道德讲堂' },
  { name: '垃圾分类宣传', item: '4.2.2', place: '小区垃圾分类亭' },
  { name: '环境卫生整治', item: '4.2.1', place: '背街小巷' },
  { name: '关爱未成年人暑期', item: '2.2.1', place: '未成年人活动室' },
  { name: '市民学校文明礼仪', item: '3.2.1', place: '市民学校' },
  { name: '群众性文化', item: '3.1.2', place: '综合文化服务中心' },
  { name: '红黑榜发布', item: '4.1.2', place: '社区宣传栏' },
  { name: '居民公约宣传', item: '4.1.1', place: '居民议事厅' },
  { name: '核心价值观公益广告', item: '1.3.1', place: '社区主要出入口' },
  { name: '好人好事评选', item: '1.3.3', place: '社区会议室' },
];

const ORGS = ['鼓委文明办', '鼓街党工委', '文明社区居委会', '区创文办', '街道办事处'];
const AUTHORS = ['社区居委会', '社区党委', '新时代文明实践站', '社区志愿服务站', '街道文明办'];
const TAGS = ['重点', '迎检', '市级检查', '亮点', '待补充', '复查'];
const PEOPLE = ['社区书记王建国', '网格员李娜', '志愿者陈晓', '居民代表赵敏', '社工刘洋', '党员周峰'];
const SUBJECTS = ['社区党委', '居委会', '志愿服务队', '网格员', '辖区居民', '青少年', '老年人', '共建单位', '物业公司', '党员志愿者'];
const ACTIONS = [
  '认真组织开展', '积极参与', '深入推进', '广泛宣传', '持续做好', '精心策划', '扎实落实', '统筹安排', '及时总结', '主动对接',
];
const OBJECTS = [
  '文明城市创建工作', '志愿服务活动', '环境卫生整治', '垃圾分类知识宣传', '社会主义核心价值观宣传', '未成年人思想道德建设',
  '邻里互助', '移风易俗', '文明交通劝导', '防范电信诈骗宣传', '关爱空巢老人走访', '消防安全隐患排查', '道德模范事迹学习',
  '公益广告更新维护', '文明餐桌行动', '网格化管理', '民情恳谈会', '政策法规宣讲',
];
const RESULTS = [
  '取得了良好的社会效果', '居民满意度明显提升', '营造了浓厚的创建氛围', '形成了长效机制', '受到居民群众的一致好评',
  '进一步提升了居民文明素质', '发现问题均已整改到位', '为下一步工作打下坚实基础',
];
const CLOSINGS = [
  '下一步，社区将继续加大工作力度，确保各项任务落到实处。',
  '活动结束后，工作人员对现场进行了清理，并做好记录归档。',
  '本次活动共发放宣传资料若干份，解答居民咨询问题多条。',
  '社区将把此项工作纳入年度考核，实行台账式管理。',
];

export type Rng = () => number;

/** A small seeded generator (mulberry32), so that every run builds the same archive. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

const TYPE_WEIGHTS: [RecordType, number][] = [
  ['方案', 12], ['通知', 8], ['签到表', 14], ['照片', 24], ['记录', 14], ['总结', 10], ['报告', 6], ['制度', 3], ['台账', 4], ['荣誉', 2], ['其他', 3],
];
const TYPE_TOTAL = TYPE_WEIGHTS.reduce((s, [, w]) => s + w, 0);

function pickType(rng: Rng): RecordType {
  let r = rng() * TYPE_TOTAL;
  for (const [type, weight] of TYPE_WEIGHTS) {
    r -= weight;
    if (r < 0) return type;
  }
  return '其他';
}

function titleFor(type: RecordType, theme: Theme, year: number, month: number): string {
  switch (type) {
    case '方案': return `关于开展${year}年${theme.name}活动的实施方案`;
    case '通知': return `关于做好${month}月${theme.name}工作的通知`;
    case '签到表': return `${month}月${theme.name}活动签到表`;
    case '照片': return `${theme.name}活动现场照片`;
    case '记录': return `${month}月${theme.name}活动记录`;
    case '总结': return `${year}年${theme.name}工作总结`;
    case '报告': return `${theme.name}开展情况说明报告`;
    case '制度': return `${theme.place}管理制度`;
    case '台账': return `${theme.place}工作台账`;
    case '荣誉': return `${theme.name}先进集体荣誉证书`;
    case '其他': return `${theme.name}相关材料`;
  }
}

function sentence(rng: Rng, theme: Theme, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  switch (Math.floor(rng() * 5)) {
    case 0: return `${y}年${m}月${d}日，${pick(rng, SUBJECTS)}在${theme.place}${pick(rng, ACTIONS)}${theme.name}活动，共有${10 + Math.floor(rng() * 90)}人参加。`;
    case 1: return `${pick(rng, SUBJECTS)}${pick(rng, ACTIONS)}${pick(rng, OBJECTS)}，${pick(rng, RESULTS)}。`;
    case 2: return `按照${pick(rng, ORGS)}的统一部署，${pick(rng, SUBJECTS)}${pick(rng, ACTIONS)}${pick(rng, OBJECTS)}，${pick(rng, RESULTS)}。`;
    case 3: return `${pick(rng, PEOPLE)}带领${pick(rng, SUBJECTS)}${pick(rng, ACTIONS)}${pick(rng, OBJECTS)}。`;
    default: return pick(rng, CLOSINGS);
  }
}

function bodyText(rng: Rng, theme: Theme, date: string, chars: number): string {
  let text = '';
  while (text.length < chars) text += sentence(rng, theme, date);
  return text;
}

/**
 * One record's searchable text alone, from the same vocabulary (the hub's benchmark files it into 上报包): its type,
 * title, date and body; a photo's body is its caption.
 */
export function sampleRecord(rng: Rng, year: number, bodyChars = 1000): { type: RecordType; title: string; date: string; body: string } {
  const type = pickType(rng);
  const theme = pick(rng, THEMES);
  const month = 1 + Math.floor(rng() * 12);
  const date = isoDate(year, month, 1 + Math.floor(rng() * 28));
  const title = titleFor(type, theme, year, month);
  const body = type === '照片' ? `${date}，${pick(rng, PEOPLE)}在${theme.place}拍摄，${theme.name}活动现场。` : bodyText(rng, theme, date, bodyChars);
  return { type, title, date, body };
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Inserts `count` generated records (and their years, activities, links and blobs) in one transaction. */
export function insertBulkRecords(db: Db, options: BulkOptions): { ids: number[] } {
  const rng = seededRng(options.seed ?? 1);
  const [firstYear, lastYear] = options.years ?? [2015, 2024];
  const yearCount = lastYear - firstYear + 1;
  const chars = options.bodyChars ?? 1000;
  const now = new Date().toISOString();

  const editionOfYear = db.prepare('SELECT edition_id FROM years WHERE year = ?').pluck();
  const newestEdition = db.prepare('SELECT id FROM editions ORDER BY id DESC LIMIT 1').pluck();
  const insertYear = db.prepare('INSERT INTO years(year, edition_id) VALUES (?, ?)');
  const itemIdOf = db.prepare('SELECT id FROM items WHERE edition_id = ? AND code = ?').pluck();
  const insertActivity = db.prepare('INSERT INTO activities(year, name, date, caption) VALUES (?, ?, ?, ?)');
  const insertRecord = db.prepare(
    `INSERT INTO records(year, title, doc_no, author, date, type, note, caption, activity_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLink = db.prepare('INSERT INTO record_items(record_id, item_id) VALUES (?, ?)');
  const insertTag = db.prepare('INSERT INTO record_tags(record_id, tag) VALUES (?, ?)');
  const insertBlob = db.prepare(
    `INSERT INTO blobs(sha256, size, mime, kind, ext, pages, width, height, text, textless_pages, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFile = db.prepare('INSERT INTO record_files(record_id, sha256, name, position) VALUES (?, ?, ?, ?)');

  const ids: number[] = [];
  const docNumbers = new Map<string, number>();
  const activitiesOfYear = new Map<number, { id: number; theme: Theme; month: number; name: string }[]>();

  const run = db.transaction(() => {
    const editions = new Map<number, number>();
    for (let year = firstYear; year <= lastYear; year += 1) {
      let edition = editionOfYear.get(year) as number | undefined;
      if (edition === undefined) {
        edition = newestEdition.get() as number;
        insertYear.run(year, edition);
      }
      editions.set(year, edition);
      // About six records per activity, named as clerks name them: month, theme and a running number.
      const activities = [];
      const perYear = Math.max(1, Math.round(options.count / yearCount / 6));
      for (let k = 0; k < perYear; k += 1) {
        const theme = pick(rng, THEMES);
        const month = 1 + Math.floor(rng() * 12);
        const name = `${month}月${theme.name}活动（第${k + 1}场）`;
        const caption = JSON.stringify({ subject: `${theme.name}活动`, place: theme.place });
        const id = Number(insertActivity.run(year, name, isoDate(year, month, 1), caption).lastInsertRowid);
        activities.push({ id, theme, month, name });
      }
      activitiesOfYear.set(year, activities);
    }

    for (let i = 0; i < options.count; i += 1) {
      // Year by year, as clerks file: record ids grow with the year.
      const year = firstYear + Math.floor((i * yearCount) / options.count);
      const type = pickType(rng);
      const standing = type === '制度' || type === '台账' || type === '荣誉';
      const activity = !standing && rng() < 0.8 ? pick(rng, activitiesOfYear.get(year) ?? []) : undefined;
      const theme = activity?.theme ?? pick(rng, THEMES);
      const month = activity?.month ?? 1 + Math.floor(rng() * 12);
      const date = isoDate(year, month, 1 + Math.floor(rng() * 28));
      const title = titleFor(type, theme, year, month);
      let docNo = '';
      if (type === '方案' || type === '通知') {
        const org = pick(rng, ORGS);
        const key = `${org}${year}`;
        const n = (docNumbers.get(key) ?? 0) + 1;
        docNumbers.set(key, n);
        docNo = `${org}〔${year}〕${n}号`;
      }
      const author = pick(rng, AUTHORS);
      const note = rng() < 0.3 ? `${pick(rng, PEOPLE)}经办，${pick(rng, RESULTS)}。` : '';
      const caption =
        type === '照片'
          ? { subject: `${theme.name}活动`, time: date, place: theme.place, people: pick(rng, PEOPLE), photographer: pick(rng, PEOPLE) }
          : {};
      const id = Number(
        insertRecord.run(year, title, docNo, author, date, type, note, JSON.stringify(caption), activity?.id ?? null, now, now).lastInsertRowid,
      );
      ids.push(id);

      const edition = editions.get(year) as number;
      const itemCodes = [theme.item];
      const item = itemIdOf.get(edition, theme.item) as number | undefined;
      if (item !== undefined) insertLink.run(id, item);
      const tags = rng() < 0.25 ? [pick(rng, TAGS)] : [];
      for (const tag of tags) insertTag.run(id, tag);

      const texts: string[] = [];
      if (type === '照片') {
        const photos = 1 + Math.floor(rng() * 4);
        for (let p = 0; p < photos; p += 1) {
          const sha = createHash('sha256').update(`bulk:${options.seed ?? 1}:${id}:${p}`).digest('hex');
          insertBlob.run(sha, 200_000, 'image/jpeg', 'image', 'jpg', null, 4000, 3000, '', null, now);
          insertFile.run(id, sha, `IMG_${String(id).padStart(6, '0')}_${p + 1}.jpg`, p);
          texts.push(`IMG_${String(id).padStart(6, '0')}_${p + 1}.jpg`);
        }
      } else {
        const body = `${docNo ? `${docNo}\n` : ''}${title}\n${bodyText(rng, theme, date, chars)}`;
        const sha = createHash('sha256').update(`bulk:${options.seed ?? 1}:${id}`).digest('hex');
        // Typed documents, text on every page, as the import would list them: nothing for OCR.
        insertBlob.run(sha, body.length * 3, 'application/pdf', 'pdf', 'pdf', 1 + Math.floor(body.length / 600), null, null, body, '[]', now);
        insertFile.run(id, sha, `${title}.pdf`, 0);
        texts.push(body, `${title}.pdf`);
      }
      texts.push(note, ...Object.values(caption), activity?.name ?? '', activity ? `${theme.name}活动` : '', activity ? theme.place : '', docNo, author, ...tags);
      options.onRecord?.({ id, year, date, type, title, docNo, activityId: activity?.id ?? null, tags, itemCodes, texts: texts.filter(Boolean) });
    }
    reindexRecords(db, ids);
  });
  run();
  return { ids };
}
