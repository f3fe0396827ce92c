/**
 * The semantic checks, run in a fixed order over one document model. Each check lives in its own file
 * and reports through CheckContext; messages come from the rule table (features/diagnostics/rules.ts).
 */
import type { DocumentModel } from '../../analysis';
import { CheckContext, type CheckOptions, type Finding } from './context';
import { checkBackends } from './backends';
import { checkConditions } from './conditions';
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
import { checkSecurity } from './security';
import { checkSyntaxVersions } from './syntaxVersion';
import { checkTls } from './tls';
import { checkUpgrade } from './upgrade';
import { checkValues } from './values';

export type { CheckOptions, Finding, FindingData, Fix, FixEdit } from './context';

const CHECKS: readonly ((ctx: CheckContext) => void)[] = [
  checkModulesNotLoaded,
  checkSyntaxVersions,
  checkDirectives,
  checkModules,
  checkValues,
  checkScopes,
  checkConditions,
  checkRegexes,
  checkPlatform,
  checkSockets,
  checkBackends,
  checkLimits,
  checkModuleOptions,
  checkTls,
  checkStartup,
  checkUpgrade,
  checkSecurity,
];

/** Runs every check; a check that throws on odd input loses its findings, never the others'. */
export function runChecks(
  text: string,
  model: DocumentModel,
  options: CheckOptions = {},
  onError?: (e: unknown) => void,
): Finding[] {
  const ctx = new CheckContext(text, model, options);
  for (const check of CHECKS) {
    const before = ctx.findings.length;
    try {
      check(ctx);
    } catch (e) {
      ctx.findings.length = before;
      onError?.(e);
    }
  }
  return ctx.findings;
}
