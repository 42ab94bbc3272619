import { describe, expect, it } from 'vitest';
import { BOUNDARY, phraseTokens, termPattern, toIndexText, toPhrase } from './tokens.js';

const B = BOUNDARY;

describe('index text', () => {
  it('spaces Chinese characters apart and keeps Latin words and numbers whole', () => {
    expect(toIndexText('学雷锋Volunteer活动2024年')).toBe('学 雷 锋 Volunteer 活 动 2024 年');
  });

  it('turns a run of punctuation into one boundary and drops whitespace', () => {
    expect(toIndexText('鼓委文明办〔2011〕1号')).toBe(`鼓 委 文 明 办 ${B} 2011 ${B} 1 号`);
    expect(toIndexText('活动，签到')).toBe(`活 动 ${B} 签 到`);
    expect(toIndexText('签到\n表')).toBe('签 到 表');
    expect(toIndexText('甲 。 ，乙')).toBe(`甲 ${B} 乙`);
  });

  it('never starts or ends with a boundary', () => {
    expect(toIndexText('“签到表。”')).toBe('签 到 表');
    expect(toIndexText('。，！')).toBe('');
  });

  it('normalises full-width digits and Kangxi radicals (as PDF extraction yields them)', () => {
    expect(toIndexText('２０２４年')).toBe('2024 年');
    // U+2F00 KANGXI RADICAL ONE is U+4E00 一 after NFKC.
    expect(toIndexText('\u2F00')).toBe('一');
  });

  it('keeps characters outside the basic plane whole', () => {
    expect(toIndexText('𠀀x')).toBe('𠀀 x');
  });

  it('treats private-use input as punctuation, so the boundary token cannot be searched for', () => {
    expect(toIndexText(`甲${B}乙`)).toBe(`甲 ${B} 乙`);
    expect(toPhrase(B)).toBeNull();
  });
});

describe('phrases', () => {
  it('drops punctuation at the ends of a term and keeps it inside', () => {
    expect(phraseTokens('〔2011〕1号')).toEqual(['2011', B, '1', '号']);
    expect(toPhrase('签到')).toBe('"签 到"');
    expect(toPhrase('  ')).toBeNull();
  });
});

describe('term patterns', () => {
  const find = (term: string, text: string): string | null => {
    const pattern = termPattern(term);
    return pattern ? (text.match(pattern)?.[0] ?? null) : null;
  };

  it('finds Chinese across line breaks, as the index does', () => {
    expect(find('签到表', '活动签到\n表一份')).toBe('签到\n表');
  });

  it('does not find characters separated by punctuation', () => {
    expect(find('动签', '活动，签到')).toBeNull();
  });

  it('matches punctuation with any punctuation', () => {
    expect(find('〔2011〕1号', '鼓委文明办[2011]1号')).toBe('2011]1号');
  });

  it('matches Latin words and numbers whole, ignoring case', () => {
    expect(find('1号', '〔2011〕21号')).toBeNull();
    expect(find('1号', '〔2011〕1号')).toBe('1号');
    expect(find('pdf', '扫描件.PDF')).toBe('PDF');
    expect(find('pd', '扫描件.PDF')).toBeNull();
  });
});
