// Runs every test/**/*.test.ts file with Node's built-in test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [folder-or-file ...]   (default: test/unit test/protocol ...)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_ROOTS = [
  'test/unit',
  'test/grammar',
  'test/snippets',
  'test/protocol',
  'test/corpus',
  'test/cli',
  'test/fuzz',
];
const roots = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_ROOTS;

function collect(p, out) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) collect(join(p, name), out);
  } else if (/\.test\.[cm]?ts$/.test(p)) {
    out.push(p);
  }
}
const files = [];
for (const r of roots) collect(r, files);
if (files.length === 0) {
  console.error('no test files found under: ' + roots.join(', '));
  process.exit(1);
}
const reporter = process.env.CI ? ['--test-reporter=spec'] : [];
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...reporter, ...files], { stdio: 'inherit' });
process.exit(res.status ?? 1);
