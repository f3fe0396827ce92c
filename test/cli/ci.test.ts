// lighttpd-lint for CI systems (issue 27): --format github and gitlab on exact output, --fail-on and the exit
// statuses, --fix and --fix-dry-run (what is applied, what is written, what is refused).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runLint, type MemoryFiles } from '../helpers/cli';
import { RULES } from '../../server/src/features/diagnostics/rules';

const CWD = '/repo';
const lint = (argv: string[], files: MemoryFiles, env: Record<string, string> = {}) =>
  runLint(CWD, argv, files, '', env);

// Line 2: module-not-loaded (error) on proxy.server; line 3: a comma outside a list (warning);
// line 4: url.rewrite, deprecated (information) and module-not-loaded (error).
const BROKEN = [
  'server.modules = ( "mod_access" )',
  'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
  'server.port = 80,',
  'url.rewrite = ( "^/a" => "/b" )',
  '',
].join('\n');

describe('--format github', () => {
  test('one workflow command per problem, by severity, with the range and the code as title', async () => {
    const r = await lint(['-f', 'github', 'etc/lighttpd.conf'], { '/repo/etc/lighttpd.conf': BROKEN });
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        '::error file=etc/lighttpd.conf,line=2,col=1,endLine=2,endColumn=13,title=module-not-loaded::proxy.server needs "mod_proxy" in server.modules: without it lighttpd ignores this setting (it only logs "unknown config-key").',
        '::warning file=etc/lighttpd.conf,line=3,col=17,endLine=3,endColumn=18,title=syntax-comma-outside-list::' +
          /::warning [^:]*::(.*)/.exec(r.stdout)![1],
        '::error file=etc/lighttpd.conf,line=4,col=1,endLine=4,endColumn=12,title=module-not-loaded::url.rewrite needs "mod_rewrite" in server.modules: without it lighttpd ignores this setting (it only logs "unknown config-key").',
        '::notice file=etc/lighttpd.conf,line=4,col=1,endLine=4,endColumn=12,title=deprecated-directive::url.rewrite is deprecated: old name; treated as url.rewrite-once.',
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, '');
  });

  test('paths are relative to GITHUB_WORKSPACE; , : % and line breaks are escaped', async () => {
    const files = { '/repo/sub/a,b:c%.conf': 'server.port = 80;\n' };
    const r = await runLint('/repo/sub', ['-f', 'github', 'a,b:c%.conf'], files, '', { GITHUB_WORKSPACE: '/repo' });
    assert.match(
      r.stdout,
      /^::error file=sub\/a%2Cb%3Ac%25\.conf,line=1,col=17,endLine=1,endColumn=18,title=syntax-semicolon::/,
    );
    const outside = await runLint('/repo', ['-f', 'github', '/elsewhere/x.conf'], {
      '/elsewhere/x.conf': 'server.port = 80;\n',
    });
    assert.match(outside.stdout, /^::error file=\/elsewhere\/x\.conf,line=1,/);
  });

  test('an unreadable file is an error command too, and exit 2', async () => {
    const r = await lint(['-f', 'github', 'missing.conf'], {});
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '::error title=lighttpd-lint::missing.conf: no such file\n');
  });

  test('a clean file prints nothing', async () => {
    const r = await lint(['-f', 'github', 'ok.conf'], { '/repo/ok.conf': 'server.port = 80\n' });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
  });
});

