/**
 * Handlers that give clients more than files: `cgi-everything` (mod_cgi: cgi.assign keys are name suffixes,
 * so "" matches every file), `webdav-writable` (mod_webdav writes unless webdav.is-readonly),
 * `extforward-trust-all` (mod_extforward: "all" => "trust" takes X-Forwarded-For from every connection) and
 * `sendfile-unbounded` (gw_backend.c / mod_cgi.c: X-Sendfile paths are limited only by x-sendfile-docroot).
 */
import type { EvaluatedAssignment } from '../../../analysis';
import type { ArrayValue, Expression } from '../../../parser/ast';
import type { CheckContext, Fix } from '../context';
import {
  boolOf,
  chainOf,
  isAddressGuard,
  isPathCondition,
  listStrings,
  urlPrefixOf,
  type SecurityFacts,
} from './facts';
import { isGuarded } from './guards';

const BACKEND_KEYS = ['fastcgi.server', 'scgi.server', 'ajp13.server'];

function webdavWritable(facts: SecurityFacts, a: EvaluatedAssignment): boolean {
  const on = facts.effective(a.scope, 'webdav.activate');
  if (!on || !boolOf(on.value)) return false;
  const ro = facts.effective(a.scope, 'webdav.is-readonly');
  return !ro || boolOf(ro.value) === false;
}

/** Inserts `line` after the assignment's line, with the same indentation. */
function insertAfter(ctx: CheckContext, a: EvaluatedAssignment, line: string, title: string): Fix {
  const lineStart = ctx.text.lastIndexOf('\n', a.node.start - 1) + 1;
  const indent = /^[ \t]*/.exec(ctx.text.slice(lineStart, a.node.start))?.[0] ?? '';
  const eol = ctx.text.indexOf('\n', a.node.end);
  const at = eol < 0 ? ctx.text.length : eol;
  return { title, edits: [{ start: at, end: at, newText: `\n${indent}${line}` }] };
}

function stringKey(e: { key?: Expression }): string | undefined {
  return e.key?.kind === 'string' ? e.key.value.toLowerCase() : undefined;
}

/** Every list literal nested in `v` (itself included). */
function listsIn(v: Expression | undefined, out: ArrayValue[] = []): ArrayValue[] {
  if (v?.kind !== 'array') return out;
  out.push(v);
  for (const e of v.elements) listsIn(e.value, out);
  return out;
}

export function checkHandlers(ctx: CheckContext, facts: SecurityFacts): void {
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName.toLowerCase();
    if (key === 'cgi.assign' && a.rhs.type === 'array') {
      if (!facts.moduleLoaded(key)) continue;
      const i = a.rhs.elements.findIndex((e) => e.key === '');
      if (i < 0) continue;
      const chain = chainOf(a.scope);
      const restricted = chain.some(isPathCondition);
      const upload = webdavWritable(facts, a);
      if (restricted && !upload) continue;
      const e = a.rhs.elements[i];
      const handler = e.value.type === 'string' && e.value.value !== '' ? `"${e.value.value}"` : 'the file itself';
      const lit =
        a.node.value?.kind === 'array' && a.node.value.elements.length === a.rhs.elements.length
          ? a.node.value
          : undefined;
      ctx.report('cgi-everything', lit?.elements[i].key ?? a.node.key, {
        handler,
        where: a.scope.parent ? 'this block serves' : 'the server serves',
        upload: upload ? ', including the files clients upload here through WebDAV' : '',
      });
    } else if (key === 'webdav.activate' && boolOf(a.rhs) && facts.complete) {
      if (!facts.moduleLoaded(key) || !webdavWritable(facts, a)) continue;
      const prefix = urlPrefixOf(chainOf(a.scope));
      if (isGuarded(facts, a.scope, prefix)) continue;
      ctx.report(
        'webdav-writable',
        a.node.key,
        {
          where: prefix ? `under ${prefix}` : a.scope.parent ? 'wherever this block applies' : 'anywhere on the server',
        },
        {
          fixes: [
            insertAfter(ctx, a, 'webdav.is-readonly = "enable"', 'Make it read-only (webdav.is-readonly = "enable")'),
          ],
        },
      );
    } else if (key === 'extforward.forwarder' && a.rhs.type === 'array') {
      if (chainOf(a.scope).some(isAddressGuard)) continue; // only connections from those addresses
      const i = a.rhs.elements.findIndex(
        (e) => e.key?.toLowerCase() === 'all' && e.value.type === 'string' && e.value.value.toLowerCase() === 'trust',
      );
      if (i < 0) continue;
      const lit =
        a.node.value?.kind === 'array' && a.node.value.elements.length === a.rhs.elements.length
          ? a.node.value
          : undefined;
      ctx.report('extforward-trust-all', lit?.elements[i] ?? a.node.key);
    } else if (key === 'cgi.x-sendfile' && boolOf(a.rhs)) {
      const root = facts.effective(a.scope, 'cgi.x-sendfile-docroot');
      if (root && (root.value.type !== 'array' || listStrings(root.value).length > 0 || root.value.elements.length > 0))
        continue;
      ctx.report('sendfile-unbounded', a.node.key, { what: 'cgi.x-sendfile', docroot: 'cgi.x-sendfile-docroot' });
    } else if (BACKEND_KEYS.includes(key)) {
      // Host option lists: ( ext => ( ( options ), ... ) ) or ( ext => ( "name" => ( options ) ) ).
      for (const list of listsIn(a.node.value)) {
        const send = list.elements.find((e) => {
          const k = stringKey(e);
          return k === 'x-sendfile' || k === 'allow-x-send-file';
        });
        if (!send || send.value?.kind !== 'string' || !boolOf({ type: 'string', value: send.value.value })) continue;
        if (list.elements.some((e) => stringKey(e) === 'x-sendfile-docroot')) continue;
        ctx.report('sendfile-unbounded', send.key ?? send, {
          what: `"${(send.key as { value: string }).value}" in ${a.node.key.fullName}`,
          docroot: '"x-sendfile-docroot"',
        });
      }
    }
  }
}
