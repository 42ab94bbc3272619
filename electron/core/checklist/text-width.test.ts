import { describe, expect, it } from 'vitest';
import { describeLocations, type RecordLocation } from './locations.js';
import { displayWidth, fitColumnWidth, wrappedLines } from './text-width.js';

describe('text widths for column fitting', () => {
  it('counts Chinese, full-width forms and Chinese quotes double, Latin and digits single', () => {
    expect(displayWidth('abc 123')).toBe(7);
    expect(displayWidth('测评标准')).toBe(8);
    expect(displayWidth('（一）“七有”…')).toBe(16);
    expect(displayWidth('〔2024〕1号')).toBe(11);
    expect(displayWidth('𠀀a')).toBe(3);
    expect(displayWidth('')).toBe(0);
  });

  it('fits a column to its widest line within bounds and counts wrapped lines', () => {
    expect(fitColumnWidth(['短', '社区居委会'], 4, 30)).toBe(12);
    expect(fitColumnWidth(['第一行\n第二行很长很长'], 4, 30)).toBe(16);
    expect(fitColumnWidth(['很'.repeat(40)], 4, 30)).toBe(30);
    expect(fitColumnWidth([], 6, 30)).toBe(6);
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('测评标准测评标准', 9)).toBe(2);
    expect(wrappedLines('甲\n乙\n丙', 10)).toBe(3);
  });
});

describe('卷/页号 text', () => {
  const at = (volume: number, firstPageNo: number, pages: number, draft = false): RecordLocation => ({ volume, draft, seq: 1, firstPageNo, pages });
  it('merges touching page ranges per volume and lists volumes in order', () => {
    expect(describeLocations([at(2, 4, 1), at(1, 1, 3), at(2, 1, 3), at(2, 9, 2)])).toBe('第1卷 第1–3页；第2卷 第1–4、9–10页');
    expect(describeLocations([at(3, 7, 1)])).toBe('第3卷 第7页');
    expect(describeLocations([at(1, 2, 1, true), at(1, 5, 2)])).toBe('第1卷 第5–6页；草稿 第2页');
    expect(describeLocations([at(1, 0, 0)])).toBe('');
    expect(describeLocations([])).toBe('');
  });
});
