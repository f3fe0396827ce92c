/**
 * Behaviour changes between lighttpd releases that an unchanged configuration feels on upgrade, from
 * 1.4.40 to 1.4.85: defaults that changed, keys and modules that were removed, checks that became fatal,
 * and values whose meaning changed. Each entry names the release and the upstream commit (lighttpd1.4;
 * its NEWS lists each one), what a config gets before and after, and the text that keeps the old behaviour
 * or adopts the new one explicitly.
 *
 * Entries are linked to the directive tables by name (`directives`, `modules`; test/unit/upgrade.test.ts
 * checks that every name exists). The checks that report them live in features/checks/upgrade.ts; the
 * removals are already reported by `removed-module` / `removed-directive` at the target version, so their
 * entries name those codes instead of adding a second diagnostic on the same text.
 */
import { MODULES, REMOVED_DIRECTIVES } from './index';

export type ChangeKind = 'default' | 'removed' | 'fatal' | 'meaning';

export interface BehaviourChange {
  /** Stable identifier of the entry. */
  readonly id: string;
  /** The first release with the new behaviour. */
  readonly release: string;
  readonly kind: ChangeKind;
  /** The directive keys the change is about (current or removed keys), linked by name. */
  readonly directives: readonly string[];
  /** The modules the change is about, linked by name. */
  readonly modules?: readonly string[];
  /** The lighttpd1.4 commit that made the change (abbreviated hash). */
  readonly commit: string;
  /** What the configuration gets before `release`. */
  readonly before: string;
  /** What it gets from `release` on. */
  readonly after: string;
  /** When the change applies to a configuration (what the check looks for). */
  readonly appliesWhen: string;
  /** Configuration text that keeps the old behaviour on the new release, if there is one. */
  readonly pin?: string;
  /** Configuration text that states the new behaviour explicitly, or the migration. */
  readonly adopt?: string;
  /** The diagnostic code that reports it: an `upgrade-*` code, or an existing code that already covers it. */
  readonly code: string;
}

const removedModules = (release: string) =>
  MODULES.filter((m) => m.status === 'removed' && m.removedIn === release).map((m) => m.name);
const removedKeys = (release: string, filter: (key: string) => boolean = () => true) =>
  REMOVED_DIRECTIVES.filter((d) => d.removedIn === release && filter(d.key)).map((d) => d.key);

