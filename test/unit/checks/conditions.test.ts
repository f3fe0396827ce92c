import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found, quickFixes } from '../../helpers/diagnostics';
import { remoteIpProblem, simplifyRegex } from '../../../server/src/features/checks/conditions';

const CODES = [
  'unknown-condition-field',
  'invalid-ip',
  'condition-value-type',
  'unreachable-condition',
  'syntax-invalid-operator',
];

describe('unknown-condition-field', () => {
  test('fields are case-sensitive; did-you-mean fixes the field', () => {
    const text = '$HTTP["URL"] =~ "^/a" { server.name = "a" }\n';
    assert.deepEqual(found(text, CODES), [['unknown-condition-field', '"URL"']]);
    assert.deepEqual(quickFixes(text, 'unknown-condition-field')[0], [
      'Change to $HTTP["url"]',
      '$HTTP["url"] =~ "^/a" { server.name = "a" }\n',
    ]);
  });
  test('unknown objects and $PHYSICAL (1.5 only)', () => {
    assert.deepEqual(found('$PHYSICAL["path"] == "/x" { server.name = "a" }\n', CODES), [
      ['unknown-condition-field', '$PHYSICAL["path"]'],
    ]);
    assert.deepEqual(found('$SERVER["port"] == "80" { server.name = "a" }\n', CODES), [
      ['unknown-condition-field', '"port"'],
    ]);
  });
  test('every documented field, and any request header name', () => {
    const fields = [
      'url',
      'host',
      'referer',
      'useragent',
      'user-agent',
      'language',
      'cookie',
      'querystring',
      'query-string',
      'request-method',
      'scheme',
    ];
    const text =
      fields.map((f) => `$HTTP["${f}"] == "x" { server.name = "a" }\n`).join('') +
      '$SERVER["socket"] == ":80" { server.name = "b" }\n$REQUEST_HEADER["X-Anything"] == "1" { server.name = "c" }\n';
    assert.deepEqual(found(text, CODES), []);
  });
});

describe('invalid-operator', () => {
  test('!^ and a lone = are reported by the parser as syntax-invalid-operator; valid operators are not', () => {
    assert.deepEqual(found('$HTTP["url"] !^ "/a" { server.name = "a" }\n', CODES), [['syntax-invalid-operator', '!^']]);
    assert.deepEqual(
      found('$HTTP["url"] =^ "/a" { server.name = "a" }\n$HTTP["url"] != "/a" { server.name = "b" }\n', CODES),
      [],
    );
  });
});

describe('invalid-ip', () => {
  test('CIDR mask out of range (which lighttpd itself silently accepts)', () => {
    assert.deepEqual(found('$HTTP["remote-ip"] == "10.0.0.0/33" { server.name = "a" }\n', CODES), [
      ['invalid-ip', '"10.0.0.0/33"'],
    ]);
    assert.deepEqual(found('$HTTP["remoteip"] != "2001:db8::/129" { server.name = "a" }\n', CODES), [
      ['invalid-ip', '"2001:db8::/129"'],
    ]);
  });
  test('not an address', () => {
    assert.deepEqual(found('$HTTP["remote-ip"] == "10.0.0.256" { server.name = "a" }\n', CODES), [
      ['invalid-ip', '"10.0.0.256"'],
    ]);
    assert.deepEqual(found('$HTTP["remote-ip"] == "localhost" { server.name = "a" }\n', CODES), [
      ['invalid-ip', '"localhost"'],
    ]);
  });
  test('valid IPv4/IPv6 with and without masks, brackets, and regexes are fine', () => {
    const ok = ['10.0.0.0/8', '192.168.1.1', '::1', '[::1]', '2001:db8::/32', 'fe80::1/128'];
    assert.deepEqual(found(ok.map((v) => `$HTTP["remote-ip"] == "${v}" { server.name = "a" }\n`).join(''), CODES), []);
    assert.deepEqual(found('$HTTP["remote-ip"] =~ "^10\\.0\\." { server.name = "a" }\n', CODES), []);
  });
  test('=~ without metacharacters is an exact match since 1.4.65, so it is checked too', () => {
    assert.deepEqual(simplifyRegex('^10$'), { op: '==', value: '10' });
    assert.deepEqual(found('$HTTP["remote-ip"] =~ "^10$" { server.name = "a" }\n', CODES), [['invalid-ip', '"^10$"']]);
    assert.deepEqual(found('$HTTP["remote-ip"] =~ "^10$" { server.name = "a" }\n', CODES, { version: '1.4.64' }), []);
  });
  test('helper: leading zeros and bad masks', () => {
    assert.ok(remoteIpProblem('010.0.0.1'));
    assert.ok(remoteIpProblem('10.0.0.0/'));
    assert.equal(remoteIpProblem('10.0.0.0/32'), undefined);
  });
});

