/**
 * The semantic checks, run in a fixed order over one document model. Each check lives in its own file
 * and reports through CheckContext; messages come from the rule table (features/diagnostics/rules.ts).
 */
import type { DocumentModel } from '../../analysis';
import { CheckContext, type CheckOptions, type Finding } from './context';
import { checkBackendSockets, checkBackends } from './backends';
import { checkAfterElse, checkConditions, checkElseOrder } from './conditions';
import { checkLimits } from './limits';
import { checkModuleOptions } from './moduleOptions';
import { checkDirectives } from './directives';
import { checkModules } from './modules';
import { checkModulesNotLoaded } from './moduleNotLoaded';
import { checkPlatform } from './platform';
import { checkSockets } from './sockets';
import { checkStartup } from './startup';
import { checkRegexes } from './regex';
import { checkScopes } from './scope';
import { SECURITY_FAMILIES, securityFacts } from './security';
import { checkSyntaxVersions } from './syntaxVersion';
import { checkTls } from './tls';
import { checkUpgrade } from './upgrade';
import { checkValues } from './values';
import { CheckMemo, guarded, runChecksWithMemo, type CheckEntry } from './incremental';

export type { CheckOptions, Finding, FindingData, Fix, FixEdit } from './context';
export { CheckMemo } from './incremental';

/**
 * Every check in report order. `local`: what it finds in a top-level statement depends only on that
 * statement (checks/incremental.ts says exactly what it may read); the others read the whole configuration.
 * A check marked local that reads more makes incremental.test.ts fail.
 */
const CHECKS: readonly CheckEntry[] = [
  { run: checkModulesNotLoaded },
  { run: checkSyntaxVersions, local: true },
  { run: checkDirectives, local: true },
  { run: checkModules },
  { run: checkValues, local: true },
  { run: checkScopes, local: true },
  { run: checkConditions, local: true },
  { run: checkElseOrder },
  { run: checkAfterElse, local: true },
  { run: checkRegexes, local: true },
  { run: checkPlatform, local: true },
  { run: checkSockets, local: true },
  { run: checkBackends, local: true },
  { run: checkBackendSockets },
  { run: checkLimits },
  { run: checkModuleOptions, local: true },
  { run: checkTls, local: true },
  { run: checkStartup },
  { run: checkUpgrade },
  ...SECURITY_FAMILIES.map((f) => ({ run: (ctx: CheckContext) => f.run(ctx, securityFacts(ctx)), local: f.local })),
];

/** Runs every check; a check that throws on odd input loses its findings, never the others'. */
export function runChecks(
  text: string,
  model: DocumentModel,
  options: CheckOptions = {},
  onError?: (e: unknown) => void,
): Finding[] {
  const ctx = new CheckContext(text, model, options);
  for (const check of CHECKS) guarded(check, ctx, onError);
  return ctx.findings;
}

/**
 * The same findings as runChecks (in another order), after an edit: the checks of the top-level statements
 * the edit left as they were are not run again (checks/incremental.ts). `memo` is kept between the checks of
 * one document in one configuration under the same options.
 */
export function runChecksIncrementally(
  text: string,
  model: DocumentModel,
  options: CheckOptions,
  memo: CheckMemo,
  onError?: (e: unknown) => void,
): Finding[] {
  return runChecksWithMemo(CHECKS, text, new CheckContext(text, model, options), memo, onError);
}
