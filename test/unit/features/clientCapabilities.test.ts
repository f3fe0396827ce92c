// What other editors get (issue 26): completion adapted to the client's capabilities
// (features/completion/forClient.ts) and quick fixes for a diagnostic sent back without its data
// (features/codeActions/diagnosticData.ts). Protocol-level checks are in test/protocol/clientCapabilities.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionKind,
  InsertTextFormat,
  type CompletionItem,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { doComplete } from '../../../server/src/features/completion/completion';
import { BASIC_CLIENT, completionForClient, snippetToPlain } from '../../../server/src/features/completion/forClient';
import { getLanguageService } from '../../../server/src/service';
import { applyEdits, withCursor } from '../../helpers/cursor';

const VSCODE = { snippets: true, editorCommands: true };

function completeFor(src: string, client = BASIC_CLIENT) {
  const f = withCursor(src);
  return { ...f, items: completionForClient(doComplete(f.doc, f.model, f.position), client).items };
}
const edit = (i: CompletionItem) => i.textEdit as TextEdit;

describe('snippetToPlain', () => {
  test('placeholders become their default, choices their first option, tab stops vanish, escapes resolve', () => {
    assert.equal(snippetToPlain('proxy.balance = "${1|fair,hash|}"'), 'proxy.balance = "fair"');
    assert.equal(snippetToPlain('server.port = ${1:8080}'), 'server.port = 8080');
    assert.equal(snippetToPlain('global {\n\t$0\n}'), 'global {\n\t\n}');
    assert.equal(snippetToPlain('\\$HTTP["${1|url,host|}"] ${2:==} "$3" {\n\t$0\n}'), '$HTTP["url"] == "" {\n\t\n}');
    assert.equal(snippetToPlain('a ${1:b ${2:c}} d'), 'a b c d');
    assert.equal(snippetToPlain('${1|a\\,b,c|}'), 'a,b');
    assert.equal(snippetToPlain('\\\\ \\} cost $'), '\\ } cost $');
    assert.equal(snippetToPlain('${x'), '${x', 'malformed syntax is kept');
  });
});

describe('completion for a client without snippets (eglot without yasnippet, Neovim 0.7, Kate)', () => {
  const src = 'server.modules = ( "mod_access" )\nproxy.|';
  test('plain text everywhere; accepting proxy.balance writes a value, no snippet syntax', () => {
    const r = completeFor(src);
    assert.ok(r.items.length > 5);
    for (const i of r.items) {
      assert.notEqual(i.insertTextFormat, InsertTextFormat.Snippet, i.label);
      assert.doesNotMatch(edit(i).newText, /\$\{?\d|\$\{/, i.label);
    }
    const balance = r.items.find((i) => i.label === 'proxy.balance')!;
    const after = applyEdits(r.doc, [edit(balance), ...(balance.additionalTextEdits ?? [])]);
    assert.equal(after, 'server.modules = ( "mod_access", "mod_proxy" )\nproxy.balance = "fair"');
  });

  test("no filterText equal to the label, and one range start for the response (Neovim's omnifunc)", () => {
    for (const s of [
      src,
      'server.modules = ( "mod_access" )\nserver.po|',
      'server.port = 80\n|',
      'a = "x"\n$HTTP["|',
    ]) {
      const r = completeFor(s);
      assert.ok(r.items.length > 0, s);
      assert.ok(!r.items.some((i) => i.filterText === i.label), s);
      const starts = new Set(
        r.items.filter((i) => i.filterText === undefined).map((i) => JSON.stringify(edit(i).range.start)),
      );
      assert.equal(starts.size, 1, `${s}: ${[...starts].join(' ')}`);
    }
    // The range starts where the typed word does: `proxy.` is replaced, not completed after the dot.
    const r = completeFor(src);
    assert.deepEqual(edit(r.items[0]).range, { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
  });

  test("VS Code's editor commands only for a client that runs them", () => {
    const cmd = (client = BASIC_CLIENT) => completeFor('$|', client).items.filter((i) => i.command).length;
    assert.ok(cmd(VSCODE) > 0, 'VS Code: re-open the suggestions after $HTTP["…"]');
    assert.equal(cmd(), 0);
  });

  test('a client with snippets gets them unchanged (only filterText equal to the label dropped)', () => {
    const f = withCursor(src);
    const raw = doComplete(f.doc, f.model, f.position).items;
    const adapted = completionForClient({ isIncomplete: false, items: raw }, VSCODE).items;
    assert.deepEqual(
      adapted,
      raw.map((i) => {
        if (i.filterText !== i.label) return i;
        const { filterText: _drop, ...rest } = i;
        return rest;
      }),
    );
  });
});

describe('quick fixes of a diagnostic sent back without data', () => {
  test('module-not-loaded keeps "Add mod_proxy"; the suppressions stay too', () => {
    const svc = getLanguageService();
    const text =
      'server.modules = ( "mod_access" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n';
    const doc = TextDocument.create('file:///t/lighttpd.conf', 'lighttpd', 1, text);
    const diags = svc.doValidation(doc);
    assert.deepEqual(
      diags.map((d) => d.code),
      ['module-not-loaded'],
    );
    const titles = (ds: Diagnostic[]) =>
      svc.doCodeActions(doc, ds[0].range, { diagnostics: ds, only: [CodeActionKind.QuickFix] }).map((a) => a.title);
    const withData = titles(diags);
    const stripped = diags.map(({ data: _data, ...d }) => d);
    const sourceless = diags.map(({ data: _data, source: _source, ...d }) => d);
    assert.ok(
      withData.some((t) => /mod_proxy/.test(t)),
      withData.join(' | '),
    );
    assert.deepEqual(titles(stripped), withData);
    assert.deepEqual(titles(sourceless), withData);
    const add = svc.doCodeActions(doc, diags[0].range, { diagnostics: stripped })[0];
    assert.equal(
      applyEdits(doc, add.edit!.changes![doc.uri]).split('\n')[0],
      'server.modules = ( "mod_access", "mod_proxy" )',
    );
    // A diagnostic that matches nothing current (the document changed meanwhile) gets no invented fix.
    const moved = stripped.map((d) => ({ ...d, range: { start: { line: 0, character: 0 }, end: d.range.end } }));
    assert.ok(!titles(moved).some((t) => /mod_proxy/.test(t)));
  });
});
