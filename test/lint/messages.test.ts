import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { splitMessage } from '../../shared/errors.js';
import { isClerkLatin } from '../support/clerk-latin.js';

/**
 * Every string with Chinese in product code, read the way the window reads it (shared/errors.ts): a joined
 * "中文 / English" string, a Chinese-only one, and every `{ zh, en }` pair must split cleanly. No English left in the
 * Chinese, no Chinese in the English, no value that only the English names. A message written otherwise fails here,
 * before a clerk sees half a sentence of English.
 */
const ROOTS = ['electron', 'shared', 'renderer'];
/**
 * Printed as written, both languages and option names on purpose: the CLI, the bridge's console and the demo (run by
 * the CLI and the benchmark); and the sample material the demo draws. The hub's pages are HTML templates whose
 * Chinese is UI text, not messages.
 */
const PRINTED_AS_IS = [
  path.join('electron', 'cli'), path.join('electron', 'bridge', 'serve.ts'), path.join('electron', 'core', 'demo'), path.join('electron', 'hub', 'pages.ts'),
];
/** Strings with Chinese that are not messages: SQL, spreadsheet formulas, and the program's name as a producer. */
const NOT_A_MESSAGE = /\b(SELECT|INSERT|CREATE|UPDATE|DELETE FROM|WHERE)\b|^(COUNTA|COUNTIFS?|SUMIFS?|IF)\(|^台账 Taizhang|^Taizhang 台账/;
const CJK = /[\u3400-\u9fff]/;
const PLACEHOLDER = /\$\{…\}/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (PRINTED_AS_IS.includes(full)) return [];
    if (entry.isDirectory()) return entry.name === 'testing' || entry.name === 'node_modules' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** A literal's text with each `${…}` written as `${…}`; literals joined by `+` (a long message over two lines) as one. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `\${…}${s.literal.text}`).join('');
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalText(node.left);
    const right = literalText(node.right);
    return left !== null && right !== null ? left + right : null;
  }
  return null;
}

interface Found {
  where: string;
  text: string;
  zh: string;
  en: string;
}

function collect(): { strings: Found[]; pairs: Found[] } {
  const strings: Found[] = [];
  const pairs: Found[] = [];
  for (const file of ROOTS.flatMap(sources)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    /** The English halves of `{ zh, en }` pairs, checked as such rather than as Chinese. */
    const english = new Set<ts.Node>();
    const visit = (node: ts.Node): void => {
      const text = literalText(node);
      if (text !== null && CJK.test(text) && !NOT_A_MESSAGE.test(text) && !english.has(node)) {
        strings.push({ where: where(node), text, ...splitMessage(text) });
      }
      // The parts of a joined message are not messages of their own.
      if (text !== null && ts.isBinaryExpression(node)) return;
      if (ts.isObjectLiteralExpression(node)) {
        const prop = (name: string): ts.Expression | undefined =>
          node.properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && x.name.getText(source) === name)?.initializer;
        const enNode = prop('en');
        if (enNode) english.add(enNode);
        const zhNode = prop('zh');
        const zh = zhNode ? literalText(zhNode) : null;
        const en = enNode ? literalText(enNode) : null;
        if (zh !== null && en !== null) pairs.push({ where: where(node), text: `${zh} | ${en}`, zh, en });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { strings, pairs };
}

function latinIn(zh: string): string[] {
  // File extensions (".pdf") and GB/T, DA/T standards are part of Chinese prose.
  const words = zh.replace(PLACEHOLDER, ' ').replace(/[#.][A-Za-z]\w*|\b(GB|DA)\/T\b/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
  // Capitals of two to four letters are codes and format names ("如 WS", "JPG"), which the window shows as they are.
  return words.filter((w) => !isClerkLatin(w) && !/^[A-Z]{2,4}$/.test(w));
}

/** What is wrong with one message as the window would show it, or null. */
function problem(m: Found): string | null {
  if (latinIn(m.zh).length > 0) return `English in the Chinese: ${latinIn(m.zh).join(' ')}`;
  // The English may repeat a Chinese value ("秘密, 机密") or a rename field ("{活动}"); Chinese of its own is lost on the window.
  const chineseRuns = m.en.replace(PLACEHOLDER, '').replace(/\{[^{}]*\}/g, '').match(/[\u3400-\u9fff]+/g) ?? [];
  if (chineseRuns.some((run) => !m.zh.includes(run))) return 'Chinese in the English';
  if (/\/\s*$/.test(m.zh)) return 'a separator left in the Chinese';
  if ((m.en.match(PLACEHOLDER) ?? []).length > 0 && (m.zh.match(PLACEHOLDER) ?? []).length === 0) return 'a value only the English names';
  return null;
}

const found = collect();

describe('every message splits into Chinese for the window and English for the CLI', () => {
  it('finds the messages it reads (the scan itself works)', () => {
    expect(found.strings.filter((m) => m.en !== '').length).toBeGreaterThan(200);
    expect(found.pairs.length).toBeGreaterThan(3);
  });

  it.each([
    ['strings, joined "中文 / English" or Chinese only', 'strings'],
    ['{ zh, en } pairs', 'pairs'],
  ] as const)('%s', (_label, kind) => {
    const bad = found[kind]
      .map((m) => ({ m, why: problem(m) }))
      .filter((x) => x.why !== null)
      .map((x) => `${x.m.where}  ${x.why}\n    ${x.m.text}\n    → ${x.m.zh}`);
    expect(bad, bad.join('\n')).toEqual([]);
  });

  it('catches the forms that used to slip through', () => {
    const probe = (text: string): string | null => problem({ where: 'probe', text, ...splitMessage(text) });
    expect(probe('年度应为四位数字 / year must be 4 digits：${…}')).toBe('a value only the English names');
    expect(probe('请先运行 init 创建 / No archive')).toMatch(/English in the Chinese: init/);
    expect(probe('文件是空的（0 字节）/ The file is empty')).toBeNull();
    expect(probe('扩展名是 .pdf，但内容不是 PDF / Not a PDF')).toBeNull();
  });
});
