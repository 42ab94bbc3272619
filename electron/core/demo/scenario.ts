import type { UnitNames } from '../../../shared/api/archive.js';
import type { Caption, RecordType } from '../../../shared/domain/record.js';

/**
 * What the demo archive holds: one community's year of 创建文明城市 work, twice (last year and this year), written as
 * data so that the materials, the import and the summary all follow the same story. Everything is fictional and
 * marked 示例; item codes are those of the built-in example index.
 */

export const DEMO_MARK = '示例';

export const DEMO_UNIT: UnitNames = {
  name: '示例街道文明社区居委会（示例）',
  fonds: 'SL01',
  filer: '张敏',
  checker: '李强',
};

/** Signed at the foot of documents. */
export const DEMO_AUTHOR = '示例街道文明社区居委会';

/** The documents an activity can have, in the order a binder files them. */
export type ActivityDocument = '通知' | '方案' | '签到表' | '记录' | '总结';

export interface PhotoScene {
  /** What the photo shows, for the caption's 事由 and the banner in the picture. */
  subject: string;
  /** 人物: names with positions. */
  people: string;
  /** 背景 */
  background: string;
  /** Scene style, so the pictures do not all look alike. */
  style: SceneStyle;
}

export type SceneStyle = 'square' | 'hall' | 'street' | 'garden' | 'classroom';

export interface DemoActivity {
  name: string;
  item: string;
  /** Month and day; the year comes from the scenario. */
  month: number;
  day: number;
  place: string;
  host: string;
  /** 主持人 / 负责人 */
  leader: string;
  participants: number;
  purpose: string;
  /** What was done, one line each (活动内容). */
  program: string[];
  /** What came of it, for the 总结 (说明式: measures and figures). */
  outcome: string[];
  documents: ActivityDocument[];
  photos: PhotoScene[];
}

export interface StandaloneDocument {
  title: string;
  item: string;
  type: RecordType;
  month: number;
  day: number;
  /** 文号, for documents that carry one. */
  docNo?: string;
  /** Paragraphs of the body; numbered headings start with "一、" and the like. */
  body: string[];
  /** Photos filed with a 说明报告 as separate 件 under the same item. */
  photos?: PhotoScene[];
}

export interface LedgerRow {
  problem: string;
  site: string;
  items: string[];
  unit: string;
  leader: string;
  /** Days from today: negative is past. */
  raisedInDays: number;
  deadlineInDays: number;
  progress: string;
  state: '待整改' | '整改中' | '已整改';
}

export interface DemoYear {
  year: number;
  activities: DemoActivity[];
  documents: StandaloneDocument[];
}

export interface DemoScenario {
  lastYear: DemoYear;
  thisYear: DemoYear;
  /** 制度 filed in the last year and carried over to this one. */
  rules: StandaloneDocument[];
  ledger: LedgerRow[];
}

const volunteerPhotos = (where: string): PhotoScene[] => [
  { subject: '志愿者为居民义务理发', people: '社区志愿服务队队长王建国（左一）及志愿者', background: `${where}，身后悬挂“学雷锋 树新风”横幅`, style: 'square' },
  { subject: '志愿者开展义诊测血压', people: '社区卫生服务站医生陈晓及居民', background: `${where}义诊台`, style: 'square' },
  { subject: '志愿者清理楼道小广告', people: '党员志愿者周峰、刘洋', background: '3号楼楼道', style: 'street' },
  { subject: '志愿者为居民维修小家电', people: '志愿者孙志强及居民', background: `${where}便民服务台`, style: 'hall' },
  { subject: '活动结束后志愿者合影', people: '参加活动的全体志愿者', background: `${where}宣传栏前`, style: 'garden' },
];

