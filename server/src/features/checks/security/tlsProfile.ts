/**
 * Rule `tls-profile`: TLS settings written in the configuration that fall below the profile of Mozilla's
 * server-side TLS guidelines chosen with `lighttpd.security.tlsProfile` (schema/tlsProfiles.ts; default
 * intermediate, `off` turns the rule off). Judged: ssl.openssl.ssl-conf-cmd "MinProtocol" / "Protocol" and
 * "CipherString", and ssl.cipher-list (mod_openssl hands it to OpenSSL as CipherString). A cipher string is
 * evaluated the way OpenSSL reads one (words joined with ":", "+" for "and", "!" and "-" to remove) over the
 * TLS 1.2 suites in common use; a word we do not know leaves the string unjudged, so that nothing is claimed
 * we cannot show. What the configuration does not set is lighttpd's default for the target release, which
 * counts as compliant where it is: only the minimum protocol of a TLS socket is compared (TLSv1.2 from 1.4.56,
 * TLSv1.3 from 1.4.77), for the modern profile.
 */
import type { EvaluatedAssignment, Scope } from '../../../analysis';
import { TLS_PROFILES, type TlsProfile } from '../../../schema/tlsProfiles';
import type { Span } from '../../../parser/ast';
import type { CheckContext } from '../context';
import { locateElements } from '../context';
import { boolOf, type SecurityFacts } from './facts';

interface Suite {
  readonly name: string;
  readonly kx: 'ECDHE' | 'DHE' | 'RSA';
  readonly au: 'RSA' | 'ECDSA';
  readonly enc: 'AESGCM' | 'CHACHA20' | 'AES' | '3DES' | 'RC4' | 'CAMELLIA';
  readonly bits: 128 | 256 | 112;
  readonly mac: 'AEAD' | 'SHA1' | 'SHA256' | 'SHA384' | 'MD5';
}

function suite(name: string): Suite {
  const kx = name.startsWith('ECDHE-') ? 'ECDHE' : /^(DHE|EDH)-/.test(name) ? 'DHE' : 'RSA';
  const au = name.includes('ECDSA') ? 'ECDSA' : 'RSA';
  const enc = name.includes('GCM')
    ? 'AESGCM'
    : name.includes('CHACHA20')
      ? 'CHACHA20'
      : name.includes('DES-CBC3')
        ? '3DES'
        : name.includes('RC4')
          ? 'RC4'
          : name.includes('CAMELLIA')
            ? 'CAMELLIA'
            : 'AES';
  const bits = enc === '3DES' ? 112 : /256/.test(name.replace(/SHA256$/, '')) || enc === 'CHACHA20' ? 256 : 128;
  const mac =
    enc === 'AESGCM' || enc === 'CHACHA20'
      ? 'AEAD'
      : name.endsWith('SHA384')
        ? 'SHA384'
        : name.endsWith('SHA256')
          ? 'SHA256'
          : name.endsWith('MD5')
            ? 'MD5'
            : 'SHA1';
  return { name, kx, au, enc, bits: bits as Suite['bits'], mac };
}

/** The TLS 1.2-and-older suites a cipher string is evaluated over (OpenSSL names). */
const SUITES: readonly Suite[] = [
  ...TLS_PROFILES.old.ciphers,
  'ECDHE-RSA-DES-CBC3-SHA',
  'EDH-RSA-DES-CBC3-SHA',
  'DHE-RSA-AES128-SHA',
  'DHE-RSA-AES256-SHA',
  'CAMELLIA128-SHA',
  'CAMELLIA256-SHA',
  'DHE-RSA-CAMELLIA128-SHA',
  'DHE-RSA-CAMELLIA256-SHA',
  'RC4-SHA',
  'RC4-MD5',
  'ECDHE-RSA-RC4-SHA',
].map(suite);

const BY_NAME = new Map(SUITES.map((s) => [s.name, s]));

