/**
 * The upgrade rules (`upgrade-*`): what changes for this configuration when lighttpd goes from
 * `upgradeFrom` (setting lighttpd.upgradeFrom, CLI --upgrade-from) to the target version. One rule per
 * entry of the behaviour-change table (schema/changes.ts) that a check can see in the model; each is
 * reported only where the change applies (the key that would pin the old behaviour is set neither in the
 * block nor in an enclosing one), with a quick fix that pins the old behaviour and one that adopts the new
 * one explicitly. Removed keys and modules are reported by `removed-directive` / `removed-module` at the
 * target version (directives.ts, modules.ts); this file adds the migration of the removed ssl.* options.
 *
 * Everything is read from the evaluated model: the values of each block after the whole configuration
 * (includes too) was read, which is what lighttpd applies. A key that an include we could not follow (or an
 * include_shell whose output is unknown) might set is never reported missing.
 */
import type { EvalValue, EvaluatedAssignment, Scope } from '../../analysis';
import type { ArrayValue, Assignment, Span } from '../../parser/ast';
import { compareVersions } from '../../schema';
import { knownShellScript } from '../../schema/shellScripts';
import type { ArgsOf, RuleCode } from '../diagnostics/rules';
import type { CheckContext, Fix, FixEdit, ReportRest } from './context';

/** The upgrade-* codes, and what a check passes besides the two versions. */
type UpgradeCode = Extract<RuleCode, `upgrade-${string}`>;
type UpgradeFacts<C extends UpgradeCode> = Omit<ArgsOf<C>, 'from' | 'target'>;

const ENABLED = /^(enable|enabled|true|1)$/i;

function isEnabled(v: EvalValue | undefined): boolean {
  return (v?.type === 'string' && ENABLED.test(v.value.trim())) || (v?.type === 'integer' && v.value === 1);
}

/** The value of `key` that applies in `scope`: set there or in an enclosing block. */
function lookup(scope: Scope, key: string): EvalValue | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const v = s.vars.get(key);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The element of a list value with this key (lighttpd compares list keys case-insensitively). */
function element(list: EvalValue | undefined, key: string): EvalValue | undefined {
  if (list?.type !== 'array') return undefined;
  const lower = key.toLowerCase();
  return list.elements.find((e) => e.key?.toLowerCase() === lower)?.value;
}

/** Where a statement ends and what to insert to add a statement after it, on its own line. */
function insertAfter(text: string, st: Span, statement: string): FixEdit {
  const nl = text.indexOf('\n', st.end);
  const lineEnd = nl < 0 ? text.length : nl;
  const rest = text.slice(st.end, lineEnd).trim();
  const lineStart = text.lastIndexOf('\n', st.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, st.start))?.[0] ?? '';
  if (rest === '' || rest.startsWith('#'))
    return {
      start: lineEnd,
      end: lineEnd,
      newText: `${text[lineEnd - 1] === '\r' ? '\r' : ''}\n${indent}${statement}`,
    };
  // Something else follows on the same line (`{ ssl.engine = "enable" }`): a second statement there.
  return { start: st.end, end: st.end, newText: ` ${statement}` };
}

const pinFixes = (text: string, after: Span, pin: string, adopt: string | undefined, from: string): Fix[] => {
  const fixes: Fix[] = [{ title: `Keep the ${from} behaviour: ${pin}`, edits: [insertAfter(text, after, pin)] }];
  if (adopt)
    fixes.push({ title: `Adopt the new behaviour explicitly: ${adopt}`, edits: [insertAfter(text, after, adopt)] });
  return fixes;
};

class UpgradeScan {
  readonly from: string;
  readonly ev;
  /** A key some unknown source (unresolved include, include_shell with unknown output) may set. */
  private readonly openKeys: 'all' | ReadonlySet<string>;

  constructor(
    readonly ctx: CheckContext,
    from: string,
  ) {
    this.from = from;
    this.ev = ctx.model.evaluation;
    let open: 'all' | Set<string> = new Set();
    if (this.ev.unresolvedIncludes.length > 0) open = 'all';
    else
      for (const inc of this.ev.includeShells) {
        const known = knownShellScript(inc)?.keys;
        if (!known) {
          open = 'all';
          break;
        }
        for (const k of known) open.add(k);
      }
    this.openKeys = open;
  }

