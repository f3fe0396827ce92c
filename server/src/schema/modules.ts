/**
 * lighttpd's modules: since when, removed when and for what, which ones lighttpd loads by itself. The keys
 * each module consumes come from the directive table (./index.ts derives them).
 */
import type { ModuleEntry, ModuleLoadingInfo } from './types';

export const MODULE_TABLE: readonly ModuleEntry[] = [
  {
    name: 'mod_access',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'deny/allow by URL suffix/prefix',
    builtin: true,
  },
  { name: 'mod_accesslog', status: 'current', since: '<=1.4.40', purpose: 'access log' },
  { name: 'mod_ajp13', status: 'current', since: '1.4.59', purpose: 'AJP13 (Tomcat) backend gateway' },
  {
    name: 'mod_alias',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'URL-prefix to filesystem path mapping',
    builtin: true,
  },
  {
    name: 'mod_auth',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'HTTP authentication framework (basic/digest/extern); backends in mod_authn_* since 1.4.42',
    implicitLoad: 'prepended if an mod_authn_* module is listed without (or before) mod_auth',
  },
  { name: 'mod_authn_dbi', status: 'current', since: '1.4.56', purpose: 'auth backend "dbi"' },
  {
    name: 'mod_authn_file',
    status: 'current',
    since: '1.4.42',
    purpose: 'auth backends "plain", "htpasswd", "htdigest"',
    implicitLoad:
      'appended with a warning if mod_auth is listed, mod_authn_file is not, and auth.backend is "plain"/"htpasswd"/"htdigest"',
  },
  { name: 'mod_authn_gssapi', status: 'current', since: '1.4.42', purpose: 'auth backend/method "gssapi" (Kerberos)' },
  {
    name: 'mod_authn_ldap',
    status: 'current',
    since: '1.4.42',
    purpose: 'auth backend "ldap"',
    implicitLoad: 'appended with a warning if mod_auth is listed and auth.backend = "ldap" (LDAP-enabled builds)',
  },
  { name: 'mod_authn_mysql', status: 'removed', since: '1.4.42', removedIn: '1.4.64', replacement: 'mod_authn_dbi' },
  { name: 'mod_authn_pam', status: 'current', since: '1.4.51', purpose: 'auth backend "pam"' },
  { name: 'mod_authn_sasl', status: 'current', since: '1.4.48', purpose: 'auth backend "sasl"' },
  {
    name: 'mod_boringssl',
    status: 'current',
    since: '1.4.80',
    purpose: 'TLS via BoringSSL/AWS-LC (same ssl.* keys as mod_openssl)',
  },
  { name: 'mod_cgi', status: 'current', since: '<=1.4.40', purpose: 'CGI' },
  { name: 'mod_cml', status: 'removed', since: '<=1.4.40', removedIn: '1.4.64', replacement: 'mod_magnet' },
  { name: 'mod_compress', status: 'removed', since: '<=1.4.40', removedIn: '1.4.56', replacement: 'mod_deflate' },
  {
    name: 'mod_deflate',
    status: 'current',
    since: '1.4.42',
    purpose: 'response compression (subsumes mod_compress)',
    implicitLoad:
      '"mod_compress" in server.modules is rewritten to "mod_deflate" (1.4.71+); with compat-module-load, a missing mod_deflate is silently skipped',
  },
  {
    name: 'mod_dirlisting',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'directory listings',
    implicitLoad:
      'appended if not listed and dir-listing.activate/server.dir-listing enabled somewhere (1.4.66+; always appended before 1.4.66); removed from the list if listed but never enabled',
  },
  { name: 'mod_echo', status: 'current', since: '1.4.60', purpose: 'test module echoing the request (no config keys)' },
  { name: 'mod_evasive', status: 'removed', since: '<=1.4.40', removedIn: '1.4.68', replacement: 'mod_magnet' },
  {
    name: 'mod_evhost',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'enhanced virtual hosting by host-name parts',
    builtin: true,
  },
  { name: 'mod_expire', status: 'current', since: '<=1.4.40', purpose: 'Expires/Cache-Control headers', builtin: true },
  {
    name: 'mod_extforward',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'real client IP from X-Forwarded-For/Forwarded/HAProxy PROXY',
  },
  { name: 'mod_fastcgi', status: 'current', since: '<=1.4.40', purpose: 'FastCGI gateway', builtin: true },
  { name: 'mod_flv_streaming', status: 'removed', since: '<=1.4.40', removedIn: '1.4.64' },
  { name: 'mod_geoip', status: 'removed', since: '1.4.42', removedIn: '1.4.64', replacement: 'mod_maxminddb' },
  { name: 'mod_gnutls', status: 'current', since: '1.4.56', purpose: 'TLS via GnuTLS' },
  {
    name: 'mod_h2',
    status: 'current',
    since: '1.4.71',
    purpose:
      'HTTP/2 (separate module since 1.4.71; in core 1.4.56-1.4.70); no config keys, controlled by server.feature-flags',
    implicitLoad:
      'appended unless server.feature-flags "server.h2proto" is disabled (default enabled since 1.4.59); silently skipped (HTTP/2 disabled) if the module file is missing',
  },
  {
    name: 'mod_indexfile',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'directory index files',
    implicitLoad:
      'prepended to server.modules if not listed and index-file.names/server.indexfiles is non-empty somewhere (1.4.66+; always prepended before 1.4.66); REMOVED from the list even if listed when neither key is set (when server.compat-module-load enabled)',
    builtin: true,
  },
  { name: 'mod_magnet', status: 'current', since: '<=1.4.40', purpose: 'Lua scripting' },
  { name: 'mod_maxminddb', status: 'current', since: '1.4.54', purpose: 'MaxMind GeoIP2 lookups into environment' },
  { name: 'mod_mbedtls', status: 'current', since: '1.4.56', purpose: 'TLS via mbedTLS' },
  {
    name: 'mod_mysql_vhost',
    status: 'removed',
    since: '<=1.4.40',
    removedIn: '1.4.64',
    replacement: 'mod_vhostdb + mod_vhostdb_mysql',
  },
  { name: 'mod_nss', status: 'current', since: '1.4.56', purpose: 'TLS via NSS' },
  {
    name: 'mod_openssl',
    status: 'current',
    since: '1.4.46',
    purpose: 'TLS via OpenSSL (core handled ssl.* before 1.4.46)',
    implicitLoad:
      'appended with a warning if any ssl.* key appears in any scope and no TLS module (mod_openssl/boringssl/gnutls/mbedtls/nss/wolfssl) is listed (only in builds with OpenSSL crypto)',
  },
  { name: 'mod_proxy', status: 'current', since: '<=1.4.40', purpose: 'HTTP reverse proxy' },
  {
    name: 'mod_redirect',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'URL redirects (url.redirect)',
    builtin: true,
  },
  {
    name: 'mod_rewrite',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'internal URL rewrites (url.rewrite-*)',
    builtin: true,
  },
  { name: 'mod_rrdtool', status: 'current', since: '<=1.4.40', purpose: 'traffic statistics to rrdtool' },
  { name: 'mod_scgi', status: 'current', since: '<=1.4.40', purpose: 'SCGI/uwsgi gateway', builtin: true },
  { name: 'mod_secdownload', status: 'removed', since: '<=1.4.40', removedIn: '1.4.68', replacement: 'mod_magnet' },
  {
    name: 'mod_setenv',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'set request/response headers and environment',
    builtin: true,
  },
  { name: 'mod_simple_vhost', status: 'current', since: '<=1.4.40', purpose: 'simple virtual hosting', builtin: true },
  {
    name: 'mod_skeleton',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'template module for developers (skeleton.array)',
  },
  { name: 'mod_sockproxy', status: 'current', since: '1.4.50', purpose: 'raw socket (TCP) forwarding' },
  { name: 'mod_ssi', status: 'current', since: '<=1.4.40', purpose: 'server-side includes' },
  {
    name: 'mod_staticfile',
    status: 'current',
    since: '<=1.4.40',
    purpose: 'static file handler',
    implicitLoad: 'appended if not listed (when server.compat-module-load enabled, the default)',
    builtin: true,
  },
  { name: 'mod_status', status: 'current', since: '<=1.4.40', purpose: 'server status/config pages' },
  { name: 'mod_trigger_b4_dl', status: 'removed', since: '<=1.4.40', removedIn: '1.4.64', replacement: 'mod_magnet' },
  { name: 'mod_uploadprogress', status: 'removed', since: '<=1.4.40', removedIn: '1.4.68', replacement: 'mod_magnet' },
  { name: 'mod_userdir', status: 'current', since: '<=1.4.40', purpose: '~user directories' },
  { name: 'mod_usertrack', status: 'removed', since: '<=1.4.40', removedIn: '1.4.68', replacement: 'mod_magnet' },
  {
    name: 'mod_vhostdb',
    status: 'current',
    since: '1.4.46',
    purpose: 'virtual-host docroot lookup framework',
    implicitLoad: 'prepended if a mod_vhostdb_* module is listed without (or before) mod_vhostdb',
  },
  { name: 'mod_vhostdb_dbi', status: 'current', since: '1.4.46', purpose: 'vhostdb backend "dbi"' },
  { name: 'mod_vhostdb_ldap', status: 'current', since: '1.4.46', purpose: 'vhostdb backend "ldap"' },
  { name: 'mod_vhostdb_mysql', status: 'current', since: '1.4.46', purpose: 'vhostdb backend "mysql"' },
  { name: 'mod_vhostdb_pgsql', status: 'current', since: '1.4.46', purpose: 'vhostdb backend "pgsql"' },
  { name: 'mod_webdav', status: 'current', since: '<=1.4.40', purpose: 'WebDAV' },
  { name: 'mod_wolfssl', status: 'current', since: '1.4.56', purpose: 'TLS via wolfSSL' },
  { name: 'mod_wstunnel', status: 'current', since: '1.4.46', purpose: 'WebSocket tunnel gateway' },
];

