import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found, quickFixes, severities } from '../../helpers/diagnostics';

const CODES = ['unknown-directive', 'removed-directive', 'deprecated-directive', 'newer-than-target'];

describe('unknown-directive', () => {
  test('a typo is reported on the key, with did-you-mean fixes best first', () => {
    const text = 'proxy.sever = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n';
    assert.deepEqual(found(text, CODES), [['unknown-directive', 'proxy.sever']]);
    const fixes = quickFixes(text, 'unknown-directive').filter(([t]) => t.startsWith('Rename'));
    assert.equal(fixes[0][0], 'Rename to proxy.server');
    assert.ok(fixes[0][1].startsWith('proxy.server = ('));
  });
  test('underscore instead of dash finds the dashed key first', () => {
    const fixes = quickFixes('server.document_root = "/srv"\n', 'unknown-directive');
    assert.equal(fixes[0][0], 'Rename to server.document-root');
    assert.equal(fixes[0][1], 'server.document-root = "/srv"\n');
  });
  test('is a warning (lighttpd only logs unknown keys)', () => {
    assert.deepEqual(severities('foo.bar = 1\n', 'unknown-directive'), ['warning']);
  });
  test('known keys, var.*, implicit var. names and env.* are not reported', () => {
    assert.deepEqual(found('server.port = 80\nvar.x = 1\ny = 2\nserver.name = "a"\n', CODES), []);
    assert.deepEqual(found('env.HOME = "x"\n', ['unknown-directive']), []);
  });
});

describe('removed-directive', () => {
  test('a key removed before the target version, with the rename fix when there is one', () => {
    const text = 'server.docroot = "/srv"\n';
    assert.deepEqual(found(text, CODES), [['removed-directive', 'server.docroot']]);
    assert.deepEqual(quickFixes(text, 'removed-directive')[0], [
      'Rename to server.document-root',
      'server.document-root = "/srv"\n',
    ]);
  });
  test('keys of removed modules', () => {
    assert.deepEqual(found('secdownload.secret = "x"\n', CODES), [['removed-directive', 'secdownload.secret']]);
  });
  test('not reported when the target version still had it', () => {
    assert.deepEqual(found('secdownload.secret = "x"\n', CODES, { version: '1.4.67' }), []);
    assert.deepEqual(found('secdownload.secret = "x"\n', CODES, { version: '1.4.68' }), [
      ['removed-directive', 'secdownload.secret'],
    ]);
  });
});

describe('deprecated-directive', () => {
  test('deprecated keys carry the Deprecated tag and a rename fix for plain renames', () => {
    const text = 'compress.filetype = ( "text/plain" )\n';
    assert.deepEqual(found(text, CODES), [['deprecated-directive', 'compress.filetype']]);
    assert.deepEqual(quickFixes(text, 'deprecated-directive')[0], [
      'Rename to deflate.mimetypes',
      'deflate.mimetypes = ( "text/plain" )\n',
    ]);
  });
  test('pure aliases are information, ignored keys a warning', () => {
    assert.deepEqual(severities('url.rewrite = ( "^/a" => "/b" )\n', 'deprecated-directive'), ['information']);
    assert.deepEqual(severities('server.reject-expect-100-with-417 = "enable"\n', 'deprecated-directive'), ['warning']);
  });
  test('current names are not reported', () => {
    assert.deepEqual(found('url.rewrite-once = ( "^/a" => "/b" )\ndeflate.mimetypes = ( "text/" )\n', CODES), []);
  });
});

describe('newer-than-target (directives)', () => {
  test('a key added after the target version', () => {
    // server.feature-flags appeared in 1.4.56
    assert.deepEqual(found('server.feature-flags = ( "server.h2proto" => "enable" )\n', CODES, { version: '1.4.55' }), [
      ['newer-than-target', 'server.feature-flags'],
    ]);
    assert.deepEqual(
      found('server.feature-flags = ( "server.h2proto" => "enable" )\n', CODES, { version: '1.4.56' }),
      [],
    );
  });
  test('default target is the newest release', () => {
    assert.deepEqual(found('server.feature-flags = ( "server.h2proto" => "enable" )\n', CODES), []);
  });
});
