import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis';
import { findModulesNotLoaded } from '../../server/src/features/checks/moduleNotLoaded';
import { planModuleInsertion } from '../../server/src/features/codeActions/moduleInsertion';
import { computeCodeActions } from '../../server/src/features/codeActions/codeActions';
import { computeDiagnostics } from '../../server/src/features/diagnostics/diagnostics';
import { MODULES } from '../../server/src/schema';

function missing(text: string): [string, string][] {
  return findModulesNotLoaded(analyze(text)).map((m) => [text.slice(m.start, m.end), m.module]);
}
function addModules(text: string, modules: string[]): string {
  const doc = TextDocument.create('file:///t/lighttpd.conf', 'lighttpd', 1, text);
  return TextDocument.applyEdits(doc, planModuleInsertion(doc, analyze(text).file, modules));
}

describe('module-not-loaded', () => {
  test('proxy.server and scgi.server without their modules', () => {
    assert.deepEqual(missing('server.modules = ( "mod_access" )\nproxy.server = ()\nscgi.server = ()\n'), [
      ['proxy.server', 'mod_proxy'],
      ['scgi.server', 'mod_scgi'],
    ]);
  });
  test('no server.modules at all', () => {
    assert.deepEqual(missing('proxy.balance = "hash"\n'), [['proxy.balance', 'mod_proxy']]);
  });
  test('directives inside conditions and nested blocks are checked too', () => {
    assert.deepEqual(
      missing('$HTTP["host"] == "a" {\n  $HTTP["url"] !~ "^/static" {\n    proxy.server = ()\n  }\n}\n'),
      [['proxy.server', 'mod_proxy']],
    );
  });
  test('modules from =, += and := anywhere in the file count (lighttpd loads after parsing)', () => {
    assert.deepEqual(missing('proxy.server = ()\nserver.modules += ( "mod_proxy" )\n'), []);
    assert.deepEqual(missing('server.modules := ( "mod_scgi" )\nscgi.server = ()\n'), []);
    assert.deepEqual(missing('$HTTP["host"] == "x" { server.modules += ( "mod_cgi" ) }\ncgi.assign = ()\n'), []);
  });
  test('module names built from variables are evaluated', () => {
    assert.deepEqual(missing('p = "mod_"\nserver.modules = ( p + "proxy" )\nproxy.server = ()\n'), []);
  });
  test('every module of the schema is covered, not only proxy and scgi', () => {
    assert.deepEqual(
      missing('cgi.assign = ()\nalias.url = ()\nurl.rewrite-once = ()\nauth.require = ()\nexpire.url = ()\n'),
      [
        ['cgi.assign', 'mod_cgi'],
        ['alias.url', 'mod_alias'],
        ['url.rewrite-once', 'mod_rewrite'],
        ['auth.require', 'mod_auth'],
        ['expire.url', 'mod_expire'],
      ],
    );
    // every current module with keys can be reported, except the implicitly loaded ones
    const implicit = new Set([
      'mod_indexfile',
      'mod_dirlisting',
      'mod_staticfile',
      'mod_h2',
      'mod_openssl',
      'mod_boringssl',
      'mod_gnutls',
      'mod_mbedtls',
      'mod_nss',
      'mod_wolfssl',
    ]);
    for (const m of MODULES.filter((x) => x.status === 'current' && x.keys.length && !implicit.has(x.name))) {
      const key = m.keys.find((k) => !k.startsWith('ssl.'))!;
      const found = missing(`${key} = "x"\n`);
      assert.ok(
        found.some(([, mod]) => mod === m.name) || found.length === 1,
        `${m.name} via ${key}: ${JSON.stringify(found)}`,
      );
    }
  });
  test('core keys and implicitly loaded modules are never flagged', () => {
    assert.deepEqual(
      missing(
        'server.port = 80\nindex-file.names = ( "index.html" )\ndir-listing.activate = "enable"\nstatic-file.exclude-extensions = ()\nssl.engine = "enable"\nvar.x = 1\n',
      ),
      [],
    );
  });
  test('implicit companions: authn_* with mod_auth, mod_auth with authn_*, mod_compress as mod_deflate', () => {
    assert.deepEqual(missing('server.modules = ( "mod_auth" )\nauth.backend.htpasswd.userfile = "/x"\n'), []);
    assert.deepEqual(missing('server.modules = ( "mod_authn_file" )\nauth.require = ()\n'), []);
    assert.deepEqual(missing('server.modules = ( "mod_compress" )\ndeflate.mimetypes = ()\n'), []);
  });
  test('server.compat-module-load = "disable" makes the implicit modules explicit', () => {
    assert.deepEqual(missing('server.compat-module-load = "disable"\nindex-file.names = ()\n'), [
      ['index-file.names', 'mod_indexfile'],
    ]);
  });
  test('an include that is not followed makes the module set unknown: nothing is reported', () => {
    assert.deepEqual(missing('include "modules.conf"\nproxy.server = ()\n'), []);
  });
  test('include_shell output may load modules, except from the known Debian helper scripts', () => {
    assert.deepEqual(missing('include_shell "cat modules.conf"\nproxy.server = ()\n'), []);
    assert.deepEqual(missing('include_shell "/usr/share/lighttpd/create-mime.conf.pl"\nproxy.server = ()\n'), [
      ['proxy.server', 'mod_proxy'],
    ]);
    assert.deepEqual(
      missing('include_shell "/usr/share/lighttpd/use-ipv6.pl " + server.port\nserver.port = 80\nproxy.server = ()\n'),
      [['proxy.server', 'mod_proxy']],
    );
  });
  test('the diagnostic carries the module and its quick fix (found with the problem, not from the message)', () => {
    const text = 'proxy.server = ()\n';
    const doc = TextDocument.create('file:///t/lighttpd.conf', 'lighttpd', 1, text);
    const [d] = computeDiagnostics(doc, analyze(text));
    assert.equal(d.code, 'module-not-loaded');
    assert.deepEqual(d.data, {
      module: 'mod_proxy',
      fixes: [
        {
          title: 'Add "mod_proxy" to server.modules',
          isPreferred: true,
          safe: true, // lighttpd-lint --fix applies it
          edits: [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              newText: 'server.modules += ( "mod_proxy" )\n',
            },
          ],
        },
      ],
    });
    // A message in other words (a translation, a future wording) still gets the fix.
    const actions = computeCodeActions(doc, analyze(text), d.range, { diagnostics: [{ ...d, message: 'x' }] });
    assert.ok(actions.some((a) => a.title === 'Add "mod_proxy" to server.modules'));
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } });
  });
});