function activitiesOf(current: boolean): DemoActivity[] {
  return [
    {
      name: '学雷锋志愿服务活动',
      item: '1.2.2',
      month: 3,
      day: 5,
      place: '社区文化广场',
      host: '社区志愿服务站',
      leader: '王建国',
      participants: 46,
      purpose: '弘扬雷锋精神，倡导“奉献、友爱、互助、进步”的志愿服务理念，推动学雷锋活动常态化，为居民办实事、解难题。',
      program: [
        '便民服务：义务理发、家电维修、磨刀补鞋、义诊测血压；',
        '环境清洁：清理楼道小广告和堆放杂物，擦拭健身器材；',
        '政策宣传：发放文明城市创建和垃圾分类宣传资料，解答居民咨询；',
        '走访慰问：看望辖区独居老人，送去生活用品。',
      ],
      outcome: [
        `共组织志愿者${current ? 46 : 38}人，服务居民${current ? 320 : 260}余人次；`,
        `义务理发${current ? 52 : 40}人次，义诊测血压${current ? 86 : 71}人次，维修小家电${current ? 23 : 18}件；`,
        `清理楼道小广告${current ? 12 : 9}栋楼，发放宣传资料${current ? 500 : 400}份；`,
        `走访慰问独居老人${current ? 15 : 12}户。`,
      ],
      documents: ['方案', '签到表', '总结'],
      photos: volunteerPhotos('社区文化广场'),
    },
    {
      name: '新时代文明实践“邻里互助”活动',
      item: '1.1.2',
      month: 4,
      day: 18,
      place: '新时代文明实践站',
      host: '新时代文明实践站',
      leader: '李娜',
      participants: 32,
      purpose: '以新时代文明实践站为阵地，组织党员、志愿者和热心居民结对帮扶，营造邻里守望、互帮互助的社区氛围。',
      program: [
        '召开结对帮扶动员会，公布帮扶对象和志愿者名单；',
        '开展“一对一”结对，登记困难家庭的实际需求；',
        '组织志愿者上门服务，帮助老人网上缴费和预约挂号；',
        '建立“邻里互助”微信群，及时回应居民求助。',
      ],
      outcome: [
        `结成帮扶对子${current ? 28 : 22}对，登记需求${current ? 41 : 35}条，已办结${current ? 37 : 33}条；`,
        `上门服务${current ? 64 : 50}人次，帮助老人完成网上缴费和挂号${current ? 29 : 24}次；`,
        '“邻里互助”微信群已有成员186人，求助信息均在24小时内回应。',
      ],
      documents: ['通知', '签到表', '记录'],
      photos: [
        { subject: '结对帮扶动员会现场', people: '实践站站长李娜及党员志愿者', background: '新时代文明实践站活动室', style: 'hall' },
        { subject: '志愿者帮助老人网上缴费', people: '志愿者赵敏与居民孙大爷', background: '居民家中', style: 'hall' },
        { subject: '志愿者与帮扶对象合影', people: '结对志愿者和帮扶对象', background: '实践站门前“七有”标识牌', style: 'garden' },
      ],
    },
    {
      name: '道德讲堂“孝老爱亲”专题活动',
      item: '1.3.2',
      month: 5,
      day: 12,
      place: '社区道德讲堂',
      host: '社区居委会',
      leader: '刘洋',
      participants: 58,
      purpose: '通过身边好人讲述身边事，弘扬中华民族孝老爱亲传统美德，引导居民向上向善。',
      program: [
        '唱一首歌：全体起立齐唱《我的祖国》；',
        '看一部短片：观看“孝老爱亲”道德模范事迹短片；',
        '讲一个故事：社区好人孙秀兰讲述照顾瘫痪婆婆二十年的经历；',
        '作一番点评、发一个善心、送一份吉祥：居民代表谈体会并写下善行承诺。',
      ],
      outcome: [
        `参加居民${current ? 58 : 50}人，其中青少年${current ? 12 : 9}人；`,
        `收集善行承诺卡${current ? 47 : 40}张，张贴于社区善行义举榜；`,
        '讲堂视频在社区公众号发布，阅读量超过1200次。',
      ],
      documents: ['方案', '签到表', '记录'],
      photos: [
        { subject: '道德讲堂现场，好人孙秀兰讲述事迹', people: '社区好人孙秀兰', background: '道德讲堂讲台及“孝老爱亲”主题背景板', style: 'hall' },
        { subject: '居民写下善行承诺卡', people: '参加讲堂的居民', background: '道德讲堂善行义举榜', style: 'classroom' },
      ],
    },
    {
      name: '暑期“快乐成长”关爱未成年人活动',
      item: '2.2.1',
      month: 7,
      day: 20,
      place: '未成年人活动室',
      host: '社区居委会',
      leader: '陈晓',
      participants: 27,
      purpose: '为辖区中小学生提供安全、有益的暑期去处，开展阅读、手工和安全教育，让孩子们度过充实快乐的假期。',
      program: [
        '绘本共读：志愿者带领低年级孩子共读绘本；',
        '手工课堂：制作环保手工作品并在活动室展示；',
        '安全教育：邀请社区民警讲解防溺水和交通安全知识；',
        '图书借阅：开放少儿图书室，登记暑期借阅。',
      ],
      outcome: [
        `参加学生${current ? 27 : 24}人，家长志愿者${current ? 8 : 6}人；`,
        `完成手工作品${current ? 35 : 30}件，借阅图书${current ? 96 : 80}册次；`,
        '安全教育后进行了知识问答，孩子们答对率达95%。',
      ],
      // This year's sign-in sheet was never filed, so the checklist shows the gap a clerk must fill.
      documents: current ? ['方案', '总结'] : ['方案', '签到表', '总结'],
      photos: [
        { subject: '志愿者带领孩子们共读绘本', people: '志愿者陈晓和社区儿童', background: '少儿图书室书架', style: 'classroom' },
        { subject: '社区民警讲解防溺水知识', people: '社区民警吴刚', background: '未成年人活动室', style: 'classroom' },
        { subject: '孩子们展示手工作品', people: '参加活动的学生', background: '未成年人活动室作品展示墙', style: 'garden' },
      ],
    },
    {
      name: '垃圾分类宣传进小区活动',
      item: '4.2.2',
      month: 9,
      day: 16,
      place: '幸福里小区垃圾分类亭',
      host: '社区居委会',
      leader: '周峰',
      participants: 21,
      purpose: '普及垃圾分类知识，提高居民分类投放准确率，推动形成绿色生活方式。',
      program: [
        '在小区出入口设置宣传点，发放垃圾分类指南；',
        '志愿者在分类亭旁值守，现场指导居民准确投放；',
        '开展“垃圾分类知识小竞答”，答对者领取环保袋。',
      ],
      outcome: [
        `发放分类指南${current ? 600 : 450}份、环保袋${current ? 200 : 150}个；`,
        `现场指导投放${current ? 410 : 330}人次，分类准确率由活动前的62%提高到${current ? 85 : 78}%；`,
        '活动报道在区融媒体平台刊发。',
      ],
      documents: ['通知', '签到表', '总结'],
      photos: [
        { subject: '志愿者指导居民分类投放', people: '党员志愿者周峰及居民', background: '幸福里小区垃圾分类亭', style: 'street' },
        { subject: '垃圾分类知识小竞答', people: '网格员李娜和参加竞答的居民', background: '小区出入口宣传点', style: 'square' },
      ],
    },
    {
      name: '市民学校文明礼仪课堂',
      item: '3.2.1',
      month: 10,
      day: 24,
      place: '社区市民学校',
      host: '社区市民学校',
      leader: '赵敏',
      participants: 40,
      purpose: '宣传普及文明礼仪常识，引导居民在公共场所讲文明、守秩序，提升市民文明素质。',
      program: [
        '讲授“公共场所文明礼仪”：排队、就餐、乘车和网络文明；',
        '情景演示：志愿者示范文明行为与不文明行为，居民点评；',
        '发放《市民文明手册》，开展课后问答。',
      ],
      outcome: [
        `听课居民${current ? 40 : 35}人，发放《市民文明手册》${current ? 60 : 50}册；`,
        '课后问答参与率达90%，居民对课程满意度为96%。',
      ],
      documents: ['方案', '签到表', '记录'],
      photos: [
        { subject: '文明礼仪课堂授课现场', people: '授课老师赵敏及听课居民', background: '市民学校教室及课程横幅', style: 'classroom' },
        { subject: '志愿者情景演示文明排队', people: '社区志愿者', background: '市民学校教室', style: 'hall' },
      ],
    },
  ];
}

