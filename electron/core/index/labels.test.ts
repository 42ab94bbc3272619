import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinNumbering, splitNumbering } from './labels.js';

describe('splitNumbering', () => {
  it.each([
    ['一、思想道德建设', '一、', '思想道德建设'],
    ['十二．公共文化', '十二．', '公共文化'],
    ['（一）新时代文明实践站', '（一）', '新时代文明实践站'],
    ['(1) 志愿服务站', '(1)', '志愿服务站'],
    ['（3）、道德讲堂', '（3）、', '道德讲堂'],
    ['1.实践站建设', '1.', '实践站建设'],
    ['1．实践站建设', '1．', '实践站建设'],
    ['2、学雷锋活动', '2、', '学雷锋活动'],
    ['3）公益广告', '3）', '公益广告'],
    ['1.2.3 志愿服务站规范运行', '1.2.3', '志愿服务站规范运行'],
    ['1.2志愿服务', '1.2', '志愿服务'],
    ['Ⅰ-1 廉洁高效的政务环境', 'Ⅰ-1', '廉洁高效的政务环境'],
    ['Ⅲ-12、未成年人', 'Ⅲ-12、', '未成年人'],
    ['Ⅱ公正公平的法治环境', 'Ⅱ', '公正公平的法治环境'],
    ['①标识标牌', '①', '标识标牌'],
    ['A. 基本指标', 'A.', '基本指标'],
    ['第二部分 特色指标', '第二部分', '特色指标'],
    ['4 社区环境', '4', '社区环境'],
  ])('splits %s', (text, label, title) => {
    expect(splitNumbering(text)).toEqual({ label, title });
  });

  it.each(['思想道德建设', '12345热线宣传', '5G网络覆盖', '十分重视', '2024年度总结', '一是加强宣传'])('leaves %s whole', (text) => {
    expect(splitNumbering(text)).toEqual({ label: '', title: text });
  });

  it('returns numbering without a title as an empty title', () => {
    expect(splitNumbering(' 一、 ')).toEqual({ label: '一、', title: '' });
  });

  it('reads back what joinNumbering writes for common numbering', () => {
    const labels = ['', '一、', '（一）', '(1)', '1.', '1）', '1、', 'Ⅰ-1', '1.2.3', '4', '①', 'A.'];
    const title = fc.stringMatching(/^[社区志愿服务宣传文明实践站][社区志愿服务宣传文明实践站0-9a-z ]{0,10}[社区站]$/);
    fc.assert(
      fc.property(fc.constantFrom(...labels), title, (label, t) => {
        expect(splitNumbering(joinNumbering(label, t))).toEqual({ label, title: t });
      }),
      { numRuns: 1000 },
    );
  });
});
