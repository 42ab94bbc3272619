import { describe, expect, it } from 'vitest';
import { parseRequirementQuantities } from './requirements.js';

const counts = (text: string): Record<string, number> =>
  Object.fromEntries(parseRequirementQuantities(text).map((q) => [q.kind === 'type' ? `type:${q.type}` : q.kind, q.min]));

describe('parseRequirementQuantities', () => {
  it.each([
    ['照片5张', { photos: 5 }],
    ['不少于5张', { photos: 5 }],
    ['活动照片不少于五张', { photos: 5 }],
    ['图片不少于10幅', { photos: 10 }],
    ['3–5张实景图片', { photos: 3 }],
    ['提供照片3至5张', { photos: 3 }],
    ['至少7篇报道', { reports: 7 }],
    ['宣传报道3篇以上', { reports: 3 }],
    ['每年不少于5次活动', { activities: 5 }],
    ['开展活动两次', { activities: 2 }],
    ['每年举办十二场讲座', { activities: 12 }],
  ])('reads %s', (text, expected) => {
    expect(counts(text)).toEqual(expected);
  });

  it('does not count characters as material: 300–500字', () => {
    expect(counts('300–500字说明报告')).toEqual({ 'type:报告': 1 });
    expect(counts('提供300字以上说明')).toEqual({});
  });

  it('reads the combined 说明报告 + 实景图片 requirement', () => {
    expect(counts('提供说明报告1份（300–500字）及3–5张实景图片')).toEqual({ photos: 3, 'type:报告': 1 });
  });

  it('turns a count per month or quarter into a count per year', () => {
    expect(counts('每季度开展1次志愿服务活动')).toEqual({ activities: 4 });
    expect(counts('每月至少开展1次文明实践活动')).toEqual({ activities: 12 });
    // The larger of two statements of the same need wins.
    expect(counts('每月至少开展1次文明实践活动，全年不少于15次活动')).toMatchObject({ activities: 15 });
  });

  it('counts pieces of a named type: 会议记录2份', () => {
    expect(counts('会议记录2份')).toEqual({ 'type:记录': 2 });
    expect(counts('提供制度文本1份')).toEqual({ 'type:制度': 1 });
  });

  it('lists the record types an activity rule names, once each', () => {
    expect(counts('每次活动有方案、有签到、有照片、有总结')).toEqual({ 'type:方案': 1, 'type:签到表': 1, 'type:照片': 1, 'type:总结': 1 });
    // A photo count already says photos are needed.
    expect(counts('有方案，照片不少于5张')).toEqual({ 'type:方案': 1, photos: 5 });
    // A register of records is a 台账, not minutes.
    expect(counts('有服务记录台账')).toEqual({ 'type:台账': 1 });
  });

  it('finds nothing in text without counts or material words', () => {
    expect(parseRequirementQuantities('')).toEqual([]);
    expect(counts('12345热线宣传到位')).toEqual({});
    expect(counts('设置公益广告不少于10处')).toEqual({});
    expect(counts('2024年开展')).toEqual({});
  });

  it('keeps the words each quantity came from', () => {
    const [q] = parseRequirementQuantities('活动照片不少于5张');
    expect(q?.source).toBe('5张');
  });
});
