/**
 * Rule `secret-served`: a file the configuration itself names as secret (an auth user or group file, a TLS
 * private key or certificate-and-key file, TLS session ticket keys, the WebDAV property database) lies under a
 * document root or an alias.url target, so mod_staticfile sends it to anyone who asks for its URL, and
 * nothing stops that request: no url.access-deny suffix, no static-file.exclude-extensions, no block on its
 * URL that denies it, asks for authentication or hands it to a backend or a rewrite, no address guard.
 *
 * Paths are the evaluated values (variables resolved, per block): every block that sets its own document root
 * or alias.url is a place that serves; the URL is the file's path below that root. Relative paths (resolved
 * against lighttpd's working directory, unknown here) and configurations we cannot see whole are left alone:
 * a deny we cannot see must not turn into a false alarm.
 */
import type { Scope } from '../../../analysis';
import { translatePcre } from '../../../analysis/simulate/pcre';
import type { CheckContext } from '../context';
import { blockCondition, listStrings, type BlockCondition, type SecurityFacts } from './facts';
import { isGuarded } from './guards';

/** Keys whose value is a file lighttpd reads that must stay private, and what it holds. */
const SECRET_KEYS: Readonly<Record<string, string>> = {
  'auth.backend.htpasswd.userfile': 'the password hashes of every user',
  'auth.backend.htdigest.userfile': 'the password digests of every user',
  'auth.backend.plain.userfile': 'the passwords of every user, in plain text',
  'auth.backend.plain.groupfile': 'the user groups of the authentication',
  'ssl.pemfile': 'the TLS certificate, usually with its private key',
  'ssl.privkey': 'the TLS private key',
  'ssl.stek-file': 'the TLS session ticket keys',
  'webdav.sqlite-db-name': 'the WebDAV database (locks and properties)',
};

/** "/a/./b//c/../d" -> "/a/b/d" (no file system: links are not followed). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** The URL path below `root` that names `file`, or undefined when the file is not under it. */
export function urlUnder(root: string, file: string): string | undefined {
  if (!root.startsWith('/') || !file.startsWith('/')) return undefined;
  const r = normalizePath(root);
  const f = normalizePath(file);
  if (r === '/') return f;
  return f.startsWith(r + '/') ? f.slice(r.length) : undefined;
}

/** Does condition `c` hold for URL path `url`? undefined when it is not about the URL (or cannot be run). */
function urlConditionHolds(c: BlockCondition, url: string): boolean | undefined {
  if (!(c.object === 'HTTP' && c.field === 'url') || c.value === undefined) return undefined;
  const v = c.value;
  switch (c.op) {
    case '==':
      return url === v;
    case '!=':
      return url !== v;
    case '=^':
      return url.startsWith(v);
    case '=$':
      return url.endsWith(v);
    case '=~':
    case '!~': {
      const t = translatePcre(v);
      if (!t.ok) return undefined;
      return t.regex.test(url) === (c.op === '=~');
    }
    default:
      return undefined;
  }
}

/** May a request for `url` reach the block (no URL condition of its chain is known to fail)? */
function mayReach(scope: Scope, url: string): boolean {
  for (let s: Scope | undefined = scope; s?.parent; s = s.parent) {
    const c = blockCondition(s);
    if (c && urlConditionHolds(c, url) === false) return false;
  }
  return true;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Something stops a request for `url` (the file `file`) served by the block `served`. */
function stopped(facts: SecurityFacts, served: Scope, url: string, file: string): boolean {
  if (isGuarded(facts, served, url)) return true;
  const name = fileName(file).toLowerCase();
  const endsWith = (suffixes: readonly string[]) => suffixes.some((x) => name.endsWith(x.toLowerCase()));
  const exclude = facts.effective(served, 'static-file.exclude-extensions');
  if (exclude && (exclude.value.type !== 'array' || endsWith(listStrings(exclude.value)))) return true;
  for (const s of facts.evaluation.scopes) {
    // A block the request can reach (the served block itself, its parents, or a URL block matching it).
    if (!mayReach(s, url)) continue;
    const deny = facts.ownValue(s, 'url.access-deny');
    if (deny && facts.moduleLoaded('url.access-deny')) {
      if (deny.type !== 'array') return true;
      const d = listStrings(deny);
      if (d.includes('') || endsWith(d)) return true;
    }
    if (facts.ownValue(s, 'auth.require')) return true;
    for (const key of ['url.rewrite-once', 'url.rewrite', 'url.rewrite-final', 'url.rewrite-repeat', 'url.redirect']) {
      const v = facts.ownValue(s, key);
      if (!v || !facts.moduleLoaded(key)) continue;
      if (v.type !== 'array') return true;
      for (const pattern of listStrings(v, true)) {
        const t = translatePcre(pattern);
        if (!t.ok || t.regex.test(url)) return true;
      }
    }
    for (const key of ['proxy.server', 'fastcgi.server', 'scgi.server', 'ajp13.server']) {
      const v = facts.ownValue(s, key);
      if (!v || !facts.moduleLoaded(key)) continue;
      if (v.type !== 'array') return true;
      for (const k of listStrings(v, true))
        if (k === '' || (k.startsWith('/') ? url.startsWith(k) : name.endsWith(k.toLowerCase()))) return true;
    }
  }
  return false;
}

/** The places that serve files: each block's own document root, each alias.url entry. */
function servingRoots(facts: SecurityFacts): { scope: Scope; root: string; prefix: string; what: string }[] {
  const out: { scope: Scope; root: string; prefix: string; what: string }[] = [];
  for (const s of facts.evaluation.scopes) {
    const root = facts.ownValue(s, 'server.document-root');
    if (root?.type === 'string')
      out.push({ scope: s, root: root.value, prefix: '', what: `the document root "${root.value}"` });
    const alias = facts.ownValue(s, 'alias.url');
    if (alias?.type === 'array' && facts.moduleLoaded('alias.url'))
      for (const e of alias.elements)
        if (e.key !== undefined && e.value.type === 'string')
          out.push({
            scope: s,
            root: e.value.value,
            prefix: e.key.replace(/\/$/, ''),
            what: `the alias.url target "${e.value.value}" (URL "${e.key}")`,
          });
  }
  return out;
}

export function checkSecrets(ctx: CheckContext, facts: SecurityFacts): void {
  if (!facts.complete || ctx.model.lenient) return;
  let roots: ReturnType<typeof servingRoots> | undefined;
  for (const a of Object.keys(SECRET_KEYS).flatMap((k) => facts.assignmentsOf(k))) {
    const key = a.node.key.fullName.toLowerCase();
    const holds = SECRET_KEYS[key];
    if (!facts.mine.has(a) || a.rhs.type !== 'string' || !a.node.value || !facts.moduleLoaded(key)) continue;
    const file = a.rhs.value;
    if (!file.startsWith('/')) continue;
    roots ??= servingRoots(facts);
    for (const r of roots) {
      const below = urlUnder(r.root, file);
      if (below === undefined) continue;
      const url = r.prefix + below;
      if (stopped(facts, r.scope, url, file)) continue;
      ctx.report('secret-served', a.node.value, {
        key: a.node.key.fullName,
        file,
        holds,
        where: r.what,
        block: r.scope.parent ? ` for requests matching ${r.scope.condition}` : '',
        url,
        name: fileName(file),
      });
      break;
    }
  }
}
