/**
 * The analysed model of one document: parse tree, evaluation and module set. Built once per document
 * version by the service and shared by every feature.
 */
import { parse, type ConfigFile } from '../parser';
import { evaluate, type EvaluateOptions, type Evaluation } from './evaluate';
import { effectiveModules, type ModuleSet } from './modules';

export * from './evaluate';
export * from './modules';

export interface DocumentModel {
  readonly file: ConfigFile;
  readonly evaluation: Evaluation;
  readonly modules: ModuleSet;
}

export function analyze(text: string, options: EvaluateOptions = {}): DocumentModel {
  const file = parse(text);
  const evaluation = evaluate(file, options);
  return { file, evaluation, modules: effectiveModules(evaluation) };
}
