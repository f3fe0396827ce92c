/**
 * The security and misconfiguration checks: configurations lighttpd accepts that leak or expose something
 * at run time. One file per rule family; every rule reads the evaluated configuration (blocks, +=, :=,
 * includes, the target version), never the text. Their codes are the rules of group 'security' in
 * features/diagnostics/rules.ts (`lighttpd-lint --rules security`).
 */
import { RULES } from '../../diagnostics/rules';
import type { CheckContext } from '../context';
import { checkAdvisories } from './advisories';
import { checkAlias } from './alias';
import { checkCaptures } from './captures';
import { checkExposure, checkExposureWhole } from './exposure';
import { SecurityFacts } from './facts';
import { checkHandlers } from './handlers';
import { checkHostPatterns } from './hosts';
import { checkLists } from './lists';
import { checkSecrets } from './secrets';
import { checkTls, checkTlsEngine } from './tls';
import { checkTlsProfile } from './tlsProfile';

/** Every code of the security group. */
export const SECURITY_CODES: readonly string[] = RULES.filter((r) => r.group === 'security').map((r) => r.code);

/**
 * The rule families in the order they report. `local`: what a family finds in a top-level statement
 * depends only on that statement, its blocks and the facts every statement shares (checks/incremental.ts).
 */
export const SECURITY_FAMILIES: readonly {
  readonly run: (ctx: CheckContext, facts: SecurityFacts) => void;
  readonly local?: boolean;
}[] = [
  { run: checkLists },
  { run: (ctx) => checkHostPatterns(ctx), local: true },
  { run: (ctx) => checkAlias(ctx), local: true },
  { run: (ctx) => checkCaptures(ctx), local: true },
  { run: checkExposure, local: true },
  { run: checkExposureWhole },
  { run: checkHandlers, local: true },
  { run: (ctx) => checkTls(ctx), local: true },
  { run: checkTlsEngine },
  { run: checkAdvisories },
  { run: checkSecrets },
  { run: checkTlsProfile, local: true },
];

/** The security facts of a check run, made once from the whole document's context and shared by its parts. */
export function securityFacts(ctx: CheckContext): SecurityFacts {
  return ctx.shared(SecurityFacts, (whole) => new SecurityFacts(whole));
}

/** Runs every security rule family; one that throws on odd input loses only its own findings. */
export function checkSecurity(ctx: CheckContext, onError?: (e: unknown) => void): void {
  for (const family of SECURITY_FAMILIES) {
    const before = ctx.findings.length;
    try {
      family.run(ctx, securityFacts(ctx));
    } catch (e) {
      ctx.findings.length = before;
      onError?.(e);
    }
  }
}
