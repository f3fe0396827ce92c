/**
 * "lighttpd: Check Upgrade…" in the real editor: its quick picks answered in VS Code's quick input (1.4.69,
 * Debian 12's release and the installed one, offered first; to 1.4.85; kept in the workspace settings, as
 * asked) write lighttpd.upgradeFrom and lighttpd.version there and open the report of what changes, the server then reports upgrade-redirect-code on the fixture's url.redirect, its quick fix that
 * keeps the old answer clears it, and "Stop checking" in the first pick clears lighttpd.upgradeFrom and with it
 * the upgrade diagnostics. The fixture (upgrade/lighttpd.conf) pins every other default that changed after
 * 1.4.69, so upgrade-redirect-code is the only diagnostic the upgrade adds.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  answerQuickPicks,
  codeOf,
  describeDiagnostics,
  hasCode,
  openFile,
  positionOf,
  waitForQuickFixes,
  waitForDiagnostics,
  waitForDocument,
  waitForText,
} from './helpers';

const FIXTURE = 'upgrade/lighttpd.conf';
const FROM = '1.4.69';
const TO = '1.4.85';
const STOP = 'Stop checking the upgrade';
const CODE = 'upgrade-redirect-code';

const config = () => vscode.workspace.getConfiguration('lighttpd');
const workspaceValue = (key: string) => config().inspect<string>(key)?.workspaceValue;
const noUpgrade = (ds: readonly vscode.Diagnostic[]) => !ds.some((d) => codeOf(d)?.startsWith('upgrade-'));
// upgrade-advisories (information: the advisories fixed on the way) rides along with every upgrade check; this test
// is about the change a quick fix settles.
const changes = (ds: readonly vscode.Diagnostic[]) => ds.map(codeOf).filter((c) => c !== 'upgrade-advisories');

/** Reverts the document in the editor that shows it (the report stays open beside it). */
async function revert(doc: vscode.TextDocument): Promise<void> {
  const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  await vscode.window.showTextDocument(doc, shown?.viewColumn);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(doc.isDirty, false, 'the revert left the document dirty');
}

