/**
 * What each module is for (our own words) and where lighttpd documents it. The documentation pages
 * live in lighttpd's wiki at redmine.lighttpd.net.
 */

const WIKI = 'https://redmine.lighttpd.net/projects/lighttpd/wiki/';

export const CORE_DOC_URL = WIKI + 'Docs_ConfigurationOptions';
export const SYNTAX_DOC_URL = WIKI + 'Docs_Configuration';

export const MODULE_DOCS: Readonly<Record<string, string>> = {
  mod_access: 'Refuses requests by the end of their path (url.access-deny) or allows only some (url.access-allow).',
  mod_accesslog: 'Writes one line per request to an access log file, a pipe or syslog.',
  mod_ajp13: 'Forwards requests to AJP13 backends such as Apache Tomcat.',
  mod_alias: 'Serves URL prefixes from directories outside the document root.',
  mod_auth:
    'HTTP authentication (basic, digest) in front of URL prefixes; the password stores are the mod_authn_* modules.',
  mod_authn_dbi: 'Checks credentials against an SQL database through libdbi.',
  mod_authn_file: 'Checks credentials against htpasswd, htdigest or plain text files.',
  mod_authn_gssapi: 'Kerberos (GSSAPI / SPNEGO) authentication.',
  mod_authn_ldap: 'Checks credentials against an LDAP directory.',
  mod_authn_pam: 'Checks credentials through PAM.',
  mod_authn_sasl: 'Checks credentials through Cyrus SASL.',
  mod_boringssl: 'TLS through BoringSSL or AWS-LC; uses the same ssl.* settings as mod_openssl.',
  mod_cgi: 'Runs CGI programs and scripts.',
  mod_deflate: 'Compresses responses (gzip, deflate, brotli, zstd, bzip2) and can cache compressed static files.',
  mod_dirlisting: 'Generates HTML listings of directories without an index file.',
  mod_echo: 'Test module that sends the request back; it has no settings.',
  mod_evhost: 'Virtual hosting: the document root is built from parts of the host name.',
  mod_expire: 'Adds Expires and Cache-Control max-age headers by URL prefix or content type.',
  mod_extforward:
    'Takes the real client address from X-Forwarded-For / Forwarded headers of trusted proxies, or from the PROXY protocol.',
  mod_fastcgi: 'Forwards requests to FastCGI backends (PHP-FPM and others) and can start them.',
  mod_gnutls: 'TLS through GnuTLS.',
  mod_h2: 'HTTP/2 support; turned on and off with server.feature-flags, and loaded automatically.',
  mod_indexfile: 'Looks for index files (index.html, ...) when a directory is requested.',
  mod_magnet: 'Runs Lua scripts at several points of request handling.',
  mod_maxminddb:
    'Looks up the client address in MaxMind GeoIP2 databases and exports the result as environment variables.',
  mod_mbedtls: 'TLS through Mbed TLS.',
  mod_nss: 'TLS through Mozilla NSS.',
  mod_openssl: 'TLS through OpenSSL: certificates, protocols, client certificates (the ssl.* settings).',
  mod_proxy: 'Reverse proxy: forwards requests to HTTP backends.',
  mod_redirect: 'Sends redirects for URLs matching regular expressions (url.redirect).',
  mod_rewrite: 'Rewrites URLs internally with regular expressions (url.rewrite-*).',
  mod_rrdtool: 'Records traffic counters in an RRDtool database.',
  mod_scgi: 'Forwards requests to SCGI or uwsgi backends (Python WSGI servers and others).',
  mod_setenv: 'Adds or sets request headers, response headers and backend environment variables.',
  mod_simple_vhost: 'Virtual hosting: one directory per host name under a common root.',
  mod_skeleton: 'Template for writing new modules; not for production.',
  mod_sockproxy: 'Forwards the raw byte stream of connections to backends, without HTTP processing.',
  mod_ssi: 'Server-side includes in HTML pages.',
  mod_staticfile: 'Sends files from disk; usually the last handler in server.modules.',
  mod_status: 'Pages with server status, configuration and statistics.',
  mod_userdir: "Serves /~user/ URLs from users' home directories.",
  mod_vhostdb:
    'Virtual hosting with the document root looked up in a database; the backends are the mod_vhostdb_* modules.',
  mod_vhostdb_dbi: 'vhostdb backend for SQL databases through libdbi.',
  mod_vhostdb_ldap: 'vhostdb backend for LDAP directories.',
  mod_vhostdb_mysql: 'vhostdb backend for MySQL / MariaDB.',
  mod_vhostdb_pgsql: 'vhostdb backend for PostgreSQL.',
  mod_webdav: 'WebDAV: file management over HTTP (PUT, DELETE, MKCOL, PROPFIND, locks ...).',
  mod_wolfssl: 'TLS through wolfSSL.',
  mod_wstunnel: 'Tunnels WebSocket connections to backends.',
};

