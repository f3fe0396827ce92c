/**
 * Rules `server-scope-in-condition`, `socket-scope` (src/configfile-glue.c config_plugin_values_init) and
 * `conditional-in-global` (src/configparser.y: a condition inside `global { }` makes lighttpd exit).
 */
import { getDirective } from '../../schema';
import type { CheckContext } from './context';
import { walkStatements } from './context';

export function checkScopes(ctx: CheckContext): void {
  for (const a of ctx.assignments) {
    if (!a.scope.parent) continue; // global block
    const key = a.node.key.fullName;
    const d = getDirective(key);
    if (!d || !ctx.atLeast(d.since)) continue;
    if (d.scope === 'server') {
      ctx.report('server-scope-in-condition', a.node.key, { key });
    } else if (d.scope === 'socket') {
      const h = a.scope.head;
      const socketBlock =
        h?.object?.name === 'SERVER' &&
        h.operator?.text === '==' &&
        h.field?.kind === 'string' &&
        h.field.value === 'socket';
      if (!socketBlock && ctx.atLeast('1.4.65')) ctx.report('socket-scope', a.node.key, { key });
    }
  }
  walkStatements(ctx.model.file.statements, (st, depth) => {
    if (!depth.inGlobal) return;
    if (st.kind === 'conditional') {
      const first = st.branches[0];
      ctx.report('conditional-in-global', { start: st.start, end: first?.head?.end ?? first?.end ?? st.end });
    } else if (st.kind === 'global') {
      ctx.report('conditional-in-global', { start: st.start, end: st.body?.start ?? st.end });
    }
  });
}
