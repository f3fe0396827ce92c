/**
 * The analysed model of one document: parse tree, evaluation and module set. Built once per document
 * version by the service and shared by every feature.
 */
import { fullKeyName, parse, type ConfigFile } from '../parser';
import { reparse, type PreviousParse } from '../parser/incremental';
import { evaluate, type EvaluateOptions, type Evaluation } from './evaluate';
import { effectiveModules, type ModuleSet } from './modules';
import type { ConfigWorkspace, RootAnalysis } from './workspace';

export * from './evaluate';
export * from './modules';

export interface DocumentModel {
  readonly file: ConfigFile;
  /**
   * The evaluation of the config the document belongs to, restricted to the document's own assignments
   * and problems (scopes and values still reflect everything the root config includes).
   */
  readonly evaluation: Evaluation;
  readonly modules: ModuleSet;
  /** File path of the document, when it is a file. */
  readonly path?: string;
  /** The main config this model was evaluated in (absent: the document alone). */
  readonly root?: string;
  /** A fragment no known config includes: checked without module and undefined-variable rules. */
  readonly lenient?: boolean;
  /** One model per root config that includes the document, when there are several. */
  readonly alternatives?: readonly DocumentModel[];
  /** The whole evaluation of the root config (every file it includes), for navigation across files. */
  readonly full?: Evaluation;
  /** The other files of the root config(s): the root and everything it includes, without this document. */
  readonly related?: readonly string[];
}

/**
 * The model of a document on its own. With `previous` (the text and tree of an earlier version), only the
 * statements the edit touched are parsed again (parser/incremental.ts), and with its evaluation as well
 * (made with `journal: true`), only those statements and what depends on them are evaluated again.
 * `previous` is consumed.
 */
export function analyze(
  text: string,
  options: EvaluateOptions = {},
  previous?: PreviousParse & { readonly evaluation?: Evaluation },
): DocumentModel {
  const file = previous ? reparse(previous, text) : parse(text);
  const evaluation = evaluate(file, previous?.evaluation ? { ...options, previous: previous.evaluation } : options);
  return { file, evaluation, modules: effectiveModules(evaluation) };
}

/** The part of an evaluation that belongs to one file. */
function viewOf(ev: Evaluation, path: string): Evaluation {
  return {
    ...ev,
    assignments: ev.assignments.filter((a) => a.path === path),
    problems: ev.problems.filter((p) => p.path === path),
  };
}

/**
 * A fragment checked without knowing the config that includes it: the module set is open, and a name it
 * does not define itself may come from that config (only names it sets later are reported undefined).
 */
function lenientModel(
  file: ConfigFile,
  text: string,
  evaluation: Evaluation,
  modules: ModuleSet,
  path: string,
): DocumentModel {
  const defined = new Set(file.statements.length ? evaluation.assignments.map((a) => a.node.key.fullName) : []);
  const problems = evaluation.problems.filter(
    (p) => p.code !== 'undefined-variable' || defined.has(fullKeyName(text.slice(p.start, p.end))),
  );
  return { file, evaluation: { ...evaluation, problems }, modules: { ...modules, open: true }, path, lenient: true };
}

/** The files of a root's configuration other than the root: everything it reads (include_shell output aside). */
export function configurationFiles(r: RootAnalysis): string[] {
  return [...r.evaluation.includedPaths].filter((p) => p !== r.root && !p.startsWith('include_shell:'));
}

/**
 * The model of one file of a root's configuration (the root itself or a file it reads), evaluated in that
 * root alone. A root that does not look like a main config is a fragment: it and everything it reads are
 * checked leniently.
 */
export function modelInRoot(
  ws: ConfigWorkspace,
  r: RootAnalysis,
  path: string,
  related: readonly string[] = [r.root, ...configurationFiles(r)].filter((p) => p !== path),
): DocumentModel | undefined {
  const file = path === r.root ? r.file : ws.parseFile(path);
  const text = ws.readText(path);
  if (!file || text === undefined) return undefined;
  // One model object per (root analysis, file version, related files): the document's own check and the
  // check of its whole configuration then share it. Models that differ only in `related` (navigation, not
  // checks) share one check identity, and with it their diagnostics (the service memoises them by it).
  let models = modelsOf.get(r);
  if (!models) modelsOf.set(r, (models = new Map()));
  let entry = models.get(path);
  if (!entry || entry.file !== file || entry.text !== text) {
    entry = { file, text, identity: {}, byRelated: new Map() };
    models.set(path, entry);
  }
  const relatedKey = related.join('\n');
  const hit = entry.byRelated.get(relatedKey);
  if (hit) return hit;
  const model = buildModelInRoot(r, path, file, text, related);
  entry.byRelated.set(relatedKey, model);
  checkIdentities.set(model, entry.identity);
  return model;
}

/** The models made by modelInRoot, per root analysis (a root analysis is replaced when anything it read changes). */
const modelsOf = new WeakMap<
  RootAnalysis,
  Map<string, { file: ConfigFile; text: string; identity: object; byRelated: Map<string, DocumentModel> }>
>();
const checkIdentities = new WeakMap<DocumentModel, object>();

/**
 * What a model's checks depend on, as an object to key memos by: models of one file version in one root
 * analysis share it (they differ only in what navigation reads); any other model is its own.
 */
export function checkIdentityOf(model: DocumentModel): object {
  return checkIdentities.get(model) ?? model;
}

function buildModelInRoot(
  r: RootAnalysis,
  path: string,
  file: ConfigFile,
  text: string,
  related: readonly string[],
): DocumentModel {
  const evaluation = viewOf(r.evaluation, path);
  if (!r.main) {
    const lenient = lenientModel(file, text, evaluation, r.modules, path);
    // (a fragment checked on its own stands alone; one it reads is still navigated within it)
    return path === r.root ? lenient : { ...lenient, root: r.root, full: r.evaluation, related };
  }
  return { file, evaluation, modules: r.modules, path, root: r.root, full: r.evaluation, related };
}

/**
 * The model of a document inside a workspace: evaluated within every root config that includes it, or
 * as a root of its own (leniently, when it does not look like a main config). Without `text`, the file as
 * the workspace has it (open editor or disk) and nothing is marked open.
 */
export function analyzeInWorkspace(ws: ConfigWorkspace, filePath: string, text?: string): DocumentModel | undefined {
  const path = ws.canonical(filePath);
  if (text !== undefined) ws.setOpenText(path, text);
  const file = ws.parseFile(path) ?? (text !== undefined ? parse(text) : undefined);
  if (!file) return undefined;
  const roots = ws.rootsIncluding(path);
  if (roots.length === 0) {
    const own = ws.analyzeRoot(path, file)!;
    return (
      modelInRoot(ws, own, path) ?? lenientModel(file, text ?? '', viewOf(own.evaluation, path), own.modules, path)
    );
  }
  const related = [...new Set(roots.flatMap((r) => [r.root, ...r.evaluation.includedPaths]))].filter(
    (p) => p !== path && !p.startsWith('include_shell:'),
  );
  const views = roots.map((r) => modelInRoot(ws, r, path, related)).filter((m): m is DocumentModel => !!m);
  if (views.length === 0) return undefined;
  return views.length === 1 ? views[0] : { ...views[0], alternatives: views };
}
