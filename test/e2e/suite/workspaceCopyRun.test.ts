/**
 * The real lighttpd reads what we read (issue 23 part 5), in the real extension host: a workspace copy of an
 * installed layout (installed/etc/lighttpd/lighttpd.conf, whose `include "/etc/lighttpd/conf-enabled/*.conf"`
 * the main config's folder maps to the copy by default) with a broken fragment enabled by a Debian-style link.
 * With lighttpd.validate.executable on in a trusted workspace, saving the fragment runs lighttpd -tt on a
 * scratch mirror: lighttpd's refusal lands on the workspace fragment (not on this machine's /etc/lighttpd,
 * which lighttpd would read without the mirror), and the Output channel (read from the file VS Code keeps it in)
 * gives the run's account: the redirected include and the files lighttpd read. "Check with lighttpd Now"
 * returns the same account with its summary.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  WAIT_MS,
  closeAll,
  codeOf,
  describeDiagnostics,
  editAndSave,
  hasCode,
  waitForDiagnostics,
  wsUri,
} from './helpers';

const DIR = 'installed';
const LIGHTTPD = '/usr/sbin/lighttpd';

type CheckSummary =
  | { ran: true; root: string; status: number | null; timedOut: boolean; problems: number; log: string }
  | { ran: false; reason: string; root?: string; log?: string };

/** <ws>/installed/etc/lighttpd: the main config, a clean fragment in conf.d, the broken one linked from conf-enabled. */
function writeInstalledCopy() {
  const top = wsUri(DIR).fsPath;
  fs.rmSync(top, { recursive: true, force: true });
  const etc = path.join(top, 'etc', 'lighttpd');
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(etc, rel)), { recursive: true });
    fs.writeFileSync(path.join(etc, rel), text);
  };
  write(
    'lighttpd.conf',
    `server.document-root = "${top}"\nserver.port = 8080\nserver.modules = ( "mod_access" )\n` +
      'include "conf.d/local.conf"\ninclude "/etc/lighttpd/conf-enabled/*.conf"\n',
  );
  write('conf.d/local.conf', 'server.tag = "copy"\n');
  // lighttpd refuses a key set twice in one scope ("Duplicate config variable")
  write('conf-available/10-broken.conf', 'server.max-fds = 1024\nserver.max-fds = 2048\n');
  fs.mkdirSync(path.join(etc, 'conf-enabled'));
  fs.symlinkSync('../conf-available/10-broken.conf', path.join(etc, 'conf-enabled', '10-broken.conf'));
  return {
    top,
    root: path.join(etc, 'lighttpd.conf'),
    local: path.join(etc, 'conf.d', 'local.conf'),
    fragment: path.join(etc, 'conf-enabled', '10-broken.conf'),
    enabled: path.join(etc, 'conf-enabled', '*.conf'),
  };
}

/**
 * The text of the Output channel "lighttpd" as VS Code keeps it on disk
 * (<user data>/logs/<session>/exthost<N>/output_logging_<time>/<n>-lighttpd.log): the vscode API cannot read a
 * channel back. Undefined when the runner does not say where the user data is (scripts/e2e.mjs sets
 * E2E_USER_DATA_DIR) or no such file exists.
 */
function outputChannelText(): string | undefined {
  const userData = process.env.E2E_USER_DATA_DIR;
  const logs = userData && path.join(userData, 'logs');
  if (!logs || !fs.existsSync(logs)) return undefined;
  const files: string[] = [];
  for (const session of fs.readdirSync(logs))
    for (const host of fs.readdirSync(path.join(logs, session)).filter((n) => n.startsWith('exthost')))
      for (const out of fs.readdirSync(path.join(logs, session, host)).filter((n) => n.startsWith('output_logging_')))
        for (const name of fs.readdirSync(path.join(logs, session, host, out)))
          if (/^\d+-lighttpd\.log$/.test(name)) files.push(path.join(logs, session, host, out, name));
  const newest = files.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs).pop();
  return newest && fs.readFileSync(newest, 'utf8');
}

