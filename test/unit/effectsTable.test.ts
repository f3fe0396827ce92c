// docs/startup.md's table of each code's effect is generated from rules.ts (npm run gen:docs): it is current,
// lists every code once, and each row says what the rule table says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/corpus';
import { EFFECT_TEXT, RULES } from '../../server/src/features/diagnostics/rules';
import { applyEffectsTable, EFFECTS_BEGIN, EFFECTS_END } from '../../scripts/effects-table';

const doc = readFileSync(join(REPO_ROOT, 'docs', 'startup.md'), 'utf8');

test('docs/startup.md holds the current effects table (npm run gen:docs)', () => {
  assert.equal(applyEffectsTable(doc), doc, 'docs/startup.md is out of date: run npm run gen:docs');
});

test('the table has one row per code, with its effect and default severity', () => {
  const block = doc.slice(doc.indexOf(EFFECTS_BEGIN), doc.indexOf(EFFECTS_END));
  const rows = block
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split(' | ').map((c) => c.replace(/^\| |`| \|$/g, '')));
  assert.deepEqual(rows.map((r) => r[0]).sort(), RULES.map((r) => r.code).sort());
  for (const [code, effect, text, severity] of rows) {
    const rule = RULES.find((r) => r.code === code)!;
    assert.deepEqual(
      [effect, text, severity.replace(' (opt-in)', '')],
      [rule.effect, EFFECT_TEXT[rule.effect], rule.severity],
      code,
    );
  }
  // a refusal to start is never below error, here either
  assert.ok(rows.filter((r) => r[1] === 'refuses-to-start').every((r) => r[3] === 'error'));
  assert.ok(rows.some((r) => r[0] === 'duplicate-key' && r[1] === 'refuses-to-start'));
});
