/**
 * "lighttpd: Check Upgrade…": picks the release the configuration runs on now (the installed lighttpd's,
 * from `lighttpd -v`, first when the workspace is trusted and a lighttpd is found) and the one it goes to,
 * asks where to keep the choice (the workspace's settings or the user's), sets lighttpd.upgradeFrom and
 * lighttpd.version there, and opens a report of what changes: each change with where it applies (a link)
 * and its fixes (server/src/features/upgrade/upgradeReport.ts). The upgrade-* problems stay on their lines
 * while the check is on; "lighttpd: Stop Checking the Upgrade" (or the first pick's "Stop checking") ends it.
 */
import {
  commands,
  ConfigurationTarget,
  EventEmitter,
  Uri,
  ViewColumn,
  window,
  workspace,
  type ExtensionContext,
  type QuickPickItem,
} from 'vscode';
import type { LazyClient } from './common';

/** The 1.4 releases the behaviour-change table covers (server/src/schema/changes.ts), oldest first. */
const FIRST = 39;
const NEWEST = 85;
const release = (n: number) => `1.4.${n}`;
const minorOf = (v: string | undefined) => Number(/^(?:lighttpd-)?1\.4\.(\d+)$/.exec(v?.trim() ?? '')?.[1] ?? NaN);

const STOP = 'Stop checking the upgrade';
export const WORKSPACE_CHOICE = 'Workspace settings';
export const USER_CHOICE = 'User settings';
const REPORT_SCHEME = 'lighttpd-upgrade';

/** The installed lighttpd's release, when the workspace is trusted and one answers `lighttpd -v` (else undefined). */
async function installedRelease(client: LazyClient): Promise<string | undefined> {
  if (!workspace.isTrusted) return undefined;
  const answer = client
    .sendRequest<{ version?: string } | null>('lighttpd/installedVersion', {})
    .then((a) => a?.version)
    .catch(() => undefined);
  const late = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 6000));
  return Promise.race([answer, late]);
}

/** Where the choice is kept: the user says, when a folder is open (its .vscode/settings.json is written). */
async function pickTarget(): Promise<ConfigurationTarget | undefined> {
  const folder = workspace.workspaceFolders?.[0];
  if (!folder) return ConfigurationTarget.Global;
  const picked = await window.showQuickPick(
    [
      {
        label: WORKSPACE_CHOICE,
        description: workspace.workspaceFile
          ? 'the workspace file'
          : Uri.joinPath(folder.uri, '.vscode', 'settings.json').fsPath,
      },
      { label: USER_CHOICE, description: 'for every folder you open' },
    ],
    { title: 'lighttpd: Check Upgrade (3/3)', placeHolder: 'Where to keep lighttpd.upgradeFrom and lighttpd.version' },
  );
  if (!picked) return undefined;
  return picked.label === WORKSPACE_CHOICE ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
}

/** Clears lighttpd.upgradeFrom wherever it is set (workspace and user). */
async function stopChecking(): Promise<void> {
  const config = workspace.getConfiguration('lighttpd');
  const set = config.inspect<string>('upgradeFrom');
  if (set?.workspaceValue !== undefined) await config.update('upgradeFrom', undefined, ConfigurationTarget.Workspace);
  if (set?.globalValue !== undefined) await config.update('upgradeFrom', undefined, ConfigurationTarget.Global);
}

export function registerUpgradeCommand(context: ExtensionContext, client: LazyClient): void {
  const reports = new Map<string, string>();
  const changed = new EventEmitter<Uri>();
  context.subscriptions.push(
    changed,
    workspace.registerTextDocumentContentProvider(REPORT_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (u) => reports.get(u.toString()) ?? '',
    }),
  );

  async function showReport(from: string, to: string): Promise<void> {
    const doc = window.activeTextEditor?.document;
    const config =
      doc?.languageId === 'lighttpd' ? doc : workspace.textDocuments.find((d) => d.languageId === 'lighttpd');
    const c = client.current;
    const uri = config && c ? c.code2ProtocolConverter.asUri(config.uri) : undefined;
    const report = uri
      ? await client.sendRequest<{ text: string } | null>('lighttpd/upgradeReport', { uri, from, to }).catch(() => null)
      : null;
    const text =
      report?.text ??
      `# lighttpd ${from} → ${to}\n\nOpen a lighttpd configuration and run **lighttpd: Check Upgrade…** again for the report; the upgrade-* problems are shown on their lines.\n`;
    const reportUri = Uri.from({ scheme: REPORT_SCHEME, path: `/lighttpd ${from} to ${to}.md` });
    reports.set(reportUri.toString(), text);
    changed.fire(reportUri);
    const opened = await workspace.openTextDocument(reportUri);
    await window.showTextDocument(opened, { viewColumn: ViewColumn.Beside, preview: true });
  }

  async function checkUpgrade(): Promise<void> {
    const config = workspace.getConfiguration('lighttpd');
    const current = config.get<string>('upgradeFrom') ?? '';
    const installed = await installedRelease(client);
    const fromItems: QuickPickItem[] = [];
    if (current) fromItems.push({ label: STOP, description: `now from ${current}` });
    if (installed && minorOf(installed) >= FIRST && minorOf(installed) < NEWEST)
      fromItems.push({ label: installed, description: 'installed here (lighttpd -v)' });
    for (let n = NEWEST - 1; n >= FIRST; n--) if (release(n) !== installed) fromItems.push({ label: release(n) });
    const from = await window.showQuickPick(fromItems, {
      title: 'lighttpd: Check Upgrade (1/3)',
      placeHolder: 'The lighttpd release the configuration runs on now (e.g. 1.4.69 on Debian 12)',
    });
    if (!from) return;
    if (from.label === STOP) {
      await stopChecking();
      return;
    }
    const f = minorOf(from.label);
    const toItems: QuickPickItem[] = [];
    for (let n = NEWEST; n > f; n--) toItems.push({ label: release(n) });
    const to = await window.showQuickPick(toItems, {
      title: 'lighttpd: Check Upgrade (2/3)',
      placeHolder: `The release to upgrade to from ${from.label}`,
    });
    if (!to) return;
    const target = await pickTarget();
    if (target === undefined) return;
    await config.update('upgradeFrom', from.label, target);
    await config.update('version', to.label, target);
    await showReport(from.label, to.label);
  }

  context.subscriptions.push(
    commands.registerCommand('lighttpd.checkUpgrade', checkUpgrade),
    commands.registerCommand('lighttpd.stopUpgradeCheck', stopChecking),
  );
}