export const BEHAVIOUR_CHANGES: readonly BehaviourChange[] = [
  {
    id: 'dir-listing-hide-dotfiles',
    release: '1.4.40',
    kind: 'default',
    directives: ['dir-listing.hide-dotfiles', 'dir-listing.activate', 'server.dir-listing'],
    modules: ['mod_dirlisting'],
    commit: 'f3606dc5',
    before: 'directory listings show files whose names start with a dot',
    after: 'directory listings hide them (dir-listing.hide-dotfiles defaults to "enable")',
    appliesWhen:
      'a block enables dir-listing.activate and neither it nor an enclosing block sets dir-listing.hide-dotfiles',
    pin: 'dir-listing.hide-dotfiles = "disable"',
    adopt: 'dir-listing.hide-dotfiles = "enable"',
    code: 'upgrade-dirlisting-dotfiles',
  },
  {
    id: 'removed-keys-1.4.41',
    release: '1.4.41',
    kind: 'removed',
    directives: removedKeys('1.4.41'),
    commit: 'e9c9f425',
    before: 'long-deprecated keys were accepted (most with no effect)',
    after: 'they are unknown keys: lighttpd warns and ignores them',
    appliesWhen: 'one of the keys is set',
    adopt: 'the replacement key named by the diagnostic (e.g. server.document-root for server.docroot)',
    code: 'removed-directive',
  },
  {
    id: 'url-normalize',
    release: '1.4.54',
    kind: 'default',
    directives: ['server.http-parseopts'],
    commit: '1cf68f79',
    before: 'request URLs reach conditions and modules as the client sent them',
    after: 'URLs are normalised first (%-decoding of unreserved characters, dot segments removed, %2F decoded...)',
    appliesWhen: 'server.http-parseopts is not set at global scope',
    pin: 'server.http-parseopts = ( "url-normalize" => "disable" )',
    adopt: 'server.http-parseopts = ( "url-normalize" => "enable" )',
    code: 'upgrade-url-normalize',
  },
  {
    id: 'tls-min-protocol-1.2',
    release: '1.4.56',
    kind: 'default',
    directives: ['ssl.openssl.ssl-conf-cmd', 'ssl.engine'],
    commit: '8a1ddce0',
    before: 'TLS sockets accept TLSv1.0 and TLSv1.1 clients',
    after: 'the minimum is TLSv1.2',
    appliesWhen: 'a TLS socket (ssl.engine enabled) whose ssl.openssl.ssl-conf-cmd has no MinProtocol (or Protocol)',
    pin: 'ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "TLSv1" )',
    adopt: 'ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "TLSv1.2" )',
    code: 'upgrade-tls-min-protocol',
  },
  {
    id: 'removed-module-compress',
    release: '1.4.56',
    kind: 'removed',
    directives: ['compress.filetype', 'compress.cache-dir', 'compress.max-filesize', 'compress.allowed-encodings'],
    modules: removedModules('1.4.56'),
    commit: 'bc5d4b34',
    before: 'mod_compress compresses static files',
    after: 'mod_compress is gone (from 1.4.71 lighttpd loads mod_deflate in its place and maps compress.* keys)',
    appliesWhen: '"mod_compress" is in server.modules',
    adopt: '"mod_deflate" with deflate.* keys',
    code: 'removed-module',
  },
  {
    id: 'http2-default',
    release: '1.4.59',
    kind: 'default',
    directives: ['server.feature-flags'],
    modules: ['mod_h2'],
    commit: 'd9b956b9',
    before: 'HTTP/2 is off unless server.feature-flags enables "server.h2proto"',
    after: 'HTTP/2 is on (TLS ALPN h2, cleartext prior knowledge and, until 1.4.83, Upgrade: h2c)',
    appliesWhen: 'server.feature-flags does not set "server.h2proto"',
    pin: 'server.feature-flags += ( "server.h2proto" => "disable" )',
    adopt: 'server.feature-flags += ( "server.h2proto" => "enable" )',
    code: 'upgrade-http2',
  },
  {
    id: 'removed-modules-1.4.64',
    release: '1.4.64',
    kind: 'removed',
    directives: removedKeys('1.4.64'),
    modules: removedModules('1.4.64'),
    commit: '86c2d309',
    before: 'the modules load',
    after: 'lighttpd refuses to start with them in server.modules ("plugin not found"); their keys are unknown',
    appliesWhen: 'one of the modules is in server.modules, or one of their keys is set',
    adopt: 'the replacement module the diagnostic names (mod_authn_dbi, mod_magnet, mod_maxminddb, mod_vhostdb_mysql)',
    code: 'removed-module',
  },
  {
    id: 'max-keep-alive-requests',
    release: '1.4.65',
    kind: 'default',
    directives: ['server.max-keep-alive-requests'],
    commit: '19569ab9',
    before: 'a keep-alive connection serves at most 100 requests',
    after: 'it serves up to 1000',
    appliesWhen: 'server.max-keep-alive-requests is not set at global scope',
    pin: 'server.max-keep-alive-requests = 100',
    adopt: 'server.max-keep-alive-requests = 1000',
    code: 'upgrade-keep-alive-requests',
  },
  {
    id: 'removed-modules-1.4.68',
    release: '1.4.68',
    kind: 'removed',
    directives: removedKeys('1.4.68', (k) => !k.startsWith('ssl.')),
    modules: removedModules('1.4.68'),
    commit: 'fcf0dc3e',
    before: 'the modules load',
    after: 'lighttpd refuses to start with them in server.modules ("plugin not found"); their keys are unknown',
    appliesWhen: 'one of the modules is in server.modules, or one of their keys is set',
    adopt: 'mod_magnet with a Lua script',
    code: 'removed-module',
  },
  {
    id: 'removed-ssl-options',
    release: '1.4.68',
    kind: 'removed',
    directives: removedKeys('1.4.68', (k) => k.startsWith('ssl.')),
    commit: '326ace4f',
    before: 'the options set the TLS library directly',
    after: 'they are unknown keys: lighttpd warns and ignores them',
    appliesWhen: 'one of the keys is set',
    adopt:
      'ssl.openssl.ssl-conf-cmd: "DHParameters" (ssl.dh-file), "Curves" (ssl.ec-curve), "Options" => "ServerPreference" or "-ServerPreference" (ssl.honor-cipher-order), "MinProtocol" => "SSLv3" (ssl.use-sslv3 = "enable"); the others are dropped',
    code: 'removed-directive',
  },
  {
    id: 'redirect-code-308',
    release: '1.4.75',
    kind: 'default',
    directives: ['url.redirect-code', 'url.redirect'],
    modules: ['mod_redirect'],
    commit: '1ee6ac51',
    before: 'url.redirect answers 301 to every request',
    after: 'it answers 308 to HTTP/1.1 and HTTP/2 requests other than GET and HEAD (a POST is re-sent as a POST)',
    appliesWhen: 'url.redirect is set in a block where neither it nor an enclosing block sets url.redirect-code',
    pin: 'url.redirect-code = 301',
    adopt: 'url.redirect-code = 308',
    code: 'upgrade-redirect-code',
  },
  {
    id: 'tls-min-protocol-1.3',
    release: '1.4.77',
    kind: 'default',
    directives: ['ssl.openssl.ssl-conf-cmd', 'ssl.engine'],
    commit: '09bfb8d5',
    before: 'TLS sockets accept TLSv1.2 clients',
    after: 'the minimum is TLSv1.3',
    appliesWhen: 'a TLS socket (ssl.engine enabled) whose ssl.openssl.ssl-conf-cmd has no MinProtocol (or Protocol)',
    pin: 'ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "TLSv1.2" )',
    adopt: 'ssl.openssl.ssl-conf-cmd += ( "MinProtocol" => "TLSv1.3" )',
    code: 'upgrade-tls-min-protocol',
  },
  {
    id: 'error-handler-404-only',
    release: '1.4.77',
    kind: 'meaning',
    directives: ['server.error-handler-404', 'server.error-handler'],
    commit: '105a391b',
    before: 'server.error-handler-404 also handles 403 Forbidden',
    after: "it handles only 404; a 403 gets lighttpd's own error page",
    appliesWhen:
      'server.error-handler-404 is set in a block where neither it nor an enclosing block sets server.error-handler',
    adopt: 'server.error-handler (every error status) if 403 responses should still reach the handler',
    code: 'upgrade-error-handler-404',
  },
  {
    id: 'missing-operator-fatal',
    release: '1.4.77',
    kind: 'fatal',
    directives: [],
    commit: '2ae6443a',
    before: 'a key followed by a string or another key without "=" is silently dropped',
    after: 'lighttpd refuses to start ("missing assignment operator")',
    appliesWhen: 'such a line exists (reported by the parser at every version)',
    adopt: 'write the "=" (or the "+")',
    code: 'syntax-missing-operator',
  },
  {
    id: 'static-file-pathinfo',
    release: '1.4.80',
    kind: 'default',
    directives: ['static-file.disable-pathinfo'],
    modules: ['mod_staticfile'],
    commit: '64ea817b',
    before: 'a static file is served for a URL with trailing path info (/index.html/extra)',
    after: 'such a URL gets 404 (static-file.disable-pathinfo defaults to "enable")',
    appliesWhen:
      'mod_staticfile is loaded (listed, or added by lighttpd) and static-file.disable-pathinfo is not set at global scope',
    pin: 'static-file.disable-pathinfo = "disable"',
    adopt: 'static-file.disable-pathinfo = "enable"',
    code: 'upgrade-static-pathinfo',
  },
  {
    id: 'h2c-off',
    release: '1.4.83',
    kind: 'default',
    directives: ['server.feature-flags'],
    commit: 'd129e94f',
    before: 'cleartext HTTP/1.1 requests with "Upgrade: h2c" switch to HTTP/2',
    after: 'h2c upgrade is off unless server.feature-flags enables "server.h2c"',
    appliesWhen: 'HTTP/2 is on, server.feature-flags does not set "server.h2c", and some socket is cleartext',
    pin: 'server.feature-flags += ( "server.h2c" => "enable" )',
    adopt: 'server.feature-flags += ( "server.h2c" => "disable" )',
    code: 'upgrade-h2c',
  },
  {
    id: 'alias-order-check',
    release: '1.4.85',
    kind: 'fatal',
    directives: ['alias.url'],
    modules: ['mod_alias'],
    commit: '07a59e9e',
    before:
      'an alias.url entry shadowed by an earlier, shorter prefix is accepted when another entry stands between them (it never matches)',
    after: 'lighttpd refuses to start ("will never match")',
    appliesWhen: 'an alias.url list has such a pair with an unrelated entry between them',
    pin: 'remove the entry that never matched',
    adopt: 'move the longer entry before the shorter one (what was probably meant)',
    code: 'upgrade-alias-order',
  },
];