/** The suites one word of a cipher string selects; undefined for a word we do not know. */
function select(word: string): readonly Suite[] | undefined {
  const w = word.toUpperCase();
  const named = BY_NAME.get(w) ?? BY_NAME.get(w.replace(/^EDH-/, 'DHE-'));
  if (named) return [named];
  const where = (f: (s: Suite) => boolean) => SUITES.filter(f);
  switch (w) {
    case 'ALL':
    case 'COMPLEMENTOFNONE':
      return SUITES;
    case 'DEFAULT':
      return where((s) => s.enc !== 'RC4');
    case 'HIGH':
      return where((s) => s.enc !== '3DES' && s.enc !== 'RC4');
    case 'MEDIUM':
      return where((s) => s.enc === '3DES' || s.enc === 'RC4');
    case 'LOW':
    case 'EXP':
    case 'EXPORT':
    case 'EXPORT40':
    case 'EXPORT56':
    case 'NULL':
    case 'ENULL':
    case 'ANULL':
    case 'ADH':
    case 'AECDH':
    case 'PSK':
    case 'SRP':
    case 'DSS':
    case 'ADSS':
    case 'IDEA':
    case 'SEED':
    case 'DES':
    case 'COMPLEMENTOFDEFAULT':
    case 'COMPLEMENTOFALL':
      return w === 'COMPLEMENTOFDEFAULT' ? where((s) => s.enc === 'RC4') : [];
    case 'KRSA':
      return where((s) => s.kx === 'RSA');
    case 'ARSA':
      return where((s) => s.au === 'RSA');
    case 'RSA':
      return where((s) => s.kx === 'RSA' || s.au === 'RSA');
    case 'ECDHE':
    case 'EECDH':
    case 'KECDHE':
    case 'KEECDH':
      return where((s) => s.kx === 'ECDHE');
    case 'DHE':
    case 'EDH':
    case 'KDHE':
    case 'KEDH':
      return where((s) => s.kx === 'DHE');
    case 'ECDSA':
    case 'AECDSA':
      return where((s) => s.au === 'ECDSA');
    case 'AES':
      return where((s) => s.enc === 'AES' || s.enc === 'AESGCM');
    case 'AES128':
    case 'AES256':
      return where((s) => (s.enc === 'AES' || s.enc === 'AESGCM') && String(s.bits) === w.slice(3));
    case 'AESGCM':
      return where((s) => s.enc === 'AESGCM');
    case 'CHACHA20':
      return where((s) => s.enc === 'CHACHA20');
    case '3DES':
      return where((s) => s.enc === '3DES');
    case 'RC4':
      return where((s) => s.enc === 'RC4');
    case 'CAMELLIA':
    case 'CAMELLIA128':
    case 'CAMELLIA256':
      return where((s) => s.enc === 'CAMELLIA' && (w === 'CAMELLIA' || String(s.bits) === w.slice(8)));
    case 'SHA':
    case 'SHA1':
      return where((s) => s.mac === 'SHA1');
    case 'SHA256':
      // (the MAC: GCM and ChaCha20 suites are AEAD, not SHA256/SHA384, whatever their names end with)
      return where((s) => s.mac === 'SHA256');
    case 'SHA384':
      return where((s) => s.mac === 'SHA384');
    case 'MD5':
      return where((s) => s.mac === 'MD5');
    case 'TLSV1.2':
      return where((s) => s.mac !== 'SHA1' && s.mac !== 'MD5');
    case 'TLSV1':
    case 'TLSV1.0':
    case 'SSLV3':
      return where((s) => s.mac === 'SHA1' || s.mac === 'MD5');
    default:
      return undefined;
  }
}

/** The TLS 1.2-and-older suites a cipher string enables, in no order; undefined when it has a word we do not know. */
export function enabledSuites(cipherString: string): Set<string> | undefined {
  const on = new Set<string>();
  const banned = new Set<string>();
  for (const raw of cipherString.split(/[:, ]+/)) {
    if (!raw || raw.startsWith('@')) continue; // @STRENGTH, @SECLEVEL=n
    const op = /^[!+-]/.test(raw) ? raw[0] : '';
    const body = op ? raw.slice(1) : raw;
    let sel: Set<string> | undefined;
    for (const part of body.split('+')) {
      const s = select(part);
      if (!s) return undefined;
      const names = new Set(s.map((x) => x.name));
      sel = sel ? new Set([...sel].filter((x) => names.has(x))) : names;
    }
    if (!sel) continue;
    if (op === '!') {
      for (const x of sel) banned.add(x);
      for (const x of sel) on.delete(x);
    } else if (op === '-') for (const x of sel) on.delete(x);
    else if (op === '') for (const x of sel) if (!banned.has(x)) on.add(x);
  }
  return on;
}

const PROTOCOL_RANK: Readonly<Record<string, number>> = {
  none: -1,
  sslv3: 0,
  tlsv1: 1,
  'tlsv1.0': 1,
  'tlsv1.1': 2,
  'tlsv1.2': 3,
  'tlsv1.3': 4,
};

/** lighttpd's own minimum protocol for the target when the config sets none. */
function defaultMinRank(ctx: CheckContext): number {
  return ctx.atLeast('1.4.77') ? 4 : ctx.atLeast('1.4.56') ? 3 : 1;
}

function report(
  ctx: CheckContext,
  profile: TlsProfile,
  at: Span,
  what: string,
  asks: string,
  fix?: { title: string; start: number; end: number; newText: string },
): void {
  ctx.report(
    'tls-profile',
    at,
    { profile: profile.name, what, asks },
    fix
      ? {
          fixes: [
            { title: fix.title, edits: [{ start: fix.start, end: fix.end, newText: fix.newText }], preferred: true },
          ],
        }
      : {},
  );
}

function cipherFinding(ctx: CheckContext, profile: TlsProfile, at: Span, label: string, value: string): void {
  const on = enabledSuites(value);
  if (!on || profile.ciphers.length === 0) return;
  const extra = [...on].filter((x) => !profile.ciphers.includes(x)).sort();
  if (!extra.length) return;
  const shown = extra.slice(0, 4).join(', ') + (extra.length > 4 ? ` and ${extra.length - 4} more` : '');
  const wanted = profile.ciphers.join(':');
  report(
    ctx,
    profile,
    at,
    `${label} "${value}" enables ${shown}`,
    `only forward-secret ${profile.name === 'old' ? 'or legacy ' : ''}suites: ${profile.ciphers.length} in all`,
    { title: `Use the ${profile.name} profile's cipher list`, start: at.start, end: at.end, newText: `"${wanted}"` },
  );
}

