// lighttpd-lint run in-process through runCli with an in-memory file system: output formats, options and
// exit codes. (bin.test.ts runs the real executable: stdin, shebang, the packed tarball.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runLint, type CliRun, type MemoryFiles } from '../helpers/cli';
import { parseCliArgs, UsageError } from '../../server/src/cli/args';
import { RULES } from '../../server/src/features/diagnostics/rules';

const CWD = '/work/project';

const lint = (argv: string[], files: MemoryFiles = {}, stdin = '') => runLint(CWD, argv, files, stdin);

const CLEAN =
  'server.modules = ( "mod_proxy" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n';
// Line 2: module-not-loaded on proxy.server (col 1); line 3: syntax-semicolon at col 17.
const BROKEN =
  'server.modules = ( "mod_access" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\nserver.port = 80;\n';
// Only a warning: a comma outside a list.
const WARN_ONLY = 'a = 1, b = 2\n';

const files = {
  [`${CWD}/clean.conf`]: CLEAN,
  [`${CWD}/broken.conf`]: BROKEN,
  [`${CWD}/warn.conf`]: WARN_ONLY,
};

describe('text format', () => {
  test('file:line:col: severity code message, one line each, sorted by position', async () => {
    const r = await lint(['broken.conf'], files);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^broken\.conf:2:1: error module-not-loaded \S/);
    assert.match(lines[1], /^broken\.conf:3:17: error syntax-semicolon \S/);
    assert.match(r.stderr, /2 errors, 0 warnings in 1 file/);
  });

  test('a clean file prints nothing and exits 0', async () => {
    const r = await lint(['clean.conf'], files);
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
  });

  test('warnings alone exit 0; --quiet hides them', async () => {
    const r = await lint(['warn.conf'], files);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^warn\.conf:1:6: warning syntax-comma-outside-list /);
    const q = await lint(['--quiet', 'warn.conf'], files);
    assert.deepEqual([q.code, q.stdout], [0, '']);
  });

  test('several files: each diagnostic names its file; the exit code reflects any error', async () => {
    const r = await lint(['clean.conf', 'warn.conf', 'broken.conf'], files);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(':')[0]),
      ['warn.conf', 'broken.conf', 'broken.conf'],
    );
  });

  test('columns count UTF-16 code units after non-ASCII text', async () => {
    const r = await lint(['u.conf'], { [`${CWD}/u.conf`]: 'a = "é€😀" ;\n' });
    assert.match(r.stdout, /^u\.conf:1:12: error syntax-semicolon /);
  });

  test('a UTF-8 byte order mark is reported like lighttpd rejects it', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a = 1\n')]);
    const r = await lint(['bom.conf'], { [`${CWD}/bom.conf`]: bytes });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^bom\.conf:1:1: error syntax-/);
  });
});

test('bytes that are not UTF-8 inside a condition regex are an error, as for lighttpd (PCRE2 in UTF-8 mode); not in url.redirect keys', async () => {
  const bytes = new Uint8Array([
    ...new TextEncoder().encode('$HTTP["host"] =~ "^www'),
    0x9f,
    ...new TextEncoder().encode('\\.(.*)" {\n}\n'),
  ]);
  const r = await lint(['-f', 'json', 'l.conf'], { [`${CWD}/l.conf`]: bytes });
  const d = JSON.parse(r.stdout).files[0].diagnostics;
  assert.deepEqual(
    d.map((x: { code: string; column: number }) => [x.code, x.column]),
    [['invalid-regex', 23]],
  );
  const ok = await lint(['-f', 'json', 'l.conf'], { [`${CWD}/l.conf`]: '$HTTP["host"] =~ "^wwwé\\.(.*)" {\n}\n' });
  assert.deepEqual(JSON.parse(ok.stdout).files[0].diagnostics, []);
  // In url.redirect keys lighttpd 1.4.69 accepts them (lighttpd -tt starts): no report there.
  const key = new Uint8Array([
    ...new TextEncoder().encode('server.modules = ( "mod_redirect" )\nurl.redirect = ( "^/'),
    0xc6,
    0xde,
    ...new TextEncoder().encode('(.*)" => "/$1" )\n'),
  ]);
  const r2 = await lint(['-f', 'json', 'k.conf'], { [`${CWD}/k.conf`]: key });
  assert.deepEqual(
    JSON.parse(r2.stdout).files[0].diagnostics.map((x: { code: string }) => x.code),
    [],
  );
});

describe('stdin', () => {
  test('- reads standard input and is shown as <stdin>', async () => {
    const r = await lint(['-'], {}, 'server.port = 80;\n');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:1:17: error syntax-semicolon /);
  });

  test('stdin can be mixed with files', async () => {
    const r = await lint(['clean.conf', '-'], files, 'x = y\n');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:1:5: error undefined-variable /);
  });
});

