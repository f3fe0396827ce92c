/**
 * Requests of the editor's status item and palette commands (client/src/status.ts, commands.ts):
 * - `lighttpd/status` {uri}: the main configs the document is checked with, the target version, whether
 *   lighttpd runs on save; answered for any document (an unknown one has no main config);
 * - `lighttpd/checkWithLighttpd` {uri}: "Check with lighttpd now" (runtime/lighttpdOnSave.ts runNow).
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigWorkspace } from '../analysis/workspace';
import type { ServerSettings } from '../settings';
import { uriToPath } from '../uri';
import type { Guard } from './guard';
import type { ServerHost } from './host';
import type { LighttpdCheckSummary, LighttpdOnSave } from './lighttpdOnSave';

export interface DocumentStatus {
  /** Paths of the main configs that include the document (itself when it is one); empty: checked alone. */
  readonly roots: readonly string[];
  /** The document is a fragment that no main config includes (checked leniently). */
  readonly orphan: boolean;
  readonly version: string;
  readonly trusted: boolean;
  /** lighttpd -tt runs on save (setting on, trusted, a host that can run it). */
  readonly lighttpdOnSave: boolean;
  /** "Check with lighttpd now" can run here. */
  readonly canRunLighttpd: boolean;
}

export interface EditorRequestDeps {
  readonly documents: TextDocuments<TextDocument>;
  readonly workspace: ConfigWorkspace;
  readonly host: ServerHost;
  readonly guard: Guard;
  readonly lighttpd: LighttpdOnSave;
  settings(): ServerSettings;
  trusted(): boolean;
}

export function documentStatus(uri: string, deps: EditorRequestDeps): DocumentStatus {
  const settings = deps.settings();
  const trusted = deps.trusted();
  const path = uriToPath(uri);
  const roots = path
    ? deps.guard('status', uri, [] as string[], () => {
        const canonical = deps.workspace.canonical(path);
        const including = deps.workspace.rootsIncluding(canonical).map((r) => r.root);
        if (including.length > 0) return including;
        // Included by none: a main config of its own (checked fully), or a fragment checked leniently.
        if (deps.workspace.roots().some((r) => r.root === canonical)) return [canonical];
        return deps.workspace.analyzeRoot(canonical)?.main ? [canonical] : [];
      })
    : [];
  const canRunLighttpd = trusted && !!deps.host.runLighttpd && !!path;
  return {
    roots,
    orphan: !!path && roots.length === 0,
    version: settings.version,
    trusted,
    lighttpdOnSave: canRunLighttpd && settings.validateExecutable,
    canRunLighttpd,
  };
}

export function registerEditorRequests(connection: Connection, deps: EditorRequestDeps): void {
  connection.onRequest('lighttpd/status', (p: { uri?: unknown }) =>
    typeof p?.uri === 'string' ? documentStatus(p.uri, deps) : null,
  );
  connection.onRequest('lighttpd/checkWithLighttpd', async (p: { uri?: unknown }): Promise<LighttpdCheckSummary> => {
    const doc = typeof p?.uri === 'string' ? deps.documents.get(p.uri) : undefined;
    if (!doc) return { ran: false, reason: 'not-open' };
    return deps.lighttpd.runNow(doc);
  });
}
