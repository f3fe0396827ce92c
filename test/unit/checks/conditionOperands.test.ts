/**
 * Condition values are checked as the operator reads them (issue 23 part 3): a regular expression lighttpd
 * keeps is never read as an address, a host or a socket; ==, !=, =^ and =$ values are, and so is a =~ that
 * lighttpd (1.4.65+) rewrites into one of them ("^10" becomes =^ "10"). Each condition field is walked,
 * then a matrix of fields, operators and values is compared with what the installed lighttpd -tt does.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnosticsOf, found } from '../../helpers/diagnostics';
import { LIGHTTPD, NO_LIGHTTPD } from '../../helpers/lighttpd';
import { CONDITION_FIELDS } from '../../../server/src/schema';

const CODES = ['invalid-ip', 'invalid-host', 'invalid-socket', 'invalid-regex'];
const NAMES = ['', 'error', 'warning', 'information', 'hint'];
const sev = (text: string, options = {}) =>
  diagnosticsOf(text, options)
    .filter((d) => CODES.includes(String(d.code)))
    .map((d) => [String(d.code), NAMES[d.severity ?? 1]]);

describe('condition operands', () => {
  test('the held-out false error: a remote-ip regex is clean (lighttpd keeps an IPv6 prefix as text)', () => {
    assert.deepEqual(found('$HTTP["remoteip"] =~ "^2001:db8:" { server.name = "a" }\n', CODES), []);
    assert.deepEqual(found('$HTTP["remoteip"] =~ "^2001:db8:12ab:" { server.name = "a" }\n', CODES), []);
    assert.deepEqual(found('$HTTP["remoteip"] =~ "^(10|192\\.168)\\." { server.name = "a" }\n', CODES), []);
    assert.deepEqual(found('$HTTP["remoteip"] !~ "^300" { server.name = "a" }\n', CODES), []);
    assert.deepEqual(found('$HTTP["remoteip"] =^ "2001:db8:" { server.name = "a" }\n', CODES), []);
  });
  test('a regex lighttpd rewrites into a prefix, suffix or equality is checked like one, and says so', () => {
    const text = '$HTTP["remoteip"] =~ "^10" { server.name = "a" }\n';
    assert.deepEqual(found(text, CODES), [['invalid-ip', '"^10"']]);
    assert.deepEqual(sev(text), [['invalid-ip', 'error']]);
    assert.match(diagnosticsOf(text)[0].message, /lighttpd reads =~ "\^10" as =\^ "10"/);
    // before 1.4.65 lighttpd compiled it as a regex
    assert.deepEqual(found(text, CODES, { version: '1.4.64' }), []);
    assert.deepEqual(found('$HTTP["host"] =~ "^example.org:99999$" { }\n', CODES), []); // '.' keeps it a regex
    assert.deepEqual(found('$HTTP["host"] =~ "^localhost:99999$" { }\n', CODES), [
      ['invalid-host', '"^localhost:99999$"'],
    ]);
  });
  test('what lighttpd keeps as text is a warning (it never matches as an address), not an error', () => {
    assert.deepEqual(sev('$HTTP["remoteip"] == "3001:zz" { }\n'), [['invalid-ip', 'warning']]);
    assert.deepEqual(sev('$HTTP["remoteip"] != "10.0.0.0/33" { }\n'), [['invalid-ip', 'warning']]);
    assert.deepEqual(sev('$HTTP["remoteip"] =^ "10.0.0.0/0" { }\n'), [['invalid-ip', 'warning']]);
    assert.deepEqual(sev('$HTTP["remoteip"] == "[zz]" { }\n'), [['invalid-ip', 'warning']]);
    // refusals
    for (const v of ['abc', '1.2.3', '10.0.0.01', '::1%eth0', '[::1]:80', ''])
      assert.deepEqual(sev(`$HTTP["remoteip"] == "${v}" { }\n`), [['invalid-ip', 'error']], v);
  });
  test('$HTTP["host"]: ==, !=, =^, =$ values are read as a host; a regex never', () => {
    for (const op of ['==', '!=', '=^', '=$']) {
      assert.deepEqual(found(`$HTTP["host"] ${op} "[zz]" { }\n`, CODES), [['invalid-host', '"[zz]"']], op);
      assert.deepEqual(found(`$HTTP["host"] ${op} "www.example.org:8080" { }\n`, CODES), [], op);
    }
    assert.deepEqual(found('$HTTP["host"] == "example.org:0" { }\n', CODES), [['invalid-host', '"example.org:0"']]);
    assert.deepEqual(found('$HTTP["host"] =~ "[zz]" { }\n$HTTP["host"] !~ "^[zz]$" { }\n', CODES), []);
    assert.deepEqual(found('$HTTP["host"] == "[::1]:8080" { }\n', CODES), []);
  });
  test('every other condition field: no value is read as an address, host or socket, whatever the operator', () => {
    const fields = Object.entries(CONDITION_FIELDS).flatMap(([object, fs]) =>
      fs === 'any' ? [`$${object}["X-Test"]`] : fs.map((f) => `$${object}["${f}"]`),
    );
    assert.ok(fields.length >= 10, fields.join());
    for (const f of fields) {
      if (/"(remoteip|remote-ip|host|socket)"\]$/.test(f)) continue;
      for (const op of ['==', '!=', '=^', '=$', '=~', '!~'])
        for (const v of ['[zz]', 'zz:99999', '300.1.1.1', '2001:db8:'])
          assert.deepEqual(found(`${f} ${op} "${v}" { }\n`, CODES), [], `${f} ${op} "${v}"`);
    }
  });
});

/** The matrix of field × operator × value run through the installed lighttpd. */
const FIELDS = ['$HTTP["remoteip"]', '$HTTP["host"]', '$SERVER["socket"]', '$HTTP["url"]', '$REQUEST_HEADER["X-A"]'];
const VALUES = ['10', '[zz]', 'zz:99999', '2001:db8:', '300.1.1.1', '10.0.0.0/33', '::1%eth0', '[::1]:80', '10.0.'];
const OPS: [string, (v: string) => string][] = [
  ['==', (v) => v],
  ['=^', (v) => v],
  ['=~', (v) => `^${v}$`],
  ['=~', (v) => `^${v}`],
  ['=~', (v) => `${v}$`],
  ['!~', (v) => v],
];

