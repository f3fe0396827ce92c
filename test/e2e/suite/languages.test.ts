/**
 * The client side of the extension in a real VS Code: which files get the `lighttpd` language, that the
 * extension activates on them, and that the TextMate grammar colours them.
 */
import * as assert from 'node:assert/strict';
import { describe, it, type Context } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, LANGUAGE_ID, hasCode, openFile, waitForDiagnostics, wsUri } from './helpers';

describe('language association', () => {
  it('registers the lighttpd language', async () => {
    const ids = await vscode.languages.getLanguages();
    assert.ok(ids.includes(LANGUAGE_ID), `languages: ${ids.length} known, no "${LANGUAGE_ID}"`);
  });

  it('claims a file named lighttpd.conf', async () => {
    const doc = await openFile('lighttpd.conf');
    assert.equal(doc.languageId, LANGUAGE_ID);
  });

  it('claims a .conf file under a lighttpd/conf-available/ folder', async () => {
    const doc = await openFile('lighttpd/conf-available/10-x.conf');
    assert.equal(doc.languageId, LANGUAGE_ID);
  });

  it('claims *.lighttpd.conf anywhere', async () => {
    const doc = await openFile('sites/scgi-app.lighttpd.conf');
    assert.equal(doc.languageId, LANGUAGE_ID);
  });

  it('leaves a plain other.conf elsewhere to other languages', async () => {
    const doc = await openFile('other.conf');
    assert.notEqual(doc.languageId, LANGUAGE_ID);
    console.log(`    other.conf opened as "${doc.languageId}"`);
  });

  it('activates the extension and starts the language server on a lighttpd file', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    const doc = await openFile('sites/scgi-app.lighttpd.conf');
    // A diagnostic can only come from the running server, so it proves the whole client-server path.
    await waitForDiagnostics(doc.uri, hasCode('module-not-loaded'), 'module-not-loaded (server started?)');
    assert.equal(ext.isActive, true);
  });
});

describe('language configuration in the editor', () => {
  it('toggles a line comment with #', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: 'server.port = 80\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.equal(doc.lineAt(0).text, '# server.port = 80');
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.equal(doc.lineAt(0).text, 'server.port = 80');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

/** One token as VS Code's own colorizer tests capture it: its text and its TextMate scopes. */
interface CapturedToken {
  c: string;
  t: string;
}

describe('TextMate grammar in the editor', () => {
  let tokens: CapturedToken[] | undefined;

  async function capture(this: Context): Promise<CapturedToken[]> {
    if (tokens) return tokens;
    // `_workbench.captureSyntaxTokens` is the command VS Code's colorization tests use; it tokenizes a file with
    // the grammar registered for its language. It is internal, so the checks skip if a build lacks it.
    const commands = await vscode.commands.getCommands(false); // internal (_-prefixed) ones too
    if (!commands.includes('_workbench.captureSyntaxTokens')) {
      console.log('    skipped: this VS Code has no _workbench.captureSyntaxTokens command');
      this.skip();
    }
    const result = await vscode.commands.executeCommand<CapturedToken[]>(
      '_workbench.captureSyntaxTokens',
      wsUri('lighttpd.conf'),
    );
    assert.ok(Array.isArray(result) && result.length > 20, `captured ${JSON.stringify(result)?.slice(0, 200)}`);
    tokens = result;
    return result;
  }

  function scopesOf(all: CapturedToken[], text: string): string {
    const tok = all.find((t) => t.c.trim() === text);
    assert.ok(tok, `no token "${text}" among ${all.length} tokens`);
    return tok.t;
  }

  it('scopes a directive key, a string, a number and a comment', async function () {
    const all = await capture.call(this);
    assert.match(scopesOf(all, 'server.port'), /\bsource\.lighttpd\b.*\bsupport\.type\.property-name\.lighttpd\b/);
    assert.match(scopesOf(all, '8080'), /constant\.numeric\.integer\.decimal\.lighttpd/);
    assert.match(scopesOf(all, 'mod_proxy'), /string\.quoted\.double\.lighttpd/);
    const comment = all.find((t) => t.c.includes('Main configuration of a small site'));
    assert.ok(comment, 'comment token missing');
    assert.match(comment.t, /comment\.line\.number-sign\.lighttpd/);
  });

  it('scopes a condition: $HTTP, its field and the operator', async function () {
    const all = await capture.call(this);
    assert.match(scopesOf(all, 'HTTP'), /variable\.language\.condition\.lighttpd/);
    assert.match(scopesOf(all, 'host'), /entity\.name\.tag\.field\.lighttpd/);
    assert.match(scopesOf(all, '!~'), /keyword\.operator\.comparison\.lighttpd/);
    assert.match(scopesOf(all, 'var.basedir'), /variable\.other\.lighttpd/);
  });
});
