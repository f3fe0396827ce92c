/**
 * "lighttpd: Check Upgrade…": picks the release the configuration runs on now and the one it goes to, and
 * sets lighttpd.upgradeFrom and lighttpd.version (workspace settings when a folder is open); the server then
 * reports the upgrade-* diagnostics, shown in the Problems panel. "Stop checking" clears lighttpd.upgradeFrom.
 */
import { commands, ConfigurationTarget, window, workspace, type ExtensionContext, type QuickPickItem } from 'vscode';

/** The 1.4 releases the behaviour-change table covers (server/src/schema/changes.ts), oldest first. */
const FIRST = 39;
const NEWEST = 85;
const release = (n: number) => `1.4.${n}`;
const minorOf = (v: string | undefined) => Number(/^(?:lighttpd-)?1\.4\.(\d+)$/.exec(v?.trim() ?? '')?.[1] ?? NaN);

async function checkUpgrade(): Promise<void> {
  const config = workspace.getConfiguration('lighttpd');
  const current = config.get<string>('upgradeFrom') ?? '';
  const target = workspace.workspaceFolders?.length ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
  const STOP = 'Stop checking the upgrade';
  const fromItems: QuickPickItem[] = [];
  if (current) fromItems.push({ label: STOP, description: `now from ${current}` });
  for (let n = NEWEST - 1; n >= FIRST; n--) fromItems.push({ label: release(n) });
  const from = await window.showQuickPick(fromItems, {
    title: 'lighttpd: Check Upgrade (1/2)',
    placeHolder: 'The lighttpd release the configuration runs on now (e.g. 1.4.69 on Debian 12)',
  });
  if (!from) return;
  if (from.label === STOP) {
    await config.update('upgradeFrom', undefined, target);
    return;
  }
  const f = minorOf(from.label);
  const toItems: QuickPickItem[] = [];
  for (let n = NEWEST; n > f; n--) toItems.push({ label: release(n) });
  const to = await window.showQuickPick(toItems, {
    title: 'lighttpd: Check Upgrade (2/2)',
    placeHolder: `The release to upgrade to from ${from.label}`,
  });
  if (!to) return;
  await config.update('upgradeFrom', from.label, target);
  await config.update('version', to.label, target);
  await commands.executeCommand('workbench.actions.view.problems');
  void window.showInformationMessage(
    `lighttpd: what changes from ${from.label} to ${to.label} is shown as upgrade-* problems (settings lighttpd.upgradeFrom and lighttpd.version).`,
  );
}

export function registerUpgradeCommand(context: ExtensionContext): void {
  context.subscriptions.push(commands.registerCommand('lighttpd.checkUpgrade', checkUpgrade));
}