describe('condition operands agree with lighttpd -tt', { skip: LIGHTTPD ? false : NO_LIGHTTPD }, () => {
  test(`${FIELDS.length * VALUES.length * OPS.length} conditions: lighttpd refuses exactly those we call errors`, () => {
    const version = /lighttpd\/(\d+\.\d+\.\d+)/.exec(spawnSync(LIGHTTPD!, ['-v'], { encoding: 'utf8' }).stdout)?.[1];
    const dir = mkdtempSync(join(tmpdir(), 'lighttpd-operands-'));
    const disagree: string[] = [];
    try {
      const file = join(dir, 'test.conf');
      for (const f of FIELDS)
        for (const [op, mk] of OPS)
          for (const v of VALUES) {
            const cond = `${f} ${op} "${mk(v)}" { }`;
            const body = `server.document-root = "${dir}"\nserver.port = 8080\n${cond}\n`;
            writeFileSync(file, body);
            const r = spawnSync(LIGHTTPD!, ['-tt', '-f', file], {
              encoding: 'utf8',
              timeout: 10000,
              env: { PATH: '/usr/bin:/bin' },
            });
            const refused = r.status !== 0;
            const errors = diagnosticsOf(body, { version }).filter((d) => d.severity === 1);
            if (refused !== errors.length > 0)
              disagree.push(
                `${cond}: lighttpd ${refused ? 'refuses' : 'accepts'}, we report ${errors.map((d) => d.code).join() || 'no error'}`,
              );
          }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(disagree, []);
  });
});
