import { describe, expect, it } from 'vitest';
import { chooseTitle, dateInText, headingLine, inferType, machineName, meaningfulName, numberedTitle, ownTitle, titleFromFileName, withoutDate } from './naming.js';

describe('names a clerk writes', () => {
  it.each([
    ['2024-03-05 学雷锋活动', '2024-03-05'],
    ['20240305_签到表', '2024-03-05'],
    ['2024.3.5活动', '2024-03-05'],
    ['2024年3月5日 志愿服务', '2024-03-05'],
    ['2024_03_05', '2024-03-05'],
    ['活动 2024-12-31', '2024-12-31'],
    ['2024-02-30 不存在的日期', null],
    ['IMG_20240305123456', null],
    ['第2024号', null],
    ['20241305', null],
  ])('dateInText(%j) = %j', (text, iso) => {
    expect(dateInText(text)).toBe(iso);
  });

  it.each([
    ['2024-03-05 学雷锋活动方案.pdf', '学雷锋活动方案'],
    ['20240305_签到表.jpg', '签到表'],
    ['01_活动方案.docx', '活动方案'],
    ['1、工作总结.pdf', '工作总结'],
    ['（一）志愿服务制度.pdf', '志愿服务制度'],
    ['2024年3月5日 道德讲堂记录.pdf', '道德讲堂记录'],
    ['2024.pdf', '2024'],
    ['3月活动总结.pdf', '3月活动总结'],
    ['二、宣传报道.pdf', '宣传报道'],
    ['学雷锋 2024-03-05 合影.jpg', '学雷锋 合影'],
  ])('titleFromFileName(%j) = %j', (name, title) => {
    expect(titleFromFileName(name)).toBe(title);
  });

  it('removes a date with its separators', () => {
    expect(withoutDate('2024-03-05 学雷锋活动')).toBe('学雷锋活动');
  });

  it.each([
    ['学雷锋活动方案.pdf', 'pdf', '方案'],
    ['关于开展文明创建的通知.pdf', 'pdf', '通知'],
    ['活动签到表.jpg', 'image', '签到表'],
    ['现场.jpg', 'image', '照片'],
    ['会议纪要.docx', 'docx', '记录'],
    ['活动纪实.pdf', 'pdf', '记录'],
    ['上半年工作总结报告.pdf', 'pdf', '总结'],
    ['说明报告.pdf', 'pdf', '报告'],
    ['志愿服务站管理制度.pdf', 'pdf', '制度'],
    ['居民公约.pdf', 'pdf', '制度'],
    ['图书借阅登记台账.xlsx', 'xlsx', '台账'],
    ['优秀志愿者荣誉证书.jpg', 'image', '荣誉'],
    ['附件.zip', 'other', '其他'],
  ] as const)('inferType(%j, %s) = %s', (name, kind, type) => {
    expect(inferType(name, kind)).toBe(type);
  });
});

// Millisecond timestamps of chat apps are read in the machine's time zone; clerks' machines are on China time.
process.env.TZ = 'Asia/Shanghai';

