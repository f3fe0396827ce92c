/**
 * The request simulator in the editor: "lighttpd: Simulate Request…" (a request line with history), the
 * "Simulate" code lens over conditional blocks, decorations of the result (matched blocks highlighted,
 * the others dimmed, unknown ones marked), the readable result as a virtual document, "lighttpd: Show
 * Effective Configuration" (a read-only virtual document that follows edits), and inlay hints for var.*
 * values and, after a simulation, %n values. Everything is computed by the language server (custom
 * requests of server/src/runtime/simulateRequests.ts), so this works with the desktop and the web client alike.
 */
import * as vscode from 'vscode';
import type { LazyClient } from './common';

interface Position {
  line: number;
  character: number;
}
interface LspRange {
  start: Position;
  end: Position;
}
interface SimulatedBlock {
  uri: string;
  range: LspRange;
  headRange: LspRange;
  result: true | false | 'unknown' | 'not-evaluated';
  condition: string;
  reason?: string;
}
interface ResultLink {
  range: LspRange;
  uri: string;
  line: number;
}
type SimulateResult =
  | {
      text: string;
      links: ResultLink[];
      json: { handler: { module: string } };
      blocks: SimulatedBlock[];
      captureHints: { uri: string; position: Position; label: string }[];
    }
  | { error: string };

const HISTORY_KEY = 'lighttpd.simulate.history';
const HISTORY_MAX = 20;
const RESULT_SCHEME = 'lighttpd-simulation';
/** The result document's language: plain text with word wrap on (package.json configurationDefaults). */
const RESULT_LANGUAGE = 'lighttpd-simulation';
const EFFECTIVE_SCHEME = 'lighttpd-effective';

const range = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** What the routing map reads of the simulations: the last request of a document, and when it changes. */
export interface SimulationEvents {
  /** Fires with the document's URI after a simulation of it, or after "Clear Simulation". */
  readonly onDidSimulate: vscode.Event<string>;
  lastRequest(uri: string): string | undefined;
}