/** The TLS protocol settings of one ssl-conf-cmd assignment: MinProtocol / Protocol below the profile, CipherString. */
function confCmd(ctx: CheckContext, profile: TlsProfile, a: EvaluatedAssignment): void {
  if (!a.node.value) return;
  const minRank = PROTOCOL_RANK[profile.minProtocol.toLowerCase()];
  for (const e of locateElements(a.rhs, a.node.value, a.node.value)) {
    if (e.key === undefined || e.value.type !== 'string') continue;
    const k = e.key.toLowerCase();
    const v = e.value.value.trim();
    if (k === 'minprotocol') {
      const rank = PROTOCOL_RANK[v.toLowerCase()];
      if (rank !== undefined && rank < minRank)
        report(
          ctx,
          profile,
          e.valueSpan,
          `MinProtocol "${v}" allows older protocols`,
          `${profile.minProtocol} at least`,
          {
            title: `Set MinProtocol to "${profile.minProtocol}" (${profile.name} profile)`,
            start: e.valueSpan.start,
            end: e.valueSpan.end,
            newText: `"${profile.minProtocol}"`,
          },
        );
    } else if (k === 'protocol') {
      const below = v
        .split(/[,\s]+/)
        .filter((t) => t && !t.startsWith('-'))
        .map((t) => t.replace(/^\+/, '').toLowerCase())
        .filter((t) => t === 'all' || (PROTOCOL_RANK[t] !== undefined && PROTOCOL_RANK[t] < minRank));
      if (below.length)
        report(
          ctx,
          profile,
          e.valueSpan,
          `Protocol "${v}" enables protocols older than ${profile.minProtocol}`,
          `${profile.minProtocol} at least`,
        );
    } else if (k === 'cipherstring' && !minIsTls13(a)) cipherFinding(ctx, profile, e.valueSpan, 'CipherString', v);
  }
}

/** The same list sets MinProtocol TLSv1.3: TLS 1.2 suites are never used. */
function minIsTls13(a: EvaluatedAssignment): boolean {
  return (
    a.rhs.type === 'array' &&
    a.rhs.elements.some(
      (e) =>
        e.key?.toLowerCase() === 'minprotocol' &&
        e.value.type === 'string' &&
        e.value.value.trim().toLowerCase() === 'tlsv1.3',
    )
  );
}

/** A TLS socket that sets no minimum gets lighttpd's default; only below the profile is it reported (modern). */
function defaults(ctx: CheckContext, facts: SecurityFacts, profile: TlsProfile): void {
  const minRank = PROTOCOL_RANK[profile.minProtocol.toLowerCase()];
  if (defaultMinRank(ctx) >= minRank || !facts.complete) return;
  for (const a of ctx.assignments) {
    if (a.node.key.fullName.toLowerCase() !== 'ssl.engine' || !boolOf(a.rhs)) continue;
    if (hasMin(facts, a.scope)) continue;
    const line = ctx.text.lastIndexOf('\n', a.node.start) + 1;
    const indent = /^[ \t]*/.exec(ctx.text.slice(line))![0];
    const end = ctx.text.indexOf('\n', a.node.end);
    const at = end < 0 ? ctx.text.length : end;
    report(
      ctx,
      profile,
      a.node.key,
      `this TLS socket sets no MinProtocol, so lighttpd ${ctx.version} allows ${defaultMinRank(ctx) === 3 ? 'TLSv1.2' : 'TLSv1'}`,
      `${profile.minProtocol} at least`,
      {
        title: `Add MinProtocol "${profile.minProtocol}" (${profile.name} profile)`,
        start: at,
        end: at,
        newText: `\n${indent}ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "${profile.minProtocol}" )`,
      },
    );
  }
}

function hasMin(facts: SecurityFacts, scope: Scope): boolean {
  const v = facts.effective(scope, 'ssl.openssl.ssl-conf-cmd')?.value;
  if (!v) return false;
  if (v.type !== 'array') return true;
  return v.elements.some((e) => e.value.type === 'unknown' || /^(minprotocol|protocol)$/i.test(e.key ?? ''));
}

export function checkTlsProfile(ctx: CheckContext, facts: SecurityFacts): void {
  const name = ctx.tlsProfile;
  if (name === 'off') return;
  const profile = TLS_PROFILES[name];
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName.toLowerCase();
    if (!facts.moduleLoaded(key)) continue;
    if (key === 'ssl.openssl.ssl-conf-cmd' && a.rhs.type === 'array') confCmd(ctx, profile, a);
    else if (key === 'ssl.cipher-list' && a.rhs.type === 'string' && a.node.value) {
      cipherFinding(ctx, profile, a.node.value, 'ssl.cipher-list', a.rhs.value);
    }
  }
  defaults(ctx, facts, profile);
}
