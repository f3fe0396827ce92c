/**
 * Rule `ssl-pemfile-missing`: TLS enabled where lighttpd has no certificate to use (src/mod_openssl.c
 * mod_openssl_set_defaults_sockets; the other TLS modules do the same; `lighttpd -tt` and a real start refuse,
 * `-t` does not look):
 * - ssl.engine enabled in the global scope without ssl.pemfile there;
 * - ssl.engine enabled in a $SERVER["socket"] block without ssl.pemfile in that block, when the block sets
 *   other ssl.* keys (they must come with their own certificate) or the global scope has no ssl.pemfile to
 *   inherit.
 * Whether the files exist is the environment's business (lighttpd -tt on this machine says).
 */
import type { EvaluatedAssignment, Scope } from '../../analysis';
import { isBooleanWord, TRUE_WORDS } from '../../schema';
import type { CheckContext } from './context';

const enabled = (a: EvaluatedAssignment) =>
  a.result.type === 'integer'
    ? a.result.value !== 0
    : a.result.type === 'string' && isBooleanWord(a.result.value) && TRUE_WORDS.includes(a.result.value.toLowerCase());

export function checkTls(ctx: CheckContext): void {
  const whole = ctx.model.full ?? ctx.model.evaluation;
  if (whole.global.vars.get('server.modules')?.type === 'unknown' || ctx.model.modules.open) return;
  const has = (s: Scope, key: string) => s.vars.has(key);
  const globalPem = has(whole.global, 'ssl.pemfile');
  // (each ssl.engine of this document, with its block's final values and the global scope's)
  for (const a of ctx.assignments) {
    if (a.node.key.fullName !== 'ssl.engine' || !enabled(a)) continue;
    const s = a.scope;
    // the final value of the block decides
    const final = s.vars.get('ssl.engine');
    if (final?.type === 'string' && !TRUE_WORDS.includes(final.value.toLowerCase())) continue;
    if (!s.parent) {
      if (!globalPem)
        ctx.report('ssl-pemfile-missing', a.node.value ?? a.node.key, {
          where: 'the global scope',
          reason: 'no ssl.pemfile is set there',
        });
      continue;
    }
    const h = s.head;
    if (
      s.parent.parent ||
      h?.object?.name !== 'SERVER' ||
      s.condition === undefined ||
      !/\["socket"\]/.test(s.condition)
    )
      continue; // elsewhere lighttpd ignores ssl.engine (socket-scope warns)
    if (has(s, 'ssl.pemfile')) continue;
    const others = [...s.vars.keys()].filter((k) => k.startsWith('ssl.') && k !== 'ssl.engine');
    if (others.length)
      ctx.report('ssl-pemfile-missing', a.node.value ?? a.node.key, {
        where: 'this $SERVER["socket"] block',
        reason: `it sets ${others.slice(0, 3).join(', ')} but no ssl.pemfile (a block with its own ssl.* settings needs its own certificate)`,
      });
    else if (!globalPem)
      ctx.report('ssl-pemfile-missing', a.node.value ?? a.node.key, {
        where: 'this $SERVER["socket"] block',
        reason: 'it has no ssl.pemfile and the global scope has none to inherit',
      });
  }
}
