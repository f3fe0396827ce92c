/**
 * The server on the web host (runtime/webHost.ts) with a client that answers its file-system requests from
 * memory, as client/src/webFileSystem.ts answers them from vscode.workspace.fs: includes and globs resolve
 * through the client, diagnostics are published only once the files they need are in (never a passing
 * include-not-found), a request (completion of include paths) waits for the folder listing it needs, and a
 * watched-file change is fetched again. In-process, over streams (the worker's postMessage is the only part
 * not exercised here: the browser e2e test covers it).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { CompletionList, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { FILE_SYSTEM_REQUEST, FIND_FILES_REQUEST } from '../../server/src/runtime/fileSystemProtocol';
import { createWebHost } from '../../server/src/runtime/webHost';
import { startServer } from '../../server/src/server';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryFileSource, nodeFileSource } from '../helpers/fileSource';

const files = new Map<string, string>([
  [
    '/repo/lighttpd.conf',
    'server.modules = ( "mod_access" )\nserver.document-root = "/srv"\ninclude "conf.d/*.conf"\n',
  ],
  ['/repo/conf.d/10-alias.conf', 'server.modules += ( "mod_alias" )\ninclude "deeper/x.conf"\n'],
  ['/repo/conf.d/20-use.conf', 'alias.url = ( "/a" => "/b" )\nproxy.server = ( "" => (( "host" => "127.0.0.1" )) )\n'],
  ['/repo/deeper/x.conf', 'var.deep = 1\n'],
  ['/repo/site2/lighttpd.conf', 'server.document-root = "/srv"\ninclude "../deeper/x.conf"\ninclude "missing.conf"\n'],
]);

/** A web server in-process whose client answers from `source`; diagnostics land in `published`. */
async function startWebServer(
  source: ReturnType<typeof memoryFileSource>,
  published: PublishDiagnosticsParams[],
  fsRequests: string[] = [],
  folder = '/repo',
): Promise<MessageConnection> {
  const up = new PassThrough();
  const down = new PassThrough();
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(up), new StreamMessageWriter(down));
  startServer(server, createWebHost(server, { addEventListener: () => undefined }));
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => published.push(p));
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  client.onRequest('client/registerCapability', () => null);
  client.onRequest(FILE_SYSTEM_REQUEST, (p: Parameters<typeof source.query>[0]) => {
    fsRequests.push(p.queries.map((q) => `${q.op} ${q.path}`).join(', '));
    return source.query(p);
  });
  client.onRequest(FIND_FILES_REQUEST, (p: Parameters<typeof source.findFiles>[0]) => source.findFiles(p));
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: `file://${folder}`,
    capabilities: { workspace: { configuration: true } },
    workspaceFolders: [{ uri: `file://${folder}`, name: 'repo' }],
  });
  client.sendNotification('initialized', {});
  return client;
}

const waitForDiagnostics = (
  published: PublishDiagnosticsParams[],
  path: string,
  accept: (d: Diagnostic[]) => boolean = () => true,
) =>
  new Promise<Diagnostic[]>((resolve, reject) => {
    const t0 = Date.now();
    const poll = () => {
      const last = published.filter((p) => p.uri === `file://${path}`).pop();
      if (last && accept(last.diagnostics)) return resolve(last.diagnostics);
      if (Date.now() - t0 > 10_000) return reject(new Error(`no diagnostics for ${path}: ${JSON.stringify(last)}`));
      setTimeout(poll, 10);
    };
    poll();
  });
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}`).sort();

describe('the server on the web host', () => {
  let client: MessageConnection;
  const published: PublishDiagnosticsParams[] = [];
  const source = memoryFileSource(files);
  const fsRequests: string[] = [];

  before(async () => {
    client = await startWebServer(source, published, fsRequests);
  });
  after(() => client.dispose());

  const open = (path: string) =>
    client.sendNotification('textDocument/didOpen', {
      textDocument: { uri: `file://${path}`, languageId: 'lighttpd', version: 1, text: files.get(path) },
    });
  const diagnosticsOf = (path: string, accept: (d: Diagnostic[]) => boolean = () => true) =>
    waitForDiagnostics(published, path, accept);

  test('a fragment is checked within its main config, read through the client', async () => {
    open('/repo/conf.d/20-use.conf');
    // (as on the desktop, a check before the workspace scan sees the fragment alone, leniently)
    const ds = await diagnosticsOf('/repo/conf.d/20-use.conf', (d) => d.length > 0);
    // mod_alias comes from a sibling fragment the main config includes; mod_proxy is loaded nowhere.
    assert.deepEqual(codes(ds), ['module-not-loaded@1']);
    assert.ok(fsRequests.length >= 2, 'several waves: main config, then its glob, then the deeper include');
  });

  test('a main config: only the include that really is missing, never a passing one', async () => {
    open('/repo/lighttpd.conf');
    // (its only problem is the fragment's missing mod_proxy, summarised on the include line)
    assert.deepEqual(codes(await diagnosticsOf('/repo/lighttpd.conf')), ['included-problems@2']);
    open('/repo/site2/lighttpd.conf');
    const ds = await diagnosticsOf('/repo/site2/lighttpd.conf');
    assert.deepEqual(
      codes(ds).filter((c) => c.startsWith('include-not-found')),
      ['include-not-found@2'],
    );
    for (const p of published)
      assert.ok(
        !p.diagnostics.some((d) => d.code === 'include-not-found' && d.range.start.line !== 2),
        `published incomplete: ${p.uri} ${JSON.stringify(p.diagnostics)}`,
      );
  });

  test('completion of include paths waits for the folder listing', async () => {
    const uri = 'file:///repo/new.conf';
    const text = 'include "deeper/"\n';
    client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'lighttpd', version: 1, text },
    });
    const list = await client.sendRequest<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 0, character: text.indexOf('/"') + 1 },
    });
    assert.ok(
      list.items.some((i) => i.label === 'x.conf'),
      list.items.map((i) => i.label).join(', '),
    );
  });

  test('a watched-file change is read again', async () => {
    files.set('/repo/conf.d/10-alias.conf', 'server.modules += ( "mod_alias", "mod_proxy" )\n');
    client.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: 'file:///repo/conf.d/10-alias.conf', type: 2 }],
    });
    const ds = await diagnosticsOf('/repo/conf.d/20-use.conf', (d) => d.length === 0);
    assert.deepEqual(ds, []);
  });
});

