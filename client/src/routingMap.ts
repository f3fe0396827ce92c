/**
 * "lighttpd: Show Routing Map": a webview beside the configuration that draws where lighttpd sends requests
 * (the language server's lighttpd/routingMap: listeners, blocks, handlers; analysis/routing). It follows
 * edits (of the document and of the files its configuration includes), highlights the path of the last
 * "Simulate Request…" of the document, reveals a box's line in the editor when it is clicked (or Enter),
 * collapses subtrees (double click, Space), groups blocks that end in the same handler, and offers
 * "simulate a request here" (right click, "s") through the simulate command with a request that reaches the
 * box. Only the `vscode` API and the language client: the web client registers it too. The page runs one
 * script of ours (dist/mapView.js) under a strict content security policy with a nonce; no remote resources.
 */
import * as vscode from 'vscode';
import type { LazyClient } from './common';
import type { SimulationEvents } from './simulate';

interface NodeInfo {
  kind: string;
  parent?: string;
  children: string[];
  uri?: string;
  line?: number;
  text: string;
  hidden: number;
  node: string;
}
type MapResult =
  | {
      svg: string;
      nodes: Record<string, NodeInfo>;
      path: string[];
      request?: string;
      stats: { blocks: number; handlers: number; inexact: number };
      root: string;
    }
  | { error: string };

export const ROUTING_MAP_VIEW = 'lighttpd.routingMap';

