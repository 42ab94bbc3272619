import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePreviewPath, PREVIEW_VARIANTS } from './preview.js';

const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 64, maxLength: 64 });

describe('preview paths (property)', () => {
  it('accepts exactly "<sha256>[/variant]" and nothing that could name another file', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('..', '/', '\\', '%2e', '%2f', '%5c', '.', 'files', 'derived', '~', '\u0000', 'C:'), hex, fc.constantFrom(...PREVIEW_VARIANTS), fc.string({ maxLength: 8 })), { maxLength: 8 }),
        (parts) => {
          const raw = parts.join('');
          const parsed = parsePreviewPath(raw);
          if (parsed === null) return;
          // Whatever is accepted is rebuilt from a bare hash and a known variant: no traversal can survive.
          expect(parsed.sha256).toMatch(/^[0-9a-f]{64}$/);
          expect(PREVIEW_VARIANTS).toContain(parsed.variant);
          expect(raw.replace(/^\//, '')).toMatch(/^[0-9a-f]{64}(\/(file|thumb|print))?$/);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('accepts every well-formed path', () => {
    fc.assert(
      fc.property(hex, fc.option(fc.constantFrom(...PREVIEW_VARIANTS), { nil: undefined }), fc.boolean(), (sha, variant, slash) => {
        const raw = `${slash ? '/' : ''}${sha}${variant ? `/${variant}` : ''}`;
        expect(parsePreviewPath(raw)).toEqual({ sha256: sha, variant: variant ?? 'file' });
      }),
      { numRuns: 2000 },
    );
  });
});