describe('--format gitlab', () => {
  test('a Code Quality report: check name, severity mapped, path relative to CI_PROJECT_DIR, lines', async () => {
    const files = { '/repo/etc/lighttpd.conf': BROKEN };
    const r = await runLint('/repo/etc', ['-f', 'gitlab', 'lighttpd.conf'], files, '', { CI_PROJECT_DIR: '/repo' });
    assert.equal(r.code, 1);
    const issues = JSON.parse(r.stdout) as {
      type: string;
      check_name: string;
      severity: string;
      categories: string[];
      fingerprint: string;
      description: string;
      location: { path: string; lines: { begin: number; end: number } };
    }[];
    assert.deepEqual(
      issues.map((i) => [i.type, i.check_name, i.severity, i.categories, i.location]),
      [
        [
          'issue',
          'module-not-loaded',
          'critical',
          ['Bug Risk'],
          { path: 'etc/lighttpd.conf', lines: { begin: 2, end: 2 } },
        ],
        [
          'issue',
          'syntax-comma-outside-list',
          'major',
          ['Bug Risk'],
          { path: 'etc/lighttpd.conf', lines: { begin: 3, end: 3 } },
        ],
        [
          'issue',
          'module-not-loaded',
          'critical',
          ['Bug Risk'],
          { path: 'etc/lighttpd.conf', lines: { begin: 4, end: 4 } },
        ],
        [
          'issue',
          'deprecated-directive',
          'minor',
          ['Compatibility'],
          { path: 'etc/lighttpd.conf', lines: { begin: 4, end: 4 } },
        ],
      ],
    );
    assert.match(issues[0].description, /^module-not-loaded: proxy\.server needs "mod_proxy"/);
    for (const i of issues) assert.match(i.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  });

  test('fingerprints are the same on every run and when lines are added above; a second identical line differs', async () => {
    const run = async (text: string) =>
      JSON.parse((await lint(['-f', 'gitlab', 'l.conf'], { '/repo/l.conf': text })).stdout) as {
        check_name: string;
        fingerprint: string;
        location: { lines: { begin: number } };
      }[];
    const a = await run(BROKEN);
    assert.deepEqual(await run(BROKEN), a);
    const shifted = await run('# a comment\n\n' + BROKEN);
    assert.deepEqual(
      shifted.map((i) => [i.fingerprint, i.location.lines.begin]),
      a.map((i) => [i.fingerprint, i.location.lines.begin + 2]),
    );
    const twice = (await run('server.port = 80;\nserver.port = 80;\n')).filter(
      (i) => i.check_name === 'syntax-semicolon',
    );
    assert.equal(twice.length, 2);
    assert.notEqual(twice[0].fingerprint, twice[1].fingerprint);
    // another file: another fingerprint for the same problem
    const other = JSON.parse((await lint(['-f', 'gitlab', 'm.conf'], { '/repo/m.conf': BROKEN })).stdout);
    assert.notEqual(other[0].fingerprint, a[0].fingerprint);
  });

  test('a clean run is an empty list', async () => {
    const r = await lint(['-f', 'gitlab', 'ok.conf'], { '/repo/ok.conf': 'server.port = 80\n' });
    assert.deepEqual([r.code, r.stdout], [0, '[]\n']);
  });
});

describe('exit status: 0 clean or below --fail-on, 1 problems, 2 usage or input error', () => {
  const files = {
    '/repo/warn.conf': 'server.port = 80,\n',
    '/repo/info.conf': 'server.modules = ( "mod_rewrite" )\nurl.rewrite = ( "^/a" => "/b" )\n',
    '/repo/err.conf': 'server.port = 80;\n',
  };
  const cases: [string[], number][] = [
    [['warn.conf'], 0],
    [['--fail-on', 'warning', 'warn.conf'], 1],
    [['--fail-on', 'warning', 'info.conf'], 0],
    [['--fail-on', 'info', 'info.conf'], 1],
    [['--fail-on', 'hint', 'info.conf'], 1],
    [['--fail-on', 'error', 'err.conf'], 1],
    [['err.conf'], 1],
    [['--fail-on', 'warning', '--severity', 'syntax-comma-outside-list=info', 'warn.conf'], 0],
    [['--fail-on', 'fatal', 'warn.conf'], 2],
    [['--fail-on', 'off', 'warn.conf'], 2],
    [['-f', 'junit', 'warn.conf'], 2],
    [['--fix', '--fix-dry-run', 'warn.conf'], 2],
    [['--fix', '-'], 2],
    [['missing.conf'], 2],
  ];
  for (const [argv, status] of cases)
    test(`${argv.join(' ')} -> ${status}`, async () => {
      assert.equal((await lint(argv, { ...files })).code, status);
    });
});

describe('--fix and --fix-dry-run', () => {
  const FIXED = [
    'server.modules = ( "mod_access", "mod_rewrite", "mod_proxy" )',
    'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
    'server.port = 80,',
    'url.rewrite-once = ( "^/a" => "/b" )',
    '',
  ].join('\n');
  const text = (f: string | Uint8Array | undefined) => (typeof f === 'string' ? f : new TextDecoder().decode(f));

  test('--fix applies every safe fix until none is left, prints them, reports what remains', async () => {
    const files: MemoryFiles = { '/repo/lighttpd.conf': BROKEN };
    const r = await lint(['--fix', 'lighttpd.conf'], files);
    assert.equal(text(files['/repo/lighttpd.conf']), FIXED);
    assert.equal(
      r.stderr,
      [
        'fixed lighttpd.conf:2: module-not-loaded: Add "mod_proxy" to server.modules',
        'fixed lighttpd.conf:4: deprecated-directive: Rename to url.rewrite-once',
        // (url.rewrite-once is read by mod_rewrite too: added in the next round)
        'fixed lighttpd.conf:4: module-not-loaded: Add "mod_rewrite" to server.modules',
        '3 fixes applied in 1 file',
        '0 errors, 1 warning in 1 file',
        '',
      ].join('\n'),
    );
    // the warning has no safe fix: it remains, and the exit status is that of what remains
    assert.match(r.stdout, /^lighttpd\.conf:3:17: warning syntax-comma-outside-list /);
    assert.equal(r.code, 0);
    const strict = await lint(['--fix', '--fail-on', 'warning', 'lighttpd.conf'], files);
    assert.equal(strict.code, 1);
    assert.equal(strict.stderr.split('\n')[0], '0 fixes applied in 0 files');
  });

  test('--fix-dry-run prints a unified diff, writes nothing, exits with what would remain', async () => {
    const files: MemoryFiles = { '/repo/lighttpd.conf': BROKEN };
    const r = await lint(['--fix-dry-run', 'lighttpd.conf'], files);
    assert.equal(files['/repo/lighttpd.conf'], BROKEN);
    assert.equal(
      r.stdout,
      [
        '--- a/lighttpd.conf',
        '+++ b/lighttpd.conf',
        '@@ -1,4 +1,4 @@',
        '-server.modules = ( "mod_access" )',
        '+server.modules = ( "mod_access", "mod_rewrite", "mod_proxy" )',
        ' proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
        ' server.port = 80,',
        '-url.rewrite = ( "^/a" => "/b" )',
        '+url.rewrite-once = ( "^/a" => "/b" )',
        '',
      ].join('\n'),
    );
    assert.match(r.stderr, /^would fix lighttpd\.conf:2: module-not-loaded: /);
    assert.match(r.stderr, /\n3 fixes to apply in 1 file\nremaining after the fixes: 0 errors, 1 warnings, 0 other\n$/);
    assert.equal(r.code, 0);
    const none = await lint(['--fix-dry-run', 'ok.conf'], { '/repo/ok.conf': 'server.port = 80\n' });
    assert.deepEqual([none.code, none.stdout], [0, '']);
  });

  test('CRLF line endings and a trailing line without one are kept', async () => {
    const crlf = BROKEN.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const files: MemoryFiles = { '/repo/lighttpd.conf': crlf };
    await lint(['--fix', 'lighttpd.conf'], files);
    assert.equal(text(files['/repo/lighttpd.conf']), FIXED.replace(/\n/g, '\r\n').replace(/\r\n$/, ''));
  });

  test('a module added to a fragment without server.modules of its own is a line in lighttpd style', async () => {
    const files: MemoryFiles = {
      '/repo/lighttpd.conf': 'server.modules = ( "mod_access" )\ninclude "conf.d/*.conf"\n',
      '/repo/conf.d/10-proxy.conf': 'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n',
    };
    const r = await lint(['--fix', 'lighttpd.conf'], files);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /^fixed conf\.d\/10-proxy\.conf:1: module-not-loaded: Add "mod_proxy" to server\.modules\n/);
    assert.equal(text(files['/repo/lighttpd.conf']), 'server.modules = ( "mod_access" )\ninclude "conf.d/*.conf"\n');
    const fragment = text(files['/repo/conf.d/10-proxy.conf']);
    assert.match(fragment, /server\.modules \+= \( "mod_proxy" \)/);
    assert.equal((await lint(['lighttpd.conf'], files)).stdout, '');
  });

  test('fixes that are not safe (a did-you-mean) are left for the user', async () => {
    const files: MemoryFiles = { '/repo/l.conf': 'server.modules = ( "mod_proxi" )\n' };
    const r = await lint(['--fix', 'l.conf'], files);
    assert.equal(files['/repo/l.conf'], 'server.modules = ( "mod_proxi" )\n');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /error unknown-module /);
  });

  test('a file that is not valid UTF-8 is not rewritten (its bytes are kept)', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('# caf'),
      0xe9,
      ...new TextEncoder().encode(
        '\nserver.modules = ( "mod_access" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n',
      ),
    ]);
    const files: MemoryFiles = { '/repo/l.conf': bytes };
    const r = await lint(['--fix', 'l.conf'], files);
    assert.equal(files['/repo/l.conf'], bytes);
    assert.match(r.stderr, /^lighttpd-lint: l\.conf: not fixed: not valid UTF-8 \(its bytes are kept\)\n/);
    assert.equal(r.code, 1);
  });
});

