/**
 * Configuration tests in the editor: `*.lighttpd-test` files in VS Code's Test Explorer (discovered in the
 * workspace, one item per test, run from the explorer, the gutter or a code lens; failures shown inline
 * with expected vs actual, and at the directive that decided), re-run on save (lighttpd.tests.runOnSave),
 * diagnostics, completion and hover in test files, "lighttpd: Generate Tests for This Configuration" and
 * "lighttpd: Compare Routing with Last Commit". Everything is computed by the language server
 * (runtime/routeTestRequests.ts): this module only forwards, so the web client registers it too.
 */
import * as vscode from 'vscode';
import type { LazyClient } from './common';

interface LspPosition {
  line: number;
  character: number;
}
interface LspRange {
  start: LspPosition;
  end: LspPosition;
}
interface TestItemInfo {
  id: string;
  label: string;
  range: LspRange;
  config?: string;
}
interface LspDiagnostic {
  range: LspRange;
  severity?: number;
  code?: string;
  source?: string;
  message: string;
}
interface TestFileInfo {
  tests: TestItemInfo[];
  configs: string[];
  diagnostics: LspDiagnostic[];
}
interface TestResultInfo {
  id: string;
  status: 'pass' | 'fail' | 'unknown' | 'error';
  actual: string;
  message: string;
  failures: { expected: string; actual: string; range: LspRange }[];
  reason?: string;
  decidedBy?: { uri: string; range: LspRange; key: string };
}

export const TEST_LANGUAGE = 'lighttpd-test';
const TEST_GLOB = '**/*.lighttpd-test';
const MAX_FILES = 500;