describe('adding a module keeps the list style and lighttpd order', () => {
  test('one per line, trailing comma, before mod_staticfile', () => {
    assert.equal(
      addModules('server.modules = (\n    "mod_access",\n    "mod_staticfile",\n)\n', ['mod_proxy']),
      'server.modules = (\n    "mod_access",\n    "mod_proxy",\n    "mod_staticfile",\n)\n',
    );
  });
  test('one per line without trailing comma, appended at the end', () => {
    assert.equal(
      addModules('server.modules = (\n\t"mod_access",\n\t"mod_alias"\n)\n', ['mod_proxy']),
      'server.modules = (\n\t"mod_access",\n\t"mod_alias",\n\t"mod_proxy"\n)\n',
    );
  });
  test('one per line with a trailing comma, appended after it', () => {
    assert.equal(
      addModules('server.modules = (\n  "mod_access",\n  "mod_alias",\n)\n', ['mod_scgi']),
      'server.modules = (\n  "mod_access",\n  "mod_alias",\n  "mod_scgi",\n)\n',
    );
  });
  test('inline lists', () => {
    assert.equal(
      addModules('server.modules = ( "mod_access" )\n', ['mod_proxy']),
      'server.modules = ( "mod_access", "mod_proxy" )\n',
    );
    assert.equal(
      addModules('server.modules = ("mod_access",)\n', ['mod_proxy']),
      'server.modules = ("mod_access", "mod_proxy",)\n',
    );
    assert.equal(addModules('server.modules = ()\n', ['mod_proxy']), 'server.modules = ( "mod_proxy" )\n');
  });
  test('gating modules go before rewrite/redirect, which go before handlers', () => {
    assert.equal(
      addModules('server.modules = ( "mod_rewrite", "mod_proxy", "mod_staticfile" )\n', ['mod_auth']),
      'server.modules = ( "mod_auth", "mod_rewrite", "mod_proxy", "mod_staticfile" )\n',
    );
    assert.equal(
      addModules('server.modules = ( "mod_access", "mod_fastcgi" )\n', ['mod_redirect']),
      'server.modules = ( "mod_access", "mod_redirect", "mod_fastcgi" )\n',
    );
    assert.equal(
      addModules('server.modules = ( "mod_access", "mod_staticfile" )\n', ['mod_accesslog']),
      'server.modules = ( "mod_access", "mod_accesslog", "mod_staticfile" )\n',
    );
  });
  test('several modules at once', () => {
    assert.equal(
      addModules('server.modules = ( "mod_access" )\n', ['mod_proxy', 'mod_scgi']),
      'server.modules = ( "mod_access", "mod_proxy", "mod_scgi" )\n',
    );
  });
  test('no list: a += line before the first statement, after the header comment', () => {
    assert.equal(
      addModules('# my server\n\nserver.port = 80\nproxy.server = ()\n', ['mod_proxy']),
      '# my server\n\nserver.modules += ( "mod_proxy" )\nserver.port = 80\nproxy.server = ()\n',
    );
  });
  test('no list, a block first: the += line goes above the blank line a deleted module line left, not glued to the block', () => {
    assert.equal(
      addModules('# TurboGears\n\n$HTTP["host"] == "tg" {\n  scgi.server = ()\n}\n', ['mod_scgi']),
      '# TurboGears\nserver.modules += ( "mod_scgi" )\n\n$HTTP["host"] == "tg" {\n  scgi.server = ()\n}\n',
    );
    assert.equal(
      addModules('$HTTP["host"] == "tg" {\n  scgi.server = ()\n}\n', ['mod_scgi']),
      'server.modules += ( "mod_scgi" )\n\n$HTTP["host"] == "tg" {\n  scgi.server = ()\n}\n',
    );
    assert.equal(
      addModules('# a\r\n\r\n\r\n$HTTP["host"] == "tg" {\r\n  scgi.server = ()\r\n}\r\n', ['mod_scgi']),
      '# a\r\nserver.modules += ( "mod_scgi" )\r\n\r\n\r\n$HTTP["host"] == "tg" {\r\n  scgi.server = ()\r\n}\r\n',
    );
  });
  test('a list inside a condition or built from a variable is not edited', () => {
    assert.equal(
      addModules('m = ( "mod_access" )\nserver.modules = m\n', ['mod_proxy']),
      'm = ( "mod_access" )\nserver.modules = m\nserver.modules += ( "mod_proxy" )\n',
    );
  });
  test('CRLF files get CRLF', () => {
    assert.equal(
      addModules('server.modules = (\r\n  "mod_access"\r\n)\r\n', ['mod_proxy']),
      'server.modules = (\r\n  "mod_access",\r\n  "mod_proxy"\r\n)\r\n',
    );
  });
});

