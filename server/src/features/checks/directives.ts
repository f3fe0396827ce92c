/**
 * Rules `unknown-directive`, `removed-directive`, `deprecated-directive`, and `newer-than-target` for
 * directives: every key assigned in the document is looked up in the schema for the target version; the
 * advice, the replacement and whether renaming is a safe fix come from the directive's entry.
 */
import { DIRECTIVES, getDirective, getRemovedDirective } from '../../schema';
import type { Span } from '../../parser/ast';
import type { CheckContext, Fix } from './context';
import { suggest } from './context';
import { removeStatementFix } from './platform';
import { sslMigrationFix } from './upgrade';

/**
 * Keys that were never lighttpd 1.4 options but are copied from TLS hardening guides; what to do instead.
 * (Not in any lighttpd 1.4 release: checked against the lighttpd1.4 history.)
 */
const NEVER_LIGHTTPD: Readonly<Record<string, string>> = {
  'ssl.use-compression':
    'it was never a lighttpd option (it comes from TLS hardening guides); lighttpd always turns TLS compression off (SSL_OP_NO_COMPRESSION). Remove the line',
};

let allKeys: string[] | undefined;

const rename = (keyNode: Span, to: string, preferred = true, safe = false): Fix => ({
  title: `Rename to ${to}`,
  edits: [{ start: keyNode.start, end: keyNode.end, newText: to }],
  preferred,
  ...(safe ? { safe } : {}),
});

export function checkDirectives(ctx: CheckContext): void {
  allKeys ??= DIRECTIVES.map((d) => d.key);
  for (const a of ctx.assignments) {
    const keyNode = a.node.key;
    const key = keyNode.fullName;
    if (key.startsWith('var.') || key.startsWith('env.')) continue;
    const d = getDirective(key);
    if (d) {
      if (!ctx.atLeast(d.since)) {
        ctx.report(
          'newer-than-target',
          keyNode,
          {
            what: key,
            since: d.since.replace(/^<=/, ''),
            target: ctx.version,
            effect: 'older versions ignore it as an unknown key',
          },
          { effect: 'logs-and-carries-on' },
        );
        continue;
      }
      const dep = d.deprecated;
      if (dep) {
        const { note, replacement } = dep;
        ctx.report(
          'deprecated-directive',
          keyNode,
          { key, note, replacement: replacement && !note.includes(replacement) ? replacement : undefined },
          {
            tags: ['deprecated'],
            effect: dep.alias ? 'accepted' : undefined,
            fixes: dep.rename && replacement ? [rename(keyNode, replacement, true, true)] : undefined,
          },
        );
      }
      continue;
    }
    const removed = getRemovedDirective(key);
    if (removed) {
      if (!ctx.atLeast(removed.removedIn)) continue; // still there in the target version
      const { replacement, advice: note } = removed;
      ctx.report(
        'removed-directive',
        keyNode,
        {
          key,
          version: removed.removedIn,
          note,
          replacement: replacement && !note?.includes(replacement) ? replacement : undefined,
        },
        {
          tags: ['deprecated'],
          fixes:
            removed.rename && replacement
              ? [rename(keyNode, replacement, true, true)]
              : [sslMigrationFix(ctx, a)].filter((f): f is Fix => !!f),
        },
      );
      continue;
    }
    const never = NEVER_LIGHTTPD[key];
    if (never) {
      ctx.report(
        'unknown-directive',
        keyNode,
        { key, note: never },
        { fixes: [{ ...removeStatementFix(ctx, a), safe: true }], tags: ['unnecessary'] },
      );
      continue;
    }
    const candidates = suggest(key, allKeys);
    ctx.report(
      'unknown-directive',
      keyNode,
      { key, suggestion: candidates[0] },
      {
        fixes: candidates.map((c, i) => rename(keyNode, c, i === 0)),
      },
    );
  }
}