  /** True when the change of `release` lies between the two versions (from < release <= target). */
  crosses(release: string): boolean {
    return compareVersions(this.from, release) < 0 && this.ctx.atLeast(release);
  }

  mayBeSetElsewhere(key: string): boolean {
    return this.openKeys === 'all' || this.openKeys.has(key);
  }

  /** Unset in `scope` and around it, and no unknown source could set it. */
  unset(scope: Scope, key: string): boolean {
    return lookup(scope, key) === undefined && !this.mayBeSetElsewhere(key);
  }

  /** This document is the main config: notes about server-wide defaults are reported here only. */
  get isMain(): boolean {
    const m = this.ctx.model;
    return !m.root || m.root === m.path;
  }

  own(key: string): EvaluatedAssignment[] {
    return this.ctx.assignments.filter((a) => a.node.key.fullName === key && a.node.operator);
  }

  /**
   * Where a note about a server-wide default goes in the main config: the first global assignment of one
   * of `keys`, else the first `server.modules`, else the first global assignment.
   */
  globalAnchor(keys: readonly string[]): Assignment | undefined {
    const global = this.ctx.assignments.filter((a) => a.scope === this.ev.global && a.node.operator);
    for (const k of [...keys, 'server.modules']) {
      const a = global.find((x) => x.node.key.fullName === k);
      if (a) return a.node;
    }
    return global.find((a) => !a.node.key.fullName.startsWith('var.'))?.node;
  }

  report<C extends UpgradeCode>(code: C, at: Span, facts: UpgradeFacts<C>, fixes: Fix[]): void {
    const args = { from: this.from, target: this.ctx.version, ...facts } as unknown as ArgsOf<C>;
    this.ctx.report(code, at, ...([args, { fixes }] as unknown as ReportRest<C>));
  }
}

type UpgradeRule = (scan: UpgradeScan) => void;

/** 1.4.40: directory listings hide dot files. */
const dirListingDotfiles: UpgradeRule = (s) => {
  if (!s.crosses('1.4.40')) return;
  const done = new Set<Scope>();
  for (const a of [...s.own('dir-listing.activate'), ...s.own('server.dir-listing')]) {
    if (done.has(a.scope) || !isEnabled(a.result) || !s.unset(a.scope, 'dir-listing.hide-dotfiles')) continue;
    done.add(a.scope);
    s.report(
      'upgrade-dirlisting-dotfiles',
      a.node.key,
      { release: '1.4.40' },
      pinFixes(
        s.ctx.text,
        a.node,
        'dir-listing.hide-dotfiles = "disable"',
        'dir-listing.hide-dotfiles = "enable"',
        s.from,
      ),
    );
  }
};

/** A server-wide default that changed; reported once, in the main config. */
function globalDefault(
  release: string,
  code: 'upgrade-url-normalize' | 'upgrade-keep-alive-requests',
  key: string,
  pin: string,
  adopt: string,
  applies: (s: UpgradeScan) => boolean = () => true,
): UpgradeRule {
  return (s) => {
    if (!s.crosses(release) || !s.isMain || !s.unset(s.ev.global, key) || !applies(s)) return;
    const at = s.globalAnchor([key]);
    if (at) s.report(code, at.key, { release }, pinFixes(s.ctx.text, at, pin, adopt, s.from));
  };
}

const urlNormalize = globalDefault(
  '1.4.54',
  'upgrade-url-normalize',
  'server.http-parseopts',
  'server.http-parseopts = ( "url-normalize" => "disable" )',
  'server.http-parseopts = ( "url-normalize" => "enable" )',
);

const keepAliveRequests = globalDefault(
  '1.4.65',
  'upgrade-keep-alive-requests',
  'server.max-keep-alive-requests',
  'server.max-keep-alive-requests = 100',
  'server.max-keep-alive-requests = 1000',
);

/** The feature flag `flag` as the config sets it at global scope (undefined: not set, or unknowable). */
function featureFlag(s: UpgradeScan, flag: string): EvalValue | 'unknown' | undefined {
  const ff = lookup(s.ev.global, 'server.feature-flags');
  if (ff?.type === 'unknown' || (ff === undefined && s.mayBeSetElsewhere('server.feature-flags'))) return 'unknown';
  if (ff?.type === 'array' && ff.elements.some((e) => e.value.type === 'unknown' && e.key === undefined))
    return 'unknown';
  return element(ff, flag);
}

