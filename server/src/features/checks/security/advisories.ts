/**
 * Rule `known-vulnerability`: the target release (`lighttpd.version`) is one a published advisory affects
 * (schema/advisories.ts), and this configuration uses what exposes it. The finding sits on the place that
 * exposes it: the element or key of the setting, the backend, the module's directive; for faults in the
 * core (every configuration), on the main config's document root, module list or port. Each finding links
 * its advisory (diagnostic codeDescription, hover, SARIF).
 */
import type { EvaluatedAssignment } from '../../../analysis';
import { ADVISORIES, affects, fixedBetween, type Advisory } from '../../../schema/advisories';
import { compareVersions, getDirective } from '../../../schema';
import type { Span } from '../../../parser/ast';
import type { CheckContext } from '../context';
import { locateElements } from '../context';
import { boolOf, type SecurityFacts } from './facts';

/** Directives that hand requests to a backend, by module. */
const BACKEND_KEYS = new Set([
  'fastcgi.server',
  'scgi.server',
  'proxy.server',
  'ajp13.server',
  'sockproxy.server',
  'wstunnel.server',
  'cgi.assign',
  'ssi.extension',
]);

function keyOf(a: EvaluatedAssignment): string {
  return a.node.key.fullName.toLowerCase();
}

function moduleOf(key: string): string | undefined {
  return getDirective(key)?.module;
}

/** The first span of this document that exposes the advisory, or undefined. */
function exposure(ctx: CheckContext, facts: SecurityFacts, adv: Advisory, version: string): Span | undefined {
  const mine = ctx.assignments;
  const e = adv.exposure;
  switch (e.kind) {
    case 'module':
    case 'backend': {
      for (const a of mine) {
        const key = keyOf(a);
        const m = moduleOf(key);
        if (!m || !e.modules.includes(m) || !facts.moduleLoaded(key)) continue;
        if (e.kind === 'backend' && !BACKEND_KEYS.has(key)) continue;
        if (a.rhs.type === 'array' && a.rhs.elements.length === 0) continue;
        return a.node.key;
      }
      return undefined;
    }
    case 'setting':
      for (const a of mine) {
        const at = settingSpan(e.what, a);
        if (at) return at;
      }
      return undefined;
    case 'http2':
      return http2Exposed(facts, version) ? anchor(ctx, facts) : undefined;
    case 'core':
      return anchor(ctx, facts);
  }
}

/** The element or key of assignment `a` that turns on the exposing setting `what`. */
function settingSpan(what: string, a: EvaluatedAssignment): Span | undefined {
  const key = keyOf(a);
  const elements = () => (a.node.value ? locateElements(a.rhs, a.node.value, a.node.value) : []);
  switch (what) {
    case 'alias-slash':
      if (key !== 'alias.url') return undefined;
      return elements().find(
        (el) =>
          el.key !== undefined && !el.key.endsWith('/') && el.value.type === 'string' && el.value.value.endsWith('/'),
      )?.keySpan;
    case 'url-path-2f-decode':
      if (key !== 'server.http-parseopts') return undefined;
      return elements().find((el) => el.key?.toLowerCase() === 'url-path-2f-decode' && boolOf(el.value) === true)
        ?.valueSpan;
    case 'upgrade-forwarded':
      if (key === 'cgi.upgrade') return boolOf(a.rhs) ? a.node.key : undefined;
      if (key !== 'proxy.header') return undefined;
      return elements().find((el) => el.key?.toLowerCase() === 'upgrade' && boolOf(el.value) === true)?.valueSpan;
    case 'extforward-forwarded':
      if (key !== 'extforward.headers') return undefined;
      return elements().find((el) => el.value.type === 'string' && el.value.value.toLowerCase() === 'forwarded')
        ?.valueSpan;
    case 'strict-off':
      if (key === 'server.http-parseopt-header-strict') return boolOf(a.rhs) === false ? a.node.key : undefined;
      if (key !== 'server.http-parseopts') return undefined;
      return elements().find(
        (el) => /^(header-strict|url-ctrls-reject)$/i.test(el.key ?? '') && boolOf(el.value) === false,
      )?.valueSpan;
    default:
      return undefined;
  }
}

/** HTTP/2 is on: from 1.4.59 unless server.feature-flags "server.h2proto" disables it; before, only when enabled. */
function http2Exposed(facts: SecurityFacts, version: string): boolean {
  let flag: boolean | undefined;
  for (const a of facts.assignmentsOf('server.feature-flags')) {
    if (a.scope.parent) continue;
    for (const e of a.rhs.type === 'array' ? a.rhs.elements : [])
      if (e.key?.toLowerCase() === 'server.h2proto') flag = boolOf(e.value);
  }
  for (const a of facts.assignmentsOf('server.h2proto')) if (!a.scope.parent) flag = boolOf(a.rhs);
  return flag ?? compareVersions(version, '1.4.59') >= 0;
}

/** Where a fault of the core is shown: the main config's document root, module list or port (first found). */
function anchor(ctx: CheckContext, facts: SecurityFacts): Span | undefined {
  if (!facts.isMain) return undefined;
  for (const key of ['server.document-root', 'server.modules', 'server.port']) {
    const a = ctx.assignments.find((x) => keyOf(x) === key && !x.scope.parent);
    if (a) return a.node.key;
  }
  return undefined;
}

export function checkAdvisories(ctx: CheckContext, facts: SecurityFacts): void {
  for (const adv of ADVISORIES) {
    if (!affects(adv, ctx.version)) continue;
    const at = exposure(ctx, facts, adv, ctx.version);
    if (!at) continue;
    ctx.report(
      'known-vulnerability',
      at,
      {
        id: adv.id,
        version: ctx.version,
        fixed: adv.fixed,
        summary: adv.summary,
        exposedBy: adv.exposedBy,
        link: adv.link,
      },
      { data: { advisory: adv.id, href: adv.link } },
    );
  }
  checkUpgradeAdvisories(ctx, facts);
}

/**
 * Rule `upgrade-advisories` (the upgrade assistant): the advisories that affect `lighttpd.upgradeFrom` and
 * are fixed by the target, those this configuration exposes first; once, on the main config's anchor.
 */
function checkUpgradeAdvisories(ctx: CheckContext, facts: SecurityFacts): void {
  const from = ctx.upgradeFrom;
  if (!from || compareVersions(from, ctx.version) >= 0 || ctx.model.lenient) return;
  const fixed = fixedBetween(from, ctx.version);
  const at = anchor(ctx, facts);
  if (!fixed.length || !at) return;
  const exposed = fixed.filter((a) => exposure(ctx, facts, a, from));
  const others = fixed.filter((a) => !exposed.includes(a));
  const name = (a: Advisory) => `${a.id} (${a.fixed})`;
  ctx.report('upgrade-advisories', at, {
    from,
    target: ctx.version,
    exposed: exposed.length ? exposed.map(name).join(', ') : 'none',
    others: others.length ? others.map(name).join(', ') : 'none',
    count: String(fixed.length),
  });
}
