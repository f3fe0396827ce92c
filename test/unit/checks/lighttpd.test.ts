/**
 * Checks our findings against the installed lighttpd (`lighttpd -t` parses the config, compiles condition
 * regexes with PCRE2 and type-checks core directives). Skipped when lighttpd is not installed.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnosticsOf } from '../../helpers/diagnostics';
import { INVALID_PATTERNS, VALID_PATTERNS } from './patterns';
import { compareVersions } from '../../../server/src/schema';
import { LIGHTTPD, NO_LIGHTTPD } from '../../helpers/lighttpd';

const VERSION = LIGHTTPD
  ? /lighttpd\/(\d+\.\d+\.\d+)/.exec(spawnSync(LIGHTTPD, ['-v'], { encoding: 'utf8' }).stdout)?.[1]
  : undefined;

function lighttpdAccepts(body: string): { ok: boolean; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lighttpd-check-'));
  try {
    const file = join(dir, 'test.conf');
    writeFileSync(file, `server.document-root = "${dir}"\nserver.port = 8080\n${body}\n`);
    const r = spawnSync(LIGHTTPD!, ['-t', '-f', file], {
      encoding: 'utf8',
      timeout: 10000,
      env: { PATH: '/usr/bin:/bin' },
    });
    return { ok: r.status === 0, out: (r.stderr || r.stdout).trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const quoted = (p: string) => p.replace(/"/g, '\\"');
const conditionOn = (p: string) => `$HTTP["url"] =~ "${quoted(p)}" {\n  server.name = "x"\n}`;

describe('agreement with lighttpd -t', { skip: LIGHTTPD ? false : NO_LIGHTTPD }, () => {
  test('valid PCRE2 patterns compile in lighttpd', () => {
    for (const p of VALID_PATTERNS) {
      if (/(^|[^\\])(\\\\)*\\$/.test(p)) continue; // a lighttpd string cannot end with a backslash
      const r = lighttpdAccepts(conditionOn(p));
      assert.ok(r.ok, `${p}: ${r.out}`);
    }
  });
  test('invalid patterns are rejected by lighttpd', () => {
    for (const [p] of INVALID_PATTERNS) {
      if (/(^|[^\\])(\\\\)*\\$/.test(p)) continue;
      const r = lighttpdAccepts(conditionOn(p));
      assert.ok(!r.ok, `${p} was accepted by lighttpd`);
    }
  });

  // [config body, lighttpd -t fails, the code we report as an error]
  const cases: [string, boolean, string | undefined][] = [
    ['$HTTP["remote-ip"] == "localhost" { server.name = "a" }', true, 'invalid-ip'],
    ['$HTTP["remote-ip"] == "10.0.0.256" { server.name = "a" }', true, 'invalid-ip'],
    ['$HTTP["remote-ip"] =~ "^10$" { server.name = "a" }', true, 'invalid-ip'],
    ['$HTTP["remote-ip"] == "10.0.0.0/8" { server.name = "a" }', false, undefined],
    ['$HTTP["url"] == 80 { server.name = "a" }', true, 'condition-value-type'],
    ['$SERVER["socket"] == ":" + 8081 { server.name = "a" }', false, undefined],
    ['global {\n $HTTP["host"] == "a" { server.name = "a" }\n}', true, 'conditional-in-global'],
    [
      '$HTTP["host"] == "a" { server.name = "a" }\nelse { server.name = "b" }\nelse $HTTP["host"] == "c" { server.name = "c" }',
      true,
      'unreachable-condition',
    ],
    [
      '$HTTP["host"] == "a" { server.name = "a" }\n$HTTP["host"] == "b" { server.name = "b" } else $HTTP["host"] == "A" { server.tag = "c" }',
      true,
      'unreachable-else-condition',
    ],
    [
      '$HTTP["host"] == "a" { server.name = "a" } else $HTTP["host"] == "a" { server.tag = "b" }',
      true,
      'unreachable-else-condition',
    ],
    [
      '$HTTP["host"] == "a" { }\n$HTTP["host"] == "b" { }\n$HTTP["host"] == "a" { server.name = "a" } else $HTTP["host"] == "b" { server.name = "b" }',
      false,
      undefined,
    ],
    [
      '$HTTP["host"] != "a" { server.name = "x" }\n$HTTP["host"] == "a" { server.tag = "y" } else { server.max-keep-alive-requests = 3 }',
      true,
      'unreachable-else-condition',
    ],
    [
      '$HTTP["host"] == "a" { server.tag = "y" } else { server.max-keep-alive-requests = 3 }\n$HTTP["host"] != "a" { server.name = "x" }',
      false,
      undefined,
    ],
    ['$HTTP["URL"] =~ "^/a" { server.name = "a" }', true, 'unknown-condition-field'],
    ['$PHYSICAL["path"] == "/a" { server.name = "a" }', true, 'unknown-condition-field'],
    ['server.follow-symlink = "yes"', true, 'type-mismatch'],
    ['server.follow-symlink = "Enabled"', false, undefined],
    ['server.http-parseopts = ( "host-strikt" => "enable" )', true, 'invalid-value'],
    ['server.tag = "a"\nserver.tag = "b"', true, 'duplicate-key'],
    // An else-if branch is the block of its own condition; a bare else the block of the negated condition just before it.
    [
      '$HTTP["host"] == "a" { server.name = "a" }\nelse $HTTP["url"] =~ "^/b" { server.name = "b" }\n$HTTP["url"] =~ "^/b" { server.name = "x" }',
      true,
      'duplicate-key',
    ],
    [
      '$HTTP["host"] == "a" { server.name = "a" }\nelse $HTTP["url"] == "/b" { server.name = "b" }\nelse { server.name = "c" }\n$HTTP["url"] != "/b" { server.name = "x" }',
      true,
      'duplicate-key',
    ],
    [
      '$HTTP["host"] == "a" { server.name = "a" }\nelse $HTTP["url"] == "/b" { server.name = "b" }\nelse { server.name = "c" }\n$HTTP["host"] != "a" { server.name = "x" }',
      false,
      undefined,
    ],
    ['env.HOME = "x"', true, 'env-assignment'],
    ['server.tag = var.nope', true, 'undefined-variable'],
    ['x = ( "a" ) + "b"', true, 'type-merge'],
    ['x = ( "a" => 1, "a" => 2 )', true, 'duplicate-array-key'],
    ['$HTTP["url"] =~ "(a" { server.name = "a" }', true, 'invalid-regex'],
    ['$HTTP["url"] =~ "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)" { server.name = "a" }', true, 'invalid-regex'],
  ];
  for (const [body, fails, code] of cases) {
    test(`${fails ? 'rejected' : 'accepted'}: ${body.split('\n')[0]}`, () => {
      const r = lighttpdAccepts(body);
      assert.equal(!r.ok, fails, r.out);
      const errors = diagnosticsOf(body + '\n', { version: VERSION })
        .filter((d) => d.severity === 1)
        .map((d) => d.code);
      assert.deepEqual(errors, code ? [code] : []);
    });
  }
  test('version-specific syntax: =^ needs 1.4.65, if needs 1.4.74 (silently mis-read before)', () => {
    const prefix = '$HTTP["url"] =^ "/a" { server.name = "a" }';
    assert.equal(lighttpdAccepts(prefix).ok, !!VERSION && compareVersions(VERSION, '1.4.65') >= 0);
    const errs = (t: string, v?: string) =>
      diagnosticsOf(t + '\n', { version: v })
        .filter((d) => d.severity === 1)
        .map((d) => d.code);
    assert.deepEqual(errs(prefix, '1.4.64'), ['newer-than-target']);
    if (VERSION && compareVersions(VERSION, '1.4.74') < 0) {
      const withIf = 'if $HTTP["url"] == "/a" { server.name = "a" }';
      assert.ok(lighttpdAccepts(withIf).ok, 'older lighttpd accepts `if` silently');
      assert.deepEqual(errs(withIf, VERSION), ['newer-than-target']);
    }
  });
  test('known disagreement: a CIDR mask of /33 is accepted by lighttpd (bug), we report it', () => {
    assert.ok(lighttpdAccepts('$HTTP["remote-ip"] == "10.0.0.0/33" { server.name = "a" }').ok);
    assert.deepEqual(
      diagnosticsOf('$HTTP["remote-ip"] == "10.0.0.0/33" { server.name = "a" }\n').map((d) => d.code),
      ['invalid-ip'],
    );
  });
});
