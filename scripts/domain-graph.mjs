#!/usr/bin/env node
// `npm run deps`: the import graph between the core's domains, read from the sources (tests and test helpers left
// out). Prints one line per domain with the domains it imports, then any cycle. Exits 1 on a cycle or on an import
// that CORE_DOMAIN_LEVELS in eslint.config.js does not allow.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CORE_DOMAIN_LEVELS } from '../eslint.config.js';

const core = path.resolve('electron/core');
const level = new Map(CORE_DOMAIN_LEVELS.flatMap((names, rank) => names.map((n) => [n, rank])));

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'testing' ? [] : sources(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

const graph = new Map();
for (const file of sources(core)) {
  const rel = path.relative(core, file).split(path.sep);
  if (rel.length < 2) continue;
  const from = rel[0];
  const edges = graph.get(from) ?? new Set();
  graph.set(from, edges);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
    const target = path.relative(core, path.resolve(path.dirname(file), spec)).split(path.sep);
    if (target.length >= 2 && !target[0].startsWith('..') && target[0] !== from) edges.add(target[0]);
  }
}

let failed = false;
for (const [from, edges] of [...graph].sort(([a], [b]) => (level.get(a) ?? 99) - (level.get(b) ?? 99) || a.localeCompare(b))) {
  const list = [...edges].sort();
  console.log(`${from.padEnd(10)} → ${list.join(', ') || '—'}`);
  if (!level.has(from)) {
    console.log(`  ✗ ${from} is not listed in CORE_DOMAIN_LEVELS`);
    failed = true;
  }
  for (const to of list) {
    if ((level.get(to) ?? 99) >= (level.get(from) ?? -1)) {
      console.log(`  ✗ ${from} → ${to} goes up or sideways`);
      failed = true;
    }
  }
}

// Cycle search over the real edges, whatever the levels say.
const state = new Map();
const stack = [];
function visit(node) {
  state.set(node, 'open');
  stack.push(node);
  for (const next of graph.get(node) ?? []) {
    if (state.get(next) === 'open') {
      console.log(`  ✗ cycle: ${[...stack.slice(stack.indexOf(next)), next].join(' → ')}`);
      failed = true;
    } else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(node, 'done');
}
for (const node of graph.keys()) if (!state.has(node)) visit(node);
console.log(failed ? 'domain imports: problems found' : 'domain imports: no cycles, every import goes down');
process.exit(failed ? 1 : 0);
