// lighttpd-lint --upgrade-from: the upgrade notes from the command line, and the acceptance case of the
// upgrade assistant: Debian's own lighttpd.conf (1.4.69) checked for an upgrade to 1.4.85.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../server/src/cli/run';
import type { ConfigFileSystem } from '../../server/src/analysis/fileSystem';
import { CORPUS_DIR, NO_CORPUS } from '../helpers/corpus';

function memoryIo(files: Record<string, string>): { io: CliIo; out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  const fileSystem: ConfigFileSystem = {
    readFile: (p) => files[p],
    isFile: (p) => files[p] !== undefined,
    glob: (pattern, limit) => {
      const re = new RegExp('^' + pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '$');
      return Object.keys(files)
        .filter((k) => re.test(k))
        .sort()
        .slice(0, limit + 1);
    },
    realPath: (p) => p,
  };
  const io: CliIo = {
    cwd: '/etc/lighttpd',
    readFile: async (p) => {
      if (files[p] === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return new TextEncoder().encode(files[p]);
    },
    readStdin: async () => new Uint8Array(),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    fileSystem,
  };
  return { io, out: () => stdout, err: () => stderr };
}

/** `line:column code` (1-based) of each diagnostic of a JSON report whose code starts with upgrade-. */
function upgradeNotes(json: string): string[] {
  const report = JSON.parse(json) as {
    files: { diagnostics: { code: string; line: number; column: number }[] }[];
  };
  return report.files.flatMap((f) =>
    f.diagnostics.filter((d) => d.code.startsWith('upgrade-')).map((d) => `${d.line}:${d.column} ${d.code}`),
  );
}

describe('lighttpd-lint --upgrade-from', () => {
  const conf =
    'server.modules = ( "mod_redirect" )\nserver.max-keep-alive-requests = 100\nstatic-file.disable-pathinfo = "enable"\nurl.redirect = ( "^/old/(.*)" => "/new/$1" )\n';
  test('reports the upgrade notes between the two versions, and only with the option', async () => {
    const files = { '/etc/lighttpd/lighttpd.conf': conf };
    const a = memoryIo(files);
    assert.equal(await runCli(['--upgrade-from', '1.4.69', 'lighttpd.conf'], a.io), 0);
    assert.match(a.out(), /^lighttpd\.conf:4:1: warning upgrade-redirect-code /m);
    const b = memoryIo(files);
    assert.equal(await runCli(['lighttpd.conf'], b.io), 0);
    assert.doesNotMatch(b.out(), /upgrade-/);
    const c = memoryIo(files);
    await runCli(['--upgrade-from', '1.4.69', '--lighttpd-version', '1.4.74', 'lighttpd.conf'], c.io);
    assert.doesNotMatch(c.out(), /upgrade-redirect-code/, '308 came with 1.4.75');
  });
  test('the version is checked like --lighttpd-version', async () => {
    const a = memoryIo({ '/etc/lighttpd/lighttpd.conf': conf });
    assert.equal(await runCli(['--upgrade-from', 'jessie', 'lighttpd.conf'], a.io), 2);
    assert.match(a.err(), /invalid --upgrade-from 'jessie'/);
  });
  test('--help lists it', async () => {
    const a = memoryIo({});
    await runCli(['--help'], a.io);
    assert.match(a.out(), /--upgrade-from V/);
  });
});

describe("Debian's lighttpd.conf (1.4.69-1) upgraded to 1.4.85", () => {
  const main = join(CORPUS_DIR, 'debian/lighttpd.conf');
  const alias = join(CORPUS_DIR, 'debian/conf-available/90-javascript-alias.conf');
  const skip = existsSync(main) && existsSync(alias) ? false : NO_CORPUS;
  // As the package installs it: conf-enabled holds 90-javascript-alias.conf (README: Upgrade assistant).
  const files = () => ({
    '/etc/lighttpd/lighttpd.conf': readFileSync(main, 'latin1'),
    '/etc/lighttpd/conf-enabled/90-javascript-alias.conf': readFileSync(alias, 'latin1'),
  });
  test(
    'gives exactly the notes read from NEWS: static files with path info get 404 from 1.4.80',
    { skip },
    async () => {
      const a = memoryIo(files());
      await runCli(['--upgrade-from', '1.4.69', '--lighttpd-version', '1.4.85', '-f', 'json', 'lighttpd.conf'], a.io);
      // Line 53 is `"mod_staticfile",` in the final server.modules += ( ... ); line 8 is server.modules, where
      // upgrade-advisories lists the security fixes on the way (issue 25).
      assert.deepEqual(upgradeNotes(a.out()), ['8:1 upgrade-advisories', '53:2 upgrade-static-pathinfo']);
    },
  );
  test(
    'from 1.4.39 the keep-alive default (1.4.65) is added; HTTP/2, h2c and URL normalisation are set explicitly',
    { skip },
    async () => {
      const a = memoryIo(files());
      await runCli(['--upgrade-from', '1.4.39', '-f', 'json', 'lighttpd.conf'], a.io);
      assert.deepEqual(upgradeNotes(a.out()), [
        '1:1 upgrade-keep-alive-requests',
        '8:1 upgrade-advisories',
        '53:2 upgrade-static-pathinfo',
      ]);
    },
  );
});
