/**
 * The real lighttpd reads what we read (issue 23 part 5): a workspace copy of an installed layout whose main
 * config includes "/etc/lighttpd/conf-enabled/*.conf" (mapped by default to the copy's folder) is run by
 * lighttpd on a scratch mirror where that include reads the workspace fragments, and lighttpd's messages name
 * the workspace files. Debian's conf-enabled links (into conf-available) are followed as lighttpd's glob does.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { planScratchCopy, scratchText, unscratch } from '../../server/src/analysis/scratchCopy';
import { runLighttpdPreflight } from '../../server/src/node/lighttpdRunner';
import { describeRun } from '../../server/src/runtime/lighttpdOnSave';
import { LIGHTTPD, NO_LIGHTTPD } from '../helpers/lighttpd';

describe('scratch copy for lighttpd', () => {
  let tmp = '';
  let etc = ''; // <ws>/etc/lighttpd: the workspace copy of /etc/lighttpd
  let root = '';
  let fragment = '';
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  before(() => {
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'lighttpd-scratch-')));
    etc = join(tmp, 'ws/etc/lighttpd');
    root = join(etc, 'lighttpd.conf');
    write(
      root,
      `server.document-root = "${tmp}"\nserver.port = 8080\nserver.modules = ( "mod_access" )\ninclude "conf.d/local.conf"\ninclude "/etc/lighttpd/conf-enabled/*.conf"\n`,
    );
    write(join(etc, 'conf.d/local.conf'), 'server.tag = "x"\n');
    // the broken fragment: a duplicate key (lighttpd -t: "Duplicate config variable"), enabled by a link
    fragment = join(etc, 'conf-available/10-broken.conf');
    write(fragment, 'server.max-fds = 1024\nserver.max-fds = 2048\n');
    mkdirSync(join(etc, 'conf-enabled'), { recursive: true });
    symlinkSync('../conf-available/10-broken.conf', join(etc, 'conf-enabled/10-broken.conf'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const workspace = () => {
    const ws = new ConfigWorkspace(nodeFileSystem);
    ws.setKnownFiles([root, join(etc, 'conf.d/local.conf'), fragment, join(etc, 'conf-enabled/10-broken.conf')]);
    return ws;
  };

  test('the plan mirrors every file read and rewrites only the redirected include', () => {
    const plan = planScratchCopy(workspace(), root)!;
    assert.ok(plan, 'a plan: the absolute include is mapped by default');
    assert.deepEqual(
      plan.files.map((f) => f.path),
      [root, join(etc, 'conf.d/local.conf'), join(etc, 'conf-enabled/10-broken.conf')],
    );
    assert.deepEqual(
      plan.redirected.map((r) => [r.file, r.line, r.path, r.readFrom, r.implied]),
      [[root, 5, '/etc/lighttpd/conf-enabled/*.conf', join(etc, 'conf-enabled/*.conf'), true]],
    );
    const text = scratchText(plan.files[0], '/S');
    assert.match(text, new RegExp(`include "/S${etc}/conf-enabled/\\*\\.conf"\\n$`));
    assert.match(text, /include "conf\.d\/local\.conf"/); // relative: read from the mirrored folder
    assert.equal(text.split('\n').length, plan.files[0].text.split('\n').length);
    assert.equal(unscratch(`source: /S${fragment} line: 2`, '/S'), `source: ${fragment} line: 2`);
  });
  test('no plan when nothing is redirected (lighttpd reads the files where they are)', () => {
    const plain = join(tmp, 'plain/lighttpd.conf');
    write(plain, `server.document-root = "${tmp}"\ninclude "conf.d/*.conf"\n`);
    write(join(tmp, 'plain/conf.d/a.conf'), 'server.tag = "a"\n');
    assert.equal(planScratchCopy(new ConfigWorkspace(nodeFileSystem), plain), undefined);
  });
  test(
    "an include_shell runs in the mirrored folder, where the originals it names are linked (lighttpd runs it in its file's folder)",
    { skip: LIGHTTPD ? false : NO_LIGHTTPD },
    async () => {
      const etc2 = join(tmp, 'ws2/etc/lighttpd');
      const root2 = join(etc2, 'lighttpd.conf');
      write(
        root2,
        `server.document-root = "${tmp}"\nserver.port = 8080\ninclude_shell "./gen.sh"\ninclude "/etc/lighttpd/conf-enabled/*.conf"\n`,
      );
      writeFileSync(join(etc2, 'gen.sh'), '#!/bin/sh\ncat local/tag.conf\n', { mode: 0o755 });
      write(join(etc2, 'local/tag.conf'), 'server.tag = "generated"\n');
      write(join(etc2, 'conf-enabled/10-broken.conf'), 'server.max-fds = 1024\nserver.max-fds = 2048\n');
      const ws = new ConfigWorkspace(nodeFileSystem);
      ws.setKnownFiles([root2, join(etc2, 'conf-enabled/10-broken.conf')]);
      const plan = planScratchCopy(ws, root2)!;
      assert.deepEqual(
        plan.files.map((f) => f.path),
        [root2, join(etc2, 'conf-enabled/10-broken.conf')],
      );
      const r = await runLighttpdPreflight(root2, {
        enabled: true,
        trusted: true,
        executablePath: LIGHTTPD,
        scratch: plan,
      });
      assert.ok(r.ran);
      // the command ran (no "include_shell" failure) and lighttpd went on to the workspace fragment
      assert.doesNotMatch(r.output, /include_shell|gen\.sh|not found/, r.output);
      assert.match(r.output, /Duplicate config variable/);
      assert.ok(r.output.includes(`source: ${join(etc2, 'conf-enabled/10-broken.conf')}`), r.output);
      assert.ok(existsSync(join(etc2, 'gen.sh')) && existsSync(join(etc2, 'local/tag.conf')), 'the originals are kept');
    },
  );
  test(
    'lighttpd -tt on the scratch copy reports the workspace fragment, and the log names the files read',
    {
      skip: LIGHTTPD ? false : NO_LIGHTTPD,
    },
    async () => {
      const plan = planScratchCopy(workspace(), root)!;
      const r = await runLighttpdPreflight(root, {
        enabled: true,
        trusted: true,
        executablePath: LIGHTTPD,
        scratch: plan,
      });
      assert.ok(r.ran);
      assert.notEqual(r.status, 0, r.output);
      assert.match(r.output, /Duplicate config variable/);
      assert.ok(r.output.includes(`source: ${join(etc, 'conf-enabled/10-broken.conf')}`), r.output);
      assert.ok(!r.output.includes('lighttpd-conf-check-'), 'no scratch path left in the output');
      const log = describeRun(root, r, plan, () => plan.files.map((f) => f.path));
      assert.match(log, /-tt -f \/.*lighttpd-conf-check-[^/]+\/.*\/ws\/etc\/lighttpd\/lighttpd\.conf/);
      assert.ok(log.includes(`main config: ${root}`), log);
      assert.ok(
        log.includes(`/etc/lighttpd/conf-enabled/*.conf -> ${join(etc, 'conf-enabled/*.conf')} (mapped by default)`),
        log,
      );
      assert.ok(
        log.includes(
          `files read (3): ${root}, ${join(etc, 'conf.d/local.conf')}, ${join(etc, 'conf-enabled/10-broken.conf')}`,
        ),
        log,
      );
      assert.match(log, /exit status 255 in \d+ ms/);
      assert.ok(!existsSync(r.args[2]), 'the scratch copy is removed');
      // without the copy lighttpd reads this machine's /etc/lighttpd/conf-enabled: the broken fragment is not read
      const direct = await runLighttpdPreflight(root, { enabled: true, trusted: true, executablePath: LIGHTTPD });
      assert.ok(direct.ran && !direct.output.includes('10-broken.conf'), direct.ran ? direct.output : '');
    },
  );
});
