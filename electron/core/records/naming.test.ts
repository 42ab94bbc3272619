import { describe, expect, it } from 'vitest';
import { dateInText, inferType, titleFromFileName, withoutDate } from './naming.js';

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
