/** Bad input never throws out of the diagnostics or code actions (seeded random edits of real-looking text). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../../server/src/analysis';
import { computeCodeActions } from '../../../server/src/features/codeActions/codeActions';
import { computeDiagnostics } from '../../../server/src/features/diagnostics/diagnostics';
import { runChecks } from '../../../server/src/features/checks';

const BASE = [
  'server.modules = ( "mod_access", "mod_rewrite", "mod_proxy" )',
  '$HTTP["host"] =~ "^(www\\.)?(.*)$" {',
  '  url.redirect = ( "^/(.*)" => "https://%2/$1" )',
  '  proxy.server = ( "/app" => ( "b" => ( "host" => "127.0.0.1", "port" => 8080 ) ) )',
  '} else $HTTP["remote-ip"] == "10.0.0.0/8" { server.max-connections = 5 }',
  'else { ssl.engine = "enable" }',
  'global { server.port = 80 }',
  'auth.require = ( "/" => ( "method" => "basic", "realm" => "r", "require" => "valid-user" ) )',
  '# lighttpd-ignore-next-line unknown-directive',
  'x = var.CWD + "/a"',
  '',
].join('\n');
const PIECES = [
  '(',
  ')',
  '{',
  '}',
  '"',
  '=>',
  '=',
  '+=',
  ':=',
  '$HTTP["url"] =~ "(',
  '%1',
  '$2',
  ',',
  '\n',
  'else',
  'global {',
  'if ',
  '#',
  '[',
  ']',
  '\\',
  '+',
  '=^',
  '!~',
  '(?<',
  '[[:',
];

test('random edits: diagnostics, checks and code actions never throw', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let checkErrors = 0;
  for (let i = 0; i < 400; i++) {
    let t = BASE;
    for (let j = 0, k = 1 + Math.floor(rnd() * 5); j < k; j++) {
      const pos = Math.floor(rnd() * t.length);
      const r = rnd();
      if (r < 0.3) t = t.slice(0, pos) + t.slice(pos + Math.floor(rnd() * 15));
      else if (r < 0.8) t = t.slice(0, pos) + PIECES[Math.floor(rnd() * PIECES.length)] + t.slice(pos);
      else t = t.slice(0, pos);
    }
    const doc = TextDocument.create('file:///r.conf', 'lighttpd', 1, t);
    const model = analyze(t);
    runChecks(t, model, { version: i % 2 ? '1.4.69' : undefined }, () => checkErrors++);
    const ds = computeDiagnostics(doc, model, { version: i % 3 ? undefined : '1.4.40' });
    for (const d of ds) assert.ok(d.range.start.line <= d.range.end.line);
    computeCodeActions(
      doc,
      model,
      ds[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      { diagnostics: ds },
    );
  }
  assert.equal(checkErrors, 0, 'no check threw (a throwing check loses its findings)');
});
