// The upgrade notes' "keep the old behaviour" quick fixes under the installed lighttpd (1.4.69 here): the pinned
// configuration starts as the original does (lighttpd -tt: same status, same messages), and lighttpd -p prints the
// same configuration plus the pinned key with the value the old release used by default.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quickFixes } from '../helpers/diagnostics';
import { OPENSSL } from '../helpers/lighttpd';
import { LIGHTTPD, NO_LIGHTTPD, hermeticEnv, lighttpdVersion, runLighttpd } from './lighttpd';

interface PinCase {
  readonly code: string;
  readonly from: string;
  /** The configuration after the common prelude; CERT stands for a generated certificate. */
  readonly body: string;
  /** The key the fix pins, as lighttpd -p prints it. */
  readonly pinned: RegExp;
  readonly tls?: boolean;
}

const CASES: readonly PinCase[] = [
  {
    code: 'upgrade-redirect-code',
    from: '1.4.69',
    body: 'server.modules += ( "mod_redirect" )\n$HTTP["host"] == "old.example" {\n  url.redirect = ( "" => "http://new.example/" )\n}\n',
    pinned: /url\.redirect-code\s*=\s*301/,
  },
  {
    code: 'upgrade-tls-min-protocol',
    from: '1.4.69',
    body: 'server.modules += ( "mod_openssl" )\n$SERVER["socket"] == "127.0.0.1:58443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "CERT"\n}\n',
    pinned: /"MinProtocol"\s*=>\s*"TLSv1\.2"/,
    tls: true,
  },
  {
    code: 'upgrade-error-handler-404',
    from: '1.4.69',
    body: 'server.error-handler-404 = "/404.html"\n',
    pinned: /server\.error-handler\s*=\s*"\/404\.html"/,
  },
  {
    code: 'upgrade-static-pathinfo',
    from: '1.4.69',
    body: 'server.modules += ( "mod_staticfile" )\n',
    pinned: /static-file\.disable-pathinfo\s*=\s*"disable"/,
  },
  {
    code: 'upgrade-h2c',
    from: '1.4.69',
    body: 'server.feature-flags = ( "server.h2proto" => "enable" )\n',
    pinned: /"server\.h2c"\s*=>\s*"enable"/,
  },
  {
    code: 'upgrade-keep-alive-requests',
    from: '1.4.64',
    body: 'server.tag = "t"\n',
    pinned: /server\.max-keep-alive-requests\s*=\s*100/,
  },
  {
    code: 'upgrade-http2',
    from: '1.4.58',
    body: 'server.feature-flags = ( "server.graceful-shutdown-timeout" => 5 )\n',
    pinned: /"server\.h2proto"\s*=>\s*"disable"/,
  },
  {
    code: 'upgrade-url-normalize',
    from: '1.4.53',
    body: 'server.tag = "t"\n',
    pinned: /"url-normalize"\s*=>\s*"disable"/,
  },
  {
    code: 'upgrade-dirlisting-dotfiles',
    from: '1.4.39',
    body: 'server.modules += ( "mod_dirlisting" )\n$HTTP["url"] =^ "/pub/" {\n  dir-listing.activate = "enable"\n}\n',
    pinned: /dir-listing\.hide-dotfiles\s*=\s*"disable"/,
  },
  {
    code: 'upgrade-alias-order',
    from: '1.4.84',
    body: 'server.modules += ( "mod_alias" )\nalias.url = ( "/blog" => "/srv/blog", "/other" => "/srv/o", "/blog/img" => "/srv/img" )\n',
    pinned: /^$/, // the fix removes the entry that never matched
  },
];

const skip = LIGHTTPD ? false : NO_LIGHTTPD;

describe('upgrade pins under the installed lighttpd', { skip }, () => {
  let dir = '';
  let env: Record<string, string> = {};
  let cert = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-upgrade-'));
    env = hermeticEnv(dir);
    if (OPENSSL) {
      cert = join(dir, 'server.pem');
      execFileSync(
        OPENSSL,
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-keyout',
          cert,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const prelude = () =>
    `server.document-root = "${dir}"\nserver.port = 0\nserver.bind = "127.0.0.1"\nserver.modules = ( "mod_access" )\n`;
  // var.PID differs between runs; -p pads '=' to the longest key of a block.
  const lines = (p: string) =>
    p
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .filter((l) => l && !l.startsWith('var.'));

  for (const c of CASES) {
    test(`${c.code} (from ${c.from}): -tt unchanged, -p adds the pinned key`, async (t) => {
      if (c.tls && !cert) return t.skip('openssl not installed (needed for a test certificate)');
      const version = await lighttpdVersion(dir);
      const text = prelude() + c.body.replace('CERT', cert);
      // The target is the installed release's successor line: the pin must hold on the old release itself.
      const [keep] = quickFixes(text, c.code, { upgradeFrom: c.from, version: '1.4.85' });
      assert.ok(keep && /^(Keep the|Send every error)/.test(keep[0]), `a keep fix for ${c.code}: ${keep?.[0]}`);
      const pinned = keep[1];
      assert.notEqual(pinned, text);
      const orig = join(dir, `${c.code}.conf`);
      const fixed = join(dir, `${c.code}.pinned.conf`);
      writeFileSync(orig, text);
      writeFileSync(fixed, pinned);
      const tt = async (f: string) => runLighttpd(['-tt', '-f', f], { cwd: dir, env });
      const [a, b] = [await tt(orig), await tt(fixed)];
      assert.equal(a.status, 0, `original starts under ${version}:\n${a.output}`);
      assert.equal(b.status, 0, `pinned starts under ${version}:\n${b.output}`);
      assert.equal(b.output.replaceAll(fixed, orig), a.output, 'same messages');
      const p = async (f: string) => (await runLighttpd(['-p', '-f', f], { cwd: dir, env })).stdout;
      const [pa, pb] = [lines(await p(orig)), lines(await p(fixed))];
      const added = pb.filter((l) => !pa.includes(l));
      const removed = pa.filter((l) => !pb.includes(l));
      if (c.code === 'upgrade-alias-order') {
        assert.ok(
          removed.some((l) => l.includes('"/blog/img"')),
          `the dead entry goes:\n${removed.join('\n')}`,
        );
        assert.ok(!pb.join('\n').includes('/blog/img'));
        return;
      }
      assert.ok(
        added.some((l) => c.pinned.test(l)),
        `-p shows the pinned key:\n+${added.join('\n+')}\n-${removed.join('\n-')}`,
      );
      // Nothing else changes, except a list the pin extended with +=, printed whole.
      for (const l of removed) assert.ok(/^(server\.feature-flags|ssl\.openssl\.ssl-conf-cmd)/.test(l) || l === ')', l);
    });
  }
});