describe('explain', () => {
  test('explain CODE: what it finds, the example with its real finding and fix, the fixed config, silencing', async () => {
    const r = await lint(['explain', 'module-not-loaded'], {});
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      [
        'module-not-loaded',
        '',
        'What it finds: A directive whose module is not in server.modules: lighttpd ignores it.',
        'What lighttpd does: lighttpd logs it and carries on',
        'Default severity: error (stricter by design: the setting the user wrote does nothing, and lighttpd only says so in its log)',
        'Group: Configuration (modules, directives, values, conditions, includes)',
        '',
        'Example:',
        '   1 | server.modules = ( "mod_access" )',
        '   2 | proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
        '  -> 2:1: error module-not-loaded proxy.server needs "mod_proxy" in server.modules: without it lighttpd ignores this setting (it only logs "unknown config-key").',
        '     quick fix: Add "mod_proxy" to server.modules  (safe: lighttpd-lint --fix applies it)',
        '',
        'Fixed:',
        '   1 | server.modules = ( "mod_access", "mod_proxy" )',
        '   2 | proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )',
        '',
        'Silence it:',
        '  one line:     # lighttpd-ignore-next-line module-not-loaded   (on the line before)',
        '  one file:     # lighttpd-ignore-file module-not-loaded',
        '  editor:       "lighttpd.diagnostics.severity": { "module-not-loaded": "off" }   (or another level)',
        '  command line: lighttpd-lint --severity module-not-loaded=off',
        '',
      ].join('\n'),
    );
  });

  test('a security rule shows the lighttpd behaviour it rests on (the help hover shows); settings of its example', async () => {
    const r = await lint(['explain', 'open-redirect', 'upgrade-redirect-code'], {});
    assert.equal(r.code, 0);
    assert.match(
      r.stdout,
      /^open-redirect\n\nWhat it finds: .*\nWhat lighttpd does: lighttpd accepts it, but it is likely a mistake or unsafe\nWhy it matters: mod_redirect sends the substituted string/,
    );
    assert.match(r.stdout, /\nupgrade-redirect-code\n[^]*\nExample \(checked with --upgrade-from 1\.4\.69\):\n/);
  });

  test('explain alone lists every code once, by group; unknown codes exit 2 with the nearest', async () => {
    const r = await lint(['explain'], {});
    assert.equal(r.code, 0);
    const sections = r.stdout.split('\n').filter((l) => /^\S.*:$/.test(l));
    assert.deepEqual(sections, [
      'Syntax (how lighttpd reads the file):',
      'Configuration (modules, directives, values, conditions, includes):',
      'Upgrade (with lighttpd.upgradeFrom / --upgrade-from):',
      'Security (lighttpd-lint --rules security):',
      'Reported by lighttpd itself (lighttpd -tt on save):',
    ]);
    const listed = r.stdout
      .split('\n')
      .filter((l) => /^ {2}[a-z]/.test(l))
      .map((l) => l.trim().split(/\s+/)[0]);
    assert.deepEqual(listed.sort(), RULES.map((x) => x.code).sort());
    const bad = await lint(['explain', 'module-not-loadd'], {});
    assert.deepEqual(
      [bad.code, bad.stdout, bad.stderr],
      [
        2,
        '',
        "lighttpd-lint explain: unknown code 'module-not-loadd' (did you mean module-not-loaded?); 'lighttpd-lint explain' lists them\n",
      ],
    );
    assert.equal((await lint(['explain', '--nope'], {})).code, 2);
  });

  test('SARIF rule help is the explanation (the same text, without the live findings)', async () => {
    const r = await lint(['-f', 'sarif', 'ok.conf'], { '/repo/ok.conf': 'server.port = 80\n' });
    const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules as { id: string; help: { text: string } }[];
    const help = rules.find((x) => x.id === 'module-not-loaded')!.help.text;
    const explained = (await lint(['explain', 'module-not-loaded'], {})).stdout;
    for (const part of [
      '   1 | server.modules = ( "mod_access" )',
      '   1 | server.modules = ( "mod_access", "mod_proxy" )',
      '  command line: lighttpd-lint --severity module-not-loaded=off',
    ]) {
      assert.ok(help.includes(part), part);
      assert.ok(explained.includes(part), part);
    }
    assert.equal(rules.length, RULES.length);
    for (const x of rules) assert.ok(x.help.text.startsWith(`${x.id} (default `), x.id);
  });
});