describe('Check Upgrade command', () => {
  let doc: vscode.TextDocument | undefined;

  before(() => {
    // Another suite leaving these behind would make the assertions below pass for the wrong reason.
    assert.equal(workspaceValue('upgradeFrom'), undefined, 'lighttpd.upgradeFrom is already set in the workspace');
    assert.equal(workspaceValue('version'), undefined, 'lighttpd.version is already set in the workspace');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const hadUpgrade = workspaceValue('upgradeFrom') !== undefined;
    await config().update('upgradeFrom', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('version', undefined, vscode.ConfigurationTarget.Workspace);
    if (doc) {
      await revert(doc);
      // When a failure left the check on, let the server take the restored settings before the next suite.
      if (hadUpgrade)
        await waitForDiagnostics(doc.uri, noUpgrade, 'the upgrade diagnostics to go away').catch(() => {});
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('is registered and contributed to the palette', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('lighttpd.checkUpgrade'));
    const pkg = vscode.extensions.getExtension('lighttpd-conf.lighttpd-conf')!.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'lighttpd.checkUpgrade'));
  });

  it('answers both quick picks, reports the upgrade, fixes it, and stops checking', async function () {
    this.timeout(120_000);
    doc = await openFile(FIXTURE);
    const redirectLine = positionOf(doc, 'url.redirect =').line;
    // 1. The two picks, as a user answers them: the release it runs on now, then the one it goes to.
    const { picks } = await answerQuickPicks(
      () => vscode.commands.executeCommand('lighttpd.checkUpgrade'),
      [FROM, TO, 'Workspace settings'],
    );
    assert.equal(picks.length, 3, `quick picks shown: ${JSON.stringify(picks)}`);
    assert.ok(!picks[0].labels.includes(STOP), 'nothing to stop yet, but the first pick offers to');
    // The installed lighttpd (Debian 12's 1.4.69 on this machine) comes first in a trusted workspace.
    if (existsSync('/usr/sbin/lighttpd'))
      assert.equal(picks[0].labels[0], FROM, JSON.stringify(picks[0].labels.slice(0, 3)));
    // Where to keep the choice is asked, not assumed.
    assert.deepEqual(picks[2].labels, ['Workspace settings', 'User settings']);
    assert.equal(picks[1].labels[0], TO, 'the second pick starts with the newest release');
    assert.ok(!picks[1].labels.includes(FROM), 'the second pick offers only releases after the first answer');
    assert.equal(workspaceValue('upgradeFrom'), FROM);
    assert.equal(workspaceValue('version'), TO);
    // The report: each change, where it applies (a link to the line) and its fixes.
    const report = await waitForDocument((d) => d.uri.scheme === 'lighttpd-upgrade', 'the upgrade report');
    const text = report.getText();
    assert.match(text, /^# lighttpd 1\.4\.69 → 1\.4\.85/);
    assert.match(text, new RegExp(`## \`${CODE}\` — \\[lighttpd\\.conf:(\\d+)\\]\\(file:[^)]*#L\\1\\)`), text);
    assert.match(text, /Fixes \(light bulb on that line\): .*301/, text);

    // 2. The server reports what 1.4.75 changed for url.redirect, on its key.
    const ds = await waitForDiagnostics(doc.uri, hasCode(CODE), CODE);
    assert.deepEqual(changes(ds), [CODE], describeDiagnostics(ds));
    const diag = ds[0];
    assert.equal(diag.range.start.line, redirectLine);
    assert.equal(doc.getText(diag.range), 'url.redirect');

    // 3. The quick fix that keeps the 1.4.69 answer (301) adds url.redirect-code and clears the diagnostic.
    const inserts = (a: vscode.CodeAction, text: string) =>
      (a.edit?.entries() ?? []).some(
        ([u, edits]) => u.toString() === doc!.uri.toString() && edits.some((e) => e.newText.includes(text)),
      );
    const actions = await waitForQuickFixes(doc, diag.range, (as) => as.length > 0, `the quick fixes of ${CODE}`);
    const titles = JSON.stringify(actions.map((a) => a.title));
    assert.ok(
      actions.some((a) => inserts(a, 'url.redirect-code = 308')),
      `no fix adopts 308: ${titles}`,
    );
    const keep = actions.find((a) => inserts(a, 'url.redirect-code = 301'));
    assert.ok(keep?.edit, `no fix keeps 301: ${titles}`);
    assert.equal(await vscode.workspace.applyEdit(keep.edit), true);
    await waitForText(doc, (t) => /\n\s*url\.redirect-code = 301\n/.test(t), 'the inserted url.redirect-code');
    assert.equal(positionOf(doc, 'url.redirect-code = 301').line, redirectLine + 1);
    const fixed = await waitForDiagnostics(doc.uri, (x) => changes(x).length === 0, `${CODE} to go away after the fix`);
    assert.deepEqual(changes(fixed), []);

    // Undone, the diagnostic comes back: the check is still on.
    await revert(doc);
    assert.ok(!doc.getText().includes('url.redirect-code'), 'the revert kept the fix');
    await waitForDiagnostics(doc.uri, hasCode(CODE), `${CODE} back after the revert`);

    // 4. "Stop checking", offered first in the first pick now, clears upgradeFrom and the diagnostics.
    const stop = await answerQuickPicks(() => vscode.commands.executeCommand('lighttpd.checkUpgrade'), [STOP]);
    assert.equal(stop.picks.length, 1, `quick picks shown: ${JSON.stringify(stop.picks)}`);
    assert.equal(stop.picks[0].labels[0], STOP);
    assert.equal(workspaceValue('upgradeFrom'), undefined);
    assert.equal(config().get('upgradeFrom'), '');
    const stopped = await waitForDiagnostics(doc.uri, noUpgrade, 'the upgrade diagnostics to go away');
    assert.deepEqual(stopped.map(codeOf), [], describeDiagnostics(stopped));

    // 5. The palette's "Stop Checking the Upgrade" does the same.
    await config().update('upgradeFrom', FROM, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, hasCode(CODE), `${CODE} with the check on again`);
    await vscode.commands.executeCommand('lighttpd.stopUpgradeCheck');
    assert.equal(workspaceValue('upgradeFrom'), undefined);
    await waitForDiagnostics(doc.uri, noUpgrade, 'the upgrade diagnostics to go away after Stop Checking');
  });
});
