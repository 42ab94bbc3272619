import { describe, expect, it } from 'vitest';
import { middleEllipsis } from './format.js';

describe('middle ellipsis of a file name', () => {
  const width = (s: string) => [...s].reduce((n, c) => n + (/[\u2e80-\u9fff\uff00-\uff60]/.test(c) ? 2 : 1), 0);

  it('leaves a short name alone', () => {
    expect(middleEllipsis('IMG_20250305_093012.jpg', 40)).toBe('IMG_20250305_093012.jpg');
  });

  it('keeps the start and the extension of a long name within the width', () => {
    const name = 'mmexport1709612345678_from_the_group_chat_of_the_volunteers_team_2025.jpg';
    const cut = middleEllipsis(name, 30);
    expect(cut).toContain('…');
    expect(width(cut)).toBeLessThanOrEqual(30);
    expect(cut.startsWith('mmexport17')).toBe(true);
    expect(cut.endsWith('2025.jpg')).toBe(true);
  });

  it('counts Chinese characters as two columns and never splits a character', () => {
    const name = `微信图片_20250305093012${'学雷锋志愿服务活动现场照片'.repeat(4)}.jpg`;
    const cut = middleEllipsis(name, 24);
    expect(width(cut)).toBeLessThanOrEqual(24);
    expect(cut.endsWith('.jpg')).toBe(true);
    const emoji = middleEllipsis(`${'😀'.repeat(30)}.jpg`, 20);
    expect([...emoji].every((c) => c === '…' || c === '😀' || '.jpg'.includes(c))).toBe(true);
  });
});
