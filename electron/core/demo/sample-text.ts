import { formatDate } from '../../../shared/text/dates.js';
import { shiftDays } from './calendar.js';
import { DEMO_AUTHOR, DEMO_MARK, type ActivityDocument, type DemoActivity, type StandaloneDocument } from './scenario.js';

/**
 * The words of the sample documents: plans, notices, sign-in sheets, minutes, summaries, reports and rules, as a
 * community would write them, built from the scenario. Layout is left to sample-pdf.ts.
 */

export type Block =
  /** A paragraph; a numbered heading ("一、…") is set in the heading face. */
  | { kind: 'paragraph'; text: string; indent: boolean }
  | { kind: 'heading'; text: string }
  /** Label–value lines under the title: 时间、地点、主持人… */
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; columns: { title: string; share: number }[]; rows: string[][] }
  | { kind: 'signature'; author: string; date: string }
  | { kind: 'pageBreak' };

export interface SampleDocument {
  title: string;
  docNo: string | null;
  blocks: Block[];
}

/** Titles carry the mark so that no demo page can pass for a real one. */
export function markedTitle(title: string): string {
  return `${title}（${DEMO_MARK}）`;
}

/** "一、活动目的" is a heading; "一、实践站在社区党委领导下开展工作。" is a numbered paragraph. */
const HEADING = /^[一二三四五六七八九十]+、[^，。；]{1,14}$/;

function paragraphs(lines: readonly string[]): Block[] {
  return lines.map((text) => (HEADING.test(text) ? { kind: 'heading', text } : { kind: 'paragraph', text, indent: !text.endsWith('：') }));
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['建国', '秀兰', '志强', '丽华', '晓东', '桂英', '海燕', '国庆', '玉梅', '文博', '淑珍', '子涵', '俊杰', '春梅', '思远', '红霞', '德明', '雨欣', '振华', '佳怡', '永刚', '美玲', '浩然', '素芬'];
const ADDRESSES = ['幸福里1号楼', '幸福里3号楼', '幸福里5号楼', '和平苑2栋', '和平苑6栋', '光明巷12号', '社区志愿服务队', '共建单位区图书馆', '辖区中学', '物业公司'];

/** Names for a sign-in sheet, different for each activity but the same on every run. */
export function signInNames(count: number, salt: number): string[] {
  const names: string[] = [];
  for (let i = 0; names.length < count; i += 1) {
    const surname = SURNAMES[(i * 7 + salt * 13) % SURNAMES.length]!;
    const given = GIVEN[(i * 5 + salt * 3) % GIVEN.length]!;
    const name = surname + given;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** A phone number with its middle digits hidden, as sign-in sheets published for inspection show them. */
function maskedPhone(i: number, salt: number): string {
  const prefix = ['138', '139', '135', '187', '152', '177'][(i + salt) % 6]!;
  return `${prefix}****${String(1000 + ((i * 7919 + salt * 104729) % 9000)).padStart(4, '0')}`;
}

/** Rows that fit one A4 sign-in sheet. */
const SIGN_IN_ROWS = 18;

export interface ActivityContext {
  activity: DemoActivity;
  date: string;
  year: number;
  /** Distinguishes the names and numbers of each activity. */
  salt: number;
  docNo: string;
}

export function activityDocument(kind: ActivityDocument, ctx: ActivityContext): SampleDocument {
  switch (kind) {
    case '方案': return plan(ctx);
    case '通知': return notice(ctx);
    case '签到表': return signIn(ctx);
    case '记录': return minutes(ctx);
    case '总结': return summary(ctx);
  }
}

/** The title an activity document is filed under. */
export function activityDocumentTitle(kind: ActivityDocument, activity: DemoActivity): string {
  switch (kind) {
    case '方案': return `${activity.name}方案`;
    case '通知': return `关于开展${activity.name}的通知`;
    case '签到表': return `${activity.name}签到表`;
    case '记录': return `${activity.name}${activity.program.some((p) => p.includes('动员会')) ? '会议记录' : '活动记录'}`;
    case '总结': return `${activity.name}总结`;
  }
}

function timeAndPlace({ activity, date }: ActivityContext): string {
  return `${formatDate(date)}上午9:00—11:30，${activity.place}`;
}

function plan(ctx: ActivityContext): SampleDocument {
  const { activity } = ctx;
  return {
    title: markedTitle(activityDocumentTitle('方案', activity)),
    docNo: null,
    blocks: [
      ...paragraphs([
        '一、活动目的',
        activity.purpose,
        '二、活动时间和地点',
        `${timeAndPlace(ctx)}。`,
        '三、组织单位和参加人员',
        `由${activity.host}组织，${activity.leader}同志负责。参加人员为社区工作人员、志愿者和辖区居民，约${activity.participants}人。`,
        '四、活动内容',
        ...activity.program.map((p, i) => `${i + 1}. ${p}`),
        '五、工作要求',
        '（一）精心组织。各网格提前做好宣传发动，确保居民知晓、参与。',
        '（二）注意安全。活动现场安排专人维持秩序，做好防暑、防滑等安全保障。',
        '（三）做好记录。活动须有签到、有照片、有记录，结束后三日内将资料交社区资料员归档。',
      ]),
      { kind: 'signature', author: DEMO_AUTHOR, date: formatDate(shiftDays(ctx.date, -10)) },
    ],
  };
}

function notice(ctx: ActivityContext): SampleDocument {
  const { activity } = ctx;
  return {
    title: markedTitle(activityDocumentTitle('通知', activity)),
    docNo: ctx.docNo,
    blocks: [
      ...paragraphs([
        '各网格、各居民小组、辖区共建单位：',
        `${activity.purpose}经研究，决定开展${activity.name}，现将有关事项通知如下：`,
        '一、活动时间和地点',
        `${timeAndPlace(ctx)}。`,
        '二、活动内容',
        ...activity.program.map((p, i) => `${i + 1}. ${p}`),
        '三、有关要求',
        `请各网格于活动前两日将参加人员名单报${activity.host}（联系人：${activity.leader}）。活动当天请提前十五分钟到场签到。`,
      ]),
      { kind: 'signature', author: DEMO_AUTHOR, date: formatDate(shiftDays(ctx.date, -7)) },
    ],
  };
}

function signIn(ctx: ActivityContext): SampleDocument {
  const { activity } = ctx;
  const names = signInNames(Math.min(activity.participants, SIGN_IN_ROWS - 2), ctx.salt);
  const rows = names.map((name, i) => [String(i + 1), name, ADDRESSES[(i + ctx.salt) % ADDRESSES.length]!, maskedPhone(i, ctx.salt), name]);
  // The last lines stay empty, as on a real sheet.
  for (let i = rows.length; i < SIGN_IN_ROWS; i += 1) rows.push([String(i + 1), '', '', '', '']);
  return {
    title: markedTitle(activityDocumentTitle('签到表', activity)),
    docNo: null,
    blocks: [
      { kind: 'fields', rows: [['活动名称', activity.name], ['时间', timeAndPlace(ctx).split('，')[0]!], ['地点', activity.place], ['组织单位', activity.host]] },
      {
        kind: 'table',
        columns: [
          { title: '序号', share: 0.09 },
          { title: '姓名', share: 0.18 },
          { title: '单位或住址', share: 0.28 },
          { title: '联系电话', share: 0.23 },
          { title: '签名', share: 0.22 },
        ],
        rows,
      },
      { kind: 'paragraph', text: `应到${activity.participants}人，实到${names.length}人（${DEMO_MARK}数据）。`, indent: false },
    ],
  };
}

function minutes(ctx: ActivityContext): SampleDocument {
  const { activity } = ctx;
  const names = signInNames(6, ctx.salt);
  return {
    title: markedTitle(activityDocumentTitle('记录', activity)),
    docNo: null,
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['时间', timeAndPlace(ctx).split('，')[0]!],
          ['地点', activity.place],
          ['主持人', activity.leader],
          ['记录人', '张敏'],
          ['参加人员', `${names.join('、')}等${activity.participants}人`],
        ],
      },
      ...paragraphs([
        '一、主要内容',
        `${activity.leader}介绍了本次活动的目的和安排：${activity.purpose}`,
        ...activity.program.map((p, i) => `${i + 1}. ${p.replace(/[；。]$/, '')}，现场秩序良好，居民参与积极。`),
        '二、讨论发言',
        `${names[0]}：活动贴近居民需要，希望以后多组织，时间安排在周末更方便上班族参加。`,
        `${names[1]}：建议提前在楼道公告栏和微信群发布通知，让更多居民知道。`,
        '三、会议（活动）议定事项',
        `1. 活动资料由张敏负责收集，三日内归档；2. 居民提出的建议由${activity.host}汇总研究，下次活动前答复。`,
      ]),
    ],
  };
}

