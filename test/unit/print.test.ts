// analysis/print.ts: our evaluation printed in `lighttpd -p` form. Expected texts come from lighttpd 1.4.69
// (test/differential/printCases.ts; re-checked against the installed lighttpd by npm run test:differential).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../server/src/parser';
import { evaluate } from '../../server/src/analysis';
import { canonicalCondition, printConfig, simplifyRegex } from '../../server/src/analysis/print';
import { PRINT_CASES } from '../differential/printCases';

function print(text: string, version?: string): string {
  return printConfig(evaluate(parse(text)), { cwd: '/DIR', pid: 7, version }).replace(
    /^(\s*var\.PID\s*=\s*)7$/m,
    '$1<pid>',
  );
}

describe('printConfig matches lighttpd -p', () => {
  for (const c of PRINT_CASES) test(c.name, () => assert.equal(print(c.config), c.expected));
});

describe('printing details', () => {
  test('1.4.74+ writes if before a condition; older versions do not', () => {
    const text = '$HTTP["url"] == "/a" { x = 1 }\n';
    assert.match(print(text, '1.4.74'), /^ {4}if \$HTTP\["url"\] == "\/a" \{$/m);
    assert.match(print(text, '1.4.69'), /^ {4}\$HTTP\["url"\] == "\/a" \{$/m);
  });
  test('=~ is simplified from 1.4.65 on, never for $SERVER["socket"] or !~', () => {
    assert.deepEqual(simplifyRegex('^/a/'), { op: '=^', value: '/a/' });
    assert.deepEqual(simplifyRegex('\\.php$'), { op: '=$', value: '.php' });
    assert.deepEqual(simplifyRegex('^/x$'), { op: '==', value: '/x' });
    assert.deepEqual(simplifyRegex('/a$'), { op: '=$', value: '/a' });
    for (const kept of ['^/a.b', '\\.(php|cgi)$', 'abc', '^/a\\/b', ''])
      assert.deepEqual(simplifyRegex(kept), { op: '=~', value: kept });
    assert.equal(canonicalCondition('HTTP', 'url', '=~', '^/a', '1.4.64'), '$HTTP["url"] =~ "^/a"');
    assert.equal(canonicalCondition('SERVER', 'socket', '=~', '^:80$', '1.4.69'), '$SERVER["socket"] =~ "^:80$"');
    assert.equal(canonicalCondition('HTTP', 'url', '!~', '^/a', '1.4.69'), '$HTTP["url"] !~ "^/a"');
  });
  test('keys are matched case-insensitively, printed as last written', () => {
    // lighttpd -p: var.b = 2, var.A = 2 (A += 1 extended var.a, which moved to the end), var.x = 2.
    assert.match(print('a = 1\nb = 2\nA += 1\nx = B\n'), /var\.b += 2\n {4}var\.A += 2\n {4}var\.x += 2\n/);
  });
  test('values we cannot know print as <unknown>', () => {
    assert.match(print('x = env.NOT_GIVEN\n'), /var\.x {3}= <unknown>/);
  });
  test('a broken file still prints (no throw)', () => {
    for (const t of [
      'a = (',
      '$HTTP["x"] == {',
      'else { b = 1 }',
      '}}}',
      'x = y + (',
      '$HTTP["url"] =~ "^/a" { } else { } else { }',
    ]) {
      assert.equal(typeof print(t), 'string', t);
    }
  });
});

describe('evaluator fidelity (found by comparing with lighttpd -p)', () => {
  const codes = (text: string) => evaluate(parse(text)).problems.map((p) => `${p.code}@${text.slice(p.start, p.end)}`);
  test('keys are case-insensitive: a = 1 then A = 2 is a duplicate; ("A" => 1, "a" => 2) too', () => {
    assert.deepEqual(codes('a = 1\nA = 2\n'), ['duplicate-key@A']);
    assert.deepEqual(codes('x = ( "A" => 1, "a" => 2 )\n'), ['duplicate-array-key@"a"']);
    assert.deepEqual(codes('x = ( "A" => 1 )\nx += ( "a" => 2 )\n'), ['duplicate-array-key@( "a" => 2 )']);
    assert.deepEqual(codes('Server.Port = 80\nx = server.port\n'), []);
  });
  test('integers wrap like a C int: 2147483648 is -2147483648, 4294967297 is 1', () => {
    const ev = evaluate(parse('a = 2147483648\nb = 4294967297\nc = 2147483647 + 1\n'));
    assert.deepEqual(
      ev.assignments.map((a) => a.result.type === 'integer' && a.result.value),
      [-2147483648, 1, -2147483648],
    );
  });
});
