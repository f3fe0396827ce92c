import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/corpus';
import { RULES } from '../../../server/src/features/diagnostics/rules';

test("README's Diagnostics section lists every code with its default severity", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Diagnostics');
  assert.ok(start >= 0, 'README has a Diagnostics section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  const missing: string[] = [];
  for (const r of RULES) {
    const row = rows.find((l) => l.split('|')[1].includes(`\`${r.code}\``));
    if (!row) {
      missing.push(r.code);
      continue;
    }
    assert.equal(row.split('|')[2].trim(), r.severity === 'information' ? 'info' : r.severity, `severity of ${r.code}`);
  }
  assert.deepEqual(missing, []);
});
