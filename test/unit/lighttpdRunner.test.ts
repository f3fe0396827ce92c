// server/src/lighttpdRunner.ts: runs lighttpd -tt only when enabled AND trusted, with an argument array,
// a timeout and an output cap; then (with the real lighttpd, when installed) the whole path to diagnostics.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findLighttpd, runLighttpdPreflight } from '../../server/src/node/lighttpdRunner';
import { getLanguageService } from '../../server/src/service';

const dir = mkdtempSync(join(tmpdir(), 'lighttpd-runner-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

const conf = join(dir, 'lighttpd.conf');
writeFileSync(conf, 'server.port = 80\n');
// A stand-in that proves it ran with an argument array (no shell): it prints its arguments, one per line.
const echoArgs = script('echo-args', 'for a in "$@"; do echo "[$a]"; done; touch "$(dirname "$0")/ran"');

describe('policy: nothing runs unless the setting is on and the workspace is trusted', () => {
  test('disabled, untrusted: refused without starting anything', async () => {
    rmSync(join(dir, 'ran'), { force: true });
    assert.deepEqual(await runLighttpdPreflight(conf, { enabled: false, trusted: true, executablePath: echoArgs }), {
      ran: false,
      reason: 'disabled',
    });
    assert.deepEqual(await runLighttpdPreflight(conf, { enabled: true, trusted: false, executablePath: echoArgs }), {
      ran: false,
      reason: 'untrusted',
    });
    assert.equal(existsSync(join(dir, 'ran')), false);
  });
  test('enabled and trusted: -tt -f <config> as separate arguments, in the config directory', async () => {
    const r = await runLighttpdPreflight(conf, { enabled: true, trusted: true, executablePath: echoArgs });
    assert.ok(r.ran);
    assert.equal(r.status, 0);
    assert.deepEqual(r.output.trim().split('\n'), ['[-tt]', '[-f]', `[${conf}]`]);
    assert.equal(existsSync(join(dir, 'ran')), true);
  });
  test('an executable that does not exist is reported, not thrown', async () => {
    const r = await runLighttpdPreflight(conf, {
      enabled: true,
      trusted: true,
      executablePath: join(dir, 'no-such-lighttpd'),
    });
    assert.deepEqual(r, { ran: false, reason: 'not-found', detail: join(dir, 'no-such-lighttpd') });
    assert.equal(
      findLighttpd('', { PATH: dir }) === undefined || typeof findLighttpd('', { PATH: dir }) === 'string',
      true,
    );
  });
});

describe('bounds', () => {
  test('a process that does not finish is killed after the timeout', async () => {
    const slow = script('slow', 'echo started; exec sleep 30');
    const r = await runLighttpdPreflight(conf, { enabled: true, trusted: true, executablePath: slow, timeoutMs: 300 });
    assert.ok(r.ran);
    assert.equal(r.timedOut, true);
    assert.match(r.output, /started/);
  });
  test('output beyond the cap is dropped and the process stopped', async () => {
    const chatty = script('chatty', 'yes lighttpd'); // (sh runs yes as its child: the whole group must be stopped)
    const r = await runLighttpdPreflight(conf, {
      enabled: true,
      trusted: true,
      executablePath: chatty,
      maxOutput: 10_000,
      timeoutMs: 20_000,
    });
    assert.ok(r.ran);
    assert.equal(r.truncated, true);
    assert.equal(r.output.length, 10_000);
    assert.equal(r.timedOut, false);
  });
});

const LIGHTTPD = findLighttpd();
describe('with the real lighttpd', { skip: LIGHTTPD ? undefined : 'lighttpd not installed' }, () => {
  test('lighttpd -tt output becomes diagnostics on the right lines (unknown config-key, syntax error)', async () => {
    const docroot = mkdtempSync(join(dir, 'www-'));
    const file = join(dir, 'real.conf');
    const text = `server.document-root = "${docroot}"\nserver.port = 8089\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 9 ) ) )\n`;
    writeFileSync(file, text);
    const r = await runLighttpdPreflight(file, { enabled: true, trusted: true });
    assert.ok(r.ran, JSON.stringify(r));
    const service = getLanguageService();
    const doc = TextDocument.create(pathToFileURL(file).href, 'lighttpd', 1, text);
    const d = service.mapLighttpdOutput(doc, r.output, {
      path: file,
      isSavedDocument: true,
      failed: r.status !== 0,
      baseDir: dir,
    });
    assert.deepEqual(
      d.map((x) => [x.code, x.range.start.line, doc.getText(x.range)]),
      [['lighttpd-warning', 2, 'proxy.server']],
    );

    const broken = `server.document-root = "${docroot}"\nserver.port = 8089;\n`;
    writeFileSync(file, broken);
    const r2 = await runLighttpdPreflight(file, { enabled: true, trusted: true });
    assert.ok(r2.ran && r2.status !== 0);
    const doc2 = TextDocument.create(pathToFileURL(file).href, 'lighttpd', 2, broken);
    const d2 = service.mapLighttpdOutput(doc2, r2.output, {
      path: file,
      isSavedDocument: true,
      failed: true,
      baseDir: dir,
    });
    assert.deepEqual(
      d2.map((x) => [x.code, x.range.start.line, doc2.getText(x.range)]),
      [['lighttpd-error', 1, ';']],
    );
  });
});

test('settings: lighttpd.validate.executable is off unless set to true; lighttpd.executablePath is a trimmed string', async () => {
  const { normalizeSettings, DEFAULT_SETTINGS } = await import('../../server/src/settings');
  assert.equal(DEFAULT_SETTINGS.validateExecutable, false);
  assert.equal(normalizeSettings({ validate: { executable: true } }).validateExecutable, true);
  assert.equal(normalizeSettings({ validate: { executable: 'yes' } }).validateExecutable, false);
  assert.equal(
    normalizeSettings({ executablePath: ' /opt/lighttpd/sbin/lighttpd ' }).executablePath,
    '/opt/lighttpd/sbin/lighttpd',
  );
  assert.equal(normalizeSettings({ executablePath: 5 }).executablePath, '');
});
