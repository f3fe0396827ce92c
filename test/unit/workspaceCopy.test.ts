/**
 * include-outside-workspace: an absolute include that reads this machine's files (or nothing) while the
 * workspace holds a same-named copy gets a hint on its operand, and the quick fix is a command that writes
 * lighttpd.pathMappings (installed prefix -> the copy's folder). No hint when a mapping (default or set)
 * applies, or when what the include reads is in the workspace.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { getLanguageService } from '../../server/src/service';
import { ADD_PATH_MAPPING_COMMAND } from '../../server/src/features/codeActions/codeActions';

describe('include-outside-workspace', () => {
  let tmp = '';
  let machine = ''; // stands for this machine's installed /srv/lighttpd (outside the workspace)
  let ws = '';
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  before(() => {
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'lighttpd-wscopy-')));
    machine = join(tmp, 'machine/srv/lighttpd');
    ws = join(tmp, 'ws');
    write(join(machine, 'conf-enabled/10-a.conf'), 'server.port = 80\n');
    write(join(machine, 'modules.conf'), 'server.modules += ( "mod_proxy" )\n');
    // the workspace copy, with Debian's conf-enabled links into conf-available
    write(
      join(ws, 'srv/lighttpd/conf-available/50-app.conf'),
      'proxy.server = ( "" => (( "host" => "127.0.0.1" )) )\n',
    );
    mkdirSync(join(ws, 'srv/lighttpd/conf-enabled'), { recursive: true });
    symlinkSync('../conf-available/50-app.conf', join(ws, 'srv/lighttpd/conf-enabled/50-app.conf'));
    write(join(ws, 'srv/lighttpd/modules.conf'), 'server.modules += ( "mod_access" )\n');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const check = (mainPath: string, text: string, pathMappings: Record<string, string> = {}, more: string[] = []) => {
    write(mainPath, text);
    const workspace = new ConfigWorkspace(nodeFileSystem, { pathMappings });
    workspace.setKnownFiles([
      mainPath,
      ...more,
      join(ws, 'srv/lighttpd/conf-available/50-app.conf'),
      join(ws, 'srv/lighttpd/modules.conf'),
    ]);
    const svc = getLanguageService({ workspace });
    const doc = TextDocument.create(pathToFileURL(mainPath).href, 'lighttpd', 1, text);
    const diagnostics = svc.doValidation(doc);
    return { svc, doc, diagnostics, hints: diagnostics.filter((d) => d.code === 'include-outside-workspace') };
  };
  const at = (d: Diagnostic) =>
    `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

  test("an include read from the machine's copy: a hint on its operand with the mapping to the workspace copy", () => {
    const include = `include "${machine}/conf-enabled/*.conf"`;
    const { hints } = check(join(ws, 'main.conf'), `server.document-root = "/tmp"\n${include}\n`);
    assert.deepEqual(hints.map(at), [`1:8-1:${include.length}`]);
    assert.equal(hints[0].severity, 4); // hint
    // The shortest prefix with a copy: the main config's folder stands for <tmp>/machine.
    assert.deepEqual(hints[0].data, { from: join(tmp, 'machine'), to: ws });
  });

  test('an include found nowhere on the machine (plain and pattern): the hint comes with include-not-found', () => {
    const text =
      'include "/nonexistent-lighttpd-test/lighttpd/modules.conf"\ninclude "/nonexistent-lighttpd-test/lighttpd/conf-enabled/*.conf"\n';
    const { diagnostics } = check(join(ws, 'main.conf'), text);
    const codes = diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();
    assert.deepEqual(
      codes.filter((c) => c.startsWith('include-')),
      [
        'include-contents-unknown@0',
        'include-not-found@0',
        'include-outside-workspace@0',
        'include-outside-workspace@1',
      ],
    );
    for (const d of diagnostics.filter((x) => x.code === 'include-outside-workspace'))
      assert.deepEqual(d.data, { from: '/nonexistent-lighttpd-test/lighttpd', to: join(ws, 'srv/lighttpd') });
  });

  test("a copy under another name (~/lighttpd-copy): the main config's folder stands for the prefix", () => {
    const copy = join(tmp, 'lighttpd-copy');
    write(join(copy, 'conf-enabled/10-x.conf'), 'server.port = 81\n');
    const { hints } = check(
      join(copy, 'lighttpd.conf'),
      'include "/nonexistent-lighttpd-test/lighttpd/conf-enabled/*.conf"\n',
      {},
      [join(copy, 'conf-enabled/10-x.conf')],
    );
    assert.deepEqual(
      hints.map((d) => d.data),
      [{ from: '/nonexistent-lighttpd-test/lighttpd', to: copy }],
    );
  });

  test('no hint when a mapping applies (by default or set) or when the include reads workspace files', () => {
    // The main config inside the copy: the default mapping reads the copy.
    const inCopy = check(join(ws, 'srv/lighttpd/lighttpd.conf'), 'include "/srv/lighttpd/conf-enabled/*.conf"\n');
    assert.deepEqual(inCopy.hints, []);
    const whole = inCopy.svc.validateConfiguration(join(ws, 'srv/lighttpd/lighttpd.conf'));
    assert.deepEqual(
      whole?.files.flatMap((f) => f.diagnostics.map((d) => `${f.path.slice(ws.length)}:${d.code}`)),
      ['/srv/lighttpd/conf-available/50-app.conf:module-not-loaded'],
    );
    const mapped = check(join(ws, 'main.conf'), `include "${machine}/modules.conf"\n`, {
      [machine]: join(ws, 'srv/lighttpd'),
    });
    assert.deepEqual(mapped.hints, []);
    const own = check(join(ws, 'main.conf'), `include "${ws}/srv/lighttpd/modules.conf"\n`);
    assert.deepEqual(own.hints, []);
    // A machine file with no same-named copy in the workspace.
    const none = check(join(ws, 'main.conf'), `include "${machine}/conf-enabled/10-a.conf"\n`);
    assert.deepEqual(none.hints, []);
  });

  test('the quick fix: a command that adds the mapping to lighttpd.pathMappings', () => {
    const { svc, doc, hints } = check(join(ws, 'main.conf'), `include "${machine}/modules.conf"\n`);
    assert.equal(hints.length, 1);
    const actions = svc.doCodeActions(doc, hints[0].range, { diagnostics: hints, only: [CodeActionKind.QuickFix] });
    const fix = actions.filter((a) => a.command?.command === ADD_PATH_MAPPING_COMMAND);
    assert.equal(fix.length, 1);
    assert.equal(fix[0].isPreferred, true);
    assert.equal(fix[0].edit, undefined);
    assert.deepEqual(fix[0].command!.arguments, [join(tmp, 'machine'), pathToFileURL(ws).href]);
    assert.deepEqual(fix[0].diagnostics, hints);
  });
});
