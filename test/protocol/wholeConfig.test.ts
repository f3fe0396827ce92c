/**
 * The editor shows the whole configuration: opening only the main config publishes the diagnostics of the
 * files it reads (not open), a summary `included-problems` on the include line with each problem as related
 * information, include cycles on the include line of the opened file; closing the main config clears the
 * fragment; `lighttpd.diagnostics.includedFiles` bounds it (0: only open files).
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { NOT_BUILT, SERVER_BUILT, startClient } from './helpers';

const skip = SERVER_BUILT ? undefined : NOT_BUILT;
const tmp = mkdtempSync(join(tmpdir(), 'lighttpd-whole-proto-'));
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
      assert.equal(summary.severity, DiagnosticSeverity.Error);
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
      assert.equal(ds[0].severity, DiagnosticSeverity.Warning);
      assert.match(ds[0].message, /^1 warning in conf\.d\/a\.conf$/);
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