describe('condition-value-type', () => {
  test('a number or a list as the condition value', () => {
    assert.deepEqual(found('$HTTP["url"] == 80 { server.name = "a" }\n', CODES), [['condition-value-type', '80']]);
    assert.deepEqual(found('p = 80\n$SERVER["socket"] == p { server.name = "a" }\n', CODES), [
      ['condition-value-type', 'p'],
    ]);
  });
  test('strings, string variables and concatenations are fine', () => {
    assert.deepEqual(
      found(
        'h = "example.org"\n$HTTP["host"] == "www." + h { server.name = "a" }\n$SERVER["socket"] == ":" + 80 { server.name = "b" }\n',
        CODES,
      ),
      [],
    );
  });
});

describe('unreachable-condition', () => {
  test('a branch after a bare else', () => {
    const text =
      '$HTTP["host"] == "a" { server.name = "a" }\nelse { server.name = "b" }\nelse $HTTP["host"] == "c" { server.name = "c" }\n';
    assert.deepEqual(found(text, CODES), [['unreachable-condition', 'else $HTTP["host"] == "c"']]);
  });
  test('else-if chains ending in a bare else are fine', () => {
    assert.deepEqual(
      found(
        '$HTTP["host"] == "a" { server.name = "a" }\nelse $HTTP["host"] == "c" { server.name = "c" }\nelse { server.name = "b" }\n',
        CODES,
      ),
      [],
    );
  });
});

describe('unreachable-else-condition', () => {
  // Each case was run through lighttpd 1.4.69 -t: "unreachable else condition" where a finding is expected.
  const CODE = ['unreachable-else-condition'];
  test('an else branch repeating a condition made before the previous branch', () => {
    const text = '$HTTP["host"] == "a" { }\n$HTTP["host"] == "b" { } else $HTTP["host"] == "a" { }\n';
    assert.deepEqual(found(text, CODE), [['unreachable-else-condition', 'else $HTTP["host"] == "a"']]);
  });
  test('the previous branch repeated, and the condition compared without case', () => {
    assert.deepEqual(found('$HTTP["host"] == "a" { } else $HTTP["host"] == "a" { }\n', CODE), [
      ['unreachable-else-condition', 'else $HTTP["host"] == "a"'],
    ]);
    assert.deepEqual(
      found('$HTTP["host"] == "a" { }\n$HTTP["host"] == "b" { } else $HTTP["host"] == "A" { }\n', CODE),
      [['unreachable-else-condition', 'else $HTTP["host"] == "A"']],
    );
  });
  test('a bare else whose negated condition was written earlier', () => {
    const text =
      '$HTTP["host"] != "a" { server.name = "x" }\n$HTTP["host"] == "a" { server.tag = "y" } else { server.tag = "z" }\n';
    assert.deepEqual(found(text, CODE), [['unreachable-else-condition', 'else']]);
    // Written after the chain: the else made that block first.
    const after =
      '$HTTP["host"] == "a" { server.tag = "y" } else { server.tag = "z" }\n$HTTP["host"] != "a" { server.name = "x" }\n';
    assert.deepEqual(found(after, CODE), []);
  });
  test('near misses lighttpd accepts: the block made later, or under another parent', () => {
    assert.deepEqual(
      found('$HTTP["host"] == "b" { } else $HTTP["host"] == "a" { }\n$HTTP["host"] == "a" { }\n', CODE),
      [],
    );
    assert.deepEqual(
      found(
        '$HTTP["url"] =^ "/x" {\n$HTTP["host"] == "a" { }\n}\n$HTTP["host"] == "b" { } else $HTTP["host"] == "a" { }\n',
        CODE,
      ),
      [],
    );
    // The previous branch's block is older than the else branch's: fine.
    assert.deepEqual(
      found(
        '$HTTP["host"] == "a" { }\n$HTTP["host"] == "b" { }\n$HTTP["host"] == "a" { } else $HTTP["host"] == "b" { }\n',
        CODE,
      ),
      [],
    );
  });
});