/** 1.4.59: HTTP/2 on by default. */
const http2: UpgradeRule = (s) => {
  if (!s.crosses('1.4.59') || !s.isMain || featureFlag(s, 'server.h2proto') !== undefined) return;
  const at = s.globalAnchor(['server.feature-flags']);
  if (!at) return;
  s.report(
    'upgrade-http2',
    at.key,
    { release: '1.4.59' },
    pinFixes(
      s.ctx.text,
      at,
      'server.feature-flags += ( "server.h2proto" => "disable" )',
      'server.feature-flags += ( "server.h2proto" => "enable" )',
      s.from,
    ),
  );
};

/** The blocks that configure a listening socket: global and each `$SERVER["socket"] == "..."`. */
function socketScopes(s: UpgradeScan): Scope[] {
  const out: Scope[] = [s.ev.global];
  for (const c of s.ev.conditions) {
    const h = c.branch.head;
    if (
      h?.object?.name === 'SERVER' &&
      h.operator?.text === '==' &&
      c.field.type === 'string' &&
      c.field.value === 'socket' &&
      c.parent === s.ev.global &&
      !out.includes(c.scope)
    )
      out.push(c.scope);
  }
  return out;
}

/** 1.4.83: Upgrade: h2c off by default (it was on with HTTP/2 from 1.4.59). */
const h2c: UpgradeRule = (s) => {
  if (!s.crosses('1.4.83') || compareVersions(s.from, '1.4.59') < 0 || !s.isMain) return;
  const proto = featureFlag(s, 'server.h2proto');
  if (proto === 'unknown' || (proto !== undefined && !isEnabled(proto))) return;
  if (featureFlag(s, 'server.h2c') !== undefined) return;
  // Only cleartext sockets offer h2c.
  if (!socketScopes(s).some((sc) => !isEnabled(lookup(sc, 'ssl.engine')))) return;
  const at = s.globalAnchor(['server.feature-flags']);
  if (!at) return;
  s.report(
    'upgrade-h2c',
    at.key,
    { release: '1.4.83' },
    pinFixes(
      s.ctx.text,
      at,
      'server.feature-flags += ( "server.h2c" => "enable" )',
      'server.feature-flags += ( "server.h2c" => "disable" )',
      s.from,
    ),
  );
};

/** The TLS minimum lighttpd applies without MinProtocol, by release. */
function tlsMinimum(version: string): string {
  if (compareVersions(version, '1.4.56') < 0) return 'TLSv1';
  if (compareVersions(version, '1.4.77') < 0) return 'TLSv1.2';
  return 'TLSv1.3';
}

/** 1.4.56 (TLSv1.2) and 1.4.77 (TLSv1.3): the minimum protocol of TLS sockets. */
const tlsMinProtocol: UpgradeRule = (s) => {
  const before = tlsMinimum(s.from);
  const after = tlsMinimum(s.ctx.version);
  if (before === after || compareVersions(s.from, s.ctx.version) >= 0) return;
  const release = [s.crosses('1.4.56') ? '1.4.56' : '', s.crosses('1.4.77') ? '1.4.77' : '']
    .filter(Boolean)
    .join(' and ');
  if (s.mayBeSetElsewhere('ssl.openssl.ssl-conf-cmd')) return;
  for (const scope of socketScopes(s)) {
    const engine = scope.setAt.get('ssl.engine');
    if (!engine || !isEnabled(scope.vars.get('ssl.engine'))) continue;
    const own = s.ctx.assignments.find((a) => a.node === engine);
    if (!own) continue; // written in another file: reported there
    const cmd = lookup(scope, 'ssl.openssl.ssl-conf-cmd');
    if (cmd && (cmd.type !== 'array' || cmd.elements.some((e) => e.value.type === 'unknown'))) continue;
    if (element(cmd, 'MinProtocol') !== undefined || element(cmd, 'Protocol') !== undefined) continue;
    s.report(
      'upgrade-tls-min-protocol',
      engine.key,
      { release, before, after },
      pinFixes(
        s.ctx.text,
        engine,
        `ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "${before}" )`,
        `ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "${after}" )`,
        s.from,
      ),
    );
  }
};

