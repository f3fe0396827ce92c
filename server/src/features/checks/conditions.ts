/**
 * Rules on condition heads (src/configparser.y configparser_parse_condition): `unknown-condition-field`,
 * `invalid-ip` for $HTTP["remote-ip"], `invalid-host` for $HTTP["host"] (values checked as the operator
 * reads them: a regex never, ==, !=, =^, =$ and a =~ lighttpd simplifies to one of them always), `condition-value-type`, `unreachable-condition` (a branch after
 * a bare else) and `unreachable-else-condition` (an else branch whose block is not newer than the previous one's).
 */
import { isIPv4, isIPv6 } from '../shared/ipAddress';
import { CONDITION_FIELDS } from '../../schema';
import type { CheckContext } from './context';
import { describeValue, lineOf, suggest, walkStatements } from './context';
import { simplifyRegex } from '../../analysis/print';
import { hostSyntaxProblem } from './sockets';
import type { Scope } from '../../analysis';
import type { ConditionBranch } from '../../parser/ast';

// lighttpd's =~ simplification (docs/grammar.md §8.6) lives with the printer; checks use the same one.
export { simplifyRegex };

/** What lighttpd does with a $HTTP["remote-ip"] value it checks as an address: refuse it, or keep it as text. */
export interface RemoteIpProblem {
  readonly reason: string;
  /**
   * `refuses-to-start`: "invalid IP addr"; `accepted-but-risky`: lighttpd keeps the text (a bad CIDR mask,
   * or a value its address normaliser rejects) and compares the client address with it as a string, so the
   * condition never behaves as an address match.
   */
  readonly effect: 'refuses-to-start' | 'accepted-but-risky';
}

/**
 * How lighttpd reads a $HTTP["remote-ip"] value compared with ==, !=, =^ or =$ (src/configfile.c
 * config_remoteip_normalize, called by configparser.y): a unix socket path is fine; a CIDR mask must be a
 * number from 1 to 32 (128 for IPv6) or the value is kept as text; the address is normalised like a Host
 * (brackets added for IPv6) and kept as text when that fails; a normalised address that is not an IPv4 /
 * IPv6 address refuses to start. `op` is the operator after lighttpd's =~ simplification: a prefix or
 * suffix kept as text (=^ "2001:db8:") is a text match and fine. Undefined when lighttpd takes the value.
 */
export function remoteIpProblem(value: string, op: '==' | '!=' | '=^' | '=$' = '=='): RemoteIpProblem | undefined {
  if (value.startsWith('/')) return undefined; // a unix socket path
  const asText = (why: string): RemoteIpProblem | undefined =>
    op === '=^' || op === '=$'
      ? undefined
      : {
          reason: `${why}; lighttpd keeps it as text, so the condition ${op === '==' ? 'never matches' : 'always matches'}`,
          effect: 'accepted-but-risky',
        };
  const v6 = value.includes(':');
  let addr = value;
  const slash = value.indexOf('/');
  if (slash >= 0) {
    const mask = value.slice(slash + 1);
    const max = v6 ? 128 : 32;
    const bits = /^\d+$/.test(mask) ? Number(mask) : NaN;
    if (!(bits >= 1 && bits <= max))
      return {
        reason: `the mask length after / must be a number from 1 to ${max}; lighttpd accepts it without a word and the condition never matches`,
        effect: 'accepted-but-risky',
      };
    addr = value.slice(0, slash);
  }
  if (v6) {
    const bracketed = addr.startsWith('[') ? addr : `[${addr}]`;
    if (hostSyntaxProblem(bracketed) !== undefined) return asText('not an IPv6 address');
    const inner = bracketed.slice(1, -1);
    return isIPv6(inner) ? undefined : { reason: 'not an IPv6 address', effect: 'refuses-to-start' };
  }
  if (hostSyntaxProblem(addr) !== undefined) return asText('not an address');
  return isIPv4(addr)
    ? undefined
    : { reason: 'not an IPv4 address (four numbers 0-255, no leading zeros)', effect: 'refuses-to-start' };
}

/**
 * The operator lighttpd checks a value with, and the value: `=~` without regex metacharacters becomes
 * ==, =^ or =$ from 1.4.65 (docs/grammar.md §8.6) and is then checked like them; a real regex (and `!~`)
 * is never read as an address or a host. Undefined: not checked.
 */
function checkedOperand(
  ctx: CheckContext,
  op: string,
  value: string,
): { op: '==' | '!=' | '=^' | '=$'; value: string; simplified: boolean } | undefined {
  if (op === '==' || op === '!=' || op === '=^' || op === '=$') return { op, value, simplified: false };
  if (op !== '=~' || !ctx.atLeast('1.4.65')) return undefined;
  const s = simplifyRegex(value);
  return s.op === '=~' ? undefined : { op: s.op, value: s.value, simplified: true };
}

