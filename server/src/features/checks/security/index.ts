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
import { checkExposure } from './exposure';
import { SecurityFacts } from './facts';
import { checkHandlers } from './handlers';
import { checkHostPatterns } from './hosts';
import { checkLists } from './lists';
import { checkSecrets } from './secrets';
import { checkTls } from './tls';
import { checkTlsProfile } from './tlsProfile';

/** Every code of the security group. */
export const SECURITY_CODES: readonly string[] = RULES.filter((r) => r.group === 'security').map((r) => r.code);

const FAMILIES: readonly ((ctx: CheckContext, facts: SecurityFacts) => void)[] = [
  checkLists,
  (ctx) => checkHostPatterns(ctx),
  (ctx) => checkAlias(ctx),
  (ctx) => checkCaptures(ctx),
  checkExposure,
  checkHandlers,
  checkTls,
  checkAdvisories,
  checkSecrets,
  checkTlsProfile,
];

/** Runs every security rule family; one that throws on odd input loses only its own findings. */
export function checkSecurity(ctx: CheckContext, onError?: (e: unknown) => void): void {
  const facts = new SecurityFacts(ctx);
  for (const family of FAMILIES) {
    const before = ctx.findings.length;
    try {
      family(ctx, facts);
    } catch (e) {
      ctx.findings.length = before;
      onError?.(e);
    }
  }
}
