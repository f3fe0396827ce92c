// `lighttpd-lint DIR/lighttpd.conf` whose includes name DIR's own absolute path (issue 24 point 6): they read the
// real files, so there is no include-outside-workspace hint offering to map a folder onto itself (or onto the
// folder around it), whether DIR is given as it is, relatively or through a symbolic link.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../server/src/cli/run';

const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'lighttpd-own-')));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const dir = join(tmp, 'etc', 'lighttpd');
mkdirSync(join(dir, 'conf.d'), { recursive: true });
writeFileSync(
  join(dir, 'lighttpd.conf'),
  `server.document-root = "/srv"\ninclude "${dir}/conf.d/*.conf"\ninclude "${dir}/conf-enabled/*.conf"\n`,
);
writeFileSync(join(dir, 'conf.d', 'a.conf'), 'server.tag = "x"\n');
symlinkSync(dir, join(tmp, 'link'));

async function lint(cwd: string, argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIo = {
    cwd,
    readFile: async (p) => readFileSync(p),
    readStdin: async () => new Uint8Array(),
    stdout: (t) => void (stdout += t),
    stderr: () => undefined,
  };
  return { code: await runCli(argv, io), stdout };
}

describe("includes naming the main config's own folder", () => {
  for (const [cwd, file] of [
    [tmp, join(dir, 'lighttpd.conf')],
    [join(tmp, 'etc'), 'lighttpd/lighttpd.conf'],
    [tmp, 'link/lighttpd.conf'],
  ]) {
    test(`${file}: no include-outside-workspace`, async () => {
      const r = await lint(cwd, ['--format', 'json', '--severity', 'include-outside-workspace=error', file]);
      const report = JSON.parse(r.stdout) as { files: { file: string; diagnostics: { code: string }[] }[] };
      const codes = report.files.flatMap((f) => f.diagnostics.map((d) => d.code));
      assert.deepEqual(codes, [], r.stdout);
      assert.equal(r.code, 0);
      // conf.d/a.conf is read (checked with the main config)
      assert.ok(
        report.files.some((f) => f.file.endsWith('a.conf')),
        r.stdout,
      );
    });
  }
});
