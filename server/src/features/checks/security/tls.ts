/**
 * Rules `weak-tls` and `hsts-missing` (src/mod_openssl.c: ssl.openssl.ssl-conf-cmd goes to SSL_CONF_cmd(),
 * ssl.cipher-list is the "CipherString" command; TLS settings take effect on a socket whose ssl.engine is
 * enabled, global or in its $SERVER["socket"] block) and `parseopts-unsafe` (src/configfile.c
 * config_http_parseopts: header-strict, host-strict and url-ctrls-reject are on by default; turning
 * url-normalize off clears every url-* option).
 */
import type { EvalValue, EvaluatedAssignment, Scope } from '../../../analysis';
import type { CheckContext } from '../context';
import { locateElements } from '../context';
import { blockCondition, boolOf, listStrings, type SecurityFacts } from './facts';

const OLD_PROTOCOLS = new Set(['none', 'sslv2', 'sslv3', 'tlsv1', 'tlsv1.0', 'tlsv1.1']);

/** Cipher-string words that turn on broken or unauthenticated ciphers (when not preceded by ! or -). */
const WEAK_CIPHER =
  /^(RC4|RC2|DES|3DES|MD5|IDEA|SEED|LOW|EXP|EXPORT|EXPORT40|EXPORT56|NULL|eNULL|aNULL|COMPLEMENTOFALL|ADH|AECDH)$|(^|-)(RC4|DES-CBC|DES-CBC3|NULL|EXP|MD5|ADH|AECDH|anon)(-|$)/i;

/** The weak words a cipher string enables. */
export function weakCiphers(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(/[:, ]+/)) {
    if (!part || /^[!\-+@]/.test(part)) continue;
    for (const w of part.split('+')) if (WEAK_CIPHER.test(w)) out.push(w);
  }
  return [...new Set(out)];
}

function isSocketBlock(s: Scope): boolean {
  const c = blockCondition(s);
  return c?.object === 'SERVER' && c.field === 'socket' && c.op === '==';
}

const PARSEOPTS: Readonly<Record<string, string>> = {
  'header-strict':
    'request header lines with control characters are accepted and passed on to backends (the ground for request smuggling and log injection)',
  'host-strict':
    'Host headers with characters no host name has are accepted, and reach $HTTP["host"] conditions, %n in redirects and backends',
  'url-ctrls-reject': 'URLs with control characters are accepted and reach conditions, logs and backends',
  'url-normalize':
    'every url-* option goes with it, url-ctrls-reject included: URLs with control characters are accepted and reach conditions, logs and backends',
};

function report(ctx: CheckContext, at: { start: number; end: number }, detail: string): void {
  ctx.report('weak-tls', at, { detail });
}

function checkConfCmd(ctx: CheckContext, a: EvaluatedAssignment): void {
  if (!a.node.value) return;
  for (const e of locateElements(a.rhs, a.node.value, a.node.value)) {
    if (e.key === undefined || e.value.type !== 'string') continue;
    const k = e.key.toLowerCase();
    const v = e.value.value;
    if (k === 'minprotocol' && OLD_PROTOCOLS.has(v.trim().toLowerCase())) {
      report(
        ctx,
        e.valueSpan,
        `MinProtocol "${v}" lets clients negotiate ${v.toLowerCase() === 'none' ? 'any protocol, SSL 3 and TLS 1.0 included' : v}, which is deprecated (RFC 8996) and open to downgrade attacks; use "TLSv1.2"`,
      );
    } else if (k === 'protocol') {
      const on = v
        .split(/[,\s]+/)
        .filter((t) => t && !t.startsWith('-'))
        .map((t) => t.replace(/^\+/, ''))
        .filter((t) => OLD_PROTOCOLS.has(t.toLowerCase()) || t.toLowerCase() === 'all');
      if (on.length)
        report(ctx, e.valueSpan, `Protocol "${v}" enables ${on.join(', ')}, deprecated protocols (RFC 8996)`);
    } else if (k === 'ciphersuites' || k === 'cipherstring') {
      const weak = weakCiphers(v);
      if (weak.length)
        report(
          ctx,
          e.valueSpan,
          `${e.key} "${v}" enables ${weak.join(', ')}: broken or unauthenticated ciphers a network attacker can read or impersonate`,
        );
    }
  }
}