function documentsOf(year: number, current: boolean): StandaloneDocument[] {
  const docs: StandaloneDocument[] = [
    {
      title: `关于印发《示例街道文明社区${year}年创建全国文明城市工作方案》的通知`,
      item: '5.1.1',
      type: '通知',
      month: 1,
      day: 10,
      docNo: `示例社〔${year}〕1号`,
      body: [
        '各网格、各居民小组、辖区各共建单位：',
        `为深入推进全国文明城市创建工作，进一步提升社区文明程度和居民文明素质，经社区党委研究，制定了《示例街道文明社区${year}年创建全国文明城市工作方案》，现印发给你们，请结合实际认真抓好落实。`,
        '一、指导思想',
        '坚持以人民为中心，以社会主义核心价值观为引领，以解决群众关心的突出问题为重点，坚持创建为民、创建惠民，推动创建工作常态长效。',
        '二、组织领导',
        '成立社区创建工作领导小组，由社区党委书记任组长，居委会主任任副组长，各网格长为成员。领导小组下设办公室，负责日常协调、资料收集和督查整改。',
        '三、工作任务',
        '（一）思想道德建设：每月开展一次新时代文明实践活动，每季度开展一次学雷锋志愿服务活动，全年举办道德讲堂不少于四次。',
        '（二）未成年人思想道德建设：办好未成年人活动室和少儿图书室，寒暑假组织未成年人活动不少于三次。',
        '（三）环境整治：每月开展一次环境卫生整治，持续推进垃圾分类宣传和指导。',
        '（四）资料管理：各项活动做到有方案、有签到、有照片、有总结，资料由专人收集，按测评项目分类归档。',
        '四、工作要求',
        '各网格要明确责任人和完成时限，对照测评体系逐项自查，发现问题及时整改，确保各项任务落到实处。',
      ],
    },
    {
      title: '志愿服务站规范运行情况说明报告',
      item: '1.2.1',
      type: '报告',
      month: 6,
      day: 28,
      body: [
        `社区志愿服务站设在社区党群服务中心一楼，面积约40平方米，门口悬挂统一标识，站内公示服务项目、服务时间和联系方式。${year}年主要做法如下：`,
        '一、队伍建设。服务站现有注册志愿者236名，其中党员志愿者58名，组建了便民服务、环境保护、关爱老人、文明劝导四支服务队，志愿者名册和服务时长记录实行台账管理，每月更新。',
        '二、服务开展。上半年共开展志愿服务活动18场，参与志愿者412人次，累计服务时长1650小时，服务居民2300余人次。',
        '三、制度保障。制定了志愿者招募注册、服务记录、激励回馈等制度，每季度评选“优秀志愿者”，上半年共评选12人。',
        '四、存在问题和下一步打算。青年志愿者比例偏低，下一步将联合辖区学校和企业招募青年志愿者，力争年底注册志愿者达到280名。',
      ],
      photos: [
        { subject: '志愿服务站外景及统一标识', people: '无', background: '社区党群服务中心一楼志愿服务站门口', style: 'street' },
        { subject: '志愿者在服务站登记服务时长', people: '志愿者赵敏、网格员李娜', background: '志愿服务站服务台', style: 'hall' },
        { subject: '服务站公示栏', people: '无', background: '志愿服务站内公示栏（服务项目、时间、联系方式）', style: 'hall' },
      ],
    },
  ];
  if (!current) {
    docs.push({
      title: `示例街道文明社区${year}年创建全国文明城市工作总结`,
      item: '5.1.3',
      type: '总结',
      month: 12,
      day: 26,
      body: [
        `${year}年，社区对照测评体系逐项落实创建任务，现将主要工作和数据说明如下：`,
        '一、主要措施。社区成立创建工作领导小组，实行网格包保责任制；每月召开一次创建工作例会，通报进度，督促整改。',
        '二、活动开展。全年开展新时代文明实践活动12次、学雷锋志愿服务活动4次、道德讲堂4次、未成年人暑期活动3次、垃圾分类宣传活动8次，参与居民累计4100余人次。',
        '三、环境整治。全年开展环境卫生整治12次，清理卫生死角86处，整治楼道堆物152处，市级检查反馈的问题均已整改到位。',
        '四、资料管理。各项活动资料按测评项目分类归档，全年归档文件、照片和签到表共计420余件，做到有方案、有签到、有照片、有总结。',
        '五、下一步打算。针对青年志愿者偏少、宣传报道不够等问题，社区将加强共建联动，拓展宣传渠道，推动创建工作常态长效。',
      ],
    });
  }
  return docs;
}

