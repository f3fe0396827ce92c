/**
 * Published security problems of lighttpd 1.4 releases (CVE entries and the fixes lighttpd's NEWS marks as
 * security), one entry each: the releases affected, the release that fixed it, what in a configuration
 * exposes it, a one-line summary in our words and a link. Read by the `known-vulnerability` check
 * (features/checks/security/advisories.ts) for the target release (`lighttpd.version`) and by the upgrade
 * assistant for the releases between `lighttpd.upgradeFrom` and the target.
 *
 * Release numbers were checked against lighttpd1.4's history: `fixed` is the first release tag that contains
 * the fixing commit (`commit`), `introduced` the release that brought the fault in where upstream (the CVE
 * text or the fixing commit) names it; without it every release before `fixed` counts as affected. Only
 * releases from 1.4.40 on are modelled (the oldest `lighttpd.version` accepts).
 */
import { compareVersions } from './index';

/** What in a configuration makes an advisory apply. */
export type Exposure =
  /** Every configuration: the fault is in request handling every server does. */
  | { readonly kind: 'core' }
  /** A module in use (its directives set, or loaded). */
  | { readonly kind: 'module'; readonly modules: readonly string[] }
  /** Any of these directives set to a value this predicate accepts (keys in lower case). */
  | { readonly kind: 'setting'; readonly what: string }
  /** A backend that lighttpd forwards requests to (fastcgi/scgi/proxy/ajp13/cgi/...). */
  | { readonly kind: 'backend'; readonly modules: readonly string[] }
  /** HTTP/2 enabled (server.h2proto, on by default from 1.4.59). */
  | { readonly kind: 'http2' };

export interface Advisory {
  /** CVE identifier, or lighttpd's own issue/commit where no CVE was assigned. */
  readonly id: string;
  /** First affected release, when upstream names it; absent: every modelled release before `fixed`. */
  readonly introduced?: string;
  /** First release with the fix (the first release tag containing `commit`). */
  readonly fixed: string;
  /** The lighttpd1.4 commit of the fix (abbreviated hash). */
  readonly commit: string;
  readonly exposure: Exposure;
  /** What exposes it, in words (the message names it). */
  readonly exposedBy: string;
  /** One line, our words. */
  readonly summary: string;
  readonly link: string;
}

const nvd = (cve: string) => `https://nvd.nist.gov/vuln/detail/${cve}`;
const commit = (hash: string) => `https://github.com/lighttpd/lighttpd1.4/commit/${hash}`;
const BACKENDS = ['mod_fastcgi', 'mod_scgi', 'mod_proxy', 'mod_ajp13', 'mod_sockproxy', 'mod_wstunnel'];