/** What the extension-host tests can read of an open map. */
export interface RoutingMapState {
  readonly uri: string;
  readonly path: readonly string[];
  readonly request?: string;
  readonly nodes: readonly string[];
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

const STYLE = `
body{margin:0;padding:0;overflow:hidden;color:var(--vscode-foreground);background:var(--vscode-editor-background);font-family:var(--vscode-font-family);font-size:var(--vscode-font-size)}
#bar{display:flex;gap:6px;align-items:center;padding:4px 8px;height:26px;border-bottom:1px solid var(--vscode-panel-border,transparent)}
#bar input[type=search]{background:var(--vscode-input-background);color:var(--vscode-input-foreground);border:1px solid var(--vscode-input-border,transparent);padding:2px 4px;width:14em}
#bar button{background:var(--vscode-button-secondaryBackground);color:var(--vscode-button-secondaryForeground);border:none;padding:2px 8px;cursor:pointer}
#bar button:focus,#bar input:focus{outline:1px solid var(--vscode-focusBorder)}
#status{color:var(--vscode-descriptionForeground);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#canvas{position:absolute;top:35px;left:0;right:0;bottom:0;overflow:hidden;cursor:grab}
#stage{transform-origin:0 0;width:max-content}
.map{font-family:var(--vscode-editor-font-family,monospace)}
.node{cursor:pointer}
.node rect{fill:var(--vscode-editorWidget-background);stroke:var(--vscode-editorWidget-border,#888);stroke-width:1}
.node text{fill:var(--vscode-editor-foreground)}
.node.server rect,.node.listener rect{stroke:var(--vscode-charts-blue)}
.node.condition rect{stroke:var(--vscode-charts-yellow)}
.node.handler rect{stroke:var(--vscode-charts-green)}
.node.ignored rect{stroke:var(--vscode-charts-red)}
.node.inexact rect{stroke-dasharray:5 3}
.node.norouting{opacity:.55}
.node .sub,.badge{fill:var(--vscode-descriptionForeground)}
.node.highlight rect{stroke:var(--vscode-charts-purple);stroke-width:3}
.node.match rect{fill:var(--vscode-editor-findMatchHighlightBackground)}
.node.dim{opacity:.3}
.node:focus{outline:none}
.node:focus rect{stroke:var(--vscode-focusBorder);stroke-width:2.5}
.edge{fill:none;stroke:var(--vscode-editorLineNumber-foreground);stroke-width:1.2}
.edge.highlight{stroke:var(--vscode-charts-purple);stroke-width:2.5}`;

export function registerRoutingMap(
  context: vscode.ExtensionContext,
  client: LazyClient,
  simulation: SimulationEvents,
): void {
  const panels = new Map<string, MapPanel>();

  class MapPanel {
    collapsed = new Set<string>();
    expanded = new Set<string>();
    group = false;
    last: Exclude<MapResult, { error: string }> | undefined;
    private version = 0;
    private ready = false;
    constructor(
      readonly uri: string,
      readonly panel: vscode.WebviewPanel,
      private column: vscode.ViewColumn | undefined,
    ) {
      const webview = panel.webview;
      webview.html = this.html(webview);
      panel.onDidDispose(() => panels.delete(uri));
      webview.onDidReceiveMessage((m: { type: string; id?: string; value?: boolean }) => void this.onMessage(m));
    }

    private html(webview: vscode.Webview): string {
      const n = nonce();
      const script = webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'mapView.js'));
      return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${n}">${STYLE}</style><title>Routing map</title></head>
<body>
<div id="bar" role="toolbar" aria-label="Routing map">
<input id="search" type="search" placeholder="Search (/)" aria-label="Search the map">
<label><input id="group" type="checkbox"> group identical handlers</label>
<button id="zoomOut" title="Zoom out (-)" aria-label="Zoom out">−</button>
<button id="zoomIn" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button id="fit" title="Fit (0)">Fit</button>
<span id="status" role="status"></span>
</div>
<div id="canvas"><div id="stage"></div></div>
<script nonce="${n}" src="${script.toString()}"></script>
</body></html>`;
    }

    async update(focus?: string): Promise<void> {
      const mine = ++this.version;
      const result = await client
        .sendRequest<MapResult>('lighttpd/routingMap', {
          uri: this.serverUri(),
          collapsed: [...this.collapsed],
          expanded: [...this.expanded],
          group: this.group,
          request: simulation.lastRequest(this.uri),
        })
        .catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
      if (mine !== this.version) return; // a newer update is on its way
      if ('error' in result) {
        if (this.ready) void this.panel.webview.postMessage({ type: 'render', error: result.error, nodes: {} });
        return;
      }
      this.last = result;
      const name = vscode.Uri.parse(this.uri).path.split('/').pop();
      this.panel.title = `Routing map: ${name}`;
      if (this.ready) void this.panel.webview.postMessage({ type: 'render', ...result, group: this.group, focus });
    }

    private serverUri(): string {
      const c = client.current;
      return c ? c.code2ProtocolConverter.asUri(vscode.Uri.parse(this.uri)) : this.uri;
    }

    private editorUri(uri: string): vscode.Uri {
      const c = client.current;
      if (uri === this.serverUri()) return vscode.Uri.parse(this.uri);
      return c ? c.protocol2CodeConverter.asUri(uri) : vscode.Uri.parse(uri);
    }

    async onMessage(m: { type: string; id?: string; value?: boolean }): Promise<void> {
      const info = m.id ? this.last?.nodes[m.id] : undefined;
      switch (m.type) {
        case 'ready':
          this.ready = true;
          if (this.last) void this.panel.webview.postMessage({ type: 'render', ...this.last, group: this.group });
          else await this.update();
          return;
        case 'reveal':
          if (m.id) await this.reveal(m.id);
          return;
        case 'toggle':
          if (!m.id) return;
          if (info?.hidden) {
            this.collapsed.delete(m.id);
            this.expanded.add(m.id);
          } else {
            this.collapsed.add(m.id);
            this.expanded.delete(m.id);
          }
          await this.update(m.id);
          return;
        case 'group':
          this.group = !!m.value;
          this.collapsed.clear();
          this.expanded.clear();
          await this.update();
          return;
        case 'simulate': {
          if (!m.id || !info) return;
          const r = await client.sendRequest<{ request: string; reached: boolean } | { error: string }>(
            'lighttpd/routingMapRequest',
            { uri: this.serverUri(), node: m.id },
          );
          if ('error' in r) {
            void vscode.window.showErrorMessage(`lighttpd: ${r.error}`);
            return;
          }
          await vscode.commands.executeCommand('lighttpd.simulateRequest', this.uri, r.request);
          // The result may open in the map's group: the map, with the request's path, stays in front.
          this.panel.reveal(this.panel.viewColumn, true);
          return;
        }
      }
    }

    /** Shows the box's line in the editor of the configuration (beside the map). */
    async reveal(id: string): Promise<vscode.TextEditor | undefined> {
      const info = this.last?.nodes[id];
      if (!info?.uri || info.line === undefined) return undefined;
      const doc = await vscode.workspace.openTextDocument(this.editorUri(info.uri));
      const line = Math.min(info.line, doc.lineCount - 1);
      const start = doc.lineAt(line).firstNonWhitespaceCharacterIndex;
      const range = new vscode.Range(line, start, line, start);
      const editor = await vscode.window.showTextDocument(doc, {
        viewColumn: this.column ?? vscode.ViewColumn.One,
        selection: range,
        preserveFocus: false,
      });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return editor;
    }
  }

  const targetUri = (arg: unknown): string | undefined => {
    if (typeof arg === 'string') return arg;
    if (arg instanceof vscode.Uri) return arg.toString();
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.languageId === 'lighttpd' ? doc.uri.toString() : undefined;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(
      'lighttpd.showRoutingMap',
      async (arg?: unknown): Promise<RoutingMapState | undefined> => {
        const uri = targetUri(arg);
        if (!uri) {
          void vscode.window.showInformationMessage('lighttpd: open a lighttpd configuration first.');
          return undefined;
        }
        let p = panels.get(uri);
        if (p) p.panel.reveal(vscode.ViewColumn.Beside, true);
        else {
          const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri)?.viewColumn;
          const panel = vscode.window.createWebviewPanel(
            ROUTING_MAP_VIEW,
            'Routing map',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            {
              enableScripts: true,
              localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
            },
          );
          p = new MapPanel(uri, panel, column);
          panels.set(uri, p);
        }
        await p.update();
        return state(p);
      },
    ),
    // For tests and key bindings: the state of the map of a document, and revealing one of its boxes.
    vscode.commands.registerCommand('lighttpd.routingMap.state', (arg?: unknown) => {
      const p = panels.get(targetUri(arg) ?? '');
      return p ? state(p) : undefined;
    }),
    simulation.onDidSimulate((uri) => void panels.get(uri)?.update()),
  );

  function state(p: MapPanel): RoutingMapState {
    return {
      uri: p.uri,
      path: p.last?.path ?? [],
      ...(p.last?.request ? { request: p.last.request } : {}),
      nodes: Object.keys(p.last?.nodes ?? {}),
    };
  }

  // Edits: the map of every configuration follows (an included file changes the maps that read it).
  let timer: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId !== 'lighttpd' || e.contentChanges.length === 0 || panels.size === 0) return;
      clearTimeout(timer);
      timer = setTimeout(() => panels.forEach((p) => void p.update()), 300);
    }),
    { dispose: () => clearTimeout(timer) },
  );
}
