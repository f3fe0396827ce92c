// lighttpd-lint on a main config checks the whole configuration (every file its includes read), as
// `lighttpd -t -f main` does: problems of included files under their own paths in every format, the exit
// status of the whole, each file once; --no-follow keeps the per-file check. Real files in a temp folder,
// runCli in-process; where lighttpd is installed, its verdict on the same files is asserted too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, type CliIo } from '../../server/src/cli/run';
import { LIGHTTPD, NO_LIGHTTPD } from '../helpers/lighttpd';
import { CORPUS_AVAILABLE, CORPUS_DIR, NO_CORPUS } from '../helpers/corpus';

const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-whole-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

function layout(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

async function lint(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    readFile: async (p) => readFileSync(p),
    readStdin: async () => new Uint8Array(),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** `lighttpd -t -f main` in `cwd`: its exit status (0 = it would start). */
function lighttpdStatus(cwd: string, main: string): number | null {
  const r = spawnSync(LIGHTTPD!, ['-t', '-f', main], { cwd, encoding: 'utf8', timeout: 20_000 });
  return r.status ?? (r.signal ? 128 : null);
}

/** `file:line code` of each text line. */
const findings = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*?):(\d+):\d+: \S+ (\S+) /.exec(l)!;
      return `${m[1]}:${m[2]} ${m[3]}`;
    });

const PROXY = layout('proxy', {
  'lighttpd.conf': 'server.document-root = "/tmp"\nserver.modules = ( "mod_access" )\ninclude "conf.d/*.conf"\n',
  'conf.d/10-proxy.conf': 'proxy.server = ( "" => (( "host" => "127.0.0.1", "port" => 8080 )) )\nserver.port = 80;\n',
});

describe('lighttpd-lint MAIN checks every file MAIN reads', () => {
  test('an included fragment: its problems under its own path, exit 1', async () => {
    const r = await lint(PROXY, ['lighttpd.conf']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(findings(r.stdout), [
      'conf.d/10-proxy.conf:1 module-not-loaded',
      'conf.d/10-proxy.conf:2 syntax-semicolon',
    ]);
    assert.match(r.stdout, /mod_proxy/);
    assert.match(r.stderr, /in 2 files/);
  });

  test('lighttpd -t -f agrees: the configuration does not start', { skip: LIGHTTPD ? undefined : NO_LIGHTTPD }, () => {
    assert.notEqual(lighttpdStatus(PROXY, 'lighttpd.conf'), 0);
  });

  test('json: one entry per file, the fragment with its own path', async () => {
    const r = await lint(PROXY, ['-f', 'json', 'lighttpd.conf']);
    const out = JSON.parse(r.stdout) as {
      files: { file: string; diagnostics: { line: number; code: string }[] }[];
      summary: { errors: number };
    };
    assert.deepEqual(
      out.files.map((f) => [f.file, f.diagnostics.map((d) => `${d.line} ${d.code}`)]),
      [
        ['lighttpd.conf', []],
        ['conf.d/10-proxy.conf', ['1 module-not-loaded', '2 syntax-semicolon']],
      ],
    );
    assert.equal(out.summary.errors, 2);
  });

  test('sarif: one result per problem, each at its own artifact', async () => {
    const r = await lint(PROXY, ['-f', 'sarif', 'lighttpd.conf']);
    const results = (
      JSON.parse(r.stdout) as {
        runs: {
          results: {
            ruleId: string;
            locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
          }[];
        }[];
      }
    ).runs[0].results;
    assert.deepEqual(
      results.map((x) => {
        const loc = x.locations[0].physicalLocation;
        return `${loc.artifactLocation.uri}:${loc.region.startLine} ${x.ruleId}`;
      }),
      ['conf.d/10-proxy.conf:1 module-not-loaded', 'conf.d/10-proxy.conf:2 syntax-semicolon'],
    );
  });

  test('--no-follow: only the given file', async () => {
    const r = await lint(PROXY, ['--no-follow', 'lighttpd.conf']);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, '');
  });

  test('a file read by two given configs, and given itself, is printed once', async () => {
    const dir = layout('shared', {
      'a/lighttpd.conf': 'server.document-root = "/tmp"\nserver.modules = ( "mod_proxy" )\ninclude "../shared.conf"\n',
      'b/lighttpd.conf': 'server.document-root = "/tmp"\nserver.modules = ( "mod_access" )\ninclude "../shared.conf"\n',
      'shared.conf': 'proxy.server = ( "" => (( "host" => "127.0.0.1", "port" => 8080 )) )\nserver.port = 80;\n',
    });
    const r = await lint(dir, ['a/lighttpd.conf', 'shared.conf', 'b/lighttpd.conf']);
    assert.equal(r.code, 1);
    // module-not-loaded holds in b only, the semicolon in both: each printed once, under the given name.
    assert.deepEqual(findings(r.stdout), ['shared.conf:1 module-not-loaded', 'shared.conf:2 syntax-semicolon']);
    assert.match(r.stderr, /in 3 files/);
  });

  test('nested includes are followed; the file of each problem is named', async () => {
    const dir = layout('nested', {
      'lighttpd.conf': 'server.document-root = "/tmp"\ninclude "conf-enabled/*.conf"\n',
      'conf-enabled/10-a.conf': 'include "extra/b.conf"\n', // (relative to the main config's folder)
      'extra/b.conf': 'server.port = "eighty"\n',
    });
    const r = await lint(dir, ['lighttpd.conf']);
    assert.equal(r.code, 1);
    assert.deepEqual(findings(r.stdout), ['extra/b.conf:1 type-mismatch']);
  });
});