/** Wiki page of each module that has one; other modules link to the configuration options page. */
const WIKI_PAGE: Readonly<Record<string, string>> = {
  mod_access: 'Docs_ModAccess',
  mod_accesslog: 'Docs_ModAccessLog',
  mod_ajp13: 'Docs_ModAJP13',
  mod_alias: 'Docs_ModAlias',
  mod_auth: 'Docs_ModAuth',
  mod_authn_dbi: 'Docs_ModAuth',
  mod_authn_file: 'Docs_ModAuth',
  mod_authn_gssapi: 'Docs_ModAuth',
  mod_authn_ldap: 'Docs_ModAuth',
  mod_authn_pam: 'Docs_ModAuth',
  mod_authn_sasl: 'Docs_ModAuth',
  mod_boringssl: 'Docs_SSL',
  mod_cgi: 'Docs_ModCGI',
  mod_deflate: 'Docs_ModDeflate',
  mod_dirlisting: 'Docs_ModDirlisting',
  mod_evhost: 'Docs_ModEVhost',
  mod_expire: 'Docs_ModExpire',
  mod_extforward: 'Docs_ModExtForward',
  mod_fastcgi: 'Docs_ModFastCGI',
  mod_gnutls: 'Docs_SSL',
  mod_indexfile: 'Docs_ModIndexfile',
  mod_magnet: 'Docs_ModMagnet',
  mod_maxminddb: 'Docs_ModMaxMindDB',
  mod_mbedtls: 'Docs_SSL',
  mod_nss: 'Docs_SSL',
  mod_openssl: 'Docs_SSL',
  mod_proxy: 'Docs_ModProxy',
  mod_redirect: 'Docs_ModRedirect',
  mod_rewrite: 'Docs_ModRewrite',
  mod_rrdtool: 'Docs_ModRRDTool',
  mod_scgi: 'Docs_ModSCGI',
  mod_setenv: 'Docs_ModSetEnv',
  mod_simple_vhost: 'Docs_ModSimpleVhost',
  mod_sockproxy: 'Docs_ModSockProxy',
  mod_ssi: 'Docs_ModSSI',
  mod_staticfile: 'Docs_ModStaticFile',
  mod_status: 'Docs_ModStatus',
  mod_userdir: 'Docs_ModUserDir',
  mod_vhostdb: 'Docs_ModVhostDB',
  mod_vhostdb_dbi: 'Docs_ModVhostDB',
  mod_vhostdb_ldap: 'Docs_ModVhostDB',
  mod_vhostdb_mysql: 'Docs_ModVhostDB',
  mod_vhostdb_pgsql: 'Docs_ModVhostDB',
  mod_webdav: 'Docs_ModWebDAV',
  mod_wolfssl: 'Docs_SSL',
  mod_wstunnel: 'Docs_ModWSTunnel',
};

/** The lighttpd documentation page for a module ("core" and unknown modules: the options overview). */
export function moduleDocUrl(module: string): string {
  const page = WIKI_PAGE[module];
  return page ? WIKI + page : CORE_DOC_URL;
}
