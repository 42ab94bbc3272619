import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, safeFileName } from './safe-name.js';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Names as they arrive: Chinese titles, path parts, dots, reserved words, control and forbidden characters. */
const hostileName = fc
  .array(
    fc.oneof(
      fc.constantFrom('..', '.', '/', '\\', 'C:', 'CON', 'nul', 'com1', 'LPT2', ' ', '\u0000', '\u001f', '\u007f', ':', '*', '?', '"', '<', '>', '|', '.pdf', '.jpg'),
      fc.string({ unit: fc.constantFrom(...'活动照片签到表会议记录总结2024年3月5日abcXYZ-_（）【】 '.split('')), maxLength: 12 }),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('safeFileName (property)', () => {
  it('always yields one safe, non-empty Windows file name, and leaves safe names alone', () => {
    fc.assert(
      fc.property(hostileName, (raw) => {
        const { name, changes } = safeFileName(raw, '.pdf');
        expect(name.length).toBeGreaterThan(0);
        expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(name).not.toMatch(/[\\/<>:"|?*\u0000-\u001f\u007f]/);
        expect(name).not.toMatch(/[. ]$/);
        expect(name).not.toMatch(WINDOWS_RESERVED);
        expect(name).not.toBe('..');
        // As a path segment it stays inside whatever folder it is joined to.
        expect(path.dirname(path.join('/archive/export', name))).toBe('/archive/export');
        // Idempotent: a cleaned name needs no further cleaning.
        const again = safeFileName(name, '.pdf');
        expect(again.name).toBe(name);
        expect(again.changes).toEqual([]);
        if (changes.length === 0) expect(name).toBe(raw.normalize('NFC'));
      }),
      { numRuns: 3000 },
    );
  });
});