function rules(): StandaloneDocument[] {
  return [
    {
      title: '新时代文明实践站管理制度',
      item: '1.1.1',
      type: '制度',
      month: 2,
      day: 20,
      body: [
        '一、实践站在社区党委领导下开展工作，站长由社区党委书记兼任，设专职管理员一名。',
        '二、实践站每周一至周五8:30—17:30向居民开放，节假日根据活动安排开放。',
        '三、实践站每月至少组织开展一次文明实践活动，活动做到有方案、有签到、有照片、有总结。',
        '四、实践站设施设备由管理员负责登记、维护，借用须办理登记手续。',
        '五、活动资料由专人收集整理，按年度和测评项目分类归档，保管期限不少于十年。',
        '六、本制度自印发之日起施行，由社区居委会负责解释。',
      ],
    },
    {
      title: '未成年人活动室和少儿图书室管理制度',
      item: '2.1.1',
      type: '制度',
      month: 2,
      day: 20,
      body: [
        '一、活动室和图书室免费向辖区未成年人开放，开放时间为每周二至周日14:00—18:00，寒暑假期间每天开放。',
        '二、未成年人进入活动室须遵守秩序，爱护公物，保持室内整洁安静。',
        '三、图书借阅实行登记制度，每人每次限借两册，借期两周，逾期未还暂停借阅资格。',
        '四、活动室由专人管理，每日检查设施安全，发现隐患及时报告处理。',
        '五、活动室每学期至少组织两次主题教育活动，并做好活动记录。',
      ],
    },
  ];
}