function summary(ctx: ActivityContext): SampleDocument {
  const { activity } = ctx;
  return {
    title: markedTitle(activityDocumentTitle('总结', activity)),
    docNo: null,
    blocks: [
      ...paragraphs([
        `${formatDate(ctx.date)}，${activity.host}在${activity.place}组织开展了${activity.name}。现将活动情况总结如下：`,
        '一、基本情况',
        ...activity.outcome,
        '二、主要做法',
        ...activity.program.map((p, i) => `（${'一二三四五六'[i]}）${p.replace(/；$/, '。')}`),
        '三、存在不足和下一步打算',
        '活动宣传覆盖面还不够广，青年居民参与偏少。下一步将通过网格微信群和楼道公告栏提前发布预告，并联合辖区学校、企业共同组织，让活动常态化开展。',
      ]),
      { kind: 'signature', author: DEMO_AUTHOR, date: formatDate(shiftDays(ctx.date, 3)) },
    ],
  };
}

/** A standalone document (notice, report, summary, rule) from the scenario. */
export function standaloneDocument(doc: StandaloneDocument, date: string): SampleDocument {
  return {
    title: markedTitle(doc.title),
    docNo: doc.docNo ?? null,
    blocks: [...paragraphs(doc.body), { kind: 'signature', author: DEMO_AUTHOR, date: formatDate(date) }],
  };
}

/** Every character a document draws, for subsetting the fonts once. */
export function documentText(doc: SampleDocument): string {
  const parts = [doc.title, doc.docNo ?? ''];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'paragraph':
      case 'heading':
        parts.push(block.text);
        break;
      case 'fields':
        parts.push(...block.rows.flat());
        break;
      case 'table':
        parts.push(...block.columns.map((c) => c.title), ...block.rows.flat());
        break;
      case 'signature':
        parts.push(block.author, block.date);
        break;
      case 'pageBreak':
        break;
    }
  }
  return parts.join('');
}
