/**
 * Rule `too-many-conditions`: lighttpd keeps its config contexts (the global block and one per distinct
 * condition) in a table of fixed size: from 1.4.56 a module configuring itself asserts that there are at
 * most 4096 of them (src/configfile-glue.c config_plugin_values_init), and lighttpd aborts, already under
 * `lighttpd -t`. A context is what the evaluator calls a scope: one per distinct condition path (a repeated
 * condition at the same place reuses its block; an else branch, nested conditions and empty blocks each
 * count), so the count is the whole configuration's number of scopes, included files too.
 */
import type { CheckContext } from './context';

/** The size of lighttpd's table, the global context included. */
export const MAX_CONTEXTS = 4096;

export function checkLimits(ctx: CheckContext): void {
  if (!ctx.atLeast('1.4.56')) return;
  const ev = ctx.model.full ?? ctx.model.evaluation;
  const count = ev.scopes.length; // scopes[0] is the global block
  if (count <= MAX_CONTEXTS) return;
  const first = ev.scopes[MAX_CONTEXTS];
  // Reported on the branch that opens the first block over the limit, in the file that writes it.
  const c = ctx.conditions.find((x) => x.scope === first);
  if (!c) return;
  const b = c.branch;
  const at = b.head ?? b.elseKeyword ?? b;
  ctx.report('too-many-conditions', { start: at.start, end: at.end }, { count: count - 1, max: MAX_CONTEXTS - 1 });
}
