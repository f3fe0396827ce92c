/**
 * The extension in VS Code's web worker extension host (code-server serves the workbench; the folder is on
 * its remote file system, reached only through workspace.fs): the language server runs in a web worker and
 * reads includes through the client; diagnostics, the quick fix, completion, links, hover, formatting and
 * symbols work; include_shell never runs.
 */
import * as vscode from 'vscode';

declare function describe(title: string, fn: () => void): void;
declare const it: {
  (title: string, fn: () => Promise<void>): void;
  skip(title: string, fn: () => Promise<void>): void;
};

const EXTENSION_ID = 'lighttpd-conf.lighttpd-conf';
const WAIT_MS = 30_000;

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

const root = () => {
  const f = vscode.workspace.workspaceFolders?.[0];
  check(f, 'the web suite needs the fixture folder open');
  return f.uri;
};
const uriOf = (rel: string) => vscode.Uri.joinPath(root(), ...rel.split('/'));
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const describeDs = (ds: readonly vscode.Diagnostic[]) =>
  JSON.stringify(ds.map((d) => `${codeOf(d)}@${d.range.start.line + 1}: ${d.message}`));

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  waitMs = WAIT_MS,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const test = () => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!accept(ds)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) test();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}: ${describeDs(vscode.languages.getDiagnostics(uri))}`));
    }, waitMs);
    test();
  });
}

export function defineWebTests(): void {
  describe('web extension host', () => {
    it('the extension is not in this Node extension host: the web worker runs it', async () => {
      // code-server runs these tests in its Node extension host. The development copy of the extension has
      // only its `browser` entry (scripts/e2e-web.mjs), so this host must not know it: every answer below
      // comes from the extension and its language server in the page's web worker.
      check(typeof (globalThis as { process?: unknown }).process === 'object', 'expected the Node extension host here');
      check(vscode.extensions.getExtension(EXTENSION_ID) === undefined, 'the Node extension host runs the extension');
    });

    it('module-not-loaded for mod_rewrite; mod_alias loaded by an include read through workspace.fs', async () => {
      const doc = await open('lighttpd.conf');
      const ds = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
      const line = doc
        .getText()
        .split('\n')
        .findIndex((l) => l.startsWith('url.rewrite-once'));
      check(
        ds.length === 1 && codeOf(ds[0]) === 'module-not-loaded' && ds[0].range.start.line === line,
        `want only module-not-loaded on url.rewrite-once: ${describeDs(ds)}`,
      );
    });

    it('the quick fix adds mod_rewrite and the diagnostic goes', async () => {
      const doc = await open('lighttpd.conf');
      const [d] = await waitForDiagnostics(
        doc.uri,
        (ds) => ds.some((x) => codeOf(x) === 'module-not-loaded'),
        'module-not-loaded',
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.edit && /mod_rewrite/.test(a.title));
      check(fix?.edit, `no quick fix naming mod_rewrite: ${JSON.stringify(actions.map((a) => a.title))}`);
      check(await vscode.workspace.applyEdit(fix.edit), 'edit not applied');
      check(/"mod_rewrite"/.test(doc.getText()), 'mod_rewrite not in the text');
      await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics after the fix');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('completes directive names and include paths (a folder listed through workspace.fs)', async () => {
      const doc = await open('lighttpd.conf');
      const editor = await vscode.window.showTextDocument(doc);
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      await editor.edit((e) => e.insert(end, '\nserver.max-k\ninclude "conf.d/"\n'));
      const at = (needle: string, delta: number) => doc.positionAt(doc.getText().lastIndexOf(needle) + delta);
      const names = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        at('server.max-k', 'server.max-k'.length),
      );
      const labels = names.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      check(
        labels.includes('server.max-keep-alive-requests'),
        `directive completion: ${labels.slice(0, 20).join(', ')}`,
      );
      const paths = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        at('conf.d/"', 'conf.d/'.length),
        '/',
      );
      const files = paths.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      check(files.includes('10-alias.conf'), `include path completion: ${files.join(', ')}`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('links an include to the file on the remote file system', async () => {
      const doc = await open('lighttpd.conf');
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
      const want = uriOf('conf.d/10-alias.conf').toString();
      check(
        links.some((l) => l.target?.toString() === want),
        `want a link to ${want}: ${JSON.stringify(links.map((l) => l.target?.toString()))}`,
      );
    });

    it('hover, formatting and symbols answer', async () => {
      const doc = await open('lighttpd.conf');
      const pos = doc.positionAt(doc.getText().indexOf('alias.url') + 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      check(hovers.length > 0, 'no hover');
      const symbols = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      check(symbols.length > 0, 'no symbols');
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n      server.tag   =   "x"\n'));
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>(
        'vscode.executeFormatDocumentProvider',
        doc.uri,
        { tabSize: 4, insertSpaces: true },
      );
      check(edits && edits.length > 0, 'formatting did not re-indent a misindented line');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it("Debian's conf-enabled link and its conf-available file are one file", async () => {
      // etc/lighttpd/conf-enabled/15-app.conf links to conf-available/15-app.conf (scripts/e2e-web.mjs made the
      // link), as in the user's <ws>/etc/lighttpd: the file the user edits is checked with the main config that
      // includes the link, and its problem is shown under its own name only, also once the main config is open.
      const fragment = await open('etc/lighttpd/conf-available/15-app.conf');
      // (a .conf file is lighttpd's only under a lighttpd folder: package.json's filenamePatterns)
      check(fragment.languageId === 'lighttpd', `the fragment opened as ${fragment.languageId}`);
      // What the client compares to tell the link's file (shown when this fails).
      const stats = await Promise.all(
        ['etc/lighttpd/conf-enabled/15-app.conf', 'etc/lighttpd/conf-available/15-app.conf'].map((p) =>
          vscode.workspace.fs.stat(uriOf(p)).then(
            (s) => `${p}: type ${s.type} size ${s.size} mtime ${s.mtime} ctime ${s.ctime}`,
            (e: unknown) => `${p}: ${String(e)}`,
          ),
        ),
      );
      const ds = await waitForDiagnostics(
        fragment.uri,
        (d) => d.some((x) => codeOf(x) === 'module-not-loaded'),
        `module-not-loaded in conf-available/15-app.conf (checked with etc/lighttpd/lighttpd.conf; ${stats.join('; ')})`,
        50_000,
      );
      check(ds.length === 1 && ds[0].range.start.line === 0, `want module-not-loaded on line 1: ${describeDs(ds)}`);
      const main = await open('etc/lighttpd/lighttpd.conf');
      const mine = await waitForDiagnostics(
        main.uri,
        (d) => d.some((x) => codeOf(x) === 'included-problems'),
        'the include line summary',
      );
      check(
        mine.every((d) => d.severity === vscode.DiagnosticSeverity.Hint),
        `the main config counts no second error: ${describeDs(mine)}`,
      );
      const underLink = vscode.languages.getDiagnostics(uriOf('etc/lighttpd/conf-enabled/15-app.conf'));
      check(underLink.length === 0, `nothing under the link's name: ${describeDs(underLink)}`);
      // (read back in code-server's web worker host, a related location's uri is the marker's plain
      // { scheme, path } object, not a vscode.Uri: revived here)
      const related = mine
        .flatMap((d) => d.relatedInformation ?? [])
        .map((r) =>
          (r.location.uri instanceof vscode.Uri ? r.location.uri : vscode.Uri.from(r.location.uri)).toString(),
        );
      check(
        related.length > 0 && related.every((u) => u === fragment.uri.toString()),
        `the summary points at conf-available: ${JSON.stringify(related)}`,
      );
    });

    it('never runs include_shell, even trusted and enabled', async () => {
      await vscode.workspace
        .getConfiguration('lighttpd')
        .update('includeShell.execute', true, vscode.ConfigurationTarget.Workspace);
      try {
        const doc = await open('shell.lighttpd.conf');
        await waitForDiagnostics(doc.uri, () => true, 'a check');
        // (a check published after the setting arrived: edit once more and wait for it)
        const editor = await vscode.window.showTextDocument(doc);
        await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# again\n'));
        await doc.save();
        await new Promise((r) => setTimeout(r, 1500));
        const ran = await vscode.workspace.fs.stat(uriOf('include-shell-ran')).then(
          () => true,
          () => false,
        );
        check(!ran, 'include_shell ran on the web');
      } finally {
        await vscode.workspace
          .getConfiguration('lighttpd')
          .update('includeShell.execute', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('configuration tests: Generate Tests writes a passing file; a rerouting change fails the /static test', async () => {
      const config = uriOf('routes-web/site.lighttpd.conf');
      const tests = uriOf('routes-web/site.lighttpd.lighttpd-test');
      const text = [
        'server.document-root = "/var/www/html"',
        'server.modules = ( "mod_scgi" )',
        '$HTTP["host"] == "example.com" {',
        '  server.document-root = "/var/www/example"',
        '  $HTTP["url"] !~ "^/static" {',
        '    scgi.server = ( "/" => ( "app" => ( "host" => "127.0.0.1", "port" => 4000, "check-local" => "disable" ) ) )',
        '  }',
        '}',
        '',
      ].join('\n');
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(text));
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config), { preview: false });
        await vscode.commands.executeCommand('lighttpd.generateTests');
        const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(tests));
        check(/^config site\.lighttpd\.conf$/m.test(written), `no config line in ${written}`);
        type Reported = { label: string; status: string; message: string };
        const first = await vscode.commands.executeCommand<Reported[]>('lighttpd.tests.run', tests);
        check(first.length >= 4, `only ${JSON.stringify(first)}`);
        check(
          first.every((r) => r.status === 'pass'),
          `not all passed: ${JSON.stringify(first)}`,
        );
        // Changed as a user does (an edit of the open editor, saved): a write to the disk reaches the open
        // editor and the server only when the file watcher reports it, which may be after the run.
        const doc = await vscode.workspace.openTextDocument(config);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(config, new vscode.Range(0, 0, doc.lineCount, 0), text.replace('"^/static"', '"^/assets"'));
        check(await vscode.workspace.applyEdit(edit), 'the edit of the config was not applied');
        check(await doc.save(), 'the config was not saved');
        const second = await vscode.commands.executeCommand<Reported[]>('lighttpd.tests.run', tests);
        const failed = second.filter((r) => r.status !== 'pass');
        check(
          failed.length === 1 &&
            failed[0].label === 'GET http://example.com/static/index.html' &&
            failed[0].message === 'expected static /var/www/example/static/index.html, got scgi 127.0.0.1:4000',
          `after the change: ${JSON.stringify(second)}`,
        );
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.workspace.fs.delete(uriOf('routes-web'), { recursive: true });
      }
    });
  });
}
