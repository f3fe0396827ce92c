/**
 * What a config shows to every client: `dir-listing-global` (mod_dirlisting), `status-unprotected`
 * (mod_status has no access control of its own), `source-disclosure` (mod_staticfile sends any file no
 * handler took, src/mod_staticfile.c static-file.exclude-extensions), and the whole-config advice
 * `version-disclosure` (server.c default server.tag "lighttpd/<version>"; configfile.c config_finalize: a
 * blank tag sends no Server header) and `access-deny-missing` (lighttpd's doc/config/lighttpd.conf denies
 * "~" and ".inc").
 *
 * The advice rules speak only on the main config, when all of it is known (no unresolved include or
 * include_shell), at its server.document-root line: a fragment cannot know what its parent sets.
 */
import type { EvaluatedAssignment } from '../../../analysis';
import type { CheckContext, Fix } from '../context';
import { boolOf, chainOf, listStrings, listText, type SecurityFacts } from './facts';
import { isGuarded } from './guards';

const STATUS_WHAT: Readonly<Record<string, string>> = {
  'status.status-url': 'it lists the client address and URL of every request being served',
  'status.config-url': 'it lists the loaded modules and what they handle',
  'status.statistics-url': 'it shows the counters of the server and of its backends',
};

/** Extensions of scripts whose source should never be sent. */
const SCRIPT_EXTENSIONS = new Set([
  '.php',
  '.php3',
  '.php4',
  '.php5',
  '.php7',
  '.php8',
  '.phtml',
  '.pl',
  '.py',
  '.rb',
  '.cgi',
  '.fcgi',
  '.jsp',
  '.asp',
  '.aspx',
  '.lua',
]);
const HANDLER_KEYS = ['fastcgi.server', 'scgi.server', 'cgi.assign', 'proxy.server', 'ajp13.server'];

/** The line-start insertion of `line` before an assignment, with its indentation. */
function insertBefore(ctx: CheckContext, a: EvaluatedAssignment, line: string, title: string): Fix {
  const lineStart = ctx.text.lastIndexOf('\n', a.node.start - 1) + 1;
  const indent = /^[ \t]*/.exec(ctx.text.slice(lineStart, a.node.start))?.[0] ?? '';
  return { title, edits: [{ start: lineStart, end: lineStart, newText: `${indent}${line}\n` }] };
}

/** Directory listings and script sources, assignment by assignment (their blocks and the global scope). */
export function checkExposure(ctx: CheckContext, facts: SecurityFacts): void {
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName.toLowerCase();
    if ((key === 'dir-listing.activate' || key === 'server.dir-listing') && !a.scope.parent && boolOf(a.rhs)) {
      ctx.report('dir-listing-global', a.node.key, { key: a.node.key.fullName });
    } else if (key in STATUS_WHAT) {
      continue;
    } else if (HANDLER_KEYS.includes(key) && a.scope.parent && a.node.value) {
      checkSourceDisclosure(ctx, facts, a, key);
    }
  }
}

/** Status pages no block guards, and the whole-configuration advice (every block may guard or set them). */
export function checkExposureWhole(ctx: CheckContext, facts: SecurityFacts): void {
  const status = facts.complete ? Object.keys(STATUS_WHAT).flatMap((k) => facts.assignmentsOf(k)) : [];
  for (const a of status) {
    const key = a.node.key.fullName.toLowerCase();
    if (!facts.mine.has(a)) continue;
    if (a.rhs.type === 'string' && a.rhs.value !== '') {
      if (!facts.moduleLoaded(key) || facts.ownValue(a.scope, key) !== a.rhs) continue;
      if (isGuarded(facts, a.scope, a.rhs.value)) continue;
      ctx.report('status-unprotected', a.node.value ?? a.node.key, {
        key: a.node.key.fullName,
        url: a.rhs.value,
        what: STATUS_WHAT[key],
      });
    }
  }
  checkWholeConfig(ctx, facts);
}

