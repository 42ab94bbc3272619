import { describe, expect, it } from 'vitest';
import { itemNumber, itemText } from './item-text.js';

describe('how an item is numbered on screen and in print', () => {
  it("uses the city's own numbering when its table had one, else the dotted code", () => {
    expect(itemNumber({ code: '3.2.1', label: '8.' })).toBe('8.');
    expect(itemNumber({ code: '1.1', label: '（三）' })).toBe('（三）');
    expect(itemNumber({ code: '1.1.1', label: '  ' })).toBe('1.1.1');
  });

  it('joins numbering and title the way the table printed them', () => {
    expect(itemText({ label: '一、', title: '思想道德建设' })).toBe('一、思想道德建设');
    expect(itemText({ label: '8.', title: '实践站建设' })).toBe('8. 实践站建设');
    expect(itemText({ label: '', title: '志愿服务' })).toBe('志愿服务');
  });
});