/** Weak protocols, ciphers and parse options, assignment by assignment. */
export function checkTls(ctx: CheckContext): void {
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName.toLowerCase();
    if (key === 'ssl.openssl.ssl-conf-cmd' && a.rhs.type === 'array') checkConfCmd(ctx, a);
    else if (key === 'ssl.cipher-list' && a.rhs.type === 'string') {
      const weak = weakCiphers(a.rhs.value);
      if (weak.length)
        report(
          ctx,
          a.node.value ?? a.node.key,
          `ssl.cipher-list "${a.rhs.value}" enables ${weak.join(', ')}: broken or unauthenticated ciphers a network attacker can read or impersonate`,
        );
    } else if ((key === 'ssl.use-sslv2' || key === 'ssl.use-sslv3') && boolOf(a.rhs) && !ctx.atLeast('1.4.68')) {
      const proto = key.endsWith('v2') ? 'SSL 2' : 'SSL 3';
      report(
        ctx,
        a.node.value ?? a.node.key,
        `${a.node.key.fullName} enables ${proto}, broken protocols (${proto === 'SSL 3' ? 'POODLE' : 'DROWN'}) a network attacker can downgrade clients to`,
      );
    } else if (key === 'server.http-parseopts' && a.rhs.type === 'array' && a.node.value) {
      for (const e of locateElements(a.rhs, a.node.value, a.node.value)) {
        const k = e.key?.toLowerCase();
        if (k && k in PARSEOPTS && boolOf(e.value) === false && e.value.type === 'string')
          ctx.report('parseopts-unsafe', e.valueSpan, { option: `"${e.key}"`, effect: PARSEOPTS[k] });
      }
    } else if (
      (key === 'server.http-parseopt-header-strict' || key === 'server.http-parseopt-host-strict') &&
      boolOf(a.rhs) === false
    ) {
      const opt = key.endsWith('header-strict') ? 'header-strict' : 'host-strict';
      ctx.report('parseopts-unsafe', a.node.value ?? a.node.key, {
        option: a.node.key.fullName,
        effect: PARSEOPTS[opt],
      });
    }
  }
}

/** TLS keys on a socket that is not TLS, and the advice on HSTS for a TLS config (whole configuration). */
export function checkTlsEngine(ctx: CheckContext, facts: SecurityFacts): void {
  if (!facts.complete || ctx.model.lenient) return;
  const setting = facts.scopesSetting('ssl.engine');
  if (setting.some((s) => boolOf(facts.ownValue(s, 'ssl.engine')) === undefined)) return;
  const engineScopes = setting.filter((s) => boolOf(facts.ownValue(s, 'ssl.engine')));
  for (const a of ctx.assignments) {
    if (a.node.key.fullName.toLowerCase() !== 'ssl.pemfile') continue;
    const s = a.scope;
    if (!s.parent) {
      if (engineScopes.length === 0)
        report(
          ctx,
          a.node.key,
          'ssl.pemfile is set but ssl.engine is enabled nowhere: no socket speaks TLS, every request arrives over plain HTTP',
        );
    } else if (isSocketBlock(s)) {
      const on = facts.effective(s, 'ssl.engine');
      if (!on || boolOf(on.value) === false)
        report(
          ctx,
          a.node.key,
          `ssl.pemfile is set for ${s.condition} but ssl.engine is not enabled there: that socket serves plain HTTP and the certificate is unused`,
        );
    }
  }
  // HSTS: advice, once, on the first ssl.engine that enables TLS in this document.
  if (engineScopes.length === 0) return;
  const first = ctx.assignments.find(
    (a) => a.node.key.fullName.toLowerCase() === 'ssl.engine' && boolOf(a.rhs) && engineScopes.includes(a.scope),
  );
  if (!first) return;
  const headerKeys = ['setenv.add-response-header', 'setenv.set-response-header'];
  const hsts = facts.evaluation.scopes.some((s) =>
    headerKeys.some((k) => {
      const v: EvalValue | undefined = facts.ownValue(s, k);
      return v?.type === 'unknown' || listStrings(v, true).some((h) => h.toLowerCase() === 'strict-transport-security');
    }),
  );
  // A backend may send it; mod_magnet may add it: only advise when neither is in sight.
  const other = facts.evaluation.scopes.some((s) =>
    [...s.vars.keys()].some((k) => /^(magnet\.|fastcgi\.server|proxy\.server|scgi\.server|ajp13\.server)/i.test(k)),
  );
  if (!hsts && !other) ctx.report('hsts-missing', first.node.key);
}
