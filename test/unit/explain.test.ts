// lighttpd-lint explain (features/diagnostics/explain.ts): every rule has an example that finds it and a fixed
// version that does not, or says why it has none; the explanation and the SARIF help come from the same table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/features/diagnostics/rules';
import { NO_EXAMPLE, RULE_EXAMPLES } from '../../server/src/features/diagnostics/ruleExamples';
import { checkExample } from '../../server/src/features/diagnostics/explain';

test('every rule has an example or says why not; every example is of a rule', () => {
  const codes = new Set(RULES.map((r) => r.code));
  assert.deepEqual(
    RULES.filter((r) => !RULE_EXAMPLES[r.code] && !NO_EXAMPLE[r.code]).map((r) => r.code),
    [],
  );
  assert.deepEqual(
    [...Object.keys(RULE_EXAMPLES), ...Object.keys(NO_EXAMPLE)].filter((c) => !codes.has(c)),
    [],
  );
});

for (const [code, example] of Object.entries(RULE_EXAMPLES))
  test(`example of ${code}: the config finds it, the fixed config does not`, () => {
    assert.notDeepEqual(checkExample(code, example), [], example.config);
    assert.deepEqual(
      checkExample(code, example, 'fixed').map((f) => f.message),
      [],
      example.fixed,
    );
  });