export const MODULE_LOADING: ModuleLoadingInfo = {
  implicit: {
    mod_indexfile:
      'prepended to server.modules if not listed and index-file.names/server.indexfiles is non-empty somewhere (1.4.66+; always prepended before 1.4.66); REMOVED from the list even if listed when neither key is set (when server.compat-module-load enabled)',
    mod_dirlisting:
      'appended if not listed and dir-listing.activate/server.dir-listing enabled somewhere (1.4.66+; always appended before 1.4.66); removed from the list if listed but never enabled',
    mod_staticfile: 'appended if not listed (when server.compat-module-load enabled, the default)',
    mod_h2:
      'appended unless server.feature-flags "server.h2proto" is disabled (default enabled since 1.4.59); silently skipped (HTTP/2 disabled) if the module file is missing',
    mod_openssl:
      'appended with a warning if any ssl.* key appears in any scope and no TLS module (mod_openssl/boringssl/gnutls/mbedtls/nss/wolfssl) is listed (only in builds with OpenSSL crypto)',
    mod_authn_file:
      'appended with a warning if mod_auth is listed, mod_authn_file is not, and auth.backend is "plain"/"htpasswd"/"htdigest"',
    mod_authn_ldap: 'appended with a warning if mod_auth is listed and auth.backend = "ldap" (LDAP-enabled builds)',
    mod_auth: 'prepended if an mod_authn_* module is listed without (or before) mod_auth',
    mod_vhostdb: 'prepended if a mod_vhostdb_* module is listed without (or before) mod_vhostdb',
    mod_deflate:
      '"mod_compress" in server.modules is rewritten to "mod_deflate" (1.4.71+); with compat-module-load, a missing mod_deflate is silently skipped',
  },
  builtinSince: '1.4.68',
  builtinModules: [
    'mod_rewrite',
    'mod_redirect',
    'mod_access',
    'mod_alias',
    'mod_indexfile',
    'mod_staticfile',
    'mod_setenv',
    'mod_expire',
    'mod_simple_vhost',
    'mod_evhost',
    'mod_fastcgi',
    'mod_scgi',
  ],
  orderingConstraints: [
    {
      rule: 'mod_indexfile before dynamic handlers (modules with subrequest handlers, e.g. mod_fastcgi, mod_proxy, mod_cgi)',
      severity: 'warning',
      since: null,
    },
    {
      rule: 'dynamic handlers (mod_ajp13, mod_cgi, mod_fastcgi, mod_proxy, mod_scgi, mod_sockproxy, mod_wstunnel) before mod_staticfile',
      severity: 'warning',
      since: '1.4.72',
    },
    {
      rule: 'mod_auth before dynamic backends (mod_ajp13, mod_cgi, mod_fastcgi, mod_proxy, mod_scgi, mod_sockproxy, mod_wstunnel)',
      severity: 'warning',
      since: '1.4.62',
    },
    {
      rule: 'mod_auth before any mod_authn_*; mod_vhostdb before any mod_vhostdb_* (otherwise auto-prepended)',
      severity: 'silent fix',
      since: null,
    },
    {
      rule: 'with extforward.hap-PROXY = "enable", TLS modules (mod_openssl, mod_mbedtls, mod_wolfssl, mod_nss, mod_gnutls) must be listed before mod_extforward',
      severity: 'error message (startup continues)',
      since: null,
    },
    {
      rule: 'recommended (doc/config/modules.conf): request-gating/modifying modules (mod_access, mod_auth, mod_alias, mod_setenv) before request-completing ones (mod_redirect, mod_rewrite), which go before dynamic handlers; do not alphabetize',
      severity: 'advice',
      since: null,
    },
    {
      rule: 'mod_magnet hooks that collect the request body should be loaded before the handler module (runtime message suggests loading mod_magnet earlier)',
      severity: 'runtime error message',
      since: null,
    },
  ],
};
