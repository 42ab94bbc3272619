import { describe, expect, it } from 'vitest';
import { compareNames } from './name-order.js';

describe('compareNames', () => {
  it('orders by pinyin, and numbers by value', () => {
    expect(['第12社区', '第2社区', '第1社区'].sort(compareNames)).toEqual(['第1社区', '第2社区', '第12社区']);
    // 东风 (dōng) < 和平 (hé) < 胜利 (shèng), whatever their code points say.
    expect(['胜利社区', '和平社区', '东风社区'].sort(compareNames)).toEqual(['东风社区', '和平社区', '胜利社区']);
    expect(['IMG_10.jpg', 'IMG_9.jpg'].sort(compareNames)).toEqual(['IMG_9.jpg', 'IMG_10.jpg']);
  });
});
