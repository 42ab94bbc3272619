/**
 * Recognises the columns of a city's index table by their header text. Cities name the same column many ways
 * (测评项目 / 一级指标, 具体要求 / 材料要求 / 评分标准…) and order them as they like.
 */

export type DetailRole = 'method' | 'requirement' | 'unit' | 'activityRule';

export type ColumnRole =
  | { kind: 'level'; rank: number }
  | { kind: 'levelCode'; of: number }
  | { kind: 'levelLabel'; of: number }
  | { kind: 'code' }
  | { kind: 'parent' }
  | { kind: 'title' }
  | { kind: 'seq' }
  | { kind: 'depth' }
  | { kind: DetailRole };

interface Synonyms {
  role: ColumnRole;
  words: string[];
  /** Lower wins when two columns claim the same role (具体要求 over 评分标准). */
  priority: number;
}

/**
 * Level headers carry a rank: only their order matters, so 测评类别 › 测评项目 › 测评内容 and 一级指标 › 二级指标 both
 * read as levels 1, 2, 3.
 */
const LEVEL_WORDS: [number, string[]][] = [
  [1, ['测评版块', '版块', '板块', '测评类别', '类别', '测评大类', '大类', '测评领域', '领域']],
  [2, ['测评项目', '项目']],
  [3, ['测评内容', '内容', '测评指标', '指标', '测评要点', '要点']],
  [4, ['测评标准', '标准', '测评细则', '细则', '点位标准', '测评小项', '小项']],
];

const SYNONYMS: Synonyms[] = [
  ...LEVEL_WORDS.map(([rank, words]) => ({ role: { kind: 'level', rank } as const, words, priority: 1 })),
  { role: { kind: 'code' }, words: ['编码', '编号', '代码', '代号', '指标编码', '指标编号', '项目编码', '项目编号', '测评编码'], priority: 1 },
  { role: { kind: 'parent' }, words: ['上级编码', '上级编号', '上级代码', '父级编码', '父编码', '父级', '上级', '所属编码', '所属上级', '上级指标编码'], priority: 1 },
  { role: { kind: 'title' }, words: ['名称', '标题', '指标名称', '项目名称', '条目名称', '测评项目名称', '测评内容名称'], priority: 1 },
  { role: { kind: 'seq' }, words: ['序号', '序', 'NO', 'NO.'], priority: 1 },
  { role: { kind: 'depth' }, words: ['层级', '级别', '级次', '层次'], priority: 1 },
  { role: { kind: 'method' }, words: ['测评方法', '方法', '测评方式', '考核方式', '考核方法', '评价方法', '测评形式', '检查方式'], priority: 1 },
  {
    role: { kind: 'requirement' },
    words: ['具体要求', '要求', '材料要求', '工作要求', '台账要求', '资料要求', '见证材料', '佐证材料', '台账资料', '软件资料', '测评要求', '标准要求', '材料清单'],
    priority: 1,
  },
  { role: { kind: 'requirement' }, words: ['评分标准', '评分细则', '考核标准', '评分办法', '计分办法', '考核要点'], priority: 2 },
  { role: { kind: 'unit' }, words: ['责任单位', '责任部门', '牵头单位', '牵头部门', '负责单位', '责任主体', '责任人', '承办单位', '责任科室'], priority: 1 },
  { role: { kind: 'activityRule' }, words: ['活动须有材料', '每次活动须有', '活动材料规则'], priority: 1 },
];

const CN_DIGITS = '一二三四五六七八九';
const MAX_HEADER_LENGTH = 12;

/** Header text without spaces, line breaks, marks and bracketed notes ("测评内容（Ⅱ）" → "测评内容"). */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[(（【[][^)）】\]]*[)）】\]]/gu, '')
    .replace(/[\s*※★:：]/gu, '')
    .toUpperCase();
}

export interface RoleMatch {
  role: ColumnRole;
  priority: number;
  /** An exact match beats one found inside a longer header. */
  exact: boolean;
}

function numberedLevel(header: string): number | undefined {
  // 一级指标 二级 3级指标
  const m = /^([一二三四五六七八九]|[1-9])级(?:指标|项目|分类|目录)?$/u.exec(header);
  if (!m?.[1]) return undefined;
  const digit = m[1];
  return /\d/.test(digit) ? Number(digit) : CN_DIGITS.indexOf(digit) + 1;
}

/** Every synonym once, longest first, so the first word found inside a header is the longest one. */
const WORDS: { word: string; s: Synonyms }[] = SYNONYMS.flatMap((s) => s.words.map((word) => ({ word, s }))).sort(
  (a, b) => b.word.length - a.word.length,
);
const EXACT = new Map<string, Synonyms>();
for (const { word, s } of WORDS) if (!EXACT.has(word)) EXACT.set(word, s);

/** Headers repeat across rows and sheets; remembering recent answers keeps header search cheap on big tables. */
const recent = new Map<string, RoleMatch | undefined>();
const RECENT_LIMIT = 2000;

/** The role a header names, if any. Level ranks from "N级指标" outrank the word list so 一级…九级 always line up. */
export function matchHeader(raw: string): RoleMatch | undefined {
  if (recent.has(raw)) return recent.get(raw);
  const match = findRole(normaliseHeader(raw));
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(raw, match);
  return match;
}

function findRole(header: string): RoleMatch | undefined {
  if (header === '') return undefined;
  const numbered = numberedLevel(header);
  if (numbered !== undefined) return { role: { kind: 'level', rank: numbered }, priority: 1, exact: true };
  const exact = EXACT.get(header);
  if (exact) return { role: exact.role, priority: exact.priority, exact: true };
  // Longest word found inside a short header: "测评内容及标准" is 测评内容, "具体要求和佐证" is 具体要求. Long text is data.
  if (header.length > MAX_HEADER_LENGTH) return undefined;
  const found = WORDS.find(({ word }) => word.length >= 2 && header.includes(word));
  return found ? { role: found.s.role, priority: found.s.priority, exact: false } : undefined;
}

/** "测评项目编码" names the codes of the 测评项目 column; "测评项目序号" its numbering. */
export function matchLevelCompanion(raw: string, levelHeaders: Map<string, number>): ColumnRole | undefined {
  const header = normaliseHeader(raw);
  const m = /^(.+?)[·・.]?(编码|编号|代码|序号)$/u.exec(header);
  if (!m?.[1] || !m[2]) return undefined;
  const rank = levelHeaders.get(m[1]);
  if (rank === undefined) return undefined;
  return m[2] === '序号' ? { kind: 'levelLabel', of: rank } : { kind: 'levelCode', of: rank };
}

export function roleKey(role: ColumnRole): string {
  switch (role.kind) {
    case 'level':
      return `level:${role.rank}`;
    case 'levelCode':
    case 'levelLabel':
      return `${role.kind}:${role.of}`;
    default:
      return role.kind;
  }
}

/** Column letters as Excel shows them: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
