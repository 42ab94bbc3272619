// Lint, including the layer rules: each layer imports only the layers below it.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'stream', 'stream/*', 'url', 'util', 'http', 'https', 'net', 'worker_threads', 'zlib', 'events', 'buffer'];
const nodeOnlyPackages = ['better-sqlite3', 'sharp', 'exceljs', 'pdf-lib', '@pdf-lib/*', 'subset-font', 'pdfjs-dist', 'pdfjs-dist/*', 'mammoth', 'exifr', 'heic-convert', 'yazl', 'yauzl', 'commander', 'tsx', 'tsx/*'];

const layer = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

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
  {
    files: ['electron/preload/**/*.ts'],
    rules: layer([...nodeBuiltins, ...nodeOnlyPackages, '**/core/**', '**/renderer/**'], 'The preload only bridges the typed API; it holds no core logic.'),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.test.ts', '**/*.test.tsx', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
