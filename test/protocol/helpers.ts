/**
 * A real LSP client for protocol tests: starts `node dist/server.js --stdio` as a child process and speaks
 * JSON-RPC to it over stdio, like an editor does. Build first (`npm run build`; `npm test` does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from '../helpers/corpus';

export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');
export const SERVER_BUILT = existsSync(SERVER_JS);
export const NOT_BUILT = 'dist/server.js is missing: run npm run build';

export interface TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** stderr of the server so far (for failure messages). */
  stderr(): string;
  /** What the server answered to initialize (its capabilities). */
  readonly initializeResult: { capabilities: Record<string, unknown> };
  /** window/logMessage messages received so far (what the output channel shows). */
  logs(): string[];
  /** The methods the server registered dynamically (client/registerCapability) so far. */
  registrations(): string[];
  /** Opens a document and returns its uri. */
  open(name: string, text: string, languageId?: string): string;
  change(uri: string, version: number, text: string): void;
  save(uri: string): void;
  close(uri: string): void;
  /** Resolves with the next publishDiagnostics for `uri` that satisfies `accept` (default: any). */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  request<R>(method: string, params: unknown): Promise<R>;
  shutdown(): Promise<void>;
}

export async function startClient(
  options: {
    initializationOptions?: unknown;
    capabilities?: unknown;
    workspaceFolder?: string;
    settings?: unknown;
    /** Answers workspace/configuration instead of `settings` (null, an error, never: return a promise that does not settle). */
    onConfiguration?: (items: { section?: string }[]) => unknown;
    env?: Readonly<Record<string, string>>;
  } = {},
): Promise<TestClient> {
  const env = options.env ? { ...process.env, ...options.env } : process.env;
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  proc.stderr!.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const connection = createMessageConnection(
    new StreamMessageReader(proc.stdout!),
    new StreamMessageWriter(proc.stdin!),
  );
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  const latest = new Map<string, Diagnostic[]>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p.diagnostics);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && w.accept(p.diagnostics)) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  // Answer the requests a server may send to a client.
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    options.onConfiguration
      ? options.onConfiguration(p.items)
      : p.items.map((i) => (i.section === 'lighttpd' ? (options.settings ?? null) : null)),
  );
  const registrations: string[] = [];
  connection.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
    registrations.push(...p.registrations.map((r) => r.method));
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.listen();

  const root = options.workspaceFolder ?? REPO_ROOT;
  const initializeResult = await connection.sendRequest<TestClient['initializeResult']>('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
    capabilities: options.capabilities ?? {
      textDocument: {
        publishDiagnostics: { relatedInformation: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
      workspace: { configuration: true, workspaceFolders: true },
    },
    // The settings also in initializationOptions, as a client may send them: the first diagnostics use them
    // even when the workspace/configuration answer comes after the server's grace (a loaded machine).
    initializationOptions:
      options.settings !== undefined && !options.onConfiguration
        ? { lighttpd: options.settings, ...(options.initializationOptions as object | undefined) }
        : options.initializationOptions,
  });
  await connection.sendNotification('initialized', {});

  const versions = new Map<string, number>();
  const client: TestClient = {
    connection,
    process: proc,
    stderr: () => stderr,
    initializeResult,
    logs: () => logs,
    registrations: () => registrations,
    open(name, text, languageId = 'lighttpd') {
      const uri = name.includes('://') ? name : pathToFileURL(join(root, name)).href;
      versions.set(uri, 1);
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return uri;
    },
    change(uri, version, text) {
      versions.set(uri, version);
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    save(uri) {
      void connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    },
    close(uri) {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    diagnostics(uri, accept = () => true, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching diagnostics for ${uri} within ${timeoutMs} ms (last: ${JSON.stringify(latest.get(uri))}); server stderr: ${stderr}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          uri,
          accept,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        });
      });
    },
    request: <R>(method: string, params: unknown) => connection.sendRequest(method, params) as Promise<R>,
    async shutdown() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        void connection.sendNotification('exit');
      } catch {
        /* the process may already be gone */
      }
      await new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const t = setTimeout(() => {
          proc.kill('SIGKILL');
          resolve();
        }, 2000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
      connection.dispose();
    },
  };
  return client;
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  const off = (p: { line: number; character: number }) => (lines[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

export function fixture(path: string): string {
  return readFileSync(join(REPO_ROOT, 'test', 'fixtures', path), 'utf8');
}