describe('code actions', () => {
  const text = 'server.modules = ( "mod_access" )\nproxy.server = ()\nscgi.server = ()\n';
  const doc = TextDocument.create('file:///t/lighttpd.conf', 'lighttpd', 1, text);
  const model = analyze(text);
  const diags = computeDiagnostics(doc, model);
  test('fix-all first and preferred, then one quick fix per missing module, then the suppressions', () => {
    const actions = computeCodeActions(doc, model, diags[0].range, { diagnostics: diags });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Add all missing modules to server.modules (mod_proxy, mod_scgi)', 'quickfix', true],
        ['Add "mod_proxy" to server.modules', 'quickfix', false],
        ['Add "mod_scgi" to server.modules', 'quickfix', false],
        ['Ignore module-not-loaded on this line', 'quickfix', false],
        ['Ignore module-not-loaded in this file', 'quickfix', false],
        ['Ignore module-not-loaded on this line', 'quickfix', false],
      ],
    );
    // VS Code's light bulb orders actions tied to diagnostics first, preferred ones first among them
    // (ManagedCodeActionSet in codeAction.ts): fix-all must carry the diagnostics to stay on top.
    const shown = [...actions].sort((a, b) => {
      const da = !!a.diagnostics?.length,
        db = !!b.diagnostics?.length;
      if (da !== db) return da ? -1 : 1;
      return Number(!!b.isPreferred) - Number(!!a.isPreferred);
    });
    assert.equal(shown[0].title, 'Add all missing modules to server.modules (mod_proxy, mod_scgi)');
    assert.equal(shown[0].diagnostics?.length, 2);
  });
  test('a single missing module: its own fix is the preferred one, no fix-all', () => {
    const one = 'server.modules = ( "mod_access" )\nproxy.server = ( "" => (( "host" => "127.0.0.1" )) )\n';
    const d1 = TextDocument.create('file:///t/lighttpd.conf', 'lighttpd', 1, one);
    const m1 = analyze(one);
    const actions = computeCodeActions(d1, m1, diags[0].range, { diagnostics: computeDiagnostics(d1, m1) });
    assert.deepEqual(
      actions.filter((a) => a.isPreferred).map((a) => a.title),
      ['Add "mod_proxy" to server.modules'],
    );
  });
  test('source.fixAll only when asked for', () => {
    assert.equal(computeCodeActions(doc, model, diags[0].range, { diagnostics: [] }).length, 0);
    const [a] = computeCodeActions(doc, model, diags[0].range, { diagnostics: [], only: ['source.fixAll'] });
    assert.equal(a.kind, 'source.fixAll.lighttpd');
    assert.equal(
      TextDocument.applyEdits(doc, a.edit!.changes![doc.uri]).split('\n')[0],
      'server.modules = ( "mod_access", "mod_proxy", "mod_scgi" )',
    );
  });
  test('no module quick fix for other diagnostics', () => {
    const actions = computeCodeActions(doc, model, diags[0].range, {
      diagnostics: [{ ...diags[0], code: 'syntax-extra-value', data: undefined }],
    });
    assert.deepEqual(actions.filter((a) => !a.title.startsWith('Ignore ')).length, 0);
  });
});
