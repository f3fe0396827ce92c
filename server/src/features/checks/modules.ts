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
        const compress = name === 'mod_compress' ? compressFate(ctx) : undefined;
        const replacement = m.replacement ?? undefined;
        const names = replacement ? replacement.split(/\s*\+\s*/).filter((n) => getModule(n)) : [];
        // (not when every replacement is listed already: that would repeat it)
        const fix =
          names.length && !names.every((n) => ctx.model.modules.names.has(n)) ? replaceWith(names, true) : undefined;
        ctx.report(
          'removed-module',
          e.valueSpan,
          {
            module: name,
            version: m.removedIn,
            effect: compress ? COMPRESS_EFFECTS[compress] : 'lighttpd refuses to start ("plugin not found")',
            replacement: replacement ?? undefined,
          },
          {
            effect: compress ? 'logs-and-carries-on' : undefined,
            fixes: fix ? [fix] : undefined,
            tags: ['deprecated'],
          },
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

/**
 * What lighttpd does with "mod_compress" once the module is gone (src/configfile.c
 * config_deprecate_module_compress): from 1.4.56 to 1.4.70 it loads mod_deflate in its place when a
 * compress.* key is set and mod_deflate is not listed (logging that mod_compress is deprecated), and drops
 * it otherwise; from 1.4.71 it always loads mod_deflate in its place, without a word.
 */
type CompressFate = 'rewritten' | 'rewritten-logged' | 'dropped-deflate-listed' | 'dropped';

const COMPRESS_EFFECTS: Readonly<Record<CompressFate, string>> = {
  rewritten: 'lighttpd loads mod_deflate in its place',
  'rewritten-logged': 'lighttpd logs that it is deprecated and loads mod_deflate in its place',
  'dropped-deflate-listed': 'lighttpd drops it from the list, since mod_deflate is listed',
  dropped:
    'lighttpd drops it from the list (it loads mod_deflate in its place only when a compress.* key is set), so nothing is compressed',
};

function compressFate(ctx: CheckContext): CompressFate {
  if (ctx.atLeast('1.4.71')) return 'rewritten';
  if (ctx.model.modules.names.has('mod_deflate')) return 'dropped-deflate-listed';
  const whole = ctx.model.full ?? ctx.model.evaluation;
  return whole.assignments.some((a) => a.node.key.fullName.startsWith('compress.')) ? 'rewritten-logged' : 'dropped';
}