/** 1.4.75: url.redirect answers 308 (not 301) to methods other than GET and HEAD. */
const redirectCode: UpgradeRule = (s) => {
  if (!s.crosses('1.4.75')) return;
  const mods = s.ctx.model.modules;
  if (!mods.open && !mods.names.has('mod_redirect')) return; // module-not-loaded says what matters
  const done = new Set<Scope>();
  for (const a of s.own('url.redirect')) {
    if (done.has(a.scope) || !s.unset(a.scope, 'url.redirect-code')) continue;
    if (a.result.type === 'array' && a.result.elements.length === 0) continue;
    done.add(a.scope);
    s.report(
      'upgrade-redirect-code',
      a.node.key,
      { release: '1.4.75' },
      pinFixes(s.ctx.text, a.node, 'url.redirect-code = 301', 'url.redirect-code = 308', s.from),
    );
  }
};

/** 1.4.77: server.error-handler-404 no longer handles 403. */
const errorHandler404: UpgradeRule = (s) => {
  if (!s.crosses('1.4.77')) return;
  const done = new Set<Scope>();
  for (const a of s.own('server.error-handler-404')) {
    if (done.has(a.scope) || !s.unset(a.scope, 'server.error-handler')) continue;
    if (a.result.type === 'string' && a.result.value === '') continue;
    done.add(a.scope);
    const value = a.node.value ? s.ctx.source(a.node.value) : undefined;
    s.report(
      'upgrade-error-handler-404',
      a.node.key,
      { release: '1.4.77' },
      value
        ? [
            {
              title: `Send every error status (403 too) to the handler: server.error-handler = ${value}`,
              edits: [insertAfter(s.ctx.text, a.node, `server.error-handler = ${value}`)],
            },
          ]
        : [],
    );
  }
};

/** 1.4.80: mod_staticfile answers 404 to URLs with path info. */
const staticPathinfo: UpgradeRule = (s) => {
  if (!s.crosses('1.4.80') || !s.isMain || !s.unset(s.ev.global, 'static-file.disable-pathinfo')) return;
  const mods = s.ctx.model.modules;
  if (!mods.names.has('mod_staticfile') && mods.compatDisabled) return;
  // On the "mod_staticfile" entry of server.modules when it is written here.
  let at: Span | undefined;
  let stmt: Assignment | undefined;
  for (const a of s.own('server.modules')) {
    const lit = a.node.value?.kind === 'array' ? (a.node.value as ArrayValue) : undefined;
    const el = lit?.elements.find((e) => e.value?.kind === 'string' && e.value.value === 'mod_staticfile');
    if (el) {
      at = el.value;
      stmt = a.node;
      break;
    }
  }
  if (!stmt) {
    stmt = s.globalAnchor(['static-file.exclude-extensions']);
    at = stmt?.key;
  }
  if (!stmt || !at) return;
  s.report(
    'upgrade-static-pathinfo',
    at,
    { release: '1.4.80' },
    pinFixes(
      s.ctx.text,
      stmt,
      'static-file.disable-pathinfo = "disable"',
      'static-file.disable-pathinfo = "enable"',
      s.from,
    ),
  );
};

/**
 * 1.4.85: an alias.url entry after a shorter entry that is its prefix is fatal wherever it is in the list;
 * before, only when no unrelated entry stood between them (mod_alias_check_order).
 */
const aliasOrder: UpgradeRule = (s) => {
  if (!s.crosses('1.4.85')) return;
  const scopes = new Map<Scope, EvaluatedAssignment[]>();
  for (const a of s.own('alias.url')) scopes.set(a.scope, [...(scopes.get(a.scope) ?? []), a]);
  for (const [scope, own] of scopes) {
    const list = scope.vars.get('alias.url');
    if (list?.type !== 'array') continue;
    const keys = list.elements.map((e) => e.key);
    if (keys.some((k) => k === undefined)) continue;
    const ks = keys as string[];
    const oldFails = ks.some(
      (p, j) => ks[j + 1] !== undefined && ks[j + 1].length >= p.length && ks[j + 1].startsWith(p),
    );
    if (oldFails) continue; // refused already by the old version (lighttpd -t says so)
    for (let j = 0; j < ks.length; j++) {
      const k = ks.findIndex((key, i) => i > j && key.startsWith(ks[j]));
      if (k < 0) continue;
      reportAlias(s, own, ks[j], ks[k]);
      break;
    }
  }
};