describe('include cycles', () => {
  const dir = layout('cycle', { 'a.conf': 'include "b.conf"\n', 'b.conf': 'include "a.conf"\n' });

  test('lighttpd-lint a.conf: include-cycle on a.conf (the file checked) and on b.conf, exit 1', async () => {
    const r = await lint(dir, ['a.conf']);
    assert.equal(r.code, 1);
    assert.deepEqual(findings(r.stdout), ['a.conf:1 include-cycle', 'b.conf:1 include-cycle']);
  });

  test('--no-follow still reports the cycle on the include of a.conf', async () => {
    const r = await lint(dir, ['--no-follow', 'a.conf']);
    assert.equal(r.code, 1);
    assert.deepEqual(findings(r.stdout), ['a.conf:1 include-cycle']);
  });

  test('lighttpd -t -f a.conf does not start either', { skip: LIGHTTPD ? undefined : NO_LIGHTTPD }, () => {
    // (1.4.69 recurses until it crashes; a version that detects the cycle exits with an error)
    assert.notEqual(lighttpdStatus(dir, 'a.conf'), 0);
  });
});

describe('an include that cannot be resolved is like include_shell', () => {
  const dir = layout('missing', {
    'lighttpd.conf':
      'server.document-root = "/tmp"\ninclude "modules.conf"\nproxy.server = ( "" => (( "host" => "127.0.0.1" )) )\nserver.tag = var.from_modules\n',
  });
  test('include-not-found stays; no module-not-loaded or undefined-variable for what it may define', async () => {
    const r = await lint(dir, ['-f', 'json', 'lighttpd.conf']);
    const out = JSON.parse(r.stdout) as {
      files: { diagnostics: { line: number; code: string; severity: string }[] }[];
    };
    assert.deepEqual(
      out.files[0].diagnostics.map((d) => `${d.line} ${d.code} ${d.severity}`),
      ['2 include-not-found error', '2 include-contents-unknown info'],
    );
    assert.equal(r.code, 1);
  });
});

describe(
  "a verbatim copy of Debian's layout (absolute includes) is checked like the same layout with relative ones",
  {
    skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS,
  },
  () => {
    const stock = () => readFileSync(join(CORPUS_DIR, 'debian/lighttpd.conf'), 'utf8');
    const make = (name: string, main: string) => {
      const dir = layout(name, {
        'etc/lighttpd/lighttpd.conf': main,
        // a fragment that needs a module the main config does not load
        'etc/lighttpd/conf-available/50-app.conf': 'proxy.server = ( "" => (( "host" => "127.0.0.1" )) )\n',
      });
      mkdirSync(join(dir, 'etc/lighttpd/conf-enabled'), { recursive: true });
      symlinkSync('../conf-available/50-app.conf', join(dir, 'etc/lighttpd/conf-enabled/50-app.conf'));
      return dir;
    };
    test('the same findings, in the workspace copy, with no option', async () => {
      const text = stock();
      assert.match(text, /include "\/etc\/lighttpd\/conf-enabled\/\*\.conf"/);
      const abs = await lint(make('deb-abs', text), ['etc/lighttpd/lighttpd.conf']);
      const rel = await lint(
        make('deb-rel', text.replace('include "/etc/lighttpd/conf-enabled/*.conf"', 'include "conf-enabled/*.conf"')),
        ['etc/lighttpd/lighttpd.conf'],
      );
      assert.equal(abs.code, 1, abs.stdout + abs.stderr);
      assert.deepEqual(findings(abs.stdout), ['etc/lighttpd/conf-available/50-app.conf:1 module-not-loaded']);
      assert.deepEqual(findings(abs.stdout), findings(rel.stdout));
      assert.equal(abs.code, rel.code);
    });
    test('--path-map INSTALLED=COPY names the copy explicitly', async () => {
      const dir = make('deb-map', stock());
      // The main config moved away from etc/lighttpd: no implied mapping, the option gives it.
      writeFileSync(join(dir, 'main.conf'), stock());
      const r = await lint(dir, ['--path-map', '/etc/lighttpd=etc/lighttpd', 'main.conf']);
      assert.deepEqual(findings(r.stdout), ['etc/lighttpd/conf-available/50-app.conf:1 module-not-loaded']);
    });
  },
);
