/**
 * The language service runs in a browser (the web extension), so it uses no Node module: pure stand-ins for
 * node:path's POSIX functions, node:net's IP tests and Buffer.byteLength give Node's answers (compared on
 * generated inputs), and the web bundles fail to build if a Node built-in is imported.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isIPv4 as nodeIPv4, isIPv6 as nodeIPv6 } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import * as esbuild from 'esbuild';
import * as paths from '../../server/src/paths';
import { isIPv4, isIPv6 } from '../../server/src/features/shared/ipAddress';
import { utf8Length } from '../../server/src/parser/parse';
import { joinPath } from '../../server/src/analysis/fileSystem';
import { REPO_ROOT } from '../helpers/corpus';
// @ts-expect-error: a JavaScript module of the build scripts, without types
import { noNodeBuiltins } from '../../scripts/no-node-builtins.mjs';

function generator(seed: number) {
  return (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
}

describe('pure helpers give Node answers', () => {
  test('paths: normalize, join, dirname, basename, isAbsolute', () => {
    const rnd = generator(1);
    const parts = ['a', 'b', '/', '/', '.', '..', '//', '', 'c.conf', '...'];
    const gen = () => Array.from({ length: rnd(7) }, () => parts[rnd(parts.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const p = gen();
      const q = gen();
      assert.equal(paths.normalize(p), posix.normalize(p), `normalize ${p}`);
      assert.equal(paths.dirname(p), posix.dirname(p), `dirname ${p}`);
      assert.equal(paths.basename(p), posix.basename(p), `basename ${p}`);
      assert.equal(paths.isAbsolute(p), posix.isAbsolute(p), `isAbsolute ${p}`);
      assert.equal(paths.join(p, q), posix.join(p, q), `join ${p} ${q}`);
      if (posix.isAbsolute(p)) assert.equal(joinPath(p, q), posix.join(p, q), `joinPath ${p} ${q}`);
    }
    // Under a Windows drive (Windows only) a backslash separates, as node:path does there.
    assert.equal(joinPath('c:/srv', 'conf\\sites'), 'c:/srv/conf/sites');
  });

  test('IPv4 and IPv6 syntax', () => {
    const rnd = generator(2);
    const parts = ['1', '0', 'f', 'F', 'g', ':', '::', '.', '255', '256', '01', '1.2.3.4', 'ffff', '12345', ':::', ''];
    const fixed = [
      '::',
      '::1',
      '1::',
      '1:2:3:4:5:6:7::',
      '::1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8::',
      '::ffff:1.2.3.4',
      '::1.2.3.4',
      '1:2:3:4:5:6:1.2.3.4',
      '1:2:3:4:5::1.2.3.4',
      '1:2:3:4:5:6::1.2.3.4',
      '1.2.3.4::',
      '192.168.0.1',
      '192.168.00.1',
      '256.1.1.1',
    ];
    const inputs = [
      ...fixed,
      ...Array.from({ length: 50_000 }, () => Array.from({ length: rnd(12) }, () => parts[rnd(parts.length)]).join('')),
    ];
    for (const s of inputs) {
      assert.equal(isIPv4(s), nodeIPv4(s), `v4 ${s}`);
      assert.equal(isIPv6(s), nodeIPv6(s), `v6 ${s}`);
    }
    // A zone is refused (the remote-ip check refuses it as well).
    assert.equal(isIPv6('fe80::1%eth0'), false);
  });

  test('UTF-8 length', () => {
    const rnd = generator(3);
    const chars = ['a', 'é', '€', '😀', '\ud800', '\udc00', '\u07ff', '\u0800', '\uffff'];
    for (let i = 0; i < 5000; i++) {
      const s = Array.from({ length: rnd(10) }, () => chars[rnd(chars.length)]).join('');
      assert.equal(utf8Length(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
    }
  });
});

describe('the web bundles have no Node built-ins', () => {
  const options = (entry: string): esbuild.BuildOptions => ({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeBuiltins],
  });

  test('a Node built-in fails the build, naming the importer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lighttpd-webbuild-'));
    try {
      for (const spec of ['node:fs', 'path', 'fs/promises']) {
        const entry = join(dir, 'entry.ts');
        writeFileSync(entry, `import * as m from '${spec}';\nconsole.log(m);\n`);
        await assert.rejects(esbuild.build(options(entry)), (e: Error) => {
          assert.match(e.message, new RegExp(`Node built-in "${spec}" imported by .*entry\\.ts`));
          return true;
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the web server and client bundle; the Node adapters stay out', async () => {
    for (const entry of ['server/src/entries/webWorker.ts', 'client/src/browserExtension.ts']) {
      const r = await esbuild.build({ ...options(join(REPO_ROOT, entry)), external: ['vscode'] });
      const inputs = Object.keys(r.metafile!.inputs);
      assert.ok(inputs.length > 10, entry);
      for (const nodeOnly of [
        'server/src/node/',
        'nodeFileSystem',
        'lighttpdRunner',
        'shellRunner',
        'nodeHost',
        'tinyglobby',
      ])
        assert.ok(!inputs.some((i) => i.includes(nodeOnly)), `${entry} bundles ${nodeOnly}`);
    }
  });
});

test('commands that start programs show where the extension host is Node (lighttpd.nodeHost), not by !isWeb', () => {
  // code-server's workbench is a web page (isWeb) with a Node extension host: !isWeb hid them there. The desktop
  // client sets lighttpd.nodeHost (client/src/extension.ts); the web worker never does. The UI test checks the palette.
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { menus: { commandPalette: { command: string; when?: string }[] } };
  };
  const when = new Map(pkg.contributes.menus.commandPalette.map((m) => [m.command, m.when ?? '']));
  for (const command of ['lighttpd.checkWithLighttpd', 'lighttpd.compareRoutingWithLastCommit'])
    assert.match(when.get(command) ?? '', /(^|&& )lighttpd\.nodeHost( &&|$)/, command);
  assert.deepEqual(
    [...when].filter(([, w]) => /isWeb/.test(w)),
    [],
  );
  assert.match(when.get('lighttpd.checkWithLighttpd')!, /isWorkspaceTrusted/);
});
