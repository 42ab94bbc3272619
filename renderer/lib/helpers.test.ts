import { describe, expect, it } from 'vitest';
import type { IndexItem } from '../../shared/api/index.js';
import type { RecordSummary } from '../../shared/api/records.js';
import type { ItemStatus } from '../../shared/api/status.js';
import { chinese } from '../../shared/errors.js';
import { ApiError, clerkMessage } from '../api/client.js';
import { activityMarks, snippetParts } from './activity-marks.js';
import { baseName, formatBytes, joinPath, parentDir } from './format.js';
import { filterRecords, nextSort, recordState, sortRecords } from './sort-records.js';
import { buildTree, countStatuses, filterItems, itemPath } from './tree-nodes.js';

function item(code: string, title: string, parent: string | null): IndexItem {
  return { id: 0, editionId: 1, code, label: '', title, level: code.split('.').length, parent, method: '', requirement: '', unit: '', quantities: [], activityRule: null };
}

function status(code: string, s: ItemStatus['status'], leaf: boolean): ItemStatus {
  return { code, title: code, level: 1, parent: null, leaf, status: s, reason: '', missing: [], records: 0, activities: 0, photos: 0, byType: {}, incompleteActivities: [], selfCheck: null };
}

function record(id: number, title: string, extra: Partial<RecordSummary> = {}): RecordSummary {
  return {
    id, year: 2024, title, titleSupplied: false, docNo: '', author: '', date: null, type: '其他', retention: '定期10年',
    activityId: null, activity: null, items: [], files: 1, pages: 1, thumb: null, archivalCode: null, piece: null, secrecy: '', inbox: false,
    attachmentOnly: false, attachmentConfirmed: false, ...extra,
  };
}

const ITEMS = [item('1', '思想道德建设', null), item('1.1', '新时代文明实践站', '1'), item('1.1.1', '七有建设', '1.1'), item('2', '未成年人', null)];

describe('index tree state', () => {
  it('nests items under their parents and attaches statuses by code', () => {
    const tree = buildTree(ITEMS, [status('1.1.1', '部分', true)]);
    expect(tree.map((n) => n.item.code)).toEqual(['1', '2']);
    expect(tree[0]?.children[0]?.children[0]?.status?.status).toBe('部分');
    expect(tree[1]?.status).toBeNull();
  });

  it('counts leaf items only, so a parent is not counted twice', () => {
    expect(countStatuses([status('1', '缺失', false), status('1.1', '齐全', true), status('1.2', '缺失', true), status('2', '不适用', true)])).toEqual({
      齐全: 1, 部分: 0, 缺失: 1, 不适用: 1,
    });
  });

  it('writes item paths and finds items by code or words', () => {
    expect(itemPath(ITEMS, '1.1.1')).toBe('1 思想道德建设 › 1.1 新时代文明实践站 › 1.1.1 七有建设');
    expect(filterItems(ITEMS, '实践').map((i) => i.code)).toEqual(['1.1']);
    expect(filterItems(ITEMS, ' ').length).toBe(4);
  });
});

describe('record table state', () => {
  const rows = [
    record(1, '活动方案', { date: '2024-03-01', type: '方案', pages: 3, items: [{ editionId: 1, code: '1.1', title: 't', path: 'p' }] }),
    record(2, '照片', { date: null, type: '照片', pages: 1, activity: '学雷锋' }),
    record(3, '签到表', { date: '2024-02-10', type: '签到表', pages: 2, docNo: '文明办〔2024〕1号' }),
  ];

  it('sorts by date with undated records last, and flips on a second click', () => {
    expect(sortRecords(rows, { key: 'date', ascending: true }).map((r) => r.id)).toEqual([3, 1, 2]);
    const flipped = nextSort({ key: 'date', ascending: true }, 'date');
    expect(flipped).toEqual({ key: 'date', ascending: false });
    expect(sortRecords(rows, flipped).map((r) => r.id)).toEqual([2, 1, 3]);
    expect(nextSort(flipped, 'pages')).toEqual({ key: 'pages', ascending: true });
    expect(sortRecords(rows, { key: 'type', ascending: true }).map((r) => r.type)).toEqual(['方案', '签到表', '照片']);
  });

  it('filters by words in any field, by type and by filing state', () => {
    expect(filterRecords(rows, { text: '2024〕', type: '', unfiledOnly: false }).map((r) => r.id)).toEqual([3]);
    expect(filterRecords(rows, { text: '雷锋', type: '', unfiledOnly: false }).map((r) => r.id)).toEqual([2]);
    expect(filterRecords(rows, { text: '', type: '方案', unfiledOnly: false }).map((r) => r.id)).toEqual([1]);
    expect(filterRecords(rows, { text: '', type: '', unfiledOnly: true }).map((r) => r.id)).toEqual([2, 3]);
    expect(recordState(rows[0] as RecordSummary)).toBe('已归入');
    expect(recordState(rows[1] as RecordSummary)).toBe('待归类');
    expect(recordState({ ...(rows[0] as RecordSummary), archivalCode: 'Z001-WS·2024-D10-01-0001', piece: 1 })).toBe('已归档');
  });
});

