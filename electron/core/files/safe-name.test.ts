import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, safeFileName, splitExtension } from './safe-name.js';

describe('safeFileName', () => {
  it('keeps ordinary Chinese names as they are', () => {
    expect(safeFileName('2024-03-05 学雷锋活动方案（定稿）.pdf')).toEqual({ name: '2024-03-05 学雷锋活动方案（定稿）.pdf', changes: [] });
  });

  it.each([
    ['CON', 'CON_'],
    ['nul.txt', 'nul_.txt'],
    ['com1.tar.gz', 'com1_.tar.gz'],
    ['LPT9.pdf', 'LPT9_.pdf'],
    ['a:b|c*d?.pdf', 'a_b_c_d_.pdf'],
    ['"引号".pdf', '_引号_.pdf'],
    ['name. ', 'name'],
    ['  .hidden.pdf', 'hidden.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\system32\\x.pdf', 'x.pdf'],
    ['/abs/path/y.jpg', 'y.jpg'],
    ['bell\u0007\u001f.pdf', 'bell.pdf'],
    ['...', '未命名'],
    ['.pdf', 'pdf'],
  ])('%j becomes %j', (raw, safe) => {
    const result = safeFileName(raw);
    expect(result.name).toBe(safe);
    expect(result.changes.length).toBeGreaterThan(0);
  });

  it('shortens over-long names by characters, keeping the extension', () => {
    const { name, changes } = safeFileName(`${'长'.repeat(300)}.docx`);
    expect([...name]).toHaveLength(MAX_NAME_LENGTH);
    expect(name.endsWith('长.docx')).toBe(true);
    expect(changes.join()).toMatch(/过长/);
  });

  it('splits extensions the way people read them', () => {
    expect(splitExtension('方案.final.pdf')).toEqual({ stem: '方案.final', ext: '.pdf' });
    expect(splitExtension('2024.3.5 活动')).toEqual({ stem: '2024.3.5 活动', ext: '' });
    expect(splitExtension('.bashrc')).toEqual({ stem: '.bashrc', ext: '' });
  });
});
