/**
 * The trust model, statically and at the process level: every setting that makes the extension run a
 * program is restricted in untrusted workspaces (package.json), programs are only started with an argument
 * array (the one shell is include_shell's own `/bin/sh -c`, as lighttpd runs it), and include_shell runs
 * are bounded by a timeout and an output cap. (The server boundary is tested in test/protocol.)
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runIncludeShell } from '../../server/src/node/shellRunner';
import { REPO_ROOT } from '../helpers/corpus';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  contributes: {
    configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> };
  };
};

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.ts$/.test(name)) out.push(p);
  }
  return out;
}

describe('package.json: untrusted workspaces', () => {
  const restricted = new Set(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);

  test('supported in a limited way, with restricted settings', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(restricted.size > 0);
  });

  test('every setting that runs a program (or picks the program) is restricted', () => {
    const runsSomething = Object.entries(pkg.contributes.configuration.properties)
      .filter(([, p]) =>
        /\b(run|runs|execute|executes|executable|binary|command|spawn)\b/i.test(
          `${p.description ?? ''} ${p.markdownDescription ?? ''}`,
        ),
      )
      .map(([k]) => k);
    // The ones the server reads before it runs anything (server.ts: include_shell and lighttpd -tt).
    for (const k of ['lighttpd.includeShell.execute', 'lighttpd.validate.executable', 'lighttpd.executablePath'])
      assert.ok(runsSomething.includes(k), `${k} describes what it runs`);
    assert.deepEqual(
      runsSomething.filter((k) => !restricted.has(k)),
      [],
    );
  });

  test('every restricted setting exists', () => {
    for (const k of restricted) assert.ok(k in pkg.contributes.configuration.properties, k);
  });
});

describe('programs are started with an argument array, never through a shell built from config text', () => {
  const files = [...sources(join(REPO_ROOT, 'server', 'src')), ...sources(join(REPO_ROOT, 'client', 'src'))];
  const text = (f: string) => readFileSync(f, 'utf8');

  test('no exec/execSync/execFile with a shell, no `shell: true` anywhere', () => {
    // (`exec(` as a function, not RegExp's `.exec(`)
    const bad = files
      .filter((f) => /(?<![.\w])exec(Sync)?\s*\(|\bshell\s*:\s*true/.test(text(f)))
      .map((f) => relative(REPO_ROOT, f));
    assert.deepEqual(bad, []);
  });

  test('only the two runners (and git/tar for lighttpd-lint diff --git, lighttpd -D for test --against-lighttpd) start processes, only include_shell uses /bin/sh', () => {
    const spawning = files
      .filter((f) => /\bspawn(Sync)?\s*\(/.test(text(f)))
      .map((f) => relative(REPO_ROOT, f))
      .sort();
    assert.deepEqual(spawning, [
      'server/src/node/gitTools.ts',
      'server/src/node/lighttpdRunner.ts',
      'server/src/node/lighttpdServer.ts',
      'server/src/node/shellRunner.ts',
    ]);
    const shells = files
      .filter((f) => /\/bin\/sh|\bsh\s*-c\b/.test(text(f).replace(/^\s*(\*|\/\/).*$/gm, '')))
      .map((f) => relative(REPO_ROOT, f));
    assert.deepEqual(shells, ['server/src/node/shellRunner.ts']);
    // lighttpd gets an argument array: -tt -f and the main config (or its scratch copy's), nothing else
    const runner = text(join(REPO_ROOT, 'server/src/node/lighttpdRunner.ts'));
    assert.match(runner, /const args = \['-tt', '-f', main\];/);
    assert.match(runner, /spawn\(executable, args, \{/);
  });
});

describe('include_shell runs are bounded', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-shell-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('runs in the given folder; the output is returned', () => {
    assert.equal(runIncludeShell('pwd', dir), `${dir}\n`);
  });

  test('output over the cap: unknown (undefined), not truncated text', () => {
    assert.equal(runIncludeShell('head -c 5000 /dev/zero | tr "\\0" x', dir, { maxOutput: 1000 }), undefined);
    assert.equal(runIncludeShell('head -c 500 /dev/zero | tr "\\0" x', dir, { maxOutput: 1000 })?.length, 500);
  });

  test('past the timeout: stopped, unknown', () => {
    assert.equal(runIncludeShell('sleep 10; echo late', dir, { timeoutMs: 200 }), undefined);
  });

  test('no input: a command reading stdin sees its end at once; a failing command is unknown', () => {
    assert.equal(runIncludeShell('cat', dir, { timeoutMs: 5000 }), '');
    assert.equal(runIncludeShell('echo partial; exit 3', dir), undefined);
  });
});
