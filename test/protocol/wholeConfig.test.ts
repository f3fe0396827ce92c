/**
 * The editor shows the whole configuration: opening only the main config publishes the diagnostics of the
 * files it reads (not open), a summary `included-problems` on the include line with each problem as related
 * information, include cycles on the include line of the opened file; closing the main config clears the
 * fragment; `lighttpd.diagnostics.includedFiles` bounds it (0: only open files).
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { NOT_BUILT, SERVER_BUILT, startClient } from './helpers';
import { CORPUS_AVAILABLE, CORPUS_DIR, NO_CORPUS } from '../helpers/corpus';

const skip = SERVER_BUILT ? undefined : NOT_BUILT;
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'lighttpd-whole-proto-')));
after(() => rmSync(tmp, { recursive: true, force: true }));

function layout(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const MAIN = 'server.document-root = "/tmp"\nserver.modules = ( "mod_access" )\ninclude "conf.d/*.conf"\n';
const PROXY = 'proxy.server = ( "" => (( "host" => "127.0.0.1", "port" => 8080 )) )\nserver.port = 80;\n';
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}`).sort();

describe('opening only the main config', { skip }, () => {
  test('publishes the fragment, summarises it on the include line, clears it on close', async () => {
    const dir = layout('proxy', { 'lighttpd.conf': MAIN, 'conf.d/10-proxy.conf': PROXY });
    const client = await startClient({ workspaceFolder: dir, settings: { validate: { delay: 0 } } });
    try {
      const fragment = pathToFileURL(join(dir, 'conf.d/10-proxy.conf')).href;
      const fragmentDiags = client.diagnostics(fragment, (d) => d.length > 0);
      const mainDiags = client.diagnostics(pathToFileURL(join(dir, 'lighttpd.conf')).href);
      client.open('lighttpd.conf', MAIN);
      assert.deepEqual(codes(await fragmentDiags), ['module-not-loaded@0', 'syntax-semicolon@1']);
      const main = await mainDiags;
      assert.deepEqual(codes(main), ['included-problems@2']);
      const summary = main[0];
      // The fragment's two errors are published on it: the summary only points at them (one problem, counted once).
      assert.equal(summary.severity, DiagnosticSeverity.Hint);
      assert.match(summary.message, /^2 errors in conf\.d\/10-proxy\.conf$/);
      assert.deepEqual(
        summary.relatedInformation?.map((r) => `${r.location.uri === fragment}@${r.location.range.start.line}`),
        ['true@0', 'true@1'],
      );
      const cleared = client.diagnostics(fragment, (d) => d.length === 0);
      client.close(pathToFileURL(join(dir, 'lighttpd.conf')).href);
      assert.deepEqual(await cleared, []);
    } finally {
      await client.shutdown();
    }
  });

  test('a warning only: the summary is a warning', async () => {
    const dir = layout('warn', {
      'lighttpd.conf': 'server.document-root = "/tmp"\ninclude "conf.d/*.conf"\n',
      'conf.d/a.conf': 'a = 1, b = 2\n',
    });
    const client = await startClient({ workspaceFolder: dir, settings: { validate: { delay: 0 } } });
    try {
      const main = client.diagnostics(pathToFileURL(join(dir, 'lighttpd.conf')).href);
      client.open('lighttpd.conf', 'server.document-root = "/tmp"\ninclude "conf.d/*.conf"\n');
      const ds = await main;
      assert.deepEqual(codes(ds), ['included-problems@1']);
      assert.equal(ds[0].severity, DiagnosticSeverity.Hint);
      assert.match(ds[0].message, /^1 warning in conf\.d\/a\.conf$/);
    } finally {
      await client.shutdown();
    }
  });

  test('a fragment published nowhere else (past lighttpd.diagnostics.includedFiles): the summary carries its severity', async () => {
    const dir = layout('past-max', {
      'lighttpd.conf': MAIN,
      'conf.d/10-proxy.conf': PROXY,
      'conf.d/20-warn.conf': 'a = 1, b = 2\n',
    });
    // Two files published: the main config and 10-proxy.conf; 20-warn.conf is neither published nor open.
    const client = await startClient({
      workspaceFolder: dir,
      settings: { validate: { delay: 0 }, diagnostics: { includedFiles: 2 } },
    });
    try {
      const main = client.diagnostics(pathToFileURL(join(dir, 'lighttpd.conf')).href, (d) => d.length > 0);
      client.open('lighttpd.conf', MAIN);
      const ds = await main;
      assert.deepEqual(codes(ds), ['included-problems@2']);
      assert.match(ds[0].message, /^2 errors, 1 warning in 2 included files$/);
      // Only the warning is shown nowhere else.
      assert.equal(ds[0].severity, DiagnosticSeverity.Warning);
    } finally {
      await client.shutdown();
    }
  });

  test('lighttpd.diagnostics.includedFiles = 0: only open files are published', async () => {
    const dir = layout('bounded', { 'lighttpd.conf': MAIN, 'conf.d/10-proxy.conf': PROXY });
    const client = await startClient({
      workspaceFolder: dir,
      settings: { validate: { delay: 0 }, diagnostics: { includedFiles: 0 } },
    });
    try {
      const fragment = pathToFileURL(join(dir, 'conf.d/10-proxy.conf')).href;
      let fragmentPublished = false;
      void client.diagnostics(fragment, () => (fragmentPublished = true), 5000).catch(() => undefined);
      const main = client.diagnostics(pathToFileURL(join(dir, 'lighttpd.conf')).href);
      client.open('lighttpd.conf', MAIN);
      assert.deepEqual(codes(await main), []);
      await client.request('textDocument/hover', {
        textDocument: { uri: pathToFileURL(join(dir, 'lighttpd.conf')).href },
        position: { line: 0, character: 0 },
      });
      assert.equal(fragmentPublished, false);
    } finally {
      await client.shutdown();
    }
  });
});

describe('include cycles in the editor', { skip }, () => {
  for (const opened of ['a.conf', 'b.conf']) {
    test(`opening only ${opened}: include-cycle on its include line, the cycle as related information`, async () => {
      const dir = layout(`cycle-${opened}`, { 'a.conf': 'include "b.conf"\n', 'b.conf': 'include "a.conf"\n' });
      const client = await startClient({ workspaceFolder: dir, settings: { validate: { delay: 0 } } });
      try {
        const other = opened === 'a.conf' ? 'b.conf' : 'a.conf';
        const otherDiags = client.diagnostics(pathToFileURL(join(dir, other)).href, (d) => d.length > 0);
        const mine = client.diagnostics(pathToFileURL(join(dir, opened)).href);
        client.open(opened, `include "${other}"\n`);
        const ds = await mine;
        const cycle = ds.find((d) => d.code === 'include-cycle');
        assert.ok(cycle, JSON.stringify(ds));
        assert.equal(cycle.range.start.line, 0);
        assert.deepEqual(cycle.relatedInformation?.map((r) => r.location.uri.split('/').pop()).sort(), [
          'a.conf',
          'b.conf',
        ]);
        assert.ok((await otherDiags).some((d) => d.code === 'include-cycle'));
      } finally {
        await client.shutdown();
      }
    });
  }
});

/**
 * Debian's stock lighttpd.conf copied verbatim to <ws>/etc/lighttpd/ (its `include "/etc/lighttpd/conf-enabled/*.conf"`
 * absolute) is checked in the editor like the same layout with a relative include, with no setting: the default
 * mapping reads the workspace copy, and the include's hover says so. The same file at <ws>/main.conf (no default
 * mapping) gets include-outside-workspace and the quick fix that writes lighttpd.pathMappings.
 */
