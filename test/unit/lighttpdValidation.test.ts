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