const toRange = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export function registerRouteTests(context: vscode.ExtensionContext, client: LazyClient): void {
  const ctrl = vscode.tests.createTestController('lighttpdConfigurationTests', 'lighttpd configuration tests');
  const diagnostics = vscode.languages.createDiagnosticCollection(TEST_LANGUAGE);
  const lensChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(ctrl, diagnostics, lensChanged);
  /**
   * The last result of each test, for the code lenses, by file and test id (a refresh of the file makes new
   * items for the same tests: the result stays).
   */
  const lastResult = new Map<string, TestResultInfo>();
  const resultKey = (uri: vscode.Uri, id: string) => `${uri.toString()}\n${id}`;

  const toServer = async (uri: vscode.Uri): Promise<string> => {
    const c = await client.started();
    return c.code2ProtocolConverter.asUri(uri);
  };
  const fromServer = async (uri: string): Promise<vscode.Uri> => {
    const c = await client.started();
    return c.protocol2CodeConverter.asUri(uri);
  };
  const textOf = async (uri: vscode.Uri): Promise<string | undefined> => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  };

  /** Reads a test file, asks the server for its tests and diagnostics, and updates its items. */
  async function refreshFile(uri: vscode.Uri): Promise<vscode.TestItem | undefined> {
    const text = await textOf(uri);
    const key = uri.toString();
    if (text === undefined) {
      ctrl.items.delete(key);
      diagnostics.delete(uri);
      return undefined;
    }
    const info = await client.sendRequest<TestFileInfo>('lighttpd/testFile', { uri: await toServer(uri), text });
    let file = ctrl.items.get(key);
    if (!file) {
      file = ctrl.createTestItem(key, vscode.workspace.asRelativePath(uri), uri);
      ctrl.items.add(file);
    }
    file.children.replace(
      info.tests.map((t) => {
        const item = ctrl.createTestItem(t.id, t.label, uri);
        item.range = toRange(t.range);
        return item;
      }),
    );
    diagnostics.set(
      uri,
      info.diagnostics.map((d) => {
        const x = new vscode.Diagnostic(
          toRange(d.range),
          d.message,
          d.severity === 2 ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
        );
        x.code = d.code;
        x.source = d.source;
        return x;
      }),
    );
    lensChanged.fire();
    return file;
  }

  async function discoverAll(): Promise<void> {
    const uris = await vscode.workspace.findFiles(TEST_GLOB, '**/node_modules/**', MAX_FILES);
    await Promise.all(uris.map((u) => refreshFile(u).catch(() => undefined)));
  }
  ctrl.resolveHandler = async (item) => {
    if (!item) await discoverAll();
    else if (item.uri) await refreshFile(item.uri);
  };
  ctrl.refreshHandler = () => discoverAll();

  /** What a run reported, for the command's caller (tests of the extension). */
  type Reported = { file: string; id: string; label: string; status: TestResultInfo['status']; message: string };
  async function runFile(
    run: vscode.TestRun,
    file: vscode.TestItem,
    only: readonly vscode.TestItem[] | undefined,
    exclude: readonly vscode.TestItem[],
    reported: Reported[],
  ): Promise<void> {
    if (!file.uri) return;
    await refreshFile(file.uri);
    const items: vscode.TestItem[] = [];
    file.children.forEach((c) => {
      if ((!only || only.includes(c)) && !exclude.includes(c)) items.push(c);
    });
    if (!items.length) return;
    for (const i of items) run.started(i);
    const text = (await textOf(file.uri)) ?? '';
    const results = await client.sendRequest<TestResultInfo[]>('lighttpd/runTests', {
      uri: await toServer(file.uri),
      text,
      ids: items.map((i) => i.id),
    });
    for (const r of results) {
      const item = file.children.get(r.id);
      if (!item) continue;
      lastResult.set(resultKey(file.uri, r.id), r);
      reported.push({ file: file.uri.toString(), id: r.id, label: item.label, status: r.status, message: r.message });
      if (r.status === 'pass') {
        run.passed(item);
        continue;
      }
      const messages: vscode.TestMessage[] = [];
      for (const f of r.failures) {
        const m = vscode.TestMessage.diff(`expected ${f.expected}, got ${f.actual}`, f.expected, f.actual);
        m.location = new vscode.Location(file.uri, toRange(f.range));
        messages.push(m);
      }
      if (!messages.length) {
        const m = new vscode.TestMessage(r.message);
        if (item.range) m.location = new vscode.Location(file.uri, item.range);
        messages.push(m);
      }
      if (r.decidedBy) {
        // The same failure at the directive that decided, so the block is one click away.
        const m = new vscode.TestMessage(`${item.label}: ${r.message} (decided by ${r.decidedBy.key} here)`);
        m.location = new vscode.Location(await fromServer(r.decidedBy.uri), toRange(r.decidedBy.range));
        messages.push(m);
      }
      if (r.status === 'fail') run.failed(item, messages);
      else run.errored(item, messages);
    }
  }

  async function runHandler(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<Reported[]> {
    const run = ctrl.createTestRun(request);
    const reported: Reported[] = [];
    try {
      if (!ctrl.items.size) await discoverAll();
      const exclude = request.exclude ?? [];
      const byFile = new Map<vscode.TestItem, vscode.TestItem[] | undefined>();
      if (request.include)
        for (const i of request.include) {
          if (!i.parent)
            byFile.set(i, undefined); // the whole file
          else if (!byFile.has(i.parent) || byFile.get(i.parent))
            byFile.set(i.parent, [...(byFile.get(i.parent) ?? []), i]);
        }
      else ctrl.items.forEach((f) => byFile.set(f, undefined));
      for (const [file, only] of byFile) {
        if (token.isCancellationRequested || exclude.includes(file)) continue;
        await runFile(run, file, only, exclude, reported);
      }
    } finally {
      run.end();
      lensChanged.fire();
    }
    return reported;
  }
  const runProfile = ctrl.createRunProfile(
    'Run',
    vscode.TestRunProfileKind.Run,
    async (request, token) => void (await runHandler(request, token)),
    true,
  );
  context.subscriptions.push(runProfile);

  const runItems = (items: vscode.TestItem[]) =>
    runHandler(new vscode.TestRunRequest(items), new vscode.CancellationTokenSource().token);

  // Code lenses: run a test (or the file) and its last result.
  context.subscriptions.push(
    vscode.commands.registerCommand('lighttpd.tests.run', async (uri?: vscode.Uri, id?: string) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target) return;
      const file = (await refreshFile(target)) ?? ctrl.items.get(target.toString());
      if (!file) return;
      const item = id ? file.children.get(id) : undefined;
      return runItems([item ?? file]);
    }),
    vscode.languages.registerCodeLensProvider(
      { language: TEST_LANGUAGE },
      {
        onDidChangeCodeLenses: lensChanged.event,
        provideCodeLenses(doc) {
          const file = ctrl.items.get(doc.uri.toString());
          const lenses: vscode.CodeLens[] = [];
          file?.children.forEach((item) => {
            if (!item.range) return;
            const r = lastResult.get(resultKey(doc.uri, item.id));
            const mark = r ? { pass: '✔', fail: '✘', unknown: '?', error: '!' }[r.status] + ' ' : '';
            lenses.push(
              new vscode.CodeLens(new vscode.Range(item.range.start, item.range.start), {
                title: r ? `${mark}${r.status === 'pass' ? r.actual : r.message}` : '▶ Run test',
                command: 'lighttpd.tests.run',
                arguments: [doc.uri, item.id],
              }),
            );
          });
          return lenses;
        },
      },
    ),
  );

  // Diagnostics while typing, completion and hover.
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const schedule = (doc: vscode.TextDocument) => {
    if (doc.languageId !== TEST_LANGUAGE) return;
    const key = doc.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        void refreshFile(doc.uri).catch(() => undefined);
      }, 250),
    );
  };
  const rerun = async (doc: vscode.TextDocument) => {
    if (!vscode.workspace.getConfiguration('lighttpd').get<boolean>('tests.runOnSave', true)) return;
    if (doc.languageId === TEST_LANGUAGE) {
      const file = await refreshFile(doc.uri);
      if (file) await runItems([file]);
    } else if (doc.languageId === 'lighttpd' && ctrl.items.size) {
      const files: vscode.TestItem[] = [];
      ctrl.items.forEach((f) => files.push(f));
      await runItems(files);
    }
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(schedule),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidSaveTextDocument((d) => void rerun(d).catch(() => undefined)),
    vscode.languages.registerCompletionItemProvider(
      { language: TEST_LANGUAGE },
      {
        async provideCompletionItems(doc, position, token) {
          const items = await client.sendRequest<unknown[]>(
            'lighttpd/testCompletion',
            { uri: await toServer(doc.uri), text: doc.getText(), position },
            token,
          );
          const c = await client.started();
          return c.protocol2CodeConverter.asCompletionResult(items as never, undefined, token);
        },
      },
      ' ',
      '>',
    ),
    vscode.languages.registerHoverProvider(
      { language: TEST_LANGUAGE },
      {
        async provideHover(doc, position, token) {
          const h = await client.sendRequest<unknown>(
            'lighttpd/testHover',
            { uri: await toServer(doc.uri), text: doc.getText(), position },
            token,
          );
          if (!h) return undefined;
          const c = await client.started();
          return c.protocol2CodeConverter.asHover(h as never);
        },
      },
    ),
  );
  // Test files created, changed on disk or deleted.
  const watcher = vscode.workspace.createFileSystemWatcher(TEST_GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((u) => void refreshFile(u).catch(() => undefined)),
    watcher.onDidChange((u) => void refreshFile(u).catch(() => undefined)),
    watcher.onDidDelete((u) => {
      ctrl.items.delete(u.toString());
      diagnostics.delete(u);
    }),
  );
  // Discover once the server is up (the explorer asks through resolveHandler too).
  // (Nothing reads the workspace inside activate(): it returns at once.)
  void client
    .started()
    .then(() => {
      for (const d of vscode.workspace.textDocuments) schedule(d);
      return discoverAll();
    })
    .catch(() => undefined);

  context.subscriptions.push(
    vscode.commands.registerCommand('lighttpd.generateTests', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'lighttpd') {
        void vscode.window.showErrorMessage('lighttpd: open a lighttpd configuration first.');
        return;
      }
      const config = editor.document.uri;
      const base =
        config.path
          .split('/')
          .pop()!
          .replace(/\.conf$/, '') || 'routes';
      const dir = vscode.Uri.joinPath(config, '..');
      let target = vscode.Uri.joinPath(dir, `${base}.lighttpd-test`);
      for (let n = 2; n < 100 && (await exists(target)); n++)
        target = vscode.Uri.joinPath(dir, `${base}-${n}.lighttpd-test`);
      const r = await client.sendRequest<{ text: string } | { error: string }>('lighttpd/generateTests', {
        uri: await toServer(config),
        testUri: await toServer(target),
      });
      if ('error' in r) {
        void vscode.window.showErrorMessage(`lighttpd: ${r.error}`);
        return;
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(r.text));
      await vscode.window.showTextDocument(target, { preview: false });
      const file = await refreshFile(target);
      if (file) await runItems([file]);
    }),
    vscode.commands.registerCommand('lighttpd.compareRoutingWithLastCommit', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'lighttpd') {
        void vscode.window.showErrorMessage('lighttpd: open a lighttpd configuration first.');
        return;
      }
      const uri = editor.document.uri;
      const oldText = await lastCommitText(uri);
      if (typeof oldText !== 'string') {
        void vscode.window.showErrorMessage(`lighttpd: ${oldText.error}`);
        return;
      }
      const r = await client.sendRequest<{ text: string; changes: number } | { error: string }>('lighttpd/routeDiff', {
        uri: await toServer(uri),
        oldText,
      });
      if ('error' in r) {
        void vscode.window.showErrorMessage(`lighttpd: ${r.error}`);
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ content: r.text, language: 'plaintext' });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

interface GitApi {
  getRepository(uri: vscode.Uri): { show(ref: string, path: string): Promise<string> } | null;
}

/** The text of a file at HEAD, through VS Code's git extension. */
async function lastCommitText(uri: vscode.Uri): Promise<string | { error: string }> {
  const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
  if (!ext) return { error: "VS Code's git extension is not available here." };
  try {
    const api = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
    const repo = api.getRepository(uri);
    if (!repo) return { error: `${vscode.workspace.asRelativePath(uri)} is not in a git repository.` };
    return await repo.show('HEAD', uri.fsPath);
  } catch (e) {
    return {
      error: `${vscode.workspace.asRelativePath(uri)} has no last commit to compare with (${e instanceof Error ? e.message : String(e)}).`,
    };
  }
}
