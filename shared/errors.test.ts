import { describe, expect, it } from 'vitest';
import { chinese, joined, messageOf, splitMessage, TaizhangError, toErrorPayload } from './errors.js';

describe('messages in two languages', () => {
  it.each([
    ['找不到档案 / No archive', '找不到档案', 'No archive'],
    // The form the window used to miss: no space before the slash.
    ['文件是空的（0 字节）/ The file is empty (0 bytes)', '文件是空的（0 字节）', 'The file is empty (0 bytes)'],
    ['PDF 文件不完整（可能在复制时被截断）/ The PDF is truncated', 'PDF 文件不完整（可能在复制时被截断）', 'The PDF is truncated'],
    ['参数有误 / Invalid arguments：年度不合理 / year out of range', '参数有误：年度不合理', 'Invalid arguments; year out of range'],
    ['已导入 3 件 / 3 imported', '已导入 3 件', '3 imported'],
    ['齐全/部分/缺失/不适用', '齐全/部分/缺失/不适用', ''],
    ['照片 3/5；活动 2/4', '照片 3/5；活动 2/4', ''],
    ['密级应为 秘密、机密 或留空 / secrecy must be 秘密, 机密 or blank', '密级应为 秘密、机密 或留空', 'secrecy must be 秘密, 机密 or blank'],
    ['Plain English only', 'Plain English only', ''],
    ['「IMG_0001.jpg」已添加 / "IMG_0001.jpg" added', '「IMG_0001.jpg」已添加', '"IMG_0001.jpg" added'],
  ])('splits %j', (text, zh, en) => {
    expect(splitMessage(text)).toEqual({ zh, en });
    expect(chinese(text)).toBe(zh);
  });

  it('joins what it splits', () => {
    expect(joined({ zh: '已取消', en: 'Cancelled' })).toBe('已取消 / Cancelled');
    expect(joined({ zh: '已取消', en: '' })).toBe('已取消');
    expect(splitMessage(joined({ zh: '扩展名是 .pdf，但内容不是 PDF（看起来是纯文本）', en: 'Not a PDF' }))).toEqual({
      zh: '扩展名是 .pdf，但内容不是 PDF（看起来是纯文本）',
      en: 'Not a PDF',
    });
  });

  it('keeps the languages of an error apart, in both forms, across the boundary', () => {
    const given = new TaizhangError('bad_file', { zh: '文件是空的（0 字节）', en: 'The file is empty' }, { file: 'a.pdf' });
    const legacy = new TaizhangError('bad_file', '文件是空的（0 字节）/ The file is empty');
    for (const err of [given, legacy]) {
      expect([err.zh, err.en]).toEqual(['文件是空的（0 字节）', 'The file is empty']);
      expect(err.message).toBe('文件是空的（0 字节） / The file is empty');
    }
    expect(toErrorPayload(given)).toEqual({ code: 'bad_file', message: '文件是空的（0 字节）', english: 'The file is empty', details: { file: 'a.pdf' } });
  });

  it('tells a bug and a busy archive in Chinese, with the cause only in the English', () => {
    expect(toErrorPayload(new Error('boom\n    at x.ts:1:1'))).toEqual({ code: 'internal', message: '内部错误', english: 'Internal error: boom' });
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(toErrorPayload(busy).code).toBe('archive_busy');
    expect(messageOf(busy).zh).toContain('档案正被另一个程序使用');
    expect(messageOf(busy).zh).not.toMatch(/[A-Za-z]/);
  });
});