export function checkConditions(ctx: CheckContext): void {
  for (const c of ctx.conditions) {
    const h = c.branch.head;
    if (!h?.object) continue;
    const obj = h.object.name;
    const field = c.field.type === 'string' ? c.field.value : undefined;
    const known = CONDITION_FIELDS[obj];
    const show = (o: string, f: string | undefined) => `$${o}["${f ?? '…'}"]`;
    if (!known) {
      const objects = Object.keys(CONDITION_FIELDS);
      const o = suggest(obj, objects, 1)[0] ?? objects.find((x) => x.toLowerCase() === obj.toLowerCase());
      const fixes = o
        ? [
            {
              title: `Change to $${o}`,
              edits: [{ start: h.object.start, end: h.object.end, newText: `$${o}` }],
              preferred: true,
            },
          ]
        : undefined;
      ctx.report(
        'unknown-condition-field',
        { start: h.object.start, end: h.field ? Math.max(h.field.end + 1, h.object.end) : h.object.end },
        { condition: show(obj, field), suggestion: o ? show(o, field) : undefined },
        { fixes },
      );
    } else if (known !== 'any' && field !== undefined && !known.includes(field)) {
      const cands = suggest(field, known, 3);
      const lit = h.field?.kind === 'string' ? h.field : undefined;
      const fixes = lit
        ? cands.map((f, i) => ({
            title: `Change to ${show(obj, f)}`,
            edits: [{ start: lit.start, end: lit.end, newText: `"${f}"` }],
            preferred: i === 0,
          }))
        : undefined;
      ctx.report(
        'unknown-condition-field',
        h.field ?? h.object,
        { condition: show(obj, field), suggestion: cands[0] ? show(obj, cands[0]) : undefined },
        { fixes },
      );
    } else if (known === 'any' && field === '') {
      // (lighttpd 1.4.69 -tt and the current parser accept it; the header lookup finds nothing)
      ctx.report(
        'unknown-condition-field',
        h.field ?? h.object,
        { condition: show(obj, field), empty: true },
        { effect: 'accepted-but-risky' },
      );
    }
    // lighttpd's tokenizer takes only strings inside a condition: `$HTTP[2]` is "invalid character in condition".
    if (h.field && c.field.type !== 'unknown' && c.field.type !== 'string') {
      ctx.report('condition-value-type', h.field, { part: 'field', found: describeValue(c.field) });
    } else if (h.field) {
      // nor a name: `$HTTP[var.f]` fails at `var` (1.4.69 -t "configfile parser failed at: var")
      const ref = (h.field.kind === 'concat' ? h.field.operands : [h.field]).find((o) => o.kind === 'variable');
      if (ref) ctx.report('condition-value-type', ref, { part: 'field', found: `the variable ${ref.name}` });
    }
    if (h.value && c.value.type !== 'unknown' && c.value.type !== 'string') {
      ctx.report('condition-value-type', h.value, { part: 'value', found: describeValue(c.value) });
      continue;
    }
    const op = h.operator?.text;
    if (obj !== 'HTTP' || !op || !h.value || c.value.type !== 'string') continue;
    const isRemote = field === 'remoteip' || field === 'remote-ip';
    if (!isRemote && field !== 'host') continue;
    const operand = checkedOperand(ctx, op, c.value.value);
    if (!operand) continue;
    // "lighttpd reads =~ "^10" as =^ "10"": said first, since a regex checked as an address surprises.
    const read = operand.simplified
      ? `lighttpd reads =~ "${c.value.value}" as ${operand.op} "${operand.value}", then `
      : '';
    if (isRemote) {
      const p = remoteIpProblem(operand.value, operand.op);
      if (p)
        ctx.report(
          'invalid-ip',
          h.value,
          { value: operand.value, field: show(obj, field), reason: read + p.reason },
          { effect: p.effect },
        );
    } else {
      const reason = hostSyntaxProblem(operand.value);
      if (reason)
        ctx.report('invalid-host', h.value, { value: operand.value, field: show(obj, field), reason: read + reason });
    }
  }
}

/**
 * Rule `unreachable-else-condition`: compares blocks across the document (their numbering, the line of the
 * block a condition repeats), so it runs over the whole document on every check.
 */
export function checkElseOrder(ctx: CheckContext): void {
  // An else-if whose condition already has a block no newer than the previous branch's (src/configparser.y
  // condlines: the context index of the else branch must exceed the previous one's; blocks are kept per
  // condition text under the parent, numbered where they first appear: Scope.id).
  const scopeOf = new Map<ConditionBranch, Scope>();
  for (const c of ctx.conditions) scopeOf.set(c.branch, c.scope);
  const firstBranch = new Map<Scope, ConditionBranch>();
  for (const c of ctx.conditions) if (!firstBranch.has(c.scope)) firstBranch.set(c.scope, c.branch);
  walkStatements(ctx.model.file.statements, (st) => {
    if (st.kind !== 'conditional') return;
    for (let i = 1; i < st.branches.length; i++) {
      const prev = st.branches[i - 1];
      const b = st.branches[i];
      if (!prev.head) continue; // after a bare else: unreachable-condition
      const before = scopeOf.get(prev);
      const mine = scopeOf.get(b);
      if (!before || !mine || mine.id > before.id) continue;
      const first = firstBranch.get(mine);
      // (a bare else is the block of the previous condition negated: `$HTTP["host"] != "a"` may exist already)
      const what = b.head ? 'the condition' : `the negated condition (${mine.condition ?? 'the previous one negated'})`;
      const where =
        mine === before
          ? "the previous branch's condition"
          : first && first !== b
            ? `${what} of the block at line ${lineOf(ctx.text, first.start)}`
            : `${what} of a block made earlier (in an included file)`;
      const end = b.head?.end ?? b.elseKeyword?.end ?? b.start + 4;
      ctx.report('unreachable-else-condition', { start: b.start, end }, { where });
    }
  });
}

/** Rule `unreachable-condition`: a branch after a bare else (each conditional on its own). */
export function checkAfterElse(ctx: CheckContext): void {
  // Anything after a bare else (src/configparser.y: "unreachable condition following else catch-all").
  walkStatements(ctx.model.file.statements, (st) => {
    if (st.kind !== 'conditional') return;
    const i = st.branches.findIndex((b) => b.elseKeyword && !b.head);
    const next = i >= 0 ? st.branches[i + 1] : undefined;
    if (next)
      ctx.report(
        'unreachable-condition',
        { start: next.start, end: next.head?.end ?? next.elseKeyword?.end ?? next.end },
        {},
        { tags: ['unnecessary'] },
      );
  });
}