describe(
  "a verbatim copy of Debian's layout in the editor",
  { skip: skip ?? (CORPUS_AVAILABLE ? undefined : NO_CORPUS) },
  () => {
    const ABSOLUTE = 'include "/etc/lighttpd/conf-enabled/*.conf"';
    const stock = () => readFileSync(join(CORPUS_DIR, 'debian/lighttpd.conf'), 'utf8');
    const debian = (name: string, main: string, at = 'etc/lighttpd/lighttpd.conf') => {
      const dir = layout(name, {
        [at]: main,
        // a fragment that needs a module the main config does not load, enabled by a link as Debian does
        'etc/lighttpd/conf-available/50-app.conf': 'proxy.server = ( "" => (( "host" => "127.0.0.1" )) )\n',
      });
      mkdirSync(join(dir, 'etc/lighttpd/conf-enabled'), { recursive: true });
      symlinkSync('../conf-available/50-app.conf', join(dir, 'etc/lighttpd/conf-enabled/50-app.conf'));
      return dir;
    };
    const lineOf = (text: string, s: string) => text.slice(0, text.indexOf(s)).split('\n').length - 1;
    /** What the editor shows after opening only the main config: its diagnostics and the fragment's. */
    const opened = async (dir: string, text: string, at = 'etc/lighttpd/lighttpd.conf') => {
      const client = await startClient({ workspaceFolder: dir, settings: { validate: { delay: 0 } } });
      const fragment = client.diagnostics(
        pathToFileURL(join(dir, 'etc/lighttpd/conf-available/50-app.conf')).href,
        (d) => d.length > 0,
      );
      const main = client.diagnostics(pathToFileURL(join(dir, at)).href, (d) =>
        d.some((x) => x.code === 'included-problems'),
      );
      client.open(at, text);
      return { client, fragment: await fragment, main: await main };
    };

    test('absolute includes give the diagnostics relative ones give; the hover names the default mapping', async () => {
      const text = stock();
      assert.ok(text.includes(ABSOLUTE));
      const relText = text.replace(ABSOLUTE, 'include "conf-enabled/*.conf"');
      const absDir = debian('deb-abs', text);
      const abs = await opened(absDir, text);
      try {
        const line = lineOf(text, ABSOLUTE);
        assert.deepEqual(codes(abs.fragment), ['module-not-loaded@0']);
        assert.ok(codes(abs.main).includes(`included-problems@${line}`), JSON.stringify(codes(abs.main)));
        const h = await abs.client.request<{ contents: { value: string } } | null>('textDocument/hover', {
          textDocument: { uri: pathToFileURL(join(absDir, 'etc/lighttpd/lighttpd.conf')).href },
          position: { line, character: ABSOLUTE.indexOf('conf-enabled') },
        });
        const head = h?.contents.value.split('\n')[0] ?? '';
        assert.ok(head.includes(`read from \`${join(absDir, 'etc/lighttpd/conf-enabled')}/\``), head);
        assert.match(head, /\/etc\/lighttpd, mapped by default\)$/);
      } finally {
        await abs.client.shutdown();
      }
      const rel = await opened(debian('deb-rel', relText), relText);
      try {
        assert.deepEqual(codes(rel.fragment), codes(abs.fragment));
        assert.deepEqual(codes(rel.main), codes(abs.main));
      } finally {
        await rel.client.shutdown();
      }
    });

    test('at <ws>/main.conf: include-outside-workspace, and a quick fix that maps /etc/lighttpd', async () => {
      const text = stock();
      const dir = debian('deb-moved', text, 'main.conf');
      const client = await startClient({ workspaceFolder: dir, settings: { validate: { delay: 0 } } });
      try {
        const uri = pathToFileURL(join(dir, 'main.conf')).href;
        const main = client.diagnostics(uri, (d) => d.some((x) => x.code === 'include-outside-workspace'));
        client.open('main.conf', text);
        const hints = (await main).filter((d) => d.code === 'include-outside-workspace');
        const line = lineOf(text, ABSOLUTE);
        assert.deepEqual(
          hints.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity]),
          [[line, 'include '.length, ABSOLUTE.length, DiagnosticSeverity.Hint]],
        );
        const actions = await client.request<{ title: string; command?: { command: string; arguments?: unknown[] } }[]>(
          'textDocument/codeAction',
          { textDocument: { uri }, range: hints[0].range, context: { diagnostics: hints, only: ['quickfix'] } },
        );
        const fix = actions.find((a) => a.command?.command === 'lighttpd.addPathMapping');
        assert.deepEqual(fix?.command?.arguments, ['/etc/lighttpd', pathToFileURL(join(dir, 'etc/lighttpd')).href]);
      } finally {
        await client.shutdown();
      }
    });
  },
);
