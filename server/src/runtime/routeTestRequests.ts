/**
 * Wiring of configuration tests (features/routeTests) to custom requests. The client sends the test
 * file's text (a `*.lighttpd-test` document is not one the server checks as a configuration), the server
 * reads the configuration through the workspace (open editors first; on the web the files arrive through
 * the client, so an answer waits for the files it asked for, as every request does).
 *
 *   lighttpd/testFile        { uri, text }              -> TestFileInfo (tests with ranges, diagnostics)
 *   lighttpd/runTests        { uri, text, ids? }        -> TestResultInfo[]
 *   lighttpd/testCompletion  { uri, text, position }    -> CompletionItem[]
 *   lighttpd/testHover       { uri, text, position }    -> Hover | null
 *   lighttpd/generateTests   { uri, testUri }           -> { text } | { error }
 *   lighttpd/routeDiff       { uri, oldText }           -> { text, changes, requests } | { error }
 */
import type { Connection, Position } from 'vscode-languageserver';
import type { ConfigWorkspace } from '../analysis/workspace';
import {
  generateTests,
  routeDiff,
  runTestFile,
  testCompletion,
  testFileInfo,
  testHover,
  type TestEnv,
} from '../features/routeTests/routeTests';
import { basename } from '../paths';
import { pathToUri, uriToPath } from '../uri';
import type { Guard } from './guard';
import type { ServerHost } from './host';

const MAX_FILE_WAVES = 8;

export interface RouteTestDeps {
  readonly workspace: ConfigWorkspace;
  readonly host: ServerHost;
  readonly guard: Guard;
}

export function registerRouteTestRequests(connection: Connection, deps: RouteTestDeps): void {
  const { workspace, host } = deps;
  const env: TestEnv & { list(dir: string): string[] | undefined } = {
    load: (path) => {
      const a = workspace.analyzeRoot(workspace.canonical(path));
      return a ? { evaluation: a.evaluation } : { error: `${basename(path)} cannot be read` };
    },
    exists: (path) => workspace.readText(path) !== undefined,
    readText: (path) => workspace.readText(path),
    uriOf: (path) => pathToUri(path),
    list: (dir) => workspace.fileSystem.listDirectory?.(dir, 500)?.map((e) => e.name),
  };
  /** Computes an answer, again after each wave of files the web host had to fetch for it. */
  const answer = async <T>(what: string, uri: string, fallback: T, fn: (path: string) => T): Promise<T> => {
    const path = uriToPath(uri);
    if (!path) return fallback;
    const once = () => deps.guard(what, uri, fallback, () => fn(path));
    let result = once();
    for (let wave = 0; wave < MAX_FILE_WAVES && host.filesPending?.(); wave++) {
      await host.whenFilesSettled!();
      result = once();
    }
    return result;
  };
  connection.onRequest('lighttpd/testFile', (p: { uri: string; text: string }) =>
    answer('test file', p.uri, { tests: [], configs: [], diagnostics: [] }, (path) => testFileInfo(path, p.text, env)),
  );
  connection.onRequest('lighttpd/runTests', (p: { uri: string; text: string; ids?: string[] }) =>
    answer('run tests', p.uri, [], (path) => runTestFile(path, p.text, env, p.ids)),
  );
  connection.onRequest('lighttpd/testCompletion', (p: { uri: string; text: string; position: Position }) =>
    answer('test completion', p.uri, [], (path) => testCompletion(path, p.text, p.position, env)),
  );
  connection.onRequest('lighttpd/testHover', (p: { uri: string; text: string; position: Position }) =>
    answer('test hover', p.uri, null, (path) => testHover(path, p.text, p.position, env)),
  );
  connection.onRequest('lighttpd/generateTests', (p: { uri: string; testUri: string; version?: string }) =>
    answer('generate tests', p.uri, { error: 'The configuration cannot be read.' }, (path) => {
      const testPath = uriToPath(p.testUri) ?? path;
      const text = generateTests(path, testPath, env, p.version);
      return typeof text === 'string' ? { text } : text;
    }),
  );
  connection.onRequest('lighttpd/routeDiff', (p: { uri: string; oldText: string; version?: string }) =>
    answer('routing diff', p.uri, { error: 'The configuration cannot be read.' }, (path) => {
      const root = workspace.canonical(path);
      const now = workspace.analyzeRoot(root);
      if (!now) return { error: `${basename(path)} cannot be read` };
      // The earlier text of the same file, read with today's includes.
      const before = workspace.evaluateText(root, p.oldText);
      return routeDiff(before, now.evaluation, basename(path), p.version);
    }),
  );
}
