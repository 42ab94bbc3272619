import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STATIC_TEXT } from './characters.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('the characters fonts are subset to', () => {
  it('cover every non-ASCII character in the wording of the binder code', () => {
    const missing = new Set<string>();
    for (const file of sources(here)) {
      // Comments are not printed; everything else (string literals) may be.
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '').replace(/\s\/\/ .*$/gm, '');
      for (const ch of code) if (ch.codePointAt(0)! > 0x7f && !STATIC_TEXT.includes(ch)) missing.add(ch);
    }
    expect([...missing].join(''), 'add these to STATIC_TEXT').toBe('');
  });
});
