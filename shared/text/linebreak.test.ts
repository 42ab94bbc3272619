import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceLines, breakLines, CLOSING_PUNCTUATION, lineWidth, OPENING_PUNCTUATION, type Measure } from './linebreak.js';

/** Full-width characters take 1 unit, Latin letters and digits 0.55, spaces 0.3: additive like a real font. */
const measure: Measure = (text) => {
  let w = 0;
  for (const ch of text) w += /[\x20-\x7e]/.test(ch) ? (ch === ' ' ? 0.3 : 0.55) : 1;
  return w;
};

const hanzi = fc.constantFrom(...'创建文明城市社区志愿服务活动方案签到照片总结记录道德讲堂');
const closing = fc.constantFrom(...'，。、；：？！）》」』】');
const opening = fc.constantFrom(...'（《「『【');
const latinWord = fc.stringMatching(/^[A-Za-z0-9]{1,6}$/);
const space = fc.constant(' ');

/** Any mix, including long runs of punctuation and long words. */
const anyText = fc
  .array(fc.oneof(hanzi, closing, opening, latinWord, space, fc.stringMatching(/^[A-Za-z0-9.\-/]{1,30}$/)), { maxLength: 80 })
  .map((parts) => parts.join(''));

/** Text where every unbreakable run is short: at most two punctuation marks in a row, words of up to six letters. */
const proseText = fc
  .array(
    fc.tuple(fc.option(opening, { nil: '' }), fc.oneof(hanzi, hanzi, latinWord), fc.option(closing, { nil: '' }), fc.option(space, { nil: '' })),
    { maxLength: 60 },
  )
  .map((parts) => parts.map((p) => p.join('')).join(''));

function wordsOf(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/[A-Za-z0-9]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

describe('breakLines', () => {
  it('gives back the text, and no line is wider than the width unless it holds a single character', () => {
    fc.assert(
      fc.property(anyText, fc.double({ min: 0.5, max: 30, noNaN: true }), (text, width) => {
        const lines = breakLines(text, width, measure);
        expect(lines.join('')).toBe(text);
        for (const line of lines) {
          if ([...line.trimEnd()].length > 1) expect(lineWidth(line, measure)).toBeLessThanOrEqual(width);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    fc.assert(
      fc.property(proseText, fc.double({ min: 6, max: 40, noNaN: true }), (text, width) => {
        const lines = breakLines(text, width, measure);
        expect(lines.join('')).toBe(text);
        lines.forEach((line, i) => {
          const trimmed = line.trimEnd();
          if (i > 0 && line.length > 0) expect(CLOSING_PUNCTUATION.has([...line][0]!)).toBe(false);
          if (i < lines.length - 1 && trimmed.length > 0) expect(OPENING_PUNCTUATION.has([...trimmed].at(-1)!)).toBe(false);
          expect(lineWidth(line, measure)).toBeLessThanOrEqual(width);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('does not cut a Latin word or number that fits on a line', () => {
    fc.assert(
      fc.property(proseText, fc.double({ min: 6, max: 40, noNaN: true }), (text, width) => {
        const lines = breakLines(text, width, measure);
        const cuts = new Set<number>();
        let at = 0;
        for (const line of lines.slice(0, -1)) cuts.add((at += line.length));
        // A word may be cut to keep 避头尾 when, with the punctuation glued to it (one mark each side here), it is wider
        // than the line; every other word stays whole.
        for (const word of wordsOf(text).filter((w) => measure(text.slice(w.start, w.end)) + 2 <= width)) {
          for (let k = word.start + 1; k < word.end; k += 1) expect(cuts.has(k)).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('wraps Chinese per character and keeps punctuation with the character before it', () => {
    // Nine characters fit, but the comma may not open the second line, so 愿 moves down with it.
    expect(breakLines('关于开展学雷锋志愿，服务活动的通知', 9, measure)).toEqual(['关于开展学雷锋志', '愿，服务活动的通知']);
    expect(breakLines('社区（居委会）召开会议', 3, measure)).toEqual(['社区', '（居委', '会）召', '开会议']);
  });

  it('keeps a short bracketed group on one line, and cuts one only when it alone is wider than the line', () => {
    expect(breakLines('关于社区（示例）活动', 6, measure)).toEqual(['关于社区', '（示例）活动']);
    expect(breakLines('示例社〔2026〕12号文', 7, measure)).toEqual(['示例社', '〔2026〕12号', '文']);
    expect(breakLines('（一二三四五六七八九十一二）', 6, measure).join('')).toBe('（一二三四五六七八九十一二）');
  });

  it('balances lines, leaving none with one or two characters, and can break only between words', () => {
    const title = '示例街道文明社区居委会2024年度思想道德建设创建材料';
    const natural = breakLines(title, 20, measure);
    expect(natural.at(-1)!.length).toBeLessThan(8);
    const balanced = balanceLines(title, 20, measure);
    expect(balanced).toHaveLength(natural.length);
    const widths = balanced.map((l) => measure(l));
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(3);
    expect(balanced.join('')).toBe(title);
    expect(balanceLines('居委会2024年度创建材料', 8, measure, { words: true })).toEqual(['居委会2024年度', '创建材料']);
    expect(breakLines('志愿服务活动', 5, measure)).toEqual(['志愿服务活', '动']);
    expect(breakLines('志愿服务活动', 5, measure, { words: true })).toEqual(['志愿服务', '活动']);
    expect(breakLines('新时代文明实践站', 4, measure, { words: true })).toEqual(['新时代', '文明实践', '站']);
    expect(balanceLines('新时代文明实践站', 4, measure, { words: true })).toEqual(['新时代', '文明', '实践站']);
  });

  it('keeps numbers and codes whole and cuts a word only when it alone is wider than the line', () => {
    expect(breakLines('档号Z001-2024-D10的案卷', 8, measure)).toEqual(['档号', 'Z001-2024-D10', '的案卷']);
    const lines = breakLines('第2024年3.5期', 4, measure);
    expect(lines.join('')).toBe('第2024年3.5期');
    expect(lines.some((l) => l.includes('2024'))).toBe(true);
    expect(lines.some((l) => l.includes('3.5'))).toBe(true);
    // Too wide as a whole, a code is cut after its hyphens before it is cut anywhere else.
    expect(breakLines('WMSQ-2024-07', 6, measure)).toEqual(['WMSQ-2024-', '07']);
    expect(breakLines('WMSQ-2024-07', 3, measure)).toEqual(['WMSQ-', '2024-', '07']);
    const long = breakLines('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 5, measure);
    expect(long.join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(long.every((l) => measure(l) <= 5)).toBe(true);
  });

  it('treats newlines as hard breaks and lets spaces hang', () => {
    expect(breakLines('第一行\n第二行', 10, measure)).toEqual(['第一行', '第二行']);
    expect(breakLines('a\r\n\r\nb', 10, measure)).toEqual(['a', '', 'b']);
    expect(breakLines('hello world again', 3.5, measure)).toEqual(['hello ', 'world ', 'again']);
    expect(breakLines('', 10, measure)).toEqual(['']);
  });
});