describe('json format', () => {
  test('files, 1-based positions with exclusive end, summary', async () => {
    const r = await lint(['--format', 'json', 'broken.conf', 'clean.conf'], files);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files.length, 2);
    assert.equal(out.files[0].file, 'broken.conf');
    assert.deepEqual(out.files[1], { file: 'clean.conf', diagnostics: [] });
    const semi = out.files[0].diagnostics.find((d: { code: string }) => d.code === 'syntax-semicolon');
    assert.deepEqual(
      {
        line: semi.line,
        column: semi.column,
        endLine: semi.endLine,
        endColumn: semi.endColumn,
        severity: semi.severity,
      },
      { line: 3, column: 17, endLine: 3, endColumn: 18, severity: 'error' },
    );
    assert.equal(typeof semi.message, 'string');
    assert.ok(!semi.message.includes('\n'));
    assert.deepEqual(out.summary, { errors: 2, warnings: 0, infos: 0, hints: 0 });
    assert.deepEqual(out.errors, []);
    assert.equal(r.stderr, '');
  });

  test('-f json is the short form', async () => {
    const r = await lint(['-f', 'json', 'clean.conf'], files);
    assert.deepEqual(JSON.parse(r.stdout).summary, { errors: 0, warnings: 0, infos: 0, hints: 0 });
  });
});

describe('sarif format', () => {
  test('a SARIF 2.1.0 log with the rule table, levels, regions and relative artifact URIs', async () => {
    const r = await lint(['--format=sarif', 'broken.conf', 'warn.conf'], files);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'lighttpd-lint');
    assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.deepEqual(
      ids.slice(0, RULES.length),
      RULES.map((x) => x.code),
    );
    for (const rule of run.tool.driver.rules) {
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
      assert.equal(typeof rule.shortDescription.text, 'string');
    }
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///work/project/');
    assert.equal(run.results.length, 3);
    for (const res of run.results) {
      // Every property SARIF requires of a result, and a ruleIndex that points at the rule.
      assert.equal(typeof res.message.text, 'string');
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
    const semi = run.results.find((x: { ruleId: string }) => x.ruleId === 'syntax-semicolon');
    assert.deepEqual(semi.locations[0].physicalLocation.artifactLocation.uri, 'broken.conf');
    assert.deepEqual(semi.locations[0].physicalLocation.region, {
      startLine: 3,
      startColumn: 17,
      endLine: 3,
      endColumn: 18,
    });
    assert.equal(semi.level, 'error');
    const comma = run.results.find((x: { ruleId: string }) => x.ruleId === 'syntax-comma-outside-list');
    assert.equal(comma.level, 'warning');
    assert.equal(run.invocations[0].executionSuccessful, true);
  });

  test('files outside the working directory get absolute file URIs; stdin gets "stdin"', async () => {
    const r = await lint(['-f', 'sarif', '/etc/x y.conf', '-'], { '/etc/x y.conf': 'a = 1;\n' }, 'b = 2;\n');
    const uris = JSON.parse(r.stdout).runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation);
    assert.deepEqual(uris, [{ uri: 'file:///etc/x%20y.conf' }, { uri: 'stdin' }]);
  });

  test('an unreadable input is a failed execution with a notification', async () => {
    const r = await lint(['-f', 'sarif', 'missing.conf', 'clean.conf'], files);
    assert.equal(r.code, 2);
    const inv = JSON.parse(r.stdout).runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.match(inv.toolExecutionNotifications[0].message.text, /^missing\.conf: /);
  });
});

