/**
 * Live validation through the server: on save, lighttpd -tt runs (only when lighttpd.validate.executable is
 * on AND the workspace is trusted) and what it prints is published with source `lighttpd`. A stand-in
 * executable (lighttpd.executablePath) prints a real lighttpd warning and leaves a marker, so whether it ran
 * is visible; the last test uses the installed lighttpd when there is one.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { findLighttpd } from '../../server/src/node/lighttpdRunner';
import { NOT_BUILT, SERVER_BUILT, startClient } from './helpers';

const fromLighttpd = (ds: Diagnostic[]) => ds.filter((d) => d.source === 'lighttpd');

describe('lighttpd.validate.executable: lighttpd -tt on save', { skip: SERVER_BUILT ? undefined : NOT_BUILT }, () => {
  let dir = '';
  let fake = '';
  const config =
    'server.document-root = "/srv"\nserver.modules = ( "mod_access" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-live-'));
    fake = join(dir, 'fake-lighttpd');
    writeFileSync(
      fake,
      '#!/bin/sh\ntouch "$(dirname "$0")/ran"\necho "2026-01-01 00:00:00: (configfile.c.1289) WARNING: unknown config-key: proxy.server (ignored)" >&2\n',
    );
    chmodSync(fake, 0o755);
    writeFileSync(join(dir, 'lighttpd.conf'), config);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, trusted, executable, runs] of [
    ['trusted and enabled: runs on save, its warning is shown on the key', true, true, true],
    ['untrusted workspace, enabled: nothing runs', false, true, false],
    ['trusted, not enabled: nothing runs', true, false, false],
  ] as const) {
    test(name, async () => {
      rmSync(join(dir, 'ran'), { force: true });
      const client = await startClient({
        workspaceFolder: dir,
        initializationOptions: { trusted },
        settings: { validate: { executable }, executablePath: fake },
      });
      try {
        const uri = client.open('lighttpd.conf', config);
        await client.diagnostics(uri);
        client.save(uri);
        if (runs) {
          const ds = await client.diagnostics(uri, (d) => fromLighttpd(d).length > 0);
          assert.deepEqual(
            fromLighttpd(ds).map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
            [['lighttpd-warning', 2, 0, 12]],
          );
          assert.ok(
            ds.some((d) => d.code === 'module-not-loaded'),
            'our own diagnostics are kept',
          );
        } else {
          const ds = await client.diagnostics(uri);
          await new Promise((r) => setTimeout(r, 300));
          assert.deepEqual(fromLighttpd(ds), []);
        }
        assert.equal(existsSync(join(dir, 'ran')), runs);
      } finally {
        await client.shutdown();
      }
    });
  }

  const real = findLighttpd();
  test(
    'with the installed lighttpd: a syntax error lighttpd reports is shown where it is',
    { skip: real ? undefined : 'lighttpd not installed' },
    async () => {
      const site = join(dir, 'real');
      mkdirSync(join(site, 'www'), { recursive: true });
      const text = `server.document-root = "${join(site, 'www')}"\nserver.port = 8089\nx = ( "a" "b" ;\n`;
      writeFileSync(join(site, 'lighttpd.conf'), text);
      const client = await startClient({
        workspaceFolder: site,
        initializationOptions: { trusted: true },
        settings: { validate: { executable: true } },
      });
      try {
        const uri = client.open('lighttpd.conf', text);
        await client.diagnostics(uri);
        client.save(uri);
        const ds = await client.diagnostics(uri, (d) => fromLighttpd(d).length > 0);
        assert.deepEqual(
          fromLighttpd(ds).map((d) => [d.code, d.range.start.line, d.range.start.character]),
          [['lighttpd-error', 2, 14]],
        );
      } finally {
        await client.shutdown();
      }
    },
  );
});
