/**
 * The language service: the one entry the language server (and later the CLI) uses. It owns the
 * per-document model cache (keyed by URI and version, so no feature ever re-parses) and delegates each
 * request to a pure feature function. Nothing here knows about the LSP connection.
 */
import type {
  CodeAction,
  DiagnosticRelatedInformation,
  CodeActionContext,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Location,
  Position,
  Range,
  SelectionRange,
  SemanticTokens,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dirname } from './paths';
import { pathToUri, uriToPath } from './uri';
import {
  analyze,
  analyzeInWorkspace,
  checkIdentityOf,
  configurationFiles,
  modelInRoot,
  type DocumentModel,
} from './analysis';
import type { IncludeEdge, RelatedSpan } from './analysis/evaluate';
import type { ConfigWorkspace } from './analysis/workspace';
import { computeCodeActions } from './features/codeActions/codeActions';
import { withDiagnosticData } from './features/codeActions/diagnosticData';
import {
  lighttpdDiagnostics,
  parseLighttpdOutput,
  type LighttpdDiagnosticsOptions,
} from './features/diagnostics/lighttpdValidation';
import { computeDiagnostics, type DiagnosticsOptions } from './features/diagnostics/diagnostics';
import { CheckMemo } from './features/checks';
import { doComplete, type CompletionPaths } from './features/completion/completion';
import { doHover } from './features/hover/hover';
import { findDocumentSymbols } from './features/structure/documentSymbols';
import { getFoldingRanges } from './features/structure/folding';
import { getSelectionRanges } from './features/structure/selectionRanges';
import { formatDocument, formatRange, type FormatOptions } from './features/formatting/formatting';
import { findDefinition } from './features/navigation/definition';
import { findReferences } from './features/navigation/references';
import { doRename, prepareRename } from './features/navigation/rename';
import {
  doRenameAcross,
  findDefinitionAcross,
  findReferencesAcross,
  type RelatedFile,
} from './features/navigation/crossFile';
import { documentDir, findDocumentLinks, type LinkContext } from './features/navigation/documentLinks';
import { NO_FILES, type ConfigFileSystem } from './analysis/fileSystem';
import { getSemanticTokens } from './features/structure/semanticTokens';
import type { Platform } from './features/shared/platform';

export interface LanguageSettings {
  readonly diagnostics?: DiagnosticsOptions;
  /** Target lighttpd version, e.g. "1.4.69" (same as diagnostics.version; that one wins). */
  readonly version?: string;
  /** Target platform, e.g. "freebsd" (same as diagnostics.platform; that one wins). */
  readonly platform?: Platform;
  /** `lighttpd.upgradeFrom`: the version the configuration runs on before upgrading to `version`. */
  readonly upgradeFrom?: string;
  /** `lighttpd.security.tlsProfile` (same as diagnostics.tlsProfile; that one wins). */
  readonly tlsProfile?: string;
}

function diagnosticsOptions(settings: LanguageSettings): DiagnosticsOptions {
  const version = settings.diagnostics?.version ?? settings.version;
  const platform = settings.diagnostics?.platform ?? settings.platform;
  const upgradeFrom = settings.diagnostics?.upgradeFrom ?? settings.upgradeFrom;
  const tlsProfile = settings.diagnostics?.tlsProfile ?? settings.tlsProfile;
  if (version === undefined && platform === undefined && !upgradeFrom && tlsProfile === undefined)
    return settings.diagnostics ?? {};
  return {
    ...settings.diagnostics,
    ...(version !== undefined ? { version } : {}),
    ...(platform !== undefined ? { platform } : {}),
    ...(upgradeFrom ? { upgradeFrom } : {}),
    ...(tlsProfile !== undefined ? { tlsProfile } : {}),
  };
}

/** The diagnostics of one file of a configuration. */
export interface FileDiagnostics {
  /** Canonical path. */
  readonly path: string;
  readonly uri: string;
  /** The text the diagnostics' positions refer to. */
  readonly text: string;
  readonly diagnostics: Diagnostic[];
}

/** A whole configuration checked: its main file and every file it reads. */
export interface ConfigurationDiagnostics {
  readonly root: string;
  /** The root looks like a main config (else everything is checked leniently, as a fragment). */
  readonly main: boolean;
  /** The root first, then the files it reads in the order lighttpd reads them (each once). */
  readonly files: readonly FileDiagnostics[];
  /** Which include statement read which file (for summaries on include lines). */
  readonly includes: readonly IncludeEdge[];
}