describe('options', () => {
  test('--severity changes a level, off drops the code, and the exit code follows', async () => {
    const w = await lint(
      ['--severity', 'module-not-loaded=warning', '--severity', 'syntax-semicolon=info', 'broken.conf'],
      files,
    );
    assert.equal(w.code, 0);
    assert.match(w.stdout, /^broken\.conf:2:1: warning module-not-loaded /m);
    assert.match(w.stdout, /^broken\.conf:3:17: info syntax-semicolon /m);
    const off = await lint(['--severity', 'module-not-loaded=off,syntax-semicolon=off', 'broken.conf'], files);
    assert.deepEqual([off.code, off.stdout], [0, '']);
    const up = await lint(['--severity', 'syntax-comma-outside-list=error', 'warn.conf'], files);
    assert.equal(up.code, 1);
  });

  describe('fragments: checked within the config that includes them', () => {
    const fs = {
      [`${CWD}/main.conf`]: 'server.modules = ( "mod_proxy" )\nvar.backend = "127.0.0.1"\ninclude "frag.conf"\n',
      [`${CWD}/bare.conf`]: 'server.document-root = "/srv"\nvar.backend = "127.0.0.1"\ninclude "frag.conf"\n',
      [`${CWD}/frag.conf`]: 'proxy.server = ( "" => ( ( "host" => backend, "port" => 8000 ) ) )\nx = unset_var\n',
    };
    const codes = (r: CliRun, i = 0) =>
      JSON.parse(r.stdout).files[i].diagnostics.map((d: { code: string; line: number }) => `${d.line}:${d.code}`);

    test('alone, a fragment is checked leniently (its parent may load modules and set variables)', async () => {
      assert.deepEqual(codes(await lint(['-f', 'json', 'frag.conf'], fs)), []);
    });
    test('--root main.conf: the root loads mod_proxy and sets backend; unset_var is really unset', async () => {
      const r = await lint(['-f', 'json', '--root', 'main.conf', 'frag.conf'], fs);
      assert.deepEqual(codes(r), ['2:undefined-variable']);
      assert.equal(r.code, 1);
    });
    test('--root bare.conf: a root without mod_proxy makes proxy.server in the fragment an error', async () => {
      assert.deepEqual(codes(await lint(['-f', 'json', '--root', 'bare.conf', 'frag.conf'], fs)), [
        '1:module-not-loaded',
        '2:undefined-variable',
      ]);
    });
    test("without --root, a main config among the given files is the fragment's root", async () => {
      const r = await lint(['-f', 'json', 'main.conf', 'frag.conf'], fs);
      assert.deepEqual(codes(r, 0), []);
      assert.deepEqual(codes(r, 1), ['2:undefined-variable']);
    });
  });

  test('--root that cannot be read is an input error', async () => {
    const r = await lint(['--root', 'nope.conf', 'clean.conf'], files);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.conf: no such file/);
  });

  test('--lighttpd-version sets the target: 1.4.74 syntax is an error for 1.4.69', async () => {
    const fs = { [`${CWD}/lighttpd.conf`]: 'if $HTTP["host"] == "a" {\n  server.name = "a"\n}\n' };
    const newest = await lint(['lighttpd.conf'], fs);
    assert.deepEqual([newest.code, newest.stdout], [0, '']);
    const old = await lint(['--lighttpd-version', '1.4.69', 'lighttpd.conf'], fs);
    assert.equal(old.code, 1);
    assert.match(old.stdout, /^lighttpd\.conf:1:1: error newer-than-target /);
  });

  test('--lighttpd-version is accepted in the 1.4.N form only', async () => {
    const ok = await lint(['--lighttpd-version', '1.4.69', 'clean.conf'], files);
    assert.equal(ok.code, 0);
    const bad = await lint(['--lighttpd-version', '2.0', 'clean.conf'], files);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--lighttpd-version/);
  });

  test('--help and --version print to stdout and exit 0', async () => {
    const h = await lint(['--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /^Usage: lighttpd-lint /);
    const v = await lint(['-v']);
    assert.match(v.stdout, /^lighttpd-lint \d+\.\d+\.\d+\n$/);
  });
});

describe('usage and input errors exit 2 with one clear line and no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['no files', [], /no input files/],
    ['unknown option', ['--bogus', 'x.conf'], /bogus/],
    ['unknown format', ['--format', 'xml', 'x.conf'], /unknown format 'xml'/],
    ['bad severity pair', ['--severity', 'module-not-loaded', 'x.conf'], /CODE=LEVEL/],
    ['unknown rule code', ['--severity', 'no-such-rule=off', 'x.conf'], /unknown rule code 'no-such-rule'/],
    ['unknown level', ['--severity', 'module-not-loaded=fatal', 'x.conf'], /unknown level 'fatal'/],
    ['stdin twice', ['-', '-'], /only once/],
  ];
  for (const [name, argv, message] of cases) {
    test(name, async () => {
      const r = await lint(argv, files);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  }

  test('a missing file: message, the other files still checked, exit 2', async () => {
    const r = await lint(['missing.conf', 'broken.conf'], files);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^lighttpd-lint: missing\.conf: no such file$/m);
    assert.match(r.stdout, /^broken\.conf:3:17: error syntax-semicolon /m);
  });

  test('a directory is refused with a hint', async () => {
    const r = await lint([`${CWD}/dir/`], files);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is a directory/);
  });
});

test('parseCliArgs keeps file order and accepts -- before names that start with -', () => {
  const o = parseCliArgs(['a.conf', '--quiet', '--', '-odd.conf']);
  assert.deepEqual(o.files, ['a.conf', '-odd.conf']);
  assert.equal(o.quiet, true);
  assert.throws(() => parseCliArgs(['--format']), UsageError);
});
