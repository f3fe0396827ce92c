/**
 * Rule `newer-than-target` for syntax (grammar reference §13): `:=` (1.4.46), `$REQUEST_HEADER` (1.4.46),
 * a bare `else { }` (1.4.42), `=^` / `=$` (1.4.65), and the `if` / `elif` / `elsif` / `elseif` keywords
 * (1.4.74; older versions silently turn them into variable assignments). Directive and module versions
 * are checked in directives.ts, modules.ts and values.ts.
 */
import type { CheckContext } from './context';
import { walkStatements } from './context';

export function checkSyntaxVersions(ctx: CheckContext): void {
  const needs = (since: string, what: string, at: { start: number; end: number }, effect: string) => {
    if (!ctx.atLeast(since)) ctx.report('newer-than-target', at, { what, since, target: ctx.version, effect });
  };
  walkStatements(ctx.model.file.statements, (st) => {
    if (st.kind === 'assignment') {
      if (st.operator?.text === ':=') needs('1.4.46', "The ':=' operator", st.operator, 'older versions reject it');
      return;
    }
    if (st.kind !== 'conditional') return;
    for (const b of st.branches) {
      const kw = b.elseKeyword;
      if (kw && kw.text !== 'else')
        needs(
          '1.4.74',
          `'${kw.text}'`,
          kw,
          'older versions read it as a variable name and silently drop the condition',
        );
      if (kw && !b.head) needs('1.4.42', "A bare 'else { }'", kw, 'older versions reject it');
      const h = b.head;
      if (!h) continue;
      if (h.object && h.start < h.object.start && ctx.text.startsWith('if', h.start)) {
        needs(
          '1.4.74',
          "The 'if' keyword",
          { start: h.start, end: h.start + 2 },
          'older versions read it as a variable name and silently drop the condition',
        );
      }
      const op = h.operator?.text;
      if (op === '=^' || op === '=$') needs('1.4.65', `The '${op}' operator`, h.operator!, 'older versions reject it');
      if (h.object?.name === 'REQUEST_HEADER') needs('1.4.46', '$REQUEST_HEADER', h.object, 'older versions reject it');
    }
  });
}