function reportAlias(s: UpgradeScan, own: EvaluatedAssignment[], prefix: string, shadowed: string): void {
  // The literal entries, when this document writes them.
  const literal = (key: string) => {
    for (const a of own) {
      const lit = a.node.value?.kind === 'array' ? (a.node.value as ArrayValue) : undefined;
      const i = lit?.elements.findIndex((e) => e.key?.kind === 'string' && e.key.value === key) ?? -1;
      if (lit && i >= 0) return { a, lit, i };
    }
    return undefined;
  };
  const k = literal(shadowed);
  const j = literal(prefix);
  const at = k ? (k.lit.elements[k.i].key ?? k.lit.elements[k.i]) : own[own.length - 1].node.key;
  const fixes: Fix[] = [];
  if (k && j && k.lit === j.lit && k.i > j.i) {
    const el = k.lit.elements[k.i];
    const prev = k.lit.elements[k.i - 1];
    const remove: FixEdit = { start: prev.end, end: el.end, newText: '' };
    fixes.push({ title: `Keep the ${s.from} behaviour: remove "${shadowed}" (it never matched)`, edits: [remove] });
    const target = j.lit.elements[j.i];
    fixes.push({
      title: `Move "${shadowed}" before "${prefix}" (it then matches)`,
      edits: [{ start: target.start, end: target.start, newText: `${s.ctx.source(el)}, ` }, remove],
    });
  }
  s.report('upgrade-alias-order', at, { release: '1.4.85', prefix, shadowed }, fixes);
}

const RULES_IN_ORDER: readonly UpgradeRule[] = [
  dirListingDotfiles,
  urlNormalize,
  tlsMinProtocol,
  http2,
  keepAliveRequests,
  redirectCode,
  errorHandler404,
  staticPathinfo,
  h2c,
  aliasOrder,
];

/** The `upgrade-*` rules; nothing unless an upgrade source older than the target is set. */
export function checkUpgrade(ctx: CheckContext): void {
  const from = ctx.upgradeFrom;
  if (!from || compareVersions(from, ctx.version) >= 0 || ctx.model.lenient) return;
  const scan = new UpgradeScan(ctx, from);
  for (const rule of RULES_IN_ORDER) rule(scan);
}

/**
 * The migration of a removed ssl.* option (1.4.68) to ssl.openssl.ssl-conf-cmd, as a quick fix that
 * replaces the assignment; options with no equivalent are removed. Undefined for other keys.
 */
export function sslMigrationFix(ctx: CheckContext, a: EvaluatedAssignment): Fix | undefined {
  const key = a.node.key.fullName;
  const value = a.node.value ? ctx.source(a.node.value) : undefined;
  const replace = (statement: string, title: string): Fix => ({
    title,
    edits: [{ start: a.node.start, end: a.node.end, newText: statement }],
    preferred: true,
  });
  const conf = (cmd: string, v: string) => `ssl.openssl.ssl-conf-cmd += ( "${cmd}" => ${v} )`;
  const on = isEnabled(a.rhs);
  switch (key) {
    case 'ssl.dh-file':
      return value
        ? replace(conf('DHParameters', value), 'Migrate to ssl.openssl.ssl-conf-cmd "DHParameters"')
        : undefined;
    case 'ssl.ec-curve':
      return value ? replace(conf('Curves', value), 'Migrate to ssl.openssl.ssl-conf-cmd "Curves"') : undefined;
    case 'ssl.honor-cipher-order':
      return replace(
        conf('Options', on ? '"ServerPreference"' : '"-ServerPreference"'),
        'Migrate to ssl.openssl.ssl-conf-cmd "Options"',
      );
    case 'ssl.use-sslv3':
      return on
        ? replace(conf('MinProtocol', '"SSLv3"'), 'Migrate to ssl.openssl.ssl-conf-cmd "MinProtocol"')
        : replace('', `Remove ${key} (SSLv3 is off without it)`);
    case 'ssl.use-sslv2':
    case 'ssl.empty-fragments':
      return replace('', `Remove ${key} (it has no effect)`);
    default:
      return undefined;
  }
}