/**
 * Debian's layout on the web: conf-enabled/15-app.conf is a symbolic link to conf-available/15-app.conf. The
 * editor's file system has no realpath; the client tells the link's file by identity (runtime/linkTargets.ts),
 * so that the two names are one file as on the desktop: the file the user edits (conf-available/) is checked
 * with the main config, and its problems are published under its own name only.
 */
describe('the server on the web host: Debian conf-enabled links', () => {
  const debian = new Map<string, string>([
    [
      '/repo/lighttpd.conf',
      'server.modules = ( "mod_access" )\nserver.document-root = "/srv"\ninclude "conf-enabled/*.conf"\n',
    ],
    ['/repo/conf-available/15-app.conf', 'scgi.server = ( "/" => (( "host" => "127.0.0.1", "port" => 4000 )) )\n'],
    // (another file of the same name elsewhere, with other times: not the link's file)
    ['/repo/old/15-app.conf', 'scgi.server = ( "/" => (( "host" => "127.0.0.1", "port" => 4000 )) )\n'],
  ]);
  const links = new Map([['/repo/conf-enabled/15-app.conf', '/repo/conf-available/15-app.conf']]);
  let client: MessageConnection;
  const published: PublishDiagnosticsParams[] = [];

  before(async () => {
    client = await startWebServer(memoryFileSource(debian, links), published);
  });
  after(() => client.dispose());

  test('the link target opened alone is checked with the main config; its problems are never under the link', async () => {
    const uri = 'file:///repo/conf-available/15-app.conf';
    client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'lighttpd', version: 1, text: debian.get('/repo/conf-available/15-app.conf') },
    });
    const ds = await waitForDiagnostics(published, '/repo/conf-available/15-app.conf', (d) => d.length > 0);
    assert.deepEqual(codes(ds), ['module-not-loaded@0']);
    const status = await client.sendRequest<{ roots: string[] }>('lighttpd/status', { uri });
    assert.deepEqual(status.roots, ['/repo/lighttpd.conf']);
    client.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: 'file:///repo/lighttpd.conf',
        languageId: 'lighttpd',
        version: 1,
        text: debian.get('/repo/lighttpd.conf'),
      },
    });
    const main = await waitForDiagnostics(published, '/repo/lighttpd.conf');
    assert.deepEqual(codes(main), ['included-problems@2']);
    assert.ok(
      !published.some((p) => p.uri === 'file:///repo/conf-enabled/15-app.conf' && p.diagnostics.length > 0),
      'nothing published under the link',
    );
  });
});

describe('the server on the web host: a real Debian link on disk', () => {
  // The web test's fixture (test/e2e/fixtures/web) with its conf-enabled link, read as the web client reads it.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'lighttpd-weblink-')));
  cpSync(join('test', 'e2e', 'fixtures', 'web'), dir, { recursive: true });
  mkdirSync(join(dir, 'etc', 'lighttpd', 'conf-enabled'));
  symlinkSync('../conf-available/15-app.conf', join(dir, 'etc', 'lighttpd', 'conf-enabled', '15-app.conf'));
  const listConf = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
      const p = join(folder, e.name);
      if (statSync(p).isDirectory()) return listConf(p);
      return e.name.endsWith('.conf') ? [p] : [];
    });
  let client: MessageConnection;
  const published: PublishDiagnosticsParams[] = [];
  before(async () => {
    client = await startWebServer(nodeFileSource(listConf) as never, published, [], dir);
  });
  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (rel: string) =>
    client.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: `file://${dir}/${rel}`,
        languageId: 'lighttpd',
        version: 1,
        text: readFileSync(join(dir, rel), 'utf8'),
      },
    });

  test('after the main config of another layout, the link target is checked with its main config', async () => {
    open('lighttpd.conf');
    await waitForDiagnostics(published, `${dir}/lighttpd.conf`, (d) => d.length > 0);
    open('etc/lighttpd/conf-available/15-app.conf');
    const ds = await waitForDiagnostics(
      published,
      `${dir}/etc/lighttpd/conf-available/15-app.conf`,
      (d) => d.length > 0,
    );
    assert.deepEqual(codes(ds), ['module-not-loaded@0']);
  });
});
