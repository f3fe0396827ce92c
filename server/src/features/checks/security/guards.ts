/**
 * Whether something a block serves is limited to some clients: an enclosing $HTTP["remote-ip"] block (or a
 * loopback / unix socket), auth.require covering its URL, a url.access-deny = ( "" ) under a remote-ip or
 * request-method condition somewhere, or a mod_magnet script (which may check anything). Generous on
 * purpose: a guard we cannot see must not turn into a false alarm.
 */
import type { Scope } from '../../../analysis';
import { chainOf, isAddressGuard, listStrings, type SecurityFacts } from './facts';

export function isGuarded(facts: SecurityFacts, scope: Scope, urlPrefix: string): boolean {
  if (chainOf(scope).some(isAddressGuard)) return true;
  if (facts.effective(scope, 'auth.require')) return true;
  for (const s of facts.evaluation.scopes) {
    const auth = facts.ownValue(s, 'auth.require');
    if (auth) {
      if (auth.type !== 'array') return true;
      for (const k of listStrings(auth, true)) {
        if (k === '' || k === '/' || (urlPrefix !== '' && (urlPrefix.startsWith(k) || k.startsWith(urlPrefix))))
          return true;
      }
    }
    const deny = facts.ownValue(s, 'url.access-deny');
    if (deny && listStrings(deny).includes('')) {
      const chain = chainOf(s);
      if (
        chain.some(
          (c) =>
            (c.object === 'HTTP' &&
              (c.field === 'remoteip' || c.field === 'remote-ip' || c.field === 'request-method')) ||
            c.object === 'REQUEST_HEADER',
        )
      )
        return true;
    }
    for (const [k] of s.vars) if (k.toLowerCase().startsWith('magnet.attract-')) return true;
  }
  return false;
}
