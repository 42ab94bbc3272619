import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer and domain rules of eslint.config.js, tried on throwaway sources that are linted as if they sat at the
 * given path (nothing is written into the tree).
 */
const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import rules', () => {
  it('refuses an import from a lower domain up into a higher one', async () => {
    const messages = await restrictedImports('electron/core/store/lint-probe.ts', "import { planBinder } from '../binder/planner.js';\nexport const x = planBinder;\n");
    expect(messages.join('\n')).toMatch(/core\/store may import only the domains below it/);
  });

  it('refuses an import sideways between domains of one level, also from a sub-folder', async () => {
    expect(await restrictedImports('electron/core/status/lint-probe.ts', "import { x } from '../ledger/ledger.js';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/core/binder/pages/lint-probe.ts', "import { x } from '../../checklist/data.js';\nexport const y = x;\n")).toHaveLength(1);
  });

  it('lets a domain import the domains below it and the shared layer', async () => {
    const code = "import { x } from '../../records/list.js';\nimport type { T } from '../../../../shared/api/records.js';\nexport const y: T = x;\n";
    expect(await restrictedImports('electron/core/binder/pages/lint-probe.ts', code)).toEqual([]);
  });

  it('keeps tests, test helpers and shells out of product code', async () => {
    const testCode = /Product code may not import tests/;
    const probe = (file: string, from: string): Promise<string> => restrictedImports(file, `import { x } from '${from}';\nexport const y = x;\n`).then((m) => m.join('\n'));
    expect(await probe('electron/core/records/lint-probe.ts', 'vitest')).toMatch(testCode);
    expect(await probe('electron/core/records/lint-probe.ts', '../../../test/support/temp.js')).toMatch(testCode);
    expect(await probe('electron/core/records/lint-probe.ts', './testing/fixtures.js')).toMatch(testCode);
    expect(await probe('renderer/lint-probe.ts', '../test/support/temp.js')).toMatch(testCode);
    expect(await probe('shared/lint-probe.ts', 'vitest')).toMatch(testCode);
    expect(await probe('electron/core/records/lint-probe.ts', '../../cli/io.js')).toMatch(/The core never imports a shell/);
  });

  it('finds no cycle between the core domains in the real tree (npm run deps)', () => {
    const out = execFileSync(process.execPath, ['scripts/domain-graph.mjs'], { encoding: 'utf8' });
    expect(out).toMatch(/no cycles, every import goes down/);
  });
});

describe('the statement cache', () => {
  async function prepares(filePath: string): Promise<string[]> {
    const code = "import type { Db } from '../store/database.js';\nexport const count = (db: Db): unknown => db.prepare('SELECT 1').get();\n";
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  }

  it('refuses .prepare() anywhere in the core and the host, test helpers included', async () => {
    for (const file of ['electron/core/integrity/lint-probe.ts', 'electron/core/search/lint-probe.ts', 'electron/core/store/migrations/lint-probe.ts', 'electron/core/binder/testing/lint-probe.ts', 'electron/host/lint-probe.ts']) {
      expect((await prepares(file)).join('\n'), file).toMatch(/statement cache in electron\/core\/store\/sql\.ts/);
    }
  });

  it('allows it in the cache itself and in tests, which may build hostile fixtures with raw SQL', async () => {
    expect(await prepares('electron/core/store/sql.ts')).toEqual([]);
    expect(await prepares('electron/core/integrity/lint-probe.test.ts')).toEqual([]);
  });
});