export interface LanguageService {
  /** The analysed model of a document version (cached). */
  getModel(doc: TextDocument): DocumentModel;
  /** Drops cached data of a closed document. */
  forget(uri: string): void;
  /**
   * The files the cached model of a document was computed from (its own path, its main config and every
   * file that config reads), or undefined when no model is cached: then anything may matter.
   */
  getDependencies(uri: string): ReadonlySet<string> | undefined;
  doValidation(doc: TextDocument, settings?: LanguageSettings): Diagnostic[];
  /**
   * Checks the configuration whose main file is `root` (a path): the root and every file it reads, each
   * within this configuration alone (a file other configs read too may have more problems here than its
   * own doValidation shows, which holds for all of them). Undefined without a workspace or when the root
   * cannot be read.
   */
  validateConfiguration(root: string, settings?: LanguageSettings): ConfigurationDiagnostics | undefined;
  /**
   * The diagnostics doValidation gives a file, for a file as the workspace has it (open editor or disk),
   * without marking it open. Undefined when it cannot be read.
   */
  validateFile(path: string, settings?: LanguageSettings): FileDiagnostics | undefined;
  /** The main configs a document is checked in (a fragment checked on its own: itself). */
  configurationRoots(doc: TextDocument): string[];
  /**
   * `settings`: those of doValidation; a diagnostic of ours the client sent back without its `data` gets the
   * data (the quick fixes) of the matching current diagnostic (features/codeActions/diagnosticData.ts).
   */
  doCodeActions(doc: TextDocument, range: Range, context: CodeActionContext, settings?: LanguageSettings): CodeAction[];
  // Editing features (features/*.ts, one per feature).
  /**
   * `trigger`: the character that made the editor ask, if any ('/' only completes include paths); `settings`:
   * the target version and platform, whose refusals are offered last and marked.
   */
  doComplete(doc: TextDocument, position: Position, trigger?: string, settings?: LanguageSettings): CompletionList;
  /**
   * `settings`: those of doValidation, whose diagnostics (memoised per model and settings, so computed at
   * most once per version) give the rules of the findings under the position; null when diagnostics are
   * off (no rule is shown).
   */
  doHover(doc: TextDocument, position: Position, settings?: LanguageSettings | null): Hover | null;
  findDocumentSymbols(doc: TextDocument): DocumentSymbol[];
  getFoldingRanges(doc: TextDocument): FoldingRange[];
  getSelectionRanges(doc: TextDocument, positions: readonly Position[]): SelectionRange[];
  format(doc: TextDocument, options: FormattingOptions, extra?: Partial<FormatOptions>): TextEdit[];
  formatRange(doc: TextDocument, range: Range, options: FormattingOptions, extra?: Partial<FormatOptions>): TextEdit[];
  findDefinition(doc: TextDocument, position: Position): Location[];
  findReferences(doc: TextDocument, position: Position, includeDeclaration: boolean): Location[];
  prepareRename(doc: TextDocument, position: Position): { range: Range; placeholder: string } | null;
  /** Throws features/navigation/rename.ts RenameError with a message for the user when the rename is not possible. */
  doRename(doc: TextDocument, position: Position, newName: string): WorkspaceEdit | null;
  findDocumentLinks(doc: TextDocument): DocumentLink[];
  getSemanticTokens(doc: TextDocument, range?: Range): SemanticTokens;
  /** Diagnostics for `doc` from the output of `lighttpd -tt` (features/diagnostics/lighttpdValidation.ts). */
  mapLighttpdOutput(doc: TextDocument, output: string, options: Omit<LighttpdDiagnosticsOptions, 'file'>): Diagnostic[];
}

export interface LanguageServiceOptions {
  /** Multi-file context: roots, includes, open editors. Without it every document stands alone. */
  readonly workspace?: ConfigWorkspace;
  /**
   * Where a document outside every workspace root looks up its includes (links, path completion): by
   * default the workspace's file system; without a workspace, none (no file is found).
   */
  readonly fileSystem?: ConfigFileSystem;
}

/** Check memos kept by a language service (features/checks/incremental.ts): open documents x configurations. */
const MAX_CHECK_MEMOS = 32;

