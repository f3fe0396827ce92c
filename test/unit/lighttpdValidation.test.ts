// features/diagnostics/lighttpdValidation.ts: lighttpd -tt output (as lighttpd 1.4.69 prints it) -> diagnostics.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parse } from '../../server/src/parser';
import {
  lighttpdDiagnostics,
  parseLighttpdOutput,
  type LighttpdDiagnosticsOptions,
} from '../../server/src/features/diagnostics/lighttpdValidation';

const PATH = '/etc/lighttpd/lighttpd.conf';

function diags(
  text: string,
  output: string,
  opts: Partial<LighttpdDiagnosticsOptions> = {},
): [string, string, string, DiagnosticSeverity | undefined][] {
  const doc = TextDocument.create('file://' + PATH, 'lighttpd', 1, text);
  const out: Diagnostic[] = lighttpdDiagnostics(parseLighttpdOutput(output), doc, {
    path: PATH,
    file: parse(text),
    isSavedDocument: true,
    failed: true,
    ...opts,
  });
  for (const d of out) assert.equal(d.source, 'lighttpd');
  return out.map((d) => [
    String(d.code),
    doc.getText(d.range),
    `${d.range.start.line}:${d.range.start.character}`,
    d.severity,
  ]);
}

describe('source: FILE line: N pos: M', () => {
  test('tokenizer error: the character at line/pos (pos is the 0-based column)', () => {
    const out = [
      `2026-11-26 07:33:21: (configfile.c.2109) source: ${PATH} line: 2 pos: 9 invalid character in variable name`,
      '2026-11-26 07:33:21: (configfile.c.2161) configfile parser failed at: x',
    ].join('\n');
    assert.deepEqual(diags('a = 1\nbb = "x" ; \n', out), [['lighttpd-error', ';', '1:9', DiagnosticSeverity.Error]]);
  });
  test('a grammar-action message with "near here: (EOL)" goes on the statement, before blank and comment lines', () => {
    const out = [
      'Undefined config variable: var.y',
      `2026-11-26 07:33:21: (configfile.c.2164) source: ${PATH} line: 5 pos: 0 parser failed somehow near here: (EOL)`,
    ].join('\n');
    const r = diags('a = 1\n  server.port = 80\n  x = y   # comment\n\n# more\n', out);
    assert.deepEqual(
      r.map((x) => x.slice(0, 3)),
      [['lighttpd-error', 'x = y', '2:2']],
    );
    const doc = TextDocument.create(
      'file://' + PATH,
      'lighttpd',
      1,
      'a = 1\n  server.port = 80\n  x = y   # comment\n\n# more\n',
    );
    const [d] = lighttpdDiagnostics(parseLighttpdOutput(out), doc, { path: PATH, isSavedDocument: true, failed: true });
    assert.match(d.message, /Undefined config variable: var\.y/);
  });
  test('messages about another file are left to that file', () => {
    const out = `(configfile.c.2164) source: /etc/lighttpd/conf-enabled/x.conf line: 1 pos: 0 parser failed somehow near here: (EOL)\n(configfile.c.2164) source: ${PATH} line: 2 pos: 0 parser failed somehow near here: (EOL)`;
    assert.deepEqual(
      diags('include "conf-enabled/x.conf"\n', out).map((x) => x[1]),
      ['include "conf-enabled/x.conf"'],
    );
    assert.deepEqual(
      diags('y = 1\n', out, { path: '/etc/lighttpd/conf-enabled/x.conf', isSavedDocument: false }).map((x) => x[1]),
      ['y = 1'],
    );
  });
  test('relative source names are taken from the main config directory', () => {
    const out = '(configfile.c.2109) source: lighttpd.conf line: 1 pos: 4 invalid character in variable name';
    assert.deepEqual(
      diags('a = ;\n', out, { baseDir: '/etc/lighttpd' }).map((x) => x[1]),
      [';'],
    );
  });
});

