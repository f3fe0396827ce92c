/**
 * Helpers for the extension-host suite. It runs inside a real VS Code (code-server's extension host or
 * @vscode/test-electron's), with the temporary copy of test/e2e/fixtures/workspace as its only folder.
 * Every wait listens to an event and is bounded; none sleeps for a fixed time.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Context } from 'mocha';
import * as vscode from 'vscode';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export const EXTENSION_ID = 'lighttpd-conf.lighttpd-conf';
export const LANGUAGE_ID = 'lighttpd';
export const WAIT_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs the fixture workspace open as a folder');
  return folder.uri;
}

export function wsUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export async function openFile(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(wsUri(relative));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The diagnostic code as a string, whether VS Code holds it plain or as `{ value, target }`. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(ds.map((d) => ({ code: codeOf(d), line: d.range.start.line + 1, message: d.message })));
}

/**
 * Resolves with the diagnostics of `uri` as soon as `accept` holds for them: checks what is there now, then
 * re-checks on every `onDidChangeDiagnostics` for that uri. Rejects after `timeoutMs`.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: Error | undefined, ds?: vscode.Diagnostic[]) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(ds!);
    };
    const check = () => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (accept(ds)) finish(undefined, ds);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} on ${path.basename(uri.path)}; ` +
            `diagnostics now: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    check();
  });
}

/** The quick fixes VS Code gets from the extension for a range (what the light bulb lists). */
export async function quickFixesAt(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions ?? [];
}

/**
 * The quick fixes for a range once `accept` takes them, asked again every 250 ms (rejects after WAIT_MS). In
 * code-server the first request right after another extension starts (the Markdown one, for a report opened
 * beside the config) can come back empty although the diagnostic is there; the light bulb asks again too.
 */
export async function waitForQuickFixes(
  doc: vscode.TextDocument,
  range: vscode.Range,
  accept: (actions: readonly vscode.CodeAction[]) => boolean,
  what: string,
): Promise<vscode.CodeAction[]> {
  const end = Date.now() + WAIT_MS;
  for (;;) {
    const actions = await quickFixesAt(doc, range);
    if (accept(actions)) return actions;
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; quick fixes now: ${JSON.stringify(actions.map((a) => a.title))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Appends a line and saves, so that VS Code sends didSave (saving an unchanged document may be a no-op). */
export async function editAndSave(doc: vscode.TextDocument, line: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((e) => e.insert(doc.positionAt(doc.getText().length), line));
  if (!(await doc.save())) throw new Error(`${path.basename(doc.uri.path)} was not saved`);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export const hasCode = (code: string) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);
export const lacksCode = (code: string) => (ds: readonly vscode.Diagnostic[]) => !ds.some((d) => codeOf(d) === code);

/** Resolves when the document's text satisfies `accept` (checked now and on every change). */
export function waitForText(
  doc: vscode.TextDocument,
  accept: (text: string) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (accept(doc.getText())) return resolve(doc.getText());
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && accept(doc.getText())) {
        sub.dispose();
        clearTimeout(timer);
        resolve(doc.getText());
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
  });
}

/** Offset of the `n`-th occurrence (0-based) of `needle` in the document, as a position. */
export function positionOf(doc: vscode.TextDocument, needle: string, n = 0, delta = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${n}) not found in ${path.basename(doc.uri.path)}`);
  }
  return doc.positionAt(at + delta);
}

let capabilities: Promise<Record<string, unknown>> | undefined;

/**
 * What the bundled language server advertises in its `initialize` answer. The extension does not expose its
 * client, so this starts the same dist/server.js once more over stdio, asks, and shuts it down. Feature tests
 * use it to report "skipped: the server does not provide X yet" instead of passing on an empty answer.
 */
export function serverCapabilities(): Promise<Record<string, unknown>> {
  capabilities ??= (async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
    const serverJs = path.join(ext.extensionPath, 'dist', 'server.js');
    // In Electron's extension host process.execPath is Electron itself: make it behave as Node.
    const proc = spawn(process.execPath, [serverJs, '--stdio'], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no initialize answer from ${serverJs} within 15 s: ${stderr}`)),
        15_000,
      ).unref(),
    );
    try {
      const exited = new Promise<never>((_, reject) =>
        proc.once('exit', (code) => reject(new Error(`${serverJs} exited with ${code}: ${stderr}`))),
      );
      const result = (await Promise.race([
        conn.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
          workspaceFolders: null,
        }),
        exited,
        timeout,
      ])) as { capabilities: Record<string, unknown> };
      await Promise.race([conn.sendRequest('shutdown'), timeout]).catch(() => undefined);
      void conn.sendNotification('exit').catch(() => undefined);
      return result.capabilities;
    } finally {
      conn.dispose();
      if (proc.exitCode === null) proc.kill();
    }
  })();
  return capabilities;
}