/** Diagnostics that hold for every root config including the document (keyed by code and range). */
function intersect(lists: Diagnostic[][]): Diagnostic[] {
  const key = (d: Diagnostic) =>
    `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
  const [first, ...rest] = lists;
  const sets = rest.map((l) => new Set(l.map(key)));
  return first.filter((d) => sets.every((s) => s.has(key(d))));
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const { workspace } = options;
  const standaloneFs = options.fileSystem ?? workspace?.fileSystem ?? NO_FILES;
  const cache = new Map<string, { version: number; generation: number; text: string; model: DocumentModel }>();
  const getModel = (doc: TextDocument): DocumentModel => {
    const hit = cache.get(doc.uri);
    const path = workspace ? uriToPath(doc.uri) : undefined;
    if (hit && hit.version === doc.version && (!path || hit.generation === workspace!.generation)) return hit.model;
    const text = doc.getText();
    const model =
      (path && workspace ? analyzeInWorkspace(workspace, path, text) : undefined) ??
      analyze(
        text,
        { journal: true },
        hit ? { text: hit.text, file: hit.model.file, evaluation: hit.model.evaluation } : undefined,
      );
    cache.set(doc.uri, { version: doc.version, generation: workspace?.generation ?? 0, text, model });
    return model;
  };
  /** Another file of a document's configuration, read through the workspace (open editors first). */
  const relatedFile = (path: string): RelatedFile | undefined => {
    const file = workspace?.parseFile(path);
    const text = workspace?.readText(path);
    if (!file || text === undefined) return undefined;
    const uri = pathToUri(path);
    return { path, uri, file, doc: TextDocument.create(uri, 'lighttpd', 0, text) };
  };
  /** How a document's includes are looked up: inside a workspace, its path mappings and open editors; on its own, the disk from the document's folder. */
  const includeContextFor = (doc: TextDocument, model: DocumentModel): LinkContext & CompletionPaths => {
    if (workspace && model.root) return workspace.includeContext(dirname(model.root));
    return { fs: standaloneFs, pathMappings: [], maxGlobMatches: 1000, mainDir: documentDir(doc.uri) };
  };
  /** Diagnostics options that turn related spans (the includes of a cycle) into locations. */
  const validationOptions = (settings: LanguageSettings): DiagnosticsOptions => {
    const docs = new Map<string, TextDocument | undefined>();
    const locate = (r: RelatedSpan): DiagnosticRelatedInformation | undefined => {
      if (!workspace) return undefined;
      if (!docs.has(r.path)) {
        const text = workspace.readText(r.path);
        docs.set(r.path, text === undefined ? undefined : TextDocument.create(pathToUri(r.path), 'lighttpd', 0, text));
      }
      const d = docs.get(r.path);
      if (!d) return undefined;
      return {
        location: { uri: d.uri, range: { start: d.positionAt(r.start), end: d.positionAt(r.end) } },
        message: r.message,
      };
    };
    return { ...diagnosticsOptions(settings), locate };
  };
  /**
   * The diagnostics of one model under given settings, computed once: a document's own check and the check
   * of the configuration it belongs to ask for the same model (analysis/modelInRoot shares it) in one run.
   */
  const diagnosticsMemo = new WeakMap<object, { key: string; diagnostics: Diagnostic[] }>();
  /**
   * What the checks of each document kept for the next version (features/checks/incremental.ts), per
   * document, configuration and settings; the most recently used few.
   */
  const checkMemos = new Map<string, CheckMemo>();
  const checkMemoFor = (uri: string, model: DocumentModel, key: string): CheckMemo => {
    const id = `${uri}\n${model.root ?? ''}\n${key}`;
    let memo = checkMemos.get(id);
    if (memo) checkMemos.delete(id);
    else memo = new CheckMemo();
    checkMemos.set(id, memo);
    if (checkMemos.size > MAX_CHECK_MEMOS) checkMemos.delete(checkMemos.keys().next().value!);
    return memo;
  };
  const diagnosticsOf = (doc: TextDocument, model: DocumentModel, settings: LanguageSettings, key: string) => {
    const identity = checkIdentityOf(model);
    const hit = diagnosticsMemo.get(identity);
    if (hit && hit.key === key) return hit.diagnostics;
    const diagnostics = computeDiagnostics(doc, model, validationOptions(settings), checkMemoFor(doc.uri, model, key));
    diagnosticsMemo.set(identity, { key, diagnostics });
    return diagnostics;
  };
  /** What validateModel gave a model with alternatives, once per settings (hover asks again for every position). */
  const intersectionMemo = new WeakMap<DocumentModel, { key: string; diagnostics: Diagnostic[] }>();
  const validateModel = (doc: TextDocument, model: DocumentModel, settings: LanguageSettings): Diagnostic[] => {
    const key = JSON.stringify(settings);
    if (!model.alternatives) return diagnosticsOf(doc, model, settings, key);
    const hit = intersectionMemo.get(model);
    if (hit && hit.key === key) return hit.diagnostics;
    // A fragment included by several configs: report only what holds in every one of them.
    const diagnostics = intersect(model.alternatives.map((m) => diagnosticsOf(doc, m, settings, key)));
    intersectionMemo.set(model, { key, diagnostics });
    return diagnostics;
  };
  const documentOf = (path: string): TextDocument | undefined => {
    const text = workspace?.readText(path);
    return text === undefined ? undefined : TextDocument.create(pathToUri(path), 'lighttpd', 0, text);
  };
  const relatedFiles = (model: DocumentModel): RelatedFile[] =>
    (model.related ?? []).map(relatedFile).filter((f): f is RelatedFile => !!f);

  return {
    getModel,
    forget: (uri) => {
      cache.delete(uri);
      for (const id of [...checkMemos.keys()]) if (id.startsWith(`${uri}\n`)) checkMemos.delete(id);
    },
    getDependencies: (uri) => {
      const hit = cache.get(uri);
      if (!hit) return undefined;
      const m = hit.model;
      const deps = new Set<string>(m.related ?? []);
      for (const v of [m, ...(m.alternatives ?? [])]) {
        if (v.path) deps.add(v.path);
        if (v.root) deps.add(v.root);
        for (const p of v.evaluation.includedPaths) deps.add(p);
      }
      return deps;
    },
    doValidation: (doc, settings = {}) => validateModel(doc, getModel(doc), settings),
    validateConfiguration: (rootPath, settings = {}) => {
      if (!workspace) return undefined;
      const root = workspace.canonical(rootPath);
      const r = workspace.analyzeRoot(root);
      if (!r) return undefined;
      const key = JSON.stringify(settings);
      const files: FileDiagnostics[] = [];
      const paths = [root, ...configurationFiles(r)];
      for (const path of paths) {
        const doc = documentOf(path);
        const model = doc && modelInRoot(workspace, r, path);
        if (!doc || !model) continue;
        files.push({ path, uri: doc.uri, text: doc.getText(), diagnostics: diagnosticsOf(doc, model, settings, key) });
      }
      return { root, main: r.main, files, includes: r.evaluation.includes };
    },
    configurationRoots: (doc) => {
      const model = getModel(doc);
      // (a fragment checked on its own is the root of its own configuration: what it reads is checked with it)
      const roots = (model.alternatives ?? [model]).map((m) => m.root ?? m.path);
      return [...new Set(roots.filter((r): r is string => !!r && !!workspace))];
    },
    validateFile: (filePath, settings = {}) => {
      if (!workspace) return undefined;
      const path = workspace.canonical(filePath);
      const doc = documentOf(path);
      const model = doc && analyzeInWorkspace(workspace, path);
      if (!doc || !model) return undefined;
      return { path, uri: doc.uri, text: doc.getText(), diagnostics: validateModel(doc, model, settings) };
    },
    doCodeActions: (doc, range, context, settings = {}) => {
      const model = getModel(doc);
      const full = withDiagnosticData(context, () => validateModel(doc, model, settings));
      return computeCodeActions(doc, model, range, full);
    },
    mapLighttpdOutput: (doc, output, opts) =>
      lighttpdDiagnostics(parseLighttpdOutput(output), doc, { ...opts, file: getModel(doc).file }),
    doComplete: (doc, position, trigger, settings = {}) => {
      const model = getModel(doc);
      const { version, platform } = diagnosticsOptions(settings);
      return doComplete(doc, model, position, includeContextFor(doc, model), trigger, { version, platform });
    },
    doHover: (doc, position, settings = {}) => {
      const model = getModel(doc);
      const findings = settings ? validateModel(doc, model, settings) : [];
      return doHover(doc, model, position, findings, includeContextFor(doc, model));
    },
    findDocumentSymbols: (doc) => findDocumentSymbols(doc, getModel(doc)),
    getFoldingRanges: (doc) => getFoldingRanges(doc, getModel(doc)),
    getSelectionRanges: (doc, positions) => getSelectionRanges(doc, getModel(doc), positions),
    format: (doc, options, extra) => formatDocument(doc, getModel(doc), options, extra),
    formatRange: (doc, range, options, extra) => formatRange(doc, getModel(doc), range, options, extra),
    findDefinition: (doc, position) => {
      const model = getModel(doc);
      const local = findDefinition(doc, model, position);
      return local.length || !workspace ? local : findDefinitionAcross(doc, model, position, relatedFile);
    },
    findReferences: (doc, position, includeDeclaration) => {
      const model = getModel(doc);
      return [
        ...findReferences(doc, model, position, includeDeclaration),
        ...findReferencesAcross(doc, model, position, includeDeclaration, relatedFiles(model)),
      ];
    },
    prepareRename: (doc, position) => prepareRename(doc, getModel(doc), position),
    doRename: (doc, position, newName) => {
      const model = getModel(doc);
      return workspace
        ? doRenameAcross(doc, model, position, newName, relatedFiles(model))
        : doRename(doc, model, position, newName);
    },
    findDocumentLinks: (doc) => {
      const model = getModel(doc);
      return findDocumentLinks(doc, model, includeContextFor(doc, model));
    },
    getSemanticTokens: (doc, range) => getSemanticTokens(doc, getModel(doc), range),
  };
}