describe('unknown config-key and other messages', () => {
  test('WARNING: unknown config-key goes on every assignment of the key', () => {
    const out = [
      '2026-11-26 07:33:21: (configfile.c.1289) WARNING: unknown config-key: proxy.server (ignored)',
      '2026-11-26 07:33:21: (configfile.c.1289) WARNING: unknown config-key: foo.bar (ignored)',
    ].join('\n');
    const text = 'server.document-root = "/tmp"\nproxy.server = ()\n$HTTP["host"] == "a" {\n  proxy.server = ()\n}\n';
    assert.deepEqual(diags(text, out, { failed: false }), [
      ['lighttpd-warning', 'proxy.server', '1:0', DiagnosticSeverity.Warning],
      ['lighttpd-warning', 'proxy.server', '3:2', DiagnosticSeverity.Warning],
    ]);
  });
  test('messages without a position: first line of the saved document; error when lighttpd failed', () => {
    const out = '(configfile.c.2593) server.document-root is not set';
    assert.deepEqual(diags('# main\nserver.port = 80\n', out), [
      ['lighttpd-error', '# main', '0:0', DiagnosticSeverity.Error],
    ]);
    assert.deepEqual(
      diags('server.port = 80\n', out, { failed: false }).map((x) => x[3]),
      [DiagnosticSeverity.Warning],
    );
    assert.deepEqual(diags('server.port = 80\n', out, { isSavedDocument: false }), []);
  });
  test('Syntax OK and blank output give nothing; a notice about the run is a warning', () => {
    assert.deepEqual(diags('a = 1\n', 'Syntax OK\n\n', { failed: false }), []);
    assert.deepEqual(
      diags('a = 1\n', '', { failed: false, notice: 'lighttpd was not found' }).map((x) => x[0]),
      ['lighttpd-warning'],
    );
  });
  test('lighttpd-error and lighttpd-warning follow lighttpd.diagnostics.severity; the notice about the run stays', () => {
    const out =
      '(configfile.c.2593) server.document-root is not set\n(configfile.c.1289) WARNING: unknown config-key: foo.bar (ignored)';
    const text = 'foo.bar = 1\n';
    assert.deepEqual(
      diags(text, out).map((x) => [x[0], x[3]]),
      [
        ['lighttpd-error', DiagnosticSeverity.Error],
        ['lighttpd-warning', DiagnosticSeverity.Warning],
      ],
    );
    assert.deepEqual(
      diags(text, out, { severity: { 'lighttpd-error': 'warning', 'lighttpd-warning': 'hint' } }).map((x) => [
        x[0],
        x[3],
      ]),
      [
        ['lighttpd-error', DiagnosticSeverity.Warning],
        ['lighttpd-warning', DiagnosticSeverity.Hint],
      ],
    );
    assert.deepEqual(
      diags(text, out, { severity: { 'lighttpd-warning': 'off' } }).map((x) => x[0]),
      ['lighttpd-error'],
    );
    assert.deepEqual(
      diags(text, '', { notice: 'lighttpd was not found', severity: { 'lighttpd-warning': 'off' } }).map((x) => x[0]),
      ['lighttpd-warning'],
    );
  });
  test('garbage never throws', () => {
    for (const out of [
      'source: x line: 999999 pos: 999999 y',
      'source: line: pos:',
      '\u0000\u0001',
      `source: ${PATH} line: 0 pos: 0 near here: (EOL)`,
    ]) {
      assert.doesNotThrow(() => diags('', out));
    }
  });
});

describe('messages that name their subject are placed on it (lighttpd 1.4.69 output)', () => {
  test('the event-handler error goes on server.event-handler, without the "setting default values failed" echo', () => {
    const out = [
      '2026-12-02 15:50:53: (fdevent_impl.c.115) the selected event-handler in unknown or not supported: epol',
      '2026-12-02 15:50:53: (server.c.1442) setting default values failed',
    ].join('\n');
    const text = 'server.document-root = "/tmp"\nserver.port = 8089\n\nserver.event-handler = "epol"\n';
    assert.deepEqual(diags(text, out), [['lighttpd-error', 'server.event-handler', '3:0', DiagnosticSeverity.Error]]);
  });
  test('a follow-up alone is kept (it is all there is)', () => {
    assert.deepEqual(
      diags('server.port = 80\n', '(server.c.1442) setting default values failed').map((x) => x[2]),
      ['0:0'],
    );
  });
  test('a type error goes on its key, also a backend option (list key)', () => {
    const text = 'server.document-root = "/tmp"\nserver.port = "x"\n';
    assert.deepEqual(diags(text, '(configfile-glue.c.216) got a string but expected a short: server.port x'), [
      ['lighttpd-error', 'server.port', '1:0', DiagnosticSeverity.Error],
    ]);
    const backend =
      'server.modules = ( "mod_proxy" )\n# "port" => 1\nproxy.server = ( "" => (( "host" => "127.0.0.1", "port" => "abc" )))\n';
    const out = [
      '(configfile-glue.c.216) got a string but expected a short: port abc',
      '(server.c.1708) Configuration of plugins failed. Going down.',
    ].join('\n');
    assert.deepEqual(diags(backend, out), [['lighttpd-error', '"port"', '2:49', DiagnosticSeverity.Error]]);
  });
  test('a module lighttpd cannot load goes on its name; a missing-setting error on the key it names', () => {
    const text = 'server.port = 80\nserver.modules = ( "mod_access", "mod_nonexist" )\nssl.engine = "enable"\n';
    const out = [
      '(plugin.c.214) dlopen() failed for: /usr/lib/lighttpd/mod_nonexist.so /usr/lib/lighttpd/mod_nonexist.so: cannot open shared object file: No such file or directory',
      '(server.c.1448) loading plugins finally failed',
      '(mod_openssl.c.2659) ssl.pemfile has to be set when ssl.engine = "enable"',
    ].join('\n');
    assert.deepEqual(
      diags(text, out).map((x) => [x[1], x[2]]),
      [
        ['"mod_nonexist"', '1:33'],
        ['ssl.engine', '2:0'],
      ],
    );
  });
  test('placed messages also show in a document that is not the saved one; others stay on the saved one', () => {
    const text = 'server.event-handler = "epol"\n';
    const out = '(fdevent_impl.c.115) the selected event-handler in unknown or not supported: epol';
    assert.deepEqual(
      diags(text, out, { isSavedDocument: false }).map((x) => x[1]),
      ['server.event-handler'],
    );
  });
  test('"source: FILE line: N" without pos marks the line', () => {
    const out = `(configfile.c.1) source: ${PATH} line: 2 something is wrong here`;
    assert.deepEqual(diags('a = 1\n  b = 2 # c\n', out), [
      ['lighttpd-error', 'b = 2', '1:2', DiagnosticSeverity.Error],
    ]);
  });
});
