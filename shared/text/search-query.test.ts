import { describe, expect, it } from 'vitest';
import { anyOfExpression, isEmptyQuery, matchExpression, parseQuery } from './search-query.js';
import { BOUNDARY as B } from './tokens.js';

describe('query parser', () => {
  it('splits terms at whitespace, including the full-width space', () => {
    expect(parseQuery('签到  学雷锋\u3000总结').terms).toEqual(['签到', '学雷锋', '总结']);
  });

  it('keeps quoted phrases together, with ASCII and Chinese quotes', () => {
    expect(parseQuery('"志愿 服务" “道德 讲堂” 「市民 学校」').terms).toEqual(['志愿 服务', '道德 讲堂', '市民 学校']);
  });

  it('reads an unclosed quote to the end', () => {
    expect(parseQuery('签到 "学雷锋 活动').terms).toEqual(['签到', '学雷锋 活动']);
  });

  it('excludes -terms, and a lone minus is nothing', () => {
    const q = parseQuery('签到 -照片 －草稿 - -"旧 版"');
    expect(q.terms).toEqual(['签到']);
    expect(q.excluded).toEqual(['照片', '草稿', '旧 版']);
  });

  it('understands type, year and tag shortcuts in English and Chinese', () => {
    const q = parseQuery('type:照片 年度：2022-2024 tag:重点 标签:迎检 学雷锋');
    expect(q).toEqual({ terms: ['学雷锋'], excluded: [], type: '照片', years: [2022, 2024], tags: ['重点', '迎检'] });
    expect(parseQuery('year:2024').years).toEqual([2024, 2024]);
    expect(parseQuery('year:2024-2020').years).toEqual([2020, 2024]);
    expect(parseQuery('类型:签到').type).toBe('签到表');
  });

  it('searches for a shortcut it does not understand as text', () => {
    const q = parseQuery('type:文件 year:今年 "type:照片"');
    expect(q.type).toBeUndefined();
    expect(q.years).toBeUndefined();
    expect(q.terms).toEqual(['type:文件', 'year:今年', 'type:照片']);
  });

  it('drops terms with nothing to search for', () => {
    const q = parseQuery('，，， "" -。');
    expect(q.terms).toEqual([]);
    expect(isEmptyQuery(q)).toBe(true);
  });
});

describe('match expressions', () => {
  it('joins phrases with AND and excludes with NOT', () => {
    expect(matchExpression(parseQuery('签到 学雷锋'))).toBe('"签 到" AND "学 雷 锋"');
    expect(matchExpression(parseQuery('签到 -照片 -草稿'))).toBe('("签 到") NOT ("照 片" OR "草 稿")');
  });

  it('has no expression without required terms', () => {
    expect(matchExpression(parseQuery('-照片 type:照片'))).toBeNull();
    expect(anyOfExpression(parseQuery('-照片').excluded)).toBe('"照 片"');
  });

  it('quotes FTS5 syntax as plain words', () => {
    expect(matchExpression(parseQuery('NEAR(a b) OR title:x*'))).toBe(`"NEAR ${B} a" AND "b" AND "OR" AND "title ${B} x"`);
  });
});
