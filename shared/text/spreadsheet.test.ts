import { describe, expect, it } from 'vitest';
import { escapeCell, MAX_CELL_TEXT } from './spreadsheet.js';

describe('escapeCell', () => {
  it('keeps formula-like text exactly, as text', () => {
    for (const text of ['=1+1', '+86 社区', '-0.5', '@街道', '=HYPERLINK("http://x","y")']) expect(escapeCell(text)).toBe(text);
  });

  it('turns numbers, booleans and missing values into strings', () => {
    expect(escapeCell(12)).toBe('12');
    expect(escapeCell(true)).toBe('true');
    expect(escapeCell(null)).toBe('');
    expect(escapeCell(undefined)).toBe('');
  });

  it('drops characters that would corrupt the workbook, keeping tabs, line breaks and emoji', () => {
    expect(escapeCell('照片\u0000\u0007\u001f5张\t\n\r')).toBe('照片5张\t\n\r');
    expect(escapeCell('a\uD800b\uDC00c\uFFFE')).toBe('abc');
    expect(escapeCell('活动😀')).toBe('活动😀');
  });

  it('cuts text at the cell limit without splitting a surrogate pair', () => {
    expect(escapeCell('字'.repeat(MAX_CELL_TEXT + 10))).toHaveLength(MAX_CELL_TEXT);
    const cut = escapeCell(`${'a'.repeat(MAX_CELL_TEXT - 1)}😀`);
    expect(cut).toBe('a'.repeat(MAX_CELL_TEXT - 1));
  });
});