describe('names machines give files', () => {
  it.each([
    ['IMG_20250305_093012.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['IMG20250305093012.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['IMG_20250305_093012_1.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['VID_20250305_093012.mp4', '2025-03-05', '2025-03-05T09:30:12'],
    ['PXL_20250305_093012345.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['PXL_20250305_093012345.MP.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['mmexport1741138212345.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['wx_camera_1741138212345.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['微信图片_20250305093012.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['微信图片_20250305093012_3.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['Screenshot_20250305-093012.png', '2025-03-05', '2025-03-05T09:30:12'],
    ['Screenshot_2025-03-05-09-30-12-123_com.tencent.mm.jpg', '2025-03-05', '2025-03-05T09:30:12'],
    ['Screenshot 2025-03-05 at 09.30.12.png', '2025-03-05', '2025-03-05T09:30:12'],
    ['屏幕截图 2025-03-05 093012.png', '2025-03-05', '2025-03-05T09:30:12'],
    ['IMG-20250305-WA0001.jpg', '2025-03-05', null],
    ['DSC_0001.JPG', null, null],
    ['DSCN0001.JPG', null, null],
    ['IMG_1234.HEIC', null, null],
    ['P1000123.JPG', null, null],
    ['image.png', null, null],
    ['001.jpg', null, null],
    ['20250305.jpg', '2025-03-05', null],
    ['3f2a9c1e4b5d6e7f8a9b0c1d2e3f4a5b.jpg', null, null],
  ])('%s is a machine name dated %s (%s)', (name, date, dateTime) => {
    expect(machineName(name)).toEqual({ date, dateTime });
  });

  it.each(['学雷锋活动签到表.jpg', '2024-03-05 学雷锋志愿服务活动照片1.jpg', 'Party2025.jpg', 'Photo of the party.jpg', '义诊现场.jpg', 'pic.jpg'])(
    '%s is a name a person wrote',
    (name) => {
      expect(machineName(name)).toBeNull();
    },
  );

  it('never gives a machine name as a meaningful one, and cleans machine counters out of a person\'s', () => {
    for (const name of ['IMG_20250305_093012.jpg', 'mmexport1741138212345.jpg', 'DSC_0001.JPG', '0012.jpg', '2024-03-05.jpg']) {
      expect(meaningfulName(name)).toBeNull();
    }
    expect(meaningfulName('01_活动签到表.jpg')).toBe('活动签到表');
    expect(meaningfulName('学雷锋 IMG_0012.jpg')).toBe('学雷锋');
  });

  it('rejects a timestamp that is no date a photo could have', () => {
    expect(machineName('mmexport9999999999999.jpg')).toEqual({ date: null, dateTime: null });
    expect(machineName('IMG_20251341_250000.jpg')).toEqual({ date: null, dateTime: null });
    expect(machineName('IMG_20250305_256199.jpg')).toEqual({ date: '2025-03-05', dateTime: null });
  });
});

describe("a document's own title", () => {
  it.each([
    ['关于开展学雷锋志愿服务活动的通知', '关于开展学雷锋志愿服务活动的通知'],
    ['  关于开展   学雷锋活动的通知 ', '关于开展学雷锋活动的通知'],
    ['Spring 2025 学雷锋', 'Spring 2025 学雷锋'],
    ['Microsoft Word - 学雷锋活动方案.docx', '学雷锋活动方案'],
    ['Microsoft Word - 文档1.docx', null],
    ['无标题', null],
    ['新建 Microsoft Word 文档', null],
    ['Untitled', null],
    ['Activity plan', null],
    ['IMG_20250305_093012', null],
    ['', null],
    [null, null],
  ])('ownTitle(%j) = %j', (raw, title) => {
    expect(ownTitle(raw)).toBe(title);
  });

  it.each([
    ['关于开展学雷锋志愿服务活动的通知\n各居民小组：\n为弘扬雷锋精神……', '关于开展学雷锋志愿服务活动的通知'],
    ['和平社区居民委员会文件\n和社〔2025〕3号\n关于印发文明创建工作方案的通知\n各科室：', '关于印发文明创建工作方案的通知'],
    ['附件1\n\n2025年学雷锋活动签到表\n序号 姓名', '2025年学雷锋活动签到表'],
    ['关 于 开 展 文 明 创 建 的 通 知\n正文', '关于开展文明创建的通知'],
    ['— 1 —\n2025年3月5日\n志愿服务活动总结\n', '志愿服务活动总结'],
    ['尊敬的各位居民：\n本社区将于……', null],
    ['今天我们开展了学雷锋活动，居民积极参加。', null],
    ['Activity plan', null],
    ['', null],
  ])('headingLine(%j) = %j', (text, title) => {
    expect(headingLine(text)).toBe(title);
  });
});

describe('titles of records nobody titled', () => {
  const photo = { kind: 'image' as const, type: '照片' as const, year: 2025, date: '2025-03-05', activity: null, subject: null, docTitle: null, text: '' };
  const pdf = { kind: 'pdf' as const, type: '通知' as const, year: 2025, date: '2025-03-05', activity: null, subject: null, docTitle: null, text: '' };

  it('names a phone photo by its activity, else its 事由, else its date, numbered', () => {
    expect(chooseTitle({ ...photo, fileName: 'IMG_20250305_093012.jpg', activity: '学雷锋志愿服务' })).toEqual({
      title: '学雷锋志愿服务活动照片', supplied: true, numbered: true,
    });
    expect(chooseTitle({ ...photo, fileName: 'mmexport1741138212345.jpg', activity: '学雷锋志愿服务活动' }).title).toBe('学雷锋志愿服务活动照片');
    expect(chooseTitle({ ...photo, fileName: 'DSC_0001.JPG', subject: '清扫楼道' }).title).toBe('清扫楼道照片');
    expect(chooseTitle({ ...photo, fileName: '微信图片_20250305093012.jpg' }).title).toBe('2025年3月5日照片');
    expect(chooseTitle({ ...photo, fileName: 'IMG_1234.jpg', date: null }).title).toBe('2025年度照片');
  });

  it("keeps a photo's name when a person wrote it", () => {
    expect(chooseTitle({ ...photo, fileName: '义诊现场.jpg', activity: '义诊' })).toEqual({ title: '义诊现场', supplied: false, numbered: false });
  });

  it("titles a document by its metadata, then its first heading, then its file name, else its type and date", () => {
    const text = '关于开展学雷锋志愿服务活动的通知\n各居民小组：';
    expect(chooseTitle({ ...pdf, fileName: 'x.pdf', docTitle: '2025年学雷锋活动通知', text })).toEqual({ title: '2025年学雷锋活动通知', supplied: false, numbered: false });
    expect(chooseTitle({ ...pdf, fileName: 'x.pdf', docTitle: 'Microsoft Word - 文档1.docx', text }).title).toBe('关于开展学雷锋志愿服务活动的通知');
    expect(chooseTitle({ ...pdf, fileName: '2025-03-01 学雷锋活动方案.pdf', text: 'Activity plan' }).title).toBe('学雷锋活动方案');
    expect(chooseTitle({ ...pdf, fileName: 'mmexport1741138212345.pdf' })).toEqual({ title: '2025年3月5日通知', supplied: true, numbered: true });
    expect(chooseTitle({ ...pdf, type: '其他', kind: 'other', fileName: '0001.zip', date: null }).title).toBe('2025年度文件');
  });

  it('numbers one past the highest of the year, whatever was renamed or removed between', () => {
    expect(numberedTitle('学雷锋活动照片', [])).toBe('学雷锋活动照片（1）');
    expect(numberedTitle('学雷锋活动照片', ['学雷锋活动照片（1）', '学雷锋活动照片（7）', '学雷锋活动照片（2）'])).toBe('学雷锋活动照片（8）');
    expect(numberedTitle('学雷锋活动照片', ['学雷锋活动照片（x）', '学雷锋活动照片合影（9）', '其他照片（3）'])).toBe('学雷锋活动照片（1）');
  });
});