const LEDGER: LedgerRow[] = [
  {
    problem: '幸福里小区3号楼楼道堆放杂物，存在消防隐患',
    site: '幸福里小区3号楼',
    items: ['4.2.1'],
    unit: '社区居委会、物业公司',
    leader: '周峰',
    raisedInDays: -40,
    deadlineInDays: -10,
    progress: '已通知物业和楼栋长，部分住户尚未清理，正在逐户做工作。',
    state: '整改中',
  },
  {
    problem: '社区主要出入口公益广告褪色破损',
    site: '社区东门、南门',
    items: ['1.3.1'],
    unit: '社区居委会',
    leader: '刘洋',
    raisedInDays: -20,
    deadlineInDays: 20,
    progress: '已联系广告公司重新制作，预计两周内完成更换。',
    state: '待整改',
  },
];

export function demoScenario(thisYear: number): DemoScenario {
  return {
    lastYear: { year: thisYear - 1, activities: activitiesOf(false), documents: documentsOf(thisYear - 1, false) },
    thisYear: { year: thisYear, activities: activitiesOf(true), documents: documentsOf(thisYear, true) },
    rules: rules(),
    ledger: LEDGER,
  };
}

/** The six-element 说明 of a photo (GB/T 11821). */
export function photoCaption(scene: PhotoScene, date: string, place: string): Caption {
  return {
    subject: `${DEMO_MARK}：${scene.subject}`,
    time: date,
    place,
    people: scene.people,
    background: scene.background,
    photographer: '社区宣传员 黄磊',
  };
}
