/**
 * Activation does not initialise vscode-languageclient (CONTRIBUTING.md "Performance": its initialisation is
 * most of the extension's load time, so the client is created after activate() has returned), and yet every
 * command the package contributes is registered inside activate(). Observed on the built bundle
 * (dist/extension.js, built by `npm test` / `npm run build`) loaded with a stand-in `vscode` module:
 *   - the Node built-ins the bundle requires: vscode-languageclient/node and vscode-jsonrpc's Node layer
 *     require child_process, net, crypto...; the extension's own code only node:path and url;
 *   - the `vscode` classes read: the common client's modules extend CallHierarchyItem, TypeHierarchyItem,
 *     CompletionItem... when they initialise; the extension's own code uses none of them.
 * Both are then seen once the deferred creation ran, so neither observation is vacuous.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { State } from '../../client/src/clientState';
import { REPO_ROOT } from '../helpers/corpus';

const BUNDLE = join(REPO_ROOT, 'dist', 'extension.js');
/** Classes of the `vscode` API that vscode-languageclient's common modules extend at load time. */
const CLIENT_MARKERS = ['CallHierarchyItem', 'TypeHierarchyItem', 'CompletionItem', 'DocumentLink'];
/** What the extension's own modules require (the bundle's banner reads `url`). */
const OWN_REQUIRES = new Set(['vscode', 'node:path', 'path', 'url']);

/** A value that is anything: every property, call and construction gives another one; reads are recorded. */
function anything(name: string, reads: Set<string>): unknown {
  return new Proxy(function () {}, {
    get(target, prop) {
      if (prop === 'prototype') return target.prototype;
      if (prop === Symbol.toPrimitive) return () => name;
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      reads.add(`${name}.${prop}`);
      return anything(`${name}.${prop}`, reads);
    },
    apply: () => anything(`${name}()`, reads),
    construct: () => anything(`new ${name}`, reads) as object,
  });
}

/** The names `vscode` exports (namespaces, classes, enums, functions), from its type declarations. */
function vscodeExportNames(): string[] {
  const dts = readFileSync(join(REPO_ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  return [
    ...new Set([...dts.matchAll(/^\s*export (?:namespace|class|enum|function|const|let) (\w+)/gm)].map((m) => m[1])),
  ];
}

test("the client's State constants are vscode-languageclient's", (t) => {
  const loader = Module as unknown as { _load(request: string, parent: unknown, main: boolean): unknown };
  const load = loader._load;
  loader._load = function (request, parent, main) {
    return request === 'vscode' ? anything('vscode', new Set()) : load.call(this, request, parent, main);
  };
  t.after(() => {
    loader._load = load;
  });
  const { State: ClientState } = createRequire(BUNDLE)(
    'vscode-languageclient',
  ) as typeof import('vscode-languageclient');
  assert.equal(State.Stopped, ClientState.Stopped);
  assert.equal(State.Running, ClientState.Running);
  assert.equal(State.Starting, ClientState.Starting);
});

test('activate() registers every contributed command and leaves vscode-languageclient uninitialised', async (t) => {
  if (!existsSync(BUNDLE)) return t.skip(`${BUNDLE} is not built (npm run build)`);
  const reads = new Set<string>();
  const registered: string[] = [];
  let reportError!: (message: string) => void;
  const errorShown = new Promise<string>((resolve) => (reportError = resolve));
  const vscode: Record<string, unknown> = {};
  for (const name of vscodeExportNames()) {
    Object.defineProperty(vscode, name, {
      enumerable: true,
      get: () => {
        reads.add(name);
        if (name === 'version') return '1.100.3';
        if (name === 'commands') {
          const commands = anything('commands', reads) as Record<string, unknown>;
          return new Proxy(commands, {
            get: (target, prop) =>
              prop === 'registerCommand'
                ? (id: string) => (registered.push(id), { dispose() {} })
                : Reflect.get(target, prop),
          });
        }
        if (name === 'window') {
          const window = anything('window', reads) as Record<string, unknown>;
          return new Proxy(window, {
            get: (target, prop) =>
              prop === 'showErrorMessage' ? (m: string) => (reportError(m), undefined) : Reflect.get(target, prop),
          });
        }
        return anything(name, reads);
      },
    });
  }

  const required: string[] = [];
  const loader = Module as unknown as { _load(request: string, parent: { filename?: string }, main: boolean): unknown };
  const load = loader._load;
  loader._load = function (request, parent, main) {
    if (parent?.filename === BUNDLE && request !== BUNDLE) {
      required.push(request);
      if (request === 'vscode') return vscode;
    }
    return load.call(this, request, parent, main);
  };
  t.after(() => {
    loader._load = load;
  });

  const requireBundle = createRequire(BUNDLE);
  delete requireBundle.cache[BUNDLE];
  const extension = requireBundle(BUNDLE) as {
    activate(context: unknown): unknown;
    deactivate(): Promise<void>;
  };
  const context = {
    subscriptions: { push() {} },
    globalState: anything('globalState', reads),
    extensionUri: anything('extensionUri', reads),
    // Called once the client module is loaded, before the server is started: ends the creation there
    // (inside activate(), as the client was created before, a path where no server is).
    asAbsolutePath: (p: string) => {
      if (activated) throw new Error('no server in this test');
      return join(REPO_ROOT, 'out', 'no-server-here', p);
    },
  };
  let activated = false;
  extension.activate(context);
  activated = true;

  const contributed = (
    JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[] };
    }
  ).contributes.commands.map((c) => c.command);
  assert.ok(contributed.length > 0);
  assert.deepEqual(
    contributed.filter((c) => !registered.includes(c)),
    [],
    'commands registered inside activate()',
  );
  assert.deepEqual(
    required.filter((r) => !OWN_REQUIRES.has(r)),
    [],
    'Node built-ins required by loading and activating the bundle',
  );
  assert.deepEqual(
    CLIENT_MARKERS.filter((m) => reads.has(m)),
    [],
    'vscode classes that only vscode-languageclient reads',
  );

  // The deferred creation loads the client (and ends at asAbsolutePath, reported as an error).
  const message = await errorShown;
  assert.match(message, /no server in this test/);
  assert.ok(required.includes('child_process'), `the node client loaded (required: ${required.join(', ')})`);
  assert.deepEqual(
    CLIENT_MARKERS.filter((m) => !reads.has(m)),
    [],
    'the common client loaded',
  );
  await extension.deactivate();
});