export const ADVISORIES: readonly Advisory[] = [
  {
    id: 'CVE-2016-1000212',
    fixed: '1.4.41',
    commit: '779c133c',
    exposure: { kind: 'backend', modules: ['mod_cgi', 'mod_fastcgi', 'mod_scgi'] },
    exposedBy: 'a CGI, FastCGI or SCGI backend',
    summary:
      'a client-sent "Proxy:" header reaches CGI-style backends as HTTP_PROXY, which many HTTP libraries then use as their outgoing proxy ("httpoxy")',
    link: nvd('CVE-2016-1000212'),
  },
  {
    id: 'CVE-2018-19052',
    fixed: '1.4.50',
    commit: '2105dae0',
    exposure: { kind: 'setting', what: 'alias-slash' },
    exposedBy: 'an alias.url key without a trailing "/" whose target ends with "/"',
    summary: 'a request can climb one folder above such an alias target with "..", reading files next to it',
    link: nvd('CVE-2018-19052'),
  },
  {
    id: 'lighttpd#2899',
    fixed: '1.4.50',
    commit: 'd161f53d',
    exposure: { kind: 'core' },
    exposedBy: 'any served file (Range requests are handled by the core)',
    summary: 'an invalid Range request makes lighttpd use memory it already freed, which can crash it',
    link: 'https://redmine.lighttpd.net/issues/2899',
  },
  {
    id: 'lighttpd-1.4.51-userdir',
    fixed: '1.4.51',
    commit: '7e20dc6a',
    exposure: { kind: 'module', modules: ['mod_userdir'] },
    exposedBy: 'mod_userdir',
    summary: 'a request for /~./ or /~../ maps to the folder of the user directories or above it',
    link: commit('7e20dc6a4241fd01487d7abaf1492c1d2581c7cb'),
  },
  {
    id: 'lighttpd-1.4.51-folded-headers',
    fixed: '1.4.51',
    commit: 'df8e4f95',
    exposure: { kind: 'core' },
    exposedBy: 'every request (header parsing is in the core)',
    summary:
      'request headers continued on a folded line were checked before being joined, so what conditions and backends see can differ from what was validated',
    link: commit('df8e4f95614e476276a55e34da2aa8b00b1148e9'),
  },
  {
    id: 'CVE-2019-11072',
    introduced: '1.4.50',
    fixed: '1.4.54',
    commit: '32120d5b',
    exposure: { kind: 'setting', what: 'url-path-2f-decode' },
    exposedBy: 'server.http-parseopts "url-path-2f-decode" enabled',
    summary:
      'a request path with an encoded "/" (%2F) before the query makes lighttpd abort: any client stops the server',
    link: nvd('CVE-2019-11072'),
  },
  {
    id: 'CVE-2022-30780',
    introduced: '1.4.56',
    fixed: '1.4.59',
    commit: '3a2ddc6c',
    exposure: { kind: 'core' },
    exposedBy: 'every connection (request reading is in the core)',
    summary:
      'request headers arriving in several large reads leave the connection spinning, using the CPU: a remote denial of service',
    link: nvd('CVE-2022-30780'),
  },
  {
    id: 'lighttpd-1.4.61-h2c-smuggling',
    introduced: '1.4.56',
    fixed: '1.4.61',
    commit: 'e8a6ed6e',
    exposure: { kind: 'setting', what: 'upgrade-forwarded' },
    exposedBy: 'the Upgrade header passed to a backend (proxy.header "upgrade" or cgi.upgrade enabled)',
    summary:
      'a client can ask the backend for "Upgrade: h2c" through lighttpd and then talk to it past lighttpd\'s access rules',
    link: commit('e8a6ed6e350f415b639881291c629957343b5a9c'),
  },
  {
    id: 'lighttpd#3114',
    introduced: '1.4.59',
    fixed: '1.4.62',
    commit: '584a69c4',
    exposure: { kind: 'module', modules: ['mod_alias'] },
    exposedBy: 'alias.url',
    summary: 'mod_alias can read memory it already freed while mapping a long URL, which can crash lighttpd',
    link: 'https://redmine.lighttpd.net/issues/3114',
  },
  {
    id: 'CVE-2022-22707',
    introduced: '1.4.46',
    fixed: '1.4.64',
    commit: '8c62a890',
    exposure: { kind: 'setting', what: 'extforward-forwarded' },
    exposedBy: 'mod_extforward reading the "Forwarded" header (extforward.headers)',
    summary: 'a crafted Forwarded header writes past a stack buffer, crashing lighttpd (mostly on 32-bit systems)',
    link: nvd('CVE-2022-22707'),
  },
  {
    id: 'CVE-2022-37797',
    introduced: '1.4.65',
    fixed: '1.4.66',
    commit: '971773f1',
    exposure: { kind: 'module', modules: ['mod_wstunnel'] },
    exposedBy: 'mod_wstunnel',
    summary: 'an invalid WebSocket handshake makes mod_wstunnel call a missing handler and crash lighttpd',
    link: nvd('CVE-2022-37797'),
  },
  {
    id: 'CVE-2022-41556',
    introduced: '1.4.56',
    fixed: '1.4.67',
    commit: 'b18de6f9',
    exposure: { kind: 'backend', modules: BACKENDS },
    exposedBy: 'a FastCGI, SCGI, proxy or other gateway backend',
    summary:
      'clients that half-close connections in the middle of a chunked upload leave backend connection slots taken until no dynamic request is served',
    link: nvd('CVE-2022-41556'),
  },
  {
    id: 'CVE-2025-8671',
    introduced: '1.4.56',
    fixed: '1.4.80',
    commit: '8442ca4c',
    exposure: { kind: 'http2' },
    exposedBy: 'HTTP/2 (on by default from 1.4.59; server.h2proto)',
    summary:
      'HTTP/2 clients can make the server reset streams for them ("MadeYouReset") and keep it busy with work that is never answered',
    link: nvd('CVE-2025-8671'),
  },
  {
    id: 'CVE-2025-12642',
    introduced: '1.4.80',
    fixed: '1.4.81',
    commit: '35cb89c1',
    exposure: { kind: 'backend', modules: [...BACKENDS, 'mod_cgi'] },
    exposedBy: 'a backend that receives the request headers',
    summary:
      'request trailers that should be refused (Connection, Forwarded, ...) are merged into the headers a backend gets, past the checks made on the headers',
    link: nvd('CVE-2025-12642'),
  },
  {
    id: 'lighttpd#3309',
    fixed: '1.4.83',
    commit: '7db9162b',
    exposure: { kind: 'backend', modules: ['mod_fastcgi', 'mod_scgi', 'mod_proxy', 'mod_ajp13', 'mod_cgi'] },
    exposedBy: 'a backend whose responses lighttpd forwards',
    summary:
      'an invalid Content-Length in a backend response is accepted, so the response a client gets can be cut or run into the next one',
    link: 'https://redmine.lighttpd.net/issues/3309',
  },
  {
    id: 'lighttpd-1.4.83-cgi-header-names',
    fixed: '1.4.83',
    commit: '170db8fe',
    exposure: { kind: 'backend', modules: ['mod_cgi', 'mod_fastcgi', 'mod_scgi', 'mod_ssi'] },
    exposedBy: 'a CGI, FastCGI, SCGI or SSI backend',
    summary:
      'two request headers whose names differ only in characters other than letters, digits and "-" become the same CGI variable, so a client can override one the backend trusts',
    link: commit('170db8fec1234c7823e513ae6e969a7c780093da'),
  },
  {
    id: 'lighttpd-1.4.83-parseopts-return',
    fixed: '1.4.83',
    commit: '5de8ef0d',
    exposure: { kind: 'setting', what: 'strict-off' },
    exposedBy: 'server.http-parseopts with "header-strict" or "url-ctrls-reject" disabled',
    summary: 'with strict checking turned off, a request lighttpd meant to refuse went on being processed',
    link: commit('5de8ef0de182c31aebbd75b1f255ed6fdd28ade9'),
  },
];

/** Is release `version` affected by advisory `a`? */
export function affects(a: Advisory, version: string): boolean {
  return compareVersions(version, a.fixed) < 0 && (!a.introduced || compareVersions(version, a.introduced) >= 0);
}

/** The advisories fixed after `from` up to and including `to` that affected `from`. */
export function fixedBetween(from: string, to: string): Advisory[] {
  return ADVISORIES.filter((a) => affects(a, from) && compareVersions(a.fixed, to) <= 0);
}
