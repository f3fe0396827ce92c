/**
 * Rules `unknown-directive`, `removed-directive`, `deprecated-directive`, and `newer-than-target` for
 * directives: every key assigned in the document is looked up in the schema for the target version.
 */
import { DIRECTIVES, getDirective, getRemovedDirective } from '../../schema';
import type { Span } from '../../parser/ast';
import type { CheckContext, Fix } from './context';
import { suggest } from './context';
import { removeStatementFix } from './platform';

/**
 * Old names whose value means exactly the same under the new name (lighttpd maps them itself or they
 * are documented aliases): the quick fix renames the key.
 */
export const RENAMES: Readonly<Record<string, string>> = {
  'server.docroot': 'server.document-root',
  'server.host': 'server.bind',
  'server.force-lower-case-files': 'server.force-lowercase-filenames',
  'server.dir-listing': 'dir-listing.activate',
  'server.indexfiles': 'index-file.names',
  'url.rewrite': 'url.rewrite-once',
  'url.rewrite-final': 'url.rewrite-once',
  'compress.filetype': 'deflate.mimetypes',
  'compress.allowed-encodings': 'deflate.allowed-encodings',
  'compress.cache-dir': 'deflate.cache-dir',
  'compress.max-filesize': 'deflate.max-compress-size',
  'compress.max-loadavg': 'deflate.max-loadavg',
};

/**
 * Keys that were never lighttpd 1.4 options but are copied from TLS hardening guides; what to do instead.
 * (Not in any lighttpd 1.4 release: checked against the lighttpd1.4 history.)
 */
const NEVER_LIGHTTPD: Readonly<Record<string, string>> = {
  'ssl.use-compression':
    'it was never a lighttpd option (it comes from TLS hardening guides); lighttpd always turns TLS compression off (SSL_OP_NO_COMPRESSION). Remove the line',
};

/** Pure aliases: reported as information, not as a warning. */
const ALIASES = new Set(['server.dir-listing', 'server.indexfiles', 'url.rewrite', 'url.rewrite-final']);

/** The first current directive named in a note ("use server.bind", "maps it to deflate.mimetypes"). */
function replacementIn(note: string, self: string): string | undefined {
  for (const m of note.matchAll(/[a-z0-9-]+(?:\.[a-z0-9_-]+)+/gi)) {
    if (m[0] !== self && getDirective(m[0])) return m[0];
  }
  return undefined;
}

function sentence(note: string): string {
  return note
    .replace(/\.\s*Now reported as "unknown config-key" \(warning\)\.?$/, '')
    .replace(/^DEPRECATED\s*(\([^)]*\);?\s*)?:?\s*/i, '')
    .replace(/^non-blank value logs "is deprecated"/, 'lighttpd logs "is deprecated" when it is set')
    .replace(/[.\s]+$/, '');
}

/** What the schema's removal note advises, as a sentence ("Use mod_magnet lua."), if anything. */
function removalAdvice(note: string): string | undefined {
  const body = sentence(note).replace(/^REMOVED in [\d.]+(?::\s*|;\s*|\s+)/, '');
  const use = /\buse (.+)$/.exec(body);
  if (use) {
    let advice = use[1].replace(/\);\s*removed.*$/, '');
    if ((advice.match(/\(/g) ?? []).length < (advice.match(/\)/g) ?? []).length) advice = advice.replace(/\)$/, '');
    return `Use ${advice}.`;
  }
  const rest = body
    .replace(/^(removed|with mod_\w+)[;:,]?\s*/i, '')
    .replace(/^with /, 'removed with ')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/^T_CONFIG_DEPRECATED alias/, 'it was a deprecated alias');
  return rest ? rest.charAt(0).toUpperCase() + rest.slice(1) + '.' : undefined;
}

let allKeys: string[] | undefined;

const rename = (keyNode: Span, to: string, preferred = true): Fix => ({
  title: `Rename to ${to}`,
  edits: [{ start: keyNode.start, end: keyNode.end, newText: to }],
  preferred,
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
          { severity: 'warning' },
        );
        continue;
      }
      if (d.deprecated) {
        const to = RENAMES[key];
        const replacement = to ?? replacementIn(d.deprecated, key);
        const note = sentence(d.deprecated);
        ctx.report(
          'deprecated-directive',
          keyNode,
          { key, note, replacement: replacement && !note.includes(replacement) ? replacement : undefined },
          {
            tags: ['deprecated'],
            severity: ALIASES.has(key) ? 'information' : undefined,
            fixes: to ? [rename(keyNode, to)] : undefined,
          },
        );
      }
      continue;
    }
    const removed = getRemovedDirective(key);
    if (removed) {
      if (!ctx.atLeast(removed.removedIn)) continue; // still there in the target version
      const to = RENAMES[key];
      const replacement = to ?? replacementIn(removed.note, key);
      const note = removalAdvice(removed.note);
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
          fixes: to ? [rename(keyNode, to)] : undefined,
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
        { fixes: [removeStatementFix(ctx, a)], tags: ['unnecessary'] },
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