function checkSourceDisclosure(ctx: CheckContext, facts: SecurityFacts, a: EvaluatedAssignment, key: string): void {
  if (ctx.model.lenient || !facts.complete || !facts.moduleLoaded(key)) return;
  // A handler per virtual host serves that host's files: other hosts have other document roots.
  const chain = chainOf(a.scope);
  if (chain.length === 0 || chain.some((c) => (c.object === 'HTTP' && c.field === 'host') || c.object === 'SERVER'))
    return;
  if (a.scope.condition === undefined || !a.scope.head) return; // an else block: the other branches handle it
  const global = facts.evaluation.global;
  const handledGlobally = new Set(HANDLER_KEYS.flatMap((k) => listStrings(facts.ownValue(global, k), true)));
  const excluded = new Set([
    ...listStrings(facts.ownValue(global, 'static-file.exclude-extensions')),
    ...listStrings(facts.ownValue(global, 'url.access-deny')),
  ]);
  if (excluded.has('')) return;
  if (a.rhs.type !== 'array') return;
  const lit = a.node.value?.kind === 'array' ? a.node.value : undefined;
  for (const [i, e] of a.rhs.elements.entries()) {
    const ext = e.key?.toLowerCase();
    if (!ext || !SCRIPT_EXTENSIONS.has(ext) || handledGlobally.has(e.key!) || excluded.has(e.key!)) continue;
    const at = lit && lit.elements.length === a.rhs.elements.length ? (lit.elements[i].key ?? a.node.key) : a.node.key;
    ctx.report('source-disclosure', at, { ext: e.key, key: a.node.key.fullName, where: `inside ${a.scope.condition}` });
  }
}

/** The global server.document-root written in this document: where whole-config advice is shown. */
function anchorOf(ctx: CheckContext, facts: SecurityFacts): EvaluatedAssignment | undefined {
  if (!facts.isMain || !facts.complete) return undefined;
  return ctx.assignments.find((a) => !a.scope.parent && a.node.key.fullName === 'server.document-root');
}

function checkWholeConfig(ctx: CheckContext, facts: SecurityFacts): void {
  const anchor = anchorOf(ctx, facts);
  if (!anchor) return;
  const global = facts.evaluation.global;
  const blank = ctx.atLeast('1.4.56') ? '""' : '"lighttpd"';
  const tag = facts.ownValue(global, 'server.tag');
  if (tag === undefined) {
    ctx.report(
      'version-disclosure',
      anchor.node.key,
      { what: 'server.tag is not set', tag: `lighttpd/${ctx.version}` },
      { fixes: [insertBefore(ctx, anchor, `server.tag = ${blank}`, `Add server.tag = ${blank}`)] },
    );
  } else if (tag.type === 'string' && /\d+\.\d+/.test(tag.value)) {
    const at = facts.all.find((x) => !x.scope.parent && x.node.key.fullName === 'server.tag' && x.result === tag);
    if (at && facts.mine.has(at))
      ctx.report(
        'version-disclosure',
        at.node.value ?? at.node.key,
        { what: 'server.tag names a version', tag: tag.value },
        at.node.value?.kind === 'string'
          ? {
              fixes: [
                {
                  title: `Change to ${blank}`,
                  edits: [{ start: at.node.value.start, end: at.node.value.end, newText: blank }],
                  preferred: true,
                },
              ],
            }
          : {},
      );
  }
  const deny = facts.ownValue(global, 'url.access-deny');
  if (deny && deny.type !== 'array') return;
  const denied = listStrings(deny);
  if (denied.includes('')) return;
  const missing = ['~', '.inc'].filter((x) => !denied.includes(x));
  if (missing.length === 0) return;
  const fixes =
    deny === undefined && facts.moduleLoaded('url.access-deny')
      ? [insertBefore(ctx, anchor, 'url.access-deny = ( "~", ".inc" )', 'Add url.access-deny = ( "~", ".inc" )')]
      : undefined;
  ctx.report('access-deny-missing', anchor.node.key, { missing: listText(missing) }, fixes ? { fixes } : {});
}
