/**
 * The language status items of a lighttpd file (the `{ }` next to the language mode in the status bar):
 * the server's state (with Restart when it stopped), the main config the file is checked with, and the
 * target lighttpd version with a link to the settings. The facts come from the server (`lighttpd/status`,
 * server/src/runtime/editorRequests.ts), so this works with the node and the browser client alike.
 */
import * as vscode from 'vscode';
import { State } from './clientState';
import type { LazyClient } from './common';
import { COMMANDS } from './commands';

interface DocumentStatus {
  roots: string[];
  orphan: boolean;
  version: string;
  trusted: boolean;
  lighttpdOnSave: boolean;
  canRunLighttpd: boolean;
}

const SELECTOR: vscode.DocumentSelector = { language: 'lighttpd' };
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export function registerStatus(context: vscode.ExtensionContext, client: LazyClient): void {
  const server = vscode.languages.createLanguageStatusItem('lighttpd.server', SELECTOR);
  server.name = 'lighttpd language server';
  const config = vscode.languages.createLanguageStatusItem('lighttpd.config', SELECTOR);
  config.name = 'lighttpd main configuration';
  const version = vscode.languages.createLanguageStatusItem('lighttpd.version', SELECTOR);
  version.name = 'lighttpd target version';
  version.text = 'lighttpd';
  version.command = { title: 'Change', command: 'workbench.action.openSettings', arguments: ['lighttpd.version'] };
  context.subscriptions.push(server, config, version);

  const showServerState = () => {
    // (no client yet: it is created just after activation and starts at once)
    const state = client.current?.state ?? State.Starting;
    server.busy = state === State.Starting;
    server.severity =
      state === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    server.text =
      state === State.Running
        ? 'lighttpd server running'
        : state === State.Starting
          ? 'lighttpd server starting'
          : 'lighttpd server stopped';
    server.command =
      state === State.Stopped
        ? { title: 'Restart', command: COMMANDS.restartServer }
        : { title: 'Output', command: COMMANDS.showOutput };
  };

  let generation = 0;
  const refresh = async () => {
    showServerState();
    const doc = vscode.window.activeTextEditor?.document;
    const c = client.current;
    if (!doc || doc.languageId !== 'lighttpd' || c?.state !== State.Running) return;
    const mine = ++generation;
    // The server's name of the document (on the web the client maps the workspace's file system onto file:
    // paths: a raw vscode-remote:// or vscode-vfs:// URI would be a document the server does not know).
    const uri = c.code2ProtocolConverter.asUri(doc.uri);
    const s = await c.sendRequest<DocumentStatus | null>('lighttpd/status', { uri }).catch(() => null);
    if (mine !== generation || !s) return;
    version.text = `lighttpd ${s.version}`;
    version.detail = 'target version';
    if (s.roots.length > 0) {
      const editorUri = (path: string) => c.protocol2CodeConverter.asUri(vscode.Uri.file(path).toString());
      const own = s.roots.length === 1 && editorUri(s.roots[0]).toString() === doc.uri.toString();
      config.text = own ? 'main config' : `checked with ${s.roots.map(baseName).join(', ')}`;
      config.detail = own ? 'no other file includes it' : s.roots.join(', ');
      config.command = own ? undefined : { title: 'Open', command: 'vscode.open', arguments: [editorUri(s.roots[0])] };
    } else {
      config.text = s.orphan ? 'not included by any main config' : 'checked alone';
      config.detail = s.orphan ? 'checked leniently (see lighttpd.rootFiles)' : '';
      config.command = s.orphan
        ? { title: 'Set main configs', command: 'workbench.action.openSettings', arguments: ['lighttpd.rootFiles'] }
        : undefined;
    }
    config.severity = vscode.LanguageStatusSeverity.Information;
    version.detail = s.lighttpdOnSave ? 'target version; lighttpd -tt runs on save' : 'target version';
  };
  const soon = () => void refresh();
  showServerState();
  client.onCreated((c) => context.subscriptions.push(c.onDidChangeState(soon)));
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(soon),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('lighttpd') && soon()),
    // The main configs are known once the workspace is scanned, and change with includes: follow the checks.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) soon();
    }),
  );
  soon();
}
