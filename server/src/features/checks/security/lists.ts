/**
 * Rules `list-override-in-condition` and `append-after-copy`: how a block's list relates to the enclosing
 * one (src/configparser.y, grammar §4.3). A block that sets a key holds its own value, and at run time that
 * value replaces the enclosing one for the requests the block matches (plugins copy the value of the last
 * matching block). `=` starts the block's list empty; `+=` starts it from a copy of the enclosing value as
 * parsed so far, so enclosing `+=` lines further down never reach it. lighttpd 1.4.69 -p shows both.
 */
import type { EvalValue, EvaluatedAssignment } from '../../../analysis';
import type { CheckContext } from '../context';
import { lineOf } from '../context';
import { hasUnknown, listText, type SecurityFacts } from './facts';

interface ListKey {
  /** Entries are compared by key (header names, case-insensitive) rather than by value. */
  readonly byKey: boolean;
  /** What losing the entries means for the requests of the block. */
  readonly effect: (lost: string) => string;
  /** Entries whose loss weakens protection (all when absent); losing only others is information. */
  readonly protective?: (entry: string) => boolean;
  /** Entries are file name suffixes: an entry is kept when the block lists a suffix of it ("" covers all). */
  readonly suffixes?: boolean;
}

/** Response headers that protect the client (their loss is a warning; other headers are information). */
const SECURITY_HEADER =
  /^(strict-transport-security|content-security-policy(-report-only)?|x-frame-options|x-content-type-options|referrer-policy|permissions-policy|feature-policy|cross-origin-(opener|embedder|resource)-policy|x-xss-protection|x-permitted-cross-domain-policies|cache-control|pragma|expect-ct|x-robots-tag|set-cookie)$/i;

/** The lists whose entries protect something: losing one in a block is a leak there. */
const LIST_KEYS: Readonly<Record<string, ListKey>> = {
  'setenv.add-response-header': {
    byKey: true,
    effect: (l) => `their responses lack ${l}`,
    protective: (h) => SECURITY_HEADER.test(h),
  },
  'setenv.set-response-header': {
    byKey: true,
    effect: (l) => `their responses lack ${l}`,
    protective: (h) => SECURITY_HEADER.test(h),
  },
  'url.access-deny': {
    byKey: false,
    suffixes: true,
    effect: (l) => `files ending in ${l} are no longer denied there`,
  },
  'static-file.exclude-extensions': {
    byKey: false,
    suffixes: true,
    effect: (l) => `files ending in ${l} are sent as plain files there (scripts as source)`,
  },
};

function entries(v: EvalValue, byKey: boolean): string[] {
  if (v.type !== 'array') return [];
  const out: string[] = [];
  for (const e of v.elements) {
    if (byKey) {
      if (e.key !== undefined) out.push(e.key);
    } else if (e.value.type === 'string') out.push(e.value.value);
  }
  return out;
}

/**
 * Entries of `outer` that `inner` lacks (header names compare case-insensitively; a suffix list keeps an
 * entry when it has a suffix of it: `( "" )` denies every file, `".inc"` covers `"x.inc"`).
 */
function missing(outer: EvalValue, inner: EvalValue, byKey: boolean, suffixes = false): string[] {
  const norm = (s: string) => (byKey ? s.toLowerCase() : s);
  const have = new Set(entries(inner, byKey).map(norm));
  const kept = (x: string) => have.has(norm(x)) || (suffixes && [...have].some((y) => x.endsWith(y)));
  return [...new Set(entries(outer, byKey))].filter((x) => !kept(x));
}

/** Keys of `a` that `b` also has with another value: `+=` would make lighttpd refuse to start. */
function conflicts(a: EvalValue, b: EvalValue): boolean {
  if (a.type !== 'array' || b.type !== 'array') return true;
  const byKey = new Map<string, EvalValue>();
  for (const e of b.elements) if (e.key !== undefined) byKey.set(e.key.toLowerCase(), e.value);
  return a.elements.some((e) => {
    if (e.key === undefined) return false;
    const other = byKey.get(e.key.toLowerCase());
    if (!other) return false;
    return !(other.type === 'string' && e.value.type === 'string' && other.value === e.value.value);
  });
}

export function checkLists(ctx: CheckContext, facts: SecurityFacts): void {
  const index = (a: EvaluatedAssignment) => facts.orderOf(a);
  for (const key of Object.keys(LIST_KEYS)) {
    if (!facts.moduleLoaded(key)) continue;
    const spec = LIST_KEYS[key];
    const assignments = facts.assignmentsOf(key);
    // The first assignment of the key in each block: how the block's list started.
    const first = new Map<number, EvaluatedAssignment>();
    for (const a of assignments) if (!first.has(a.scope.id)) first.set(a.scope.id, a);
    for (const a of first.values()) {
      const block = a.scope;
      if (!block.parent) continue;
      const enclosing = facts.effective(block.parent, key);
      const mineValue = facts.ownValue(block, key);
      if (!enclosing || !mineValue || hasUnknown(enclosing.value) || hasUnknown(mineValue)) continue;
      const lost = missing(enclosing.value, mineValue, spec.byKey, spec.suffixes);
      if (lost.length === 0) continue;
      const op = a.node.operator?.text;
      const where = enclosing.scope.parent ? 'the enclosing block' : 'the global scope';
      if (op === '=') {
        if (!facts.mine.has(a) || (a.rhs.type === 'array' && a.rhs.elements.length === 0)) continue; // `= ()` clears on purpose
        const fixable = a.node.operator && !conflicts(a.rhs, enclosing.value);
        const mild = spec.protective && !lost.some(spec.protective);
        const fixes = fixable
          ? [
              {
                title: `Change = to += (keep the entries of ${where})`,
                edits: [{ start: a.node.operator!.start, end: a.node.operator!.end, newText: '+=' }],
                preferred: true,
              },
            ]
          : undefined;
        ctx.report(
          'list-override-in-condition',
          a.node.key,
          { key: a.node.key.fullName, where, effect: spec.effect(listText(lost)) },
          { ...(fixes ? { fixes } : {}), ...(mild ? { effect: 'accepted' as const } : {}) },
        );
      } else if (op === '+=') {
        // Entries the enclosing block gained after the copy.
        const copiedAt = index(a);
        const lostSet = new Set(lost.map((x) => (spec.byKey ? x.toLowerCase() : x)));
        for (const late of assignments) {
          if (late.scope !== enclosing.scope || index(late) <= copiedAt || !facts.mine.has(late)) continue;
          const added = entries(late.rhs, spec.byKey).filter((x) => lostSet.has(spec.byKey ? x.toLowerCase() : x));
          if (added.length === 0) continue;
          const mild = spec.protective && !added.some(spec.protective);
          ctx.report(
            'append-after-copy',
            late.node.key,
            {
              key: late.node.key.fullName,
              block: block.condition ?? 'a block',
              at: facts.mine.has(a) ? `line ${lineOf(ctx.text, a.node.start)}` : `in ${a.path || 'another file'}`,
              lost: listText(added),
            },
            mild ? { effect: 'accepted' } : {},
          );
        }
      }
    }
  }
}
