import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { anyOfExpression, matchExpression, parseQuery } from '../../../shared/text/search-query.js';
import { toIndexText } from '../../../shared/text/tokens.js';
import { tempCore } from '../../../test/support/temp.js';
import type { Statement } from 'better-sqlite3';

describe('search queries from random input (property)', () => {
  // The index of a real archive, so the expressions are checked against the table the app queries.
  let run: Statement;
  beforeEach(async () => {
    const { db } = (await tempCore()).archive;
    db.prepare('INSERT INTO search_index(rowid, title, body) VALUES (1, ?, ?)').run(
      toIndexText('学雷锋活动签到表'),
      toIndexText('鼓委文明办〔2011〕1号 "NEAR" AND OR * ^ -'),
    );
    run = db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ?');
  });

  const syntaxy = fc.constantFrom('"', '“', '”', '「', '-', '－', '(', ')', '*', '^', ':', '：', '{', '}', 'AND', 'OR', 'NOT', 'NEAR', ' ', '\u3000', 'type:', 'year:', '签', '到', '〔', '1', 'a', '\uE000', '\uD800', '\u0300');
  const inputs = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(syntaxy, { maxLength: 20 }).map((parts) => parts.join('')),
  );

  it('never throws, and every expression it builds is valid for SQLite', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const q = parseQuery(input);
        for (const expression of [matchExpression(q), anyOfExpression(q.excluded)]) {
          if (expression !== null) run.all(expression);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a stored text by any substring of it', () => {
    const text = '学雷锋活动签到表';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 1, max: text.length }), (start, length) => {
        const term = text.slice(start, start + length);
        const expression = matchExpression(parseQuery(term));
        expect(expression).not.toBeNull();
        expect(run.all(expression as string)).toEqual([{ rowid: 1 }]);
      }),
    );
  });
});
