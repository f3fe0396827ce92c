import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, quickFixes, severities } from '../../helpers/diagnostics';
import { getLanguageService } from '../../../server/src/service';
import { docOf } from '../../helpers/diagnostics';
import { REPO_ROOT } from '../../helpers/corpus';
import { normalizeSettings } from '../../../server/src/settings';
import { parseCliArgs, UsageError } from '../../../server/src/cli/args';

const CODES = ['platform-unsupported'];
const SEED = readFileSync(join(REPO_ROOT, 'test/fixtures/seed/scgi-app.conf'), 'utf8');

describe('platform-unsupported', () => {
  test('the seed SCGI config with server.event-handler = "freebsd-kqueue": an error on Linux (lighttpd -tt refuses), none on freebsd', () => {
    const text = SEED.replace('server.port = 8080\n', 'server.port = 8080\nserver.event-handler = "freebsd-kqueue"\n');
    assert.deepEqual(found(text, CODES), [['platform-unsupported', '"freebsd-kqueue"']]);
    assert.deepEqual(severities(text, 'platform-unsupported'), ['error']);
    assert.match(
      getLanguageService()
        .doValidation(docOf(text), {})
        .find((d) => d.code === 'platform-unsupported')!.message,
      /on Linux \(the target platform assumed/,
    );
    assert.deepEqual(found(text, CODES, { platform: 'freebsd' }), []);
    // quick fix: the line goes, lighttpd picks the handler itself
    assert.deepEqual(quickFixes(text, 'platform-unsupported')[0], ['Remove the line', SEED]);
    // through the language service's settings, as the editor and the CLI pass them
    const ls = getLanguageService();
    const codes = (platform?: 'freebsd' | 'linux') =>
      ls
        .doValidation(docOf(text), platform ? { platform } : {})
        .filter((d) => d.code === 'platform-unsupported')
        .map((d) => d.range.start.line);
    assert.deepEqual(codes(), [5]);
    assert.deepEqual(codes('linux'), [5]);
    assert.deepEqual(codes('freebsd'), []);
  });
  test('event handlers per platform: epoll on Linux, kqueue on BSD/macOS, ports on Solaris, poll/select everywhere', () => {
    const eh = (v: string, platform?: string) =>
      found(`server.event-handler = "${v}"\n`, CODES, platform ? { platform: platform as 'linux' } : {}).length;
    for (const v of ['linux-sysepoll', 'epoll', 'poll', 'select', 'libev']) assert.equal(eh(v), 0, v);
    for (const v of ['freebsd-kqueue', 'kqueue', 'solaris-eventports', 'solaris-devpoll']) assert.equal(eh(v), 1, v);
    for (const p of ['freebsd', 'openbsd', 'netbsd', 'dragonfly', 'macos']) {
      assert.equal(eh('kqueue', p), 0, p);
      assert.equal(eh('epoll', p), 1, p);
    }
    assert.equal(eh('solaris-eventports', 'solaris'), 0);
    assert.equal(eh('linux-sysepoll', 'solaris'), 1);
    assert.equal(eh('poll', 'windows'), 0);
    assert.equal(eh('kqueue', 'windows'), 1);
    // a value no platform knows is invalid-value, not this rule
    assert.deepEqual(found('server.event-handler = "epol"\n', ['invalid-value', ...CODES]), [
      ['invalid-value', '"epol"'],
    ]);
  });
  test('stat cache engines, network backends and platform-only socket options', () => {
    assert.deepEqual(found('server.stat-cache-engine = "kqueue"\n', CODES), [['platform-unsupported', '"kqueue"']]);
    assert.deepEqual(found('server.stat-cache-engine = "inotify"\n', CODES), []);
    assert.deepEqual(found('server.stat-cache-engine = "inotify"\n', CODES, { platform: 'macos' }), [
      ['platform-unsupported', '"inotify"'],
    ]);
    assert.deepEqual(found('server.stat-cache-engine = "fam"\n', CODES), []);
    // refusals are errors, ignored options warnings
    assert.deepEqual(severities('server.stat-cache-engine = "kqueue"\n', 'platform-unsupported'), ['error']);
    assert.deepEqual(severities('server.defer-accept = "enable"\n', 'platform-unsupported', { platform: 'freebsd' }), [
      'warning',
    ]);
    // sendfile names: harmless (information), lighttpd uses the platform's own
    assert.deepEqual(severities('server.network-backend = "freebsd-sendfile"\n', 'platform-unsupported'), [
      'information',
    ]);
    assert.deepEqual(found('server.network-backend = "linux-sendfile"\n', CODES), []);
    assert.deepEqual(found('server.network-backend = "sendfile"\n', CODES), []);
    assert.deepEqual(found('server.network-backend = "sendfile"\n', CODES, { platform: 'openbsd' }).length, 1);
    assert.deepEqual(found('server.network-backend = "writev"\n', CODES, { platform: 'openbsd' }), []);
    // ignored elsewhere
    const opts =
      'server.defer-accept = "enable"\nserver.ip-transparent = "enable"\nserver.bsd-accept-filter = "httpready"\n' +
      'server.feature-flags = ( "server.network-mptcp" => "enable" )\n';
    assert.deepEqual(found(opts, CODES), [['platform-unsupported', 'server.bsd-accept-filter']]);
    assert.deepEqual(found(opts, CODES, { platform: 'freebsd' }), [
      ['platform-unsupported', 'server.defer-accept'],
      ['platform-unsupported', 'server.ip-transparent'],
      ['platform-unsupported', '"server.network-mptcp"'],
    ]);
    // disabled: nothing to ignore
    assert.deepEqual(found('server.defer-accept = "disable"\n', CODES, { platform: 'freebsd' }), []);
    assert.deepEqual(
      found('server.username = "www"\nserver.chroot = "/srv"\n', CODES, { platform: 'windows' }).length,
      2,
    );
  });
  test('setting and CLI option', () => {
    assert.equal(normalizeSettings({}).platform, 'linux');
    assert.equal(normalizeSettings({ platform: 'FreeBSD' }).platform, 'freebsd');
    assert.equal(normalizeSettings({ platform: 'darwin' }).platform, 'macos');
    assert.equal(normalizeSettings({ platform: 42 }).platform, 'linux');
    assert.equal(parseCliArgs(['--platform', 'freebsd', 'a.conf']).platform, 'freebsd');
    assert.equal(parseCliArgs(['a.conf']).platform, undefined);
    assert.throws(() => parseCliArgs(['--platform', 'beos', 'a.conf']), UsageError);
  });
});