/** Resolves with the Output channel's text once it holds `needle` (VS Code writes the file a little later). */
async function waitForOutput(needle: string, timeoutMs = WAIT_MS): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = outputChannelText() ?? '';
    if (text.includes(needle)) return text;
    if (Date.now() > until) throw new Error(`the Output channel "lighttpd" never showed ${needle}; it has:\n${text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const fromLighttpd = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => d.source === 'lighttpd');

// (Named to run after wholeConfig.test.ts: its copy of an installed layout, deleted at the end, is another workspace
// copy of /etc/lighttpd, and the include-outside-workspace test there was seen to fail after it in code-server; left
// open in the issue 23 note.)
describe('lighttpd on a workspace copy of an installed layout', () => {
  it('validate.executable: lighttpd reads the workspace fragment, its error lands there, the run log names the files read', async function () {
    if (!vscode.workspace.isTrusted) this.skip(); // (lighttpd runs only in a trusted workspace: trust.test.ts)
    if (!fs.existsSync(LIGHTTPD)) {
      console.log(`    skipped: ${LIGHTTPD} is not installed`);
      this.skip();
    }
    const f = writeInstalledCopy();
    const config = vscode.workspace.getConfiguration('lighttpd');
    try {
      await config.update('validate.executable', true, vscode.ConfigurationTarget.Workspace);
      await config.update('executablePath', LIGHTTPD, vscode.ConfigurationTarget.Workspace);
      const main = await vscode.workspace.openTextDocument(vscode.Uri.file(f.root));
      await vscode.window.showTextDocument(main, { preview: false });
      const fragment = await vscode.workspace.openTextDocument(vscode.Uri.file(f.fragment));
      await vscode.window.showTextDocument(fragment, { preview: false });
      // our own check reads the copy through the default mapping: the fragment is checked with the main config
      await waitForDiagnostics(fragment.uri, hasCode('duplicate-key'), 'duplicate-key on the workspace fragment');
      assert.ok(
        !vscode.languages
          .getDiagnostics(main.uri)
          .some((d) => codeOf(d) === 'include-outside-workspace' || codeOf(d) === 'include-not-found'),
        describeDiagnostics(vscode.languages.getDiagnostics(main.uri)),
      );

      // On save: lighttpd -tt on the scratch mirror refuses at the workspace fragment's second line.
      await editAndSave(fragment, '# saved\n');
      const ds = await waitForDiagnostics(
        fragment.uri,
        (x) => fromLighttpd(x).length > 0,
        "lighttpd's refusal on the workspace fragment",
      );
      const mine = fromLighttpd(ds);
      assert.deepEqual(
        mine.map((d) => [codeOf(d), d.range.start.line, d.severity]),
        [['lighttpd-error', 1, vscode.DiagnosticSeverity.Error]],
        describeDiagnostics(ds),
      );
      assert.match(mine[0].message, /Duplicate config variable/);
      // lighttpd stops reading the main config at the include line that brought the fragment in
      const onMain = await waitForDiagnostics(
        main.uri,
        (x) => fromLighttpd(x).length > 0,
        'lighttpd on the main config',
      );
      assert.deepEqual(
        fromLighttpd(onMain).map((d) => [codeOf(d), d.range.start.line]),
        [['lighttpd-error', 4]],
        describeDiagnostics(onMain),
      );

      // The Output channel's account of the run on save: the redirected include and the files lighttpd read.
      const filesRead = `\n  files read (3): ${f.root}, ${f.local}, ${f.fragment}\n`;
      if (!process.env.E2E_USER_DATA_DIR) {
        console.log(
          '    (the runner did not say where the Output channel is kept: its account is checked through the command)',
        );
      } else {
        const out = await waitForOutput(filesRead);
        assert.ok(out.includes(`/etc/lighttpd/conf-enabled/*.conf -> ${f.enabled} (mapped by default)`), out);
      }

      // "Check with lighttpd Now" on the fragment: the same run; its account is what the Output channel shows.
      await vscode.window.showTextDocument(fragment, { preview: false });
      const summary = await vscode.commands.executeCommand<CheckSummary>('lighttpd.checkWithLighttpd');
      assert.ok(summary?.ran, JSON.stringify(summary));
      assert.equal(summary.root, f.root);
      assert.equal(summary.status, 255);
      const log = summary.log;
      assert.ok(log.startsWith(`${LIGHTTPD} -tt -f `), log);
      assert.ok(log.includes(`\n  main config: ${f.root}\n`), log);
      assert.ok(
        log.includes(`:5: /etc/lighttpd/conf-enabled/*.conf -> ${f.enabled} (mapped by default)`),
        `the redirected include: ${log}`,
      );
      assert.ok(log.includes(filesRead), log);
      assert.ok(log.includes(`source: ${f.fragment} line: `), `lighttpd names the workspace fragment: ${log}`);
      assert.ok(!/lighttpd-conf-check-/.test(log.split('\n  | ').slice(1).join('\n')), 'no scratch path in the output');
    } finally {
      await config.update('validate.executable', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('executablePath', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAll();
      fs.rmSync(f.top, { recursive: true, force: true });
    }
  });
});
