import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A newcomer who opens "server.ts" or "years.ts" should know which one it is. Product files have distinct base names,
 * except a domain's own name across layers (shared/api/ledger.ts, core/ledger/ledger.ts, cli/commands/ledger.ts), the
 * two role files every domain may have: handlers.ts (its method map) and repository.ts (its SQL), and the files of a
 * database's migrations folder (the archive's in core/store, the hub's), named by version and role alike.
 */
const ROLE_FILES = new Set(['handlers.ts', 'repository.ts']);
const MIGRATION_FILE = /\/migrations\/(\d{3}-[a-z0-9-]+|migration|all)\.ts$/;

function productFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'electron', 'shared', 'renderer'], { encoding: 'utf8' });
  return listed
    .split('\n')
    .filter((f) => /\.tsx?$/.test(f))
    .filter((f) => !/\.test\.tsx?$/.test(f) && !f.includes('/testing/') && !f.endsWith('.d.ts'));
}

/** The domain a file is named after, when it sits where that domain's files sit in some layer. */
function domainNamed(file: string): string | null {
  const base = path.basename(file).replace(/\.tsx?$/, '');
  const dir = path.dirname(file);
  const isDomainHome =
    dir === 'shared/api' ||
    dir === 'electron/cli/commands' ||
    dir === `electron/core/${base}` ||
    dir === `electron/${base}` ||
    dir === `renderer/screens/${base}`;
  return isDomainHome ? base : null;
}

describe('file names', () => {
  it('gives no two product files the same base name, apart from domain names and role files', () => {
    const byName = new Map<string, string[]>();
    for (const file of productFiles()) {
      const base = path.basename(file);
      if (ROLE_FILES.has(base) || MIGRATION_FILE.test(file) || domainNamed(file)) continue;
      byName.set(base, [...(byName.get(base) ?? []), file]);
    }
    const repeated = [...byName.entries()].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(repeated).toEqual([]);
  });

  it('keeps a domain name for that domain: a file named after a domain sits in that domain or its layer homes', () => {
    const domains = new Set(productFiles().filter((f) => f.startsWith('electron/core/')).map((f) => f.split('/')[2]!).filter((d) => !d.endsWith('.ts')));
    const strays = productFiles().filter((f) => {
      const base = path.basename(f).replace(/\.tsx?$/, '');
      return domains.has(base) && !domainNamed(f) && !ROLE_FILES.has(path.basename(f));
    });
    expect(strays).toEqual([]);
  });
});
