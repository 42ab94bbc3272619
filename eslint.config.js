// Lint, including the layer rules: each layer imports only the layers below it.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'stream', 'stream/*', 'url', 'util', 'http', 'https', 'net', 'worker_threads', 'zlib', 'events', 'buffer'];
const nodeOnlyPackages = ['better-sqlite3', 'sharp', 'exceljs', 'pdf-lib', '@pdf-lib/*', 'subset-font', 'pdfjs-dist', 'pdfjs-dist/*', 'mammoth', 'exifr', 'heic-convert', 'yazl', 'yauzl', 'commander', 'tsx', 'tsx/*', 'kysely', 'pg', 'fastify'];

/** Product code never depends on test code. */
const testOnly = [{ group: ['vitest', 'vitest/*', '**/testing/**', '**/test/**', 'fast-check'], message: 'Product code may not import tests, test helpers or test libraries.' }];

const layer = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }, ...testOnly] }],
});

/**
 * The core's domains, lowest first. A domain may import the domains on lower lines, never its own line or a higher
 * one, so there are no cycles between domains. Files at the core's root (handler-types, lazy-modules, resources) are
 * open to every domain. `npm run deps` prints the import graph this allows and checks it has no cycle.
 */
export const CORE_DOMAIN_LEVELS = [
  ['store'],
  ['files'],
  ['index'],
  ['search', 'archive'],
  ['records'],
  ['status', 'ledger', 'ocr'],
  ['archival', 'suggest'],
  ['binder', 'checklist'],
  ['backup'],
  ['integrity'],
  ['package'],
  ['api'],
  ['demo'],
];

const shells = ['cli', 'host', 'bridge', 'main', 'preload', 'hub'];
const relativeTo = (name) => [`../${name}/**`, `../../${name}/**`, `../../../${name}/**`].flatMap((p) => [p, p.replace(/\*\*$/, '*')]);

const domainRules = CORE_DOMAIN_LEVELS.flatMap((level, rank) =>
  level.map((domain) => {
    const above = CORE_DOMAIN_LEVELS.slice(rank).flat().filter((d) => d !== domain);
    return {
      files: [`electron/core/${domain}/**/*.ts`],
      ignores: ['**/*.test.ts', '**/testing/**'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...(above.length > 0
                ? [{ group: above.flatMap(relativeTo), message: `core/${domain} may import only the domains below it (CORE_DOMAIN_LEVELS in eslint.config.js).` }]
                : []),
              { group: shells.flatMap((s) => [`../../${s}/**`, `../../../${s}/**`]), message: 'The core never imports a shell (CLI, host, bridge, Electron).' },
              { group: ['electron', 'electron/*', 'react', 'react-dom', '**/renderer/**'], message: 'Only electron/main and electron/preload may import electron; the core runs in plain Node.' },
              ...testOnly,
            ],
          },
        ],
      },
    };
  }),
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'demo/**', 'release/**', 'test-artifacts/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'react-dom/*', ...nodeOnlyPackages, '**/electron/**', '**/renderer/**'],
      'shared/ is pure TypeScript: no Node, no DOM, no Electron, no other layer.',
    ),
    languageOptions: { globals: {} },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: layer(
      [...nodeBuiltins, 'electron', ...nodeOnlyPackages, '**/electron/**'],
      'renderer/ runs in the browser: it may import shared/ and browser packages only.',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: layer(['electron', 'electron/*', '**/renderer/**', 'react', 'react-dom'], 'Only electron/main and electron/preload may import electron; the core runs in plain Node.'),
  },
  ...domainRules,
  {
    // The statement cache holds in all the core: each SQL text is compiled once per connection, in store/sql.ts alone.
    // Tests may prepare raw SQL to build hostile fixtures.
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts'],
    ignores: ['**/*.test.ts', 'electron/core/store/sql.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare']",
          message:
            'Use the statement cache in electron/core/store/sql.ts (one, all, value, values, run, statement) instead of preparing SQL on every call.',
        },
      ],
    },
  },
  {
    // The hub is a server program of its own: it reads packages with the core's verify and file store, and is
    // driven by the CLI; it never imports a shell, the renderer or electron.
    files: ['electron/hub/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: layer(
      ['electron', 'electron/*', 'react', 'react-dom', '**/renderer/**', ...['cli', 'host', 'bridge', 'main', 'preload'].flatMap((s) => [`../${s}/**`, `../../${s}/**`])],
      'electron/hub may import shared/ and electron/core only.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: layer([...nodeBuiltins, ...nodeOnlyPackages, '**/core/**', '**/renderer/**'], 'The preload only bridges the typed API; it holds no core logic.'),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'scripts/**'],
    rules: { 'no-console': 'off', 'no-restricted-imports': 'off' },
  },
);
