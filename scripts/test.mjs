#!/usr/bin/env node
// `npm test`: type-check, lint (with the layer rules), then every vitest suite.
// Ends with one line "N passed, N failed" that counts each check and each test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;

function step(label, command, args) {
  process.stdout.write(`\n== ${label} ==\n`);
  const r = spawnSync(command, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  if (ok) passed += 1;
  else failed += 1;
  process.stdout.write(`${ok ? 'ok' : 'FAILED'}: ${label}\n`);
  return ok;
}

if (extra.length === 0) {
  step('typecheck (tsc)', bin('tsc'), ['-p', 'tsconfig.json']);
  step('lint (eslint, layer rules)', bin('eslint'), ['--max-warnings=0', '.']);
  step('typecheck the Electron shell (electron/tsconfig.shell.json)', bin('tsc'), ['-p', 'electron/tsconfig.shell.json']);
  step('Electron security scan (electronegativity)', process.execPath, ['scripts/electronegativity.mjs']);
}

mkdirSync('test-artifacts', { recursive: true });
const report = 'test-artifacts/vitest.json';
rmSync(report, { force: true });
process.stdout.write('\n== vitest ==\n');
const v = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  stdio: 'inherit',
});
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  // A suite that fails to load has no failed tests of its own; count it once.
  const brokenSuites = (json.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed += json.numFailedTests + brokenSuites;
  if (json.numPendingTests > 0 || json.numTodoTests > 0) {
    process.stdout.write(`skipped tests are not allowed in CI: ${json.numPendingTests + json.numTodoTests}\n`);
    failed += json.numPendingTests + json.numTodoTests;
  }
} catch {
  process.stdout.write('vitest produced no report\n');
  failed += 1;
}
if (v.status !== 0 && failed === 0) failed += 1;

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
