/**
 * Rules on the entries of server.modules: `unknown-module`, `duplicate-module`, `removed-module`, and
 * `newer-than-target` for modules added after the target version.
 */
import { MODULES, getModule } from '../../schema';
import type { CheckContext, Fix } from './context';
import { locateElements, suggest } from './context';

export function checkModules(ctx: CheckContext): void {
  const current = MODULES.filter((m) => m.status === 'current').map((m) => m.name);
  for (const a of ctx.assignments) {
    if (a.node.key.fullName !== 'server.modules' || !a.node.operator) continue;
    if (a.rhs.type !== 'array') continue;
    const fallback = a.node.value ?? a.node.key;
    const mine = locateElements(a.rhs, a.node.value, fallback);
    // With +=, the modules listed before (in this block or an enclosing one) come first in the result.
    const before =
      a.node.operator.text === '+=' && a.result.type === 'array'
        ? a.result.elements.slice(0, Math.max(0, a.result.elements.length - mine.length))
        : [];
    const seen = new Set<string>();
    for (const e of before) if (e.value.type === 'string') seen.add(e.value.value);
    for (const e of mine) {
      if (e.value.type !== 'string' || e.key !== undefined) continue;
      const name = e.value.value;
      const literal = e.valueExpr?.kind === 'string' ? e.valueExpr : undefined;
      const replaceWith = (names: string[], preferred: boolean): Fix | undefined =>
        literal && {
          title: `Replace with ${names.join(' and ')}`,
          edits: [{ start: literal.start, end: literal.end, newText: names.map((n) => `"${n}"`).join(', ') }],
          preferred,
        };
      if (seen.has(name)) {
        ctx.report('duplicate-module', e.valueSpan, { module: name }, { tags: ['unnecessary'] });
        continue;
      }
      seen.add(name);
      const m = getModule(name);
      if (!m) {
        const candidates = suggest(name, current);
        ctx.report(
          'unknown-module',
          e.valueSpan,
          { module: name, suggestion: candidates[0] },
          {
            fixes: candidates.map((c, i) => replaceWith([c], i === 0)).filter((f): f is Fix => !!f),
          },
        );
        continue;
      }
      if (m.status === 'removed' && m.removedIn && ctx.atLeast(m.removedIn)) {
        const rewritten = name === 'mod_compress' && ctx.atLeast('1.4.71');
        const replacement = m.replacement ?? undefined;
        const names = replacement ? replacement.split(/\s*\+\s*/).filter((n) => getModule(n)) : [];
        const fix = names.length ? replaceWith(names, true) : undefined;
        ctx.report(
          'removed-module',
          e.valueSpan,
          {
            module: name,
            version: m.removedIn,
            effect: rewritten
              ? 'lighttpd loads mod_deflate in its place'
              : 'lighttpd refuses to start ("plugin not found")',
            replacement: replacement ?? undefined,
          },
          { severity: rewritten ? 'warning' : undefined, fixes: fix ? [fix] : undefined, tags: ['deprecated'] },
        );
        continue;
      }
      if (m.status === 'current' && !ctx.atLeast(m.since)) {
        ctx.report('newer-than-target', e.valueSpan, {
          what: name,
          since: m.since.replace(/^<=/, ''),
          target: ctx.version,
          effect: 'older versions refuse to start ("plugin not found")',
        });
      }
    }
  }
}