describe('activity marks and search snippets', () => {
  it('reads 有方案/有签到/有照片/有总结 from the types present', () => {
    expect(activityMarks(['通知', '照片', '记录'])).toEqual([
      { label: '有方案', present: true },
      { label: '有签到', present: false },
      { label: '有照片', present: true },
      { label: '有总结', present: true },
    ]);
  });

  it('splits a snippet at its 【】 marks', () => {
    expect(snippetParts('三月【签到】表【签到】')).toEqual([
      { text: '三月', hit: false },
      { text: '签到', hit: true },
      { text: '表', hit: false },
      { text: '签到', hit: true },
    ]);
    expect(snippetParts('没有标记')).toEqual([{ text: '没有标记', hit: false }]);
  });
});

describe('error messages for a clerk', () => {
  it('keeps the Chinese of "中文 / English" messages, including Chinese after the English', () => {
    expect(chinese('找不到档案 / No archive')).toBe('找不到档案');
    expect(chinese('参数有误 / Invalid arguments for archive.setYear：year：年度不合理 / year out of range')).toBe('参数有误：年度不合理');
    expect(chinese('Plain English only')).toBe('Plain English only');
  });

  it('lists what was filled in wrongly, and never shows a stack trace', () => {
    const invalid = new ApiError({
      code: 'invalid_input',
      message: '填写有误',
      english: 'Invalid arguments',
      details: { issues: [{ path: 'date', message: '日期不存在 / no such date' }, { path: 'title', message: '题名不能为空 / empty title' }] },
    });
    expect(clerkMessage(invalid)).toBe('填写有误：日期不存在；题名不能为空');
    const internal = new ApiError({ code: 'internal', message: '内部错误', english: 'Internal error: boom' });
    expect(clerkMessage(internal)).toMatch(/^操作没有完成，程序内部出错。请重试/);
    expect(clerkMessage(internal)).not.toContain('boom');
    expect(clerkMessage(new ApiError({ code: 'not_found', message: '没有第 3 件记录', english: 'No record 3' }))).toBe('没有第 3 件记录');
    expect(clerkMessage(new ApiError({ code: 'cancelled', message: 'x' }))).toBe('已取消');
    expect(clerkMessage(new TypeError('Failed to fetch'))).toContain('连接不上台账后台');
    expect(clerkMessage(new Error('at Object.<anonymous> (/x.ts:1:1)'))).toBe('操作没有完成，请重试。');
  });
});

describe('paths and sizes as the clerk sees them', () => {
  it('joins and splits paths with the separator the machine uses', () => {
    expect(joinPath('D:\\台账\\导出', '自查表.xlsx')).toBe('D:\\台账\\导出\\自查表.xlsx');
    expect(joinPath('/home/a/导出/', '自查表.xlsx')).toBe('/home/a/导出/自查表.xlsx');
    expect(parentDir('D:\\台账\\导出\\自查表.xlsx')).toBe('D:\\台账\\导出');
    expect(baseName('/home/a/照片.jpg')).toBe('照片.jpg');
    expect(formatBytes(3 * 1024 * 1024 + 200_000)).toBe('3.2 MB');
  });
});
