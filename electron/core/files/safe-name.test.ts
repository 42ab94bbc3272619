import { describe, expect, it } from 'vitest';
import { MAX_NAME_BYTES, MAX_NAME_LENGTH, safeFileName, splitExtension } from './safe-name.js';

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
    // A right-to-left override would show "照片exe.jpg"; the real extension stays in sight.
    ['照片\u202Egpj.exe', '照片gpj.exe'],
    ['方案\u2028.pdf', '方案.pdf'],
    ['总结\u200F\u2066.docx', '总结.docx'],
    ['CON .pdf', 'CON _.pdf'],
    ['AUX  .pdf', 'AUX  _.pdf'],
    ['CONIN$.pdf', 'CONIN$_.pdf'],
    ['...', '未命名'],
    ['.pdf', 'pdf'],
  ])('%j becomes %j', (raw, safe) => {
    const result = safeFileName(raw);
    expect(result.name).toBe(safe);
    expect(result.changes.length).toBeGreaterThan(0);
  });

  it('shortens over-long names to what file systems take, keeping the extension', () => {
    const { name, changes } = safeFileName(`${'长'.repeat(300)}.docx`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name.endsWith('长.docx')).toBe(true);
    expect(changes.join()).toMatch(/过长/);
    const latin = safeFileName(`${'a'.repeat(300)}.pdf`).name;
    expect([...latin]).toHaveLength(MAX_NAME_LENGTH);
    // 100 Chinese characters are 300 bytes: too long for ext4's 255.
    expect(Buffer.byteLength(safeFileName(`${'学'.repeat(100)}.jpg`).name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
  });

  it('splits extensions the way people read them', () => {
    expect(splitExtension('方案.final.pdf')).toEqual({ stem: '方案.final', ext: '.pdf' });
    expect(splitExtension('2024.3.5 活动')).toEqual({ stem: '2024.3.5 活动', ext: '' });
    expect(splitExtension('.bashrc')).toEqual({ stem: '.bashrc', ext: '' });
  });
});