/** Skips the current mocha test, saying why, when the server does not advertise `capability`. */
export async function requireCapability(ctx: Context, capability: string, feature: string): Promise<void> {
  const caps = await serverCapabilities();
  if (!caps[capability]) {
    console.log(`    skipped: the language server does not advertise ${capability} (${feature} not built yet)`);
    ctx.skip();
  }
}

/** A quick pick that `answerQuickPicks` answered: what it showed and which label it chose. */
export interface AnsweredPick {
  readonly title: string | undefined;
  readonly labels: readonly string[];
  readonly chose: string;
}

type ShowQuickPick = (
  items: readonly (string | vscode.QuickPickItem)[] | Thenable<readonly (string | vscode.QuickPickItem)[]>,
  options?: vscode.QuickPickOptions,
  token?: vscode.CancellationToken,
) => Thenable<unknown>;

/**
 * Runs `run` and answers the quick picks it opens through `vscode.window.showQuickPick`, in order, in VS Code's
 * own quick input, as a user with the keyboard: once a pick shows its items (its first item gets the focus),
 * `workbench.action.quickOpenSelectNext` moves the focus down until the item labelled `answers[i]` has it, and
 * `workbench.action.acceptSelectedQuickOpenItem` accepts it. showQuickPick is wrapped (only while `run` runs)
 * to learn which item has the focus, through its `onDidSelectItem` option; the pick itself is VS Code's.
 * Rejects, closing the quick input, when a pick lacks its answer, more picks open than answers were given,
 * or `run` is not done within `timeoutMs`. Resolves with what `run` returned and what each pick showed.
 */
export async function answerQuickPicks<T>(
  run: () => Thenable<T>,
  answers: readonly string[],
  timeoutMs = WAIT_MS,
): Promise<{ result: T; picks: AnsweredPick[] }> {
  const win = vscode.window as unknown as { showQuickPick: ShowQuickPick };
  const original = win.showQuickPick;
  const picks: AnsweredPick[] = [];
  let fail: (e: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = (e) => {
      void vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      reject(e);
    };
  });
  const labelOf = (item: string | vscode.QuickPickItem) => (typeof item === 'string' ? item : item.label);
  win.showQuickPick = (items, options, token) => {
    const answer = answers[picks.length];
    const pick = { title: options?.title, labels: [] as string[], chose: answer };
    picks.push(pick);
    if (answer === undefined) fail(new Error(`an unexpected quick pick opened: ${options?.title ?? '(no title)'}`));
    void Promise.resolve(items).then((list) => pick.labels.push(...list.map(labelOf)));
    let steps = 0;
    let accepted = false;
    const onDidSelectItem = (item: string | vscode.QuickPickItem) => {
      options?.onDidSelectItem?.(item);
      if (accepted || answer === undefined) return;
      if (labelOf(item) === answer) {
        accepted = true;
        void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      } else if (++steps > pick.labels.length) {
        fail(new Error(`quick pick "${pick.title}" has no item "${answer}": ${JSON.stringify(pick.labels)}`));
      } else {
        void vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      }
    };
    return original.call(vscode.window, items, { ...options, onDidSelectItem }, token);
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        reject(
          new Error(
            `timed out after ${timeoutMs} ms answering quick picks ${JSON.stringify(answers)}; ` +
              `picks shown: ${JSON.stringify(picks.map((p) => p.title))}`,
          ),
        );
      }, timeoutMs);
    });
    const result = await Promise.race([Promise.resolve(run()), failed, timeout]);
    return { result, picks };
  } finally {
    clearTimeout(timer);
    win.showQuickPick = original;
  }
}

/** Resolves with the first open document that `accept`s (waiting for it to open); rejects after WAIT_MS. */
export function waitForDocument(
  accept: (d: vscode.TextDocument) => boolean,
  what: string,
): Promise<vscode.TextDocument> {
  return new Promise((resolve, reject) => {
    const found = vscode.workspace.textDocuments.find(accept);
    if (found) return resolve(found);
    const sub = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!accept(d)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, WAIT_MS);
  });
}
