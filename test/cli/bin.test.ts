// The built executable dist/cli.js (made by `npm run build`, which `npm test` runs first): standard input,
// exit codes, no stack traces, `npx lighttpd-lint` in the repository, and the tarball `npm pack` makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/corpus';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const skip = existsSync(CLI) ? undefined : 'dist/cli.js not built (run npm run build, or npm test which builds first)';
const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-lint-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

function run(
  args: string[],
  input?: string,
  cwd = tmp,
  command = process.execPath,
  prefix = [CLI],
): SpawnSyncReturns<string> {
  return spawnSync(command, [...prefix, ...args], { input, cwd, encoding: 'utf8', timeout: 60_000 });
}

writeFileSync(join(tmp, 'bad.conf'), 'server.port = 80;\n');
writeFileSync(join(tmp, 'good.conf'), 'server.port = 80\n');

test('stdin: - reads standard input; errors give exit 1', { skip }, () => {
  const r = run(['-'], 'a = 1\nserver.port = 80;\n');
  assert.equal(r.status, 1, r.stderr);
  assert.equal(
    r.stdout,
    r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l + '\n')
      .join(''),
  );
  assert.match(r.stdout, /^<stdin>:2:17: error syntax-semicolon /);
});

test('stdin: empty input is a clean file', { skip }, () => {
  const r = run(['-'], '');
  assert.deepEqual([r.status, r.stdout], [0, '']);
});

test('exit codes: 0 clean, 1 errors, 2 usage and missing files, with no stack trace', { skip }, () => {
  assert.equal(run(['good.conf']).status, 0);
  assert.equal(run(['bad.conf']).status, 1);
  for (const args of [[], ['--nope', 'good.conf'], ['missing.conf'], ['.']]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^lighttpd-lint: /);
    assert.doesNotMatch(r.stderr, /\n\s+at |Error:|node:internal/, args.join(' '));
  }
});

test('json and sarif on the real executable parse as JSON', { skip }, () => {
  const j = run(['--format', 'json', 'bad.conf']);
  assert.equal(JSON.parse(j.stdout).summary.errors, 1);
  const s = run(['--format', 'sarif', 'bad.conf']);
  const log = JSON.parse(s.stdout);
  assert.equal(log.runs[0].results[0].ruleId, 'syntax-semicolon');
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'bad.conf');
});

test('dist/cli.js runs on its own: shebang and executable bit', { skip }, () => {
  assert.match(readFileSync(CLI, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  assert.ok(statSync(CLI).mode & 0o111, 'executable');
  const r = spawnSync(CLI, ['bad.conf'], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 1, r.stderr);
});

const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npx lighttpd-lint works in the repository (package.json bin)', { skip }, () => {
  const r = spawnSync(NPX, ['--no', '--', 'lighttpd-lint', join(tmp, 'bad.conf')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /bad\.conf:1:17: error syntax-semicolon /);
});

test('the npm tarball holds the self-contained linter and npx runs it without any node_modules', { skip }, () => {
  const packDir = join(tmp, 'pack');
  mkdirSync(packDir);
  const p = spawnSync(NPM, ['pack', '--json', '--pack-destination', packDir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(p.status, 0, p.stderr);
  const [info] = JSON.parse(p.stdout) as { filename: string; files: { path: string }[] }[];
  const paths = info.files.map((f) => f.path).sort();
  assert.ok(paths.includes('dist/cli.js'), paths.join(' '));
  assert.ok(paths.includes('package.json'));
  assert.ok(
    !paths.some((x) => x.startsWith('server/') || x.startsWith('node_modules/') || x.endsWith('.map')),
    paths.join(' '),
  );

  // Install it the way npm lays out a dependency (package folder + .bin link), with no other packages:
  // this proves dist/cli.js needs nothing but Node.
  const project = join(tmp, 'project');
  const pkgDir = join(project, 'node_modules', 'lighttpd-conf');
  mkdirSync(pkgDir, { recursive: true });
  const x = spawnSync('tar', ['-xzf', join(packDir, info.filename), '-C', pkgDir, '--strip-components=1'], {
    encoding: 'utf8',
  });
  assert.equal(x.status, 0, x.stderr);
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.equal(manifest.bin['lighttpd-lint'], './dist/cli.js');
  mkdirSync(join(project, 'node_modules', '.bin'));
  symlinkSync('../lighttpd-conf/dist/cli.js', join(project, 'node_modules', '.bin', 'lighttpd-lint'));
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
  writeFileSync(
    join(project, 'lighttpd.conf'),
    'server.document-root = "/srv"\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n',
  );
  const r = spawnSync(NPX, ['--no', '--', 'lighttpd-lint', '-f', 'json', 'lighttpd.conf'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string }) => d.code),
    ['module-not-loaded'],
  );
});