export function registerSimulate(context: vscode.ExtensionContext, client: LazyClient): SimulationEvents {
  const matched = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
    isWholeLine: true,
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em' },
  });
  const dimmed = vscode.window.createTextEditorDecorationType({ opacity: '0.45' });
  const dimmedHead = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em' },
  });
  const unknown = vscode.window.createTextEditorDecorationType({
    border: '1px dashed',
    borderColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    after: { color: new vscode.ThemeColor('editorWarning.foreground'), margin: '0 0 0 2em' },
  });
  context.subscriptions.push(matched, dimmed, dimmedHead, unknown);

  // The server's names of documents (the web client maps the workspace's file system onto file: paths) and back.
  const toServer = (uri: string) =>
    client.current ? client.current.code2ProtocolConverter.asUri(vscode.Uri.parse(uri)) : uri;
  const fromServer = (uri: string) =>
    (client.current ? client.current.protocol2CodeConverter.asUri(uri) : vscode.Uri.parse(uri)).toString();

  /** The last simulation of each document (by its editor URI): the request line and the server's answer. */
  const last = new Map<string, { request: string; result: Exclude<SimulateResult, { error: string }> }>();
  const resultChanged = new vscode.EventEmitter<vscode.Uri>();
  const effectiveChanged = new vscode.EventEmitter<vscode.Uri>();
  const hintsChanged = new vscode.EventEmitter<void>();
  const simulated = new vscode.EventEmitter<string>();
  context.subscriptions.push(resultChanged, effectiveChanged, hintsChanged, simulated);

  const resultUri = (uri: string) =>
    vscode.Uri.from({ scheme: RESULT_SCHEME, path: '/Request simulation.txt', query: uri });
  const effectiveUri = (uri: string) =>
    vscode.Uri.from({
      scheme: EFFECTIVE_SCHEME,
      path: `/${vscode.Uri.parse(uri).path.split('/').pop() ?? 'config'} (effective)`,
      query: uri,
    });

  function decorate(editor: vscode.TextEditor): void {
    const uri = editor.document.uri.toString();
    const blocks = [...last.values()].flatMap((s) => s.result.blocks).filter((b) => b.uri === uri);
    const label = (b: SimulatedBlock) =>
      b.result === true
        ? '✔ matched'
        : b.result === false
          ? '✘ not matched'
          : b.result === 'not-evaluated'
            ? `– not evaluated${b.reason ? `: ${b.reason}` : ''}`
            : `? unknown${b.reason ? `: ${b.reason}` : ''}`;
    const opt = (b: SimulatedBlock, r: vscode.Range): vscode.DecorationOptions => ({
      range: r,
      hoverMessage: `${b.condition}: ${label(b)}`,
      renderOptions: { after: { contentText: label(b) } },
    });
    editor.setDecorations(
      matched,
      blocks.filter((b) => b.result === true).map((b) => opt(b, range(b.headRange))),
    );
    editor.setDecorations(
      dimmed,
      blocks.filter((b) => b.result === false || b.result === 'not-evaluated').map((b) => ({ range: range(b.range) })),
    );
    editor.setDecorations(
      dimmedHead,
      blocks.filter((b) => b.result === false || b.result === 'not-evaluated').map((b) => opt(b, range(b.headRange))),
    );
    editor.setDecorations(
      unknown,
      blocks.filter((b) => b.result === 'unknown').map((b) => opt(b, range(b.headRange))),
    );
  }
  const decorateAll = () => vscode.window.visibleTextEditors.forEach(decorate);

  async function run(uri: string, request: string): Promise<boolean> {
    const answer = await client.sendRequest<SimulateResult>('lighttpd/simulate', { uri: toServer(uri), request });
    if ('error' in answer) {
      void vscode.window.showErrorMessage(`lighttpd: ${answer.error}`);
      return false;
    }
    const result = {
      ...answer,
      blocks: answer.blocks.map((b) => ({ ...b, uri: fromServer(b.uri) })),
      captureHints: answer.captureHints.map((h) => ({ ...h, uri: fromServer(h.uri) })),
      links: answer.links.map((l) => ({ ...l, uri: fromServer(l.uri) })),
    };
    last.set(uri, { request, result });
    decorateAll();
    resultChanged.fire(resultUri(uri));
    hintsChanged.fire();
    simulated.fire(uri);
    return true;
  }

  async function ask(suggestion: string | undefined): Promise<string | undefined> {
    const history = context.globalState.get<string[]>(HISTORY_KEY, []);
    const qp = vscode.window.createQuickPick();
    qp.title = 'lighttpd: Simulate Request';
    qp.placeholder = 'GET http://example.org/path  [-H "Name: value"]  [--remote-ip 10.0.0.1]';
    qp.value = suggestion ?? history[0] ?? 'GET http://localhost/';
    const typed = () => ({ label: qp.value, description: 'simulate this request' });
    const refresh = () => {
      const past = history.filter((h) => h !== qp.value).map((h) => ({ label: h, description: 'recent' }));
      qp.items = qp.value.trim() ? [typed(), ...past] : past;
    };
    refresh();
    qp.onDidChangeValue(refresh);
    const picked = await new Promise<string | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]?.label ?? qp.value));
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
    qp.dispose();
    const line = picked?.trim();
    if (!line) return undefined;
    await context.globalState.update(HISTORY_KEY, [line, ...history.filter((h) => h !== line)].slice(0, HISTORY_MAX));
    return line;
  }

  const targetUri = (arg: unknown): string | undefined => {
    if (typeof arg === 'string') return arg;
    if (arg instanceof vscode.Uri) return arg.toString();
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.languageId === 'lighttpd' ? doc.uri.toString() : undefined;
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, {
      onDidChange: resultChanged.event,
      provideTextDocumentContent: (u) =>
        last.get(u.query)?.result.text ?? 'No simulation yet: run "lighttpd: Simulate Request…".\n',
    }),
    vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, {
      onDidChange: effectiveChanged.event,
      provideTextDocumentContent: async (u) =>
        (await client.sendRequest<{ text: string }>('lighttpd/effectiveConfig', { uri: toServer(u.query) })).text ||
        '# The configuration is not open.\n',
    }),
    vscode.commands.registerCommand(
      'lighttpd.simulateRequest',
      async (uriArg?: unknown, suggestion?: string, requestArg?: string) => {
        const uri = targetUri(uriArg);
        if (!uri) {
          void vscode.window.showInformationMessage('lighttpd: open a lighttpd configuration first.');
          return undefined;
        }
        // (a request given as an argument runs without asking: for key bindings and tests)
        const request = requestArg ?? (await ask(suggestion));
        if (!request) return undefined;
        if (!(await run(uri, request))) return undefined;
        let doc = await vscode.workspace.openTextDocument(resultUri(uri));
        if (doc.languageId !== RESULT_LANGUAGE)
          doc = await vscode.languages.setTextDocumentLanguage(doc, RESULT_LANGUAGE);
        await vscode.window.showTextDocument(doc, {
          viewColumn: vscode.ViewColumn.Beside,
          preserveFocus: true,
          preview: true,
        });
        return last.get(uri)?.result;
      },
    ),
    vscode.commands.registerCommand('lighttpd.clearSimulation', () => {
      const uris = [...last.keys()];
      last.clear();
      uris.forEach((u) => simulated.fire(u));
      decorateAll();
      hintsChanged.fire();
    }),
    vscode.commands.registerCommand('lighttpd.showEffectiveConfiguration', async (uriArg?: unknown) => {
      const uri = targetUri(uriArg);
      if (!uri) {
        void vscode.window.showInformationMessage('lighttpd: open a lighttpd configuration first.');
        return;
      }
      const doc = await vscode.workspace.openTextDocument(effectiveUri(uri));
      await vscode.languages.setTextDocumentLanguage(doc, 'lighttpd');
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
    vscode.window.onDidChangeVisibleTextEditors(decorateAll),
    // Every place the result names is a link to that line of the configuration.
    vscode.languages.registerDocumentLinkProvider(
      { scheme: RESULT_SCHEME },
      {
        provideDocumentLinks: (doc) =>
          (last.get(doc.uri.query)?.result.links ?? []).map((l) => {
            const link = new vscode.DocumentLink(
              range(l.range),
              vscode.Uri.parse(l.uri).with({ fragment: `L${l.line + 1}` }),
            );
            link.tooltip = 'Open in the configuration';
            return link;
          }),
      },
    ),
    // The result closed: its decorations and %n hints go with it.
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      if (e.closed.length === 0) return;
      const open = new Set(
        vscode.window.tabGroups.all.flatMap((g) =>
          g.tabs.flatMap((t) =>
            t.input instanceof vscode.TabInputText && t.input.uri.scheme === RESULT_SCHEME ? [t.input.uri.query] : [],
          ),
        ),
      );
      const gone = [...last.keys()].filter((k) => !open.has(k));
      if (gone.length === 0) return;
      gone.forEach((k) => last.delete(k));
      decorateAll();
      hintsChanged.fire();
    }),
  );

  // Edits: the simulation of the edited document runs again, and its effective configuration follows.
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId !== 'lighttpd' || e.contentChanges.length === 0) return;
      const uri = e.document.uri.toString();
      if (e.document.uri.scheme === EFFECTIVE_SCHEME) return;
      clearTimeout(timers.get(uri));
      timers.set(
        uri,
        setTimeout(() => {
          timers.delete(uri);
          effectiveChanged.fire(effectiveUri(uri));
          const sim = last.get(uri);
          if (sim) void run(uri, sim.request).catch(() => undefined);
        }, 300),
      );
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );

  // Any file system (the web's too), not the effective configuration's read-only document.
  const selector: vscode.DocumentSelector = { language: 'lighttpd' };
  const isConfig = (doc: vscode.TextDocument) => doc.uri.scheme !== EFFECTIVE_SCHEME;
  const lensesChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    lensesChanged,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('lighttpd.codeLens.simulate')) lensesChanged.fire();
      if (e.affectsConfiguration('lighttpd.inlayHints.values')) hintsChanged.fire();
    }),
    vscode.languages.registerCodeLensProvider(selector, {
      onDidChangeCodeLenses: lensesChanged.event,
      async provideCodeLenses(doc, token) {
        if (
          !isConfig(doc) ||
          !vscode.workspace.getConfiguration('lighttpd', doc.uri).get<boolean>('codeLens.simulate', true)
        )
          return [];
        const lenses = await client.sendRequest<{ range: LspRange; condition: string; suggestion: string }[]>(
          'lighttpd/simulateLenses',
          { uri: toServer(doc.uri.toString()) },
          token,
        );
        return lenses.map(
          (l) =>
            new vscode.CodeLens(range(l.range), {
              title: 'Simulate',
              tooltip: `Simulate a request for ${l.condition}`,
              command: 'lighttpd.simulateRequest',
              arguments: [doc.uri.toString(), l.suggestion],
            }),
        );
      },
    }),
    vscode.languages.registerInlayHintsProvider(selector, {
      onDidChangeInlayHints: hintsChanged.event,
      async provideInlayHints(doc, r, token) {
        if (
          !isConfig(doc) ||
          !vscode.workspace.getConfiguration('lighttpd', doc.uri).get<boolean>('inlayHints.values', true)
        )
          return [];
        const uri = doc.uri.toString();
        const values = await client.sendRequest<{ position: Position; label: string }[]>(
          'lighttpd/valueHints',
          { uri: toServer(uri), range: { start: r.start, end: r.end } },
          token,
        );
        const captures = (last.get(uri)?.result.captureHints ?? []).filter((h) => h.uri === uri);
        return [...values, ...captures].map((h) => {
          const hint = new vscode.InlayHint(new vscode.Position(h.position.line, h.position.character), h.label);
          hint.paddingLeft = false;
          return hint;
        });
      },
    }),
  );
  return { onDidSimulate: simulated.event, lastRequest: (uri) => last.get(uri)?.request };
}
