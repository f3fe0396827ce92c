/**
 * Palette commands and the output channel: "lighttpd: Restart Language Server", "Show Output", "Fix All
 * (Add Missing Modules)", "Check with lighttpd Now" and "Open Walkthrough". Only the common client API is
 * used, so the node and the browser client share it (the browser has no lighttpd to run: the server says so).
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';

export const COMMANDS = {
  restartServer: 'lighttpd.restartServer',
  showOutput: 'lighttpd.showOutput',
  fixAll: 'lighttpd.fixAll',
  checkWithLighttpd: 'lighttpd.checkWithLighttpd',
  openWalkthrough: 'lighttpd.openWalkthrough',
} as const;

export const OUTPUT_CHANNEL_NAME = 'lighttpd';
export const WALKTHROUGH_ID = 'lighttpd-conf.lighttpd-conf#lighttpd.gettingStarted';
const FIX_ALL_KIND = 'source.fixAll.lighttpd';

/** The output channel the client logs to: there from activation on, whether tracing is on or not. */
export function createOutputChannel(): vscode.OutputChannel {
  return vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
}

type CheckSummary =
  | { ran: true; root: string; status: number | null; timedOut: boolean; problems: number }
  | { ran: false; reason: string; root?: string };

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

export function registerCommands(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const output = client.outputChannel;
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      const name = (s: State) => (s === State.Running ? 'running' : s === State.Starting ? 'starting' : 'stopped');
      output.appendLine(`lighttpd language server ${name(e.newState)}.`);
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      output.appendLine('Restarting the lighttpd language server (command).');
      // (restart() is the node client's only; stop and start is the same for both clients)
      if (client.state === State.Running) await client.stop();
      await client.start();
    }),
    vscode.commands.registerCommand(COMMANDS.fixAll, async () => {
      const editor = activeLighttpdEditor();
      if (!editor) return false;
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
      output.appendLine(`Check with lighttpd: ${JSON.stringify(summary)}`);
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
    vscode.commands.registerCommand(COMMANDS.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
}
