/**
 * Palette commands and the output channel: "lighttpd: Restart Language Server", "Show Output", "Fix All
 * (Add Missing Modules)", "Check with lighttpd Now" and "Open Walkthrough", and the command behind the quick fix of
 * include-outside-workspace (lighttpd.addPathMapping, not in the palette). Only the common client API is
 * used, so the node and the browser client share it (the browser has no lighttpd to run: the server says so).
 */
import * as vscode from 'vscode';
import { State } from './clientState';
import type { LazyClient } from './common';

export const COMMANDS = {
  restartServer: 'lighttpd.restartServer',
  showOutput: 'lighttpd.showOutput',
  fixAll: 'lighttpd.fixAll',
  checkWithLighttpd: 'lighttpd.checkWithLighttpd',
  openWalkthrough: 'lighttpd.openWalkthrough',
  addPathMapping: 'lighttpd.addPathMapping',
} as const;

export const OUTPUT_CHANNEL_NAME = 'lighttpd';
export const WALKTHROUGH_ID = 'lighttpd-conf.lighttpd-conf#lighttpd.gettingStarted';
const FIX_ALL_KIND = 'source.fixAll.lighttpd';

/** The output channel the client logs to: there from activation on, whether tracing is on or not. */
export function createOutputChannel(): vscode.OutputChannel {
  return vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
}

/** The server's lighttpd/checkWithLighttpd answer; `log` is the run's account, already in the Output channel. */
type CheckSummary =
  | { ran: true; root: string; status: number | null; timedOut: boolean; problems: number; log: string }
  | { ran: false; reason: string; root?: string; log?: string };

function activeLighttpdEditor(): vscode.TextEditor | undefined {
  const e = vscode.window.activeTextEditor;
  if (e?.document.languageId === 'lighttpd') return e;
  void vscode.window.showInformationMessage('Open a lighttpd configuration file first.');
  return undefined;
}

/** Applies the fix-all action of the document (every missing module added); resolves with what it did. */
export async function fixAll(doc: vscode.TextDocument): Promise<boolean> {
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL_KIND,
    )) ?? [];
  const action = actions.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (!action?.edit) return false;
  return vscode.workspace.applyEdit(action.edit);
}

/**
 * The value `lighttpd.pathMappings` gets for a workspace folder (a server path, in `uri`'s path): relative to the
 * first workspace folder as `${workspaceFolder}/...` (what the server expands it against), else the path itself.
 */
export function mappingTarget(uri: vscode.Uri, first: vscode.Uri | undefined): string {
  const path = uri.path.replace(/\/$/, '');
  const base = first?.path.replace(/\/$/, '');
  if (base !== undefined && (path === base || path.startsWith(base + '/')))
    return '${workspaceFolder}' + path.slice(base.length);
  return uri.scheme === 'file' ? uri.fsPath : path;
}

/** Adds `from` -> the folder `to` (a URI) to the workspace's lighttpd.pathMappings; resolves with the value written. */
export async function addPathMapping(from: string, to: string): Promise<string | undefined> {
  if (typeof from !== 'string' || typeof to !== 'string') return undefined;
  const value = mappingTarget(vscode.Uri.parse(to), vscode.workspace.workspaceFolders?.[0]?.uri);
  const config = vscode.workspace.getConfiguration('lighttpd');
  const current = config.inspect<Record<string, string>>('pathMappings');
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  const own = (target === vscode.ConfigurationTarget.Workspace ? current?.workspaceValue : current?.globalValue) ?? {};
  await config.update('pathMappings', { ...own, [from]: value }, target);
  return value;
}

export function registerCommands(
  context: vscode.ExtensionContext,
  client: LazyClient,
  output: vscode.OutputChannel,
): void {
  client.onCreated((c) =>
    context.subscriptions.push(
      c.onDidChangeState((e) => {
        const name = (s: State) => (s === State.Running ? 'running' : s === State.Starting ? 'starting' : 'stopped');
        output.appendLine(`lighttpd language server ${name(e.newState)}.`);
      }),
    ),
  );
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      output.appendLine('Restarting the lighttpd language server (command).');
      // (before the client exists: it is about to start, so this waits for that start)
      const c = await client.started();
      // (restart() is the node client's only; stop and start is the same for both clients)
      if (c.state === State.Running) await c.stop();
      await c.start();
    }),
    vscode.commands.registerCommand(COMMANDS.fixAll, async () => {
      const editor = activeLighttpdEditor();
      if (!editor) return false;
      await client.started(); // (the fix-all action is the server's: none before it runs)
      const done = await fixAll(editor.document);
      if (!done) void vscode.window.setStatusBarMessage('lighttpd: nothing to fix', 3000);
      return done;
    }),
    vscode.commands.registerCommand(COMMANDS.checkWithLighttpd, async () => {
      const editor = activeLighttpdEditor();
      if (!editor) return undefined;
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(
          'lighttpd runs the include_shell commands of a configuration, so it only runs in a trusted workspace.',
        );
        return undefined;
      }
      const onSave = vscode.workspace.getConfiguration('lighttpd', editor.document.uri).get('validate.executable');
      if (!onSave) {
        const run = 'Run lighttpd -tt';
        const answer = await vscode.window.showWarningMessage(
          'lighttpd -tt reads the saved configuration and runs its include_shell commands. Run it now?',
          { modal: true },
          run,
        );
        if (answer !== run) return undefined;
      }
      if (editor.document.isDirty) await editor.document.save();
      const summary = await client.sendRequest<CheckSummary>('lighttpd/checkWithLighttpd', {
        uri: editor.document.uri.toString(),
      });
      const { log: _logged, ...outcome } = summary; // (the server has written the log to the channel)
      output.appendLine(`Check with lighttpd: ${JSON.stringify(outcome)}`);
      if (summary.ran) {
        const what = summary.timedOut
          ? 'did not finish in time'
          : summary.status === 0
            ? 'Syntax OK'
            : `failed (exit status ${summary.status})`;
        const problems = summary.problems ? `; ${summary.problems} problem(s) shown with source "lighttpd"` : '';
        void vscode.window.showInformationMessage(`lighttpd -tt -f ${summary.root}: ${what}${problems}.`);
      } else {
        const why =
          summary.reason === 'not-found'
            ? 'lighttpd was not found (set lighttpd.executablePath).'
            : summary.reason === 'untrusted'
              ? 'the workspace is not trusted.'
              : 'lighttpd cannot run here.';
        void vscode.window.showWarningMessage(`lighttpd did not run: ${why}`);
      }
      return summary;
    }),
    vscode.commands.registerCommand(COMMANDS.addPathMapping, (from: string, to: string) => addPathMapping(from, to)),
    vscode.commands.registerCommand(COMMANDS.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
}
