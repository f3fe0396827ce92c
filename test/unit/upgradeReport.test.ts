/**
 * "Check Upgrade…": the report of what changes (features/upgrade/upgradeReport.ts) from a configuration's
 * check with upgradeFrom/version, and the installed release read from `lighttpd -v`.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service';
import { upgradeReport } from '../../server/src/features/upgrade/upgradeReport';
import { installedLighttpdVersion, parseLighttpdVersion } from '../../server/src/node/lighttpdVersion';

describe('upgrade report', () => {
  const text = [
    'server.modules = ( "mod_redirect" )',
    'server.document-root = "/srv"',
    'url.redirect = ( "^/old/(.*)" => "/new/$1" )',
    'server.port = 80',
    '',
  ].join('\n');
  const uri = 'file:///etc/lighttpd/lighttpd.conf';
  const doc = TextDocument.create(uri, 'lighttpd', 1, text);
  const diagnostics = getLanguageService().doValidation(doc, { upgradeFrom: '1.4.69', version: '1.4.85' });

  test('each change with a link to its line and its fixes', () => {
    const r = upgradeReport(
      '1.4.69',
      '1.4.85',
      [{ root: '/etc/lighttpd/lighttpd.conf', files: [{ path: '/etc/lighttpd/lighttpd.conf', uri, diagnostics }] }],
      (p) => p.replace('/etc/lighttpd/', ''),
    );
    const lines = r.text.split('\n');
    assert.equal(lines[0], '# lighttpd 1.4.69 → 1.4.85: what changes for this configuration');
    const head = lines.find((l) => l.includes('upgrade-redirect-code'));
    assert.equal(head, `## \`upgrade-redirect-code\` — [lighttpd.conf:3](${uri}#L3)`);
    assert.ok(r.changes >= 1);
    const fixes = lines.find((l, i) => i > lines.indexOf(head!) && l.startsWith('Fixes'));
    assert.match(fixes ?? '', /url\.redirect-code = 301/);
    // Only what the upgrade changes: no other finding of the file.
    assert.ok(
      lines
        .filter((l) => l.startsWith('## '))
        .every((l) => /`(upgrade-[a-z0-9-]+|removed-directive|removed-module)`/.test(l)),
    );
  });

  test('nothing to report says so', () => {
    const r = upgradeReport('1.4.84', '1.4.85', [
      { root: '/x.conf', files: [{ path: '/x.conf', uri: 'file:///x.conf', diagnostics: [] }] },
    ]);
    assert.equal(r.changes, 0);
    assert.match(r.text, /Nothing in this configuration changes behaviour between 1\.4\.84 and 1\.4\.85\./);
  });
});

describe('installed lighttpd release', () => {
  test('parsed from lighttpd -v', () => {
    assert.equal(parseLighttpdVersion('lighttpd/1.4.69 (ssl) - a light and fast webserver\n'), '1.4.69');
    assert.equal(parseLighttpdVersion('nginx version: nginx/1.22.1'), undefined);
  });
  test(
    'the installed binary answers',
    { skip: existsSync('/usr/sbin/lighttpd') ? false : 'lighttpd is not installed' },
    async () => {
      assert.match((await installedLighttpdVersion('/usr/sbin/lighttpd')) ?? '', /^1\.4\.\d+$/);
      assert.equal(await installedLighttpdVersion('/nonexistent/lighttpd'), undefined);
    },
  );
});
