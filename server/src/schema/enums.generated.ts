// GENERATED FILE - DO NOT EDIT. Regenerate with `npm run gen:schema`.
// Value enums, backend host keys, condition fields and operators.
// Source: lighttpd-directives.json, lighttpd-1.4.85-11-g2ddc5138 (2ddc51389a139d2b08daf310596c951c1d53dc8d)
/* eslint-disable */
// The shapes differ per entry; typed accessors live in ./index.ts.
export const ENUMS: Readonly<Record<string, any>> = {
 "boolean": {
  "true": [
   "enable",
   "enabled",
   "true",
   "1"
  ],
  "false": [
   "disable",
   "disabled",
   "false",
   "0"
  ],
  "case_insensitive": true,
  "integers": "an integer value is accepted: non-zero = true, 0 = false",
  "other_strings": "error for T_CONFIG_BOOL keys: ERROR: unexpected type for key ... \"(enable|disable)\"",
  "source": "src/configfile-glue.c (config_plugin_value_to_bool)",
  "note": "\"enabled\"/\"disabled\"/\"true\"/\"false\"/\"1\"/\"0\" accepted in current code; lighttpd docs use \"enable\"/\"disable\""
 },
 "value_types": {
  "string": "TYPE_STRING required",
  "short": "integer 0..65535 (65536 clamps to 65535 since 1.4.74; >65536 error since 1.4.73, earlier silently truncated); a string that fully parses as decimal is accepted",
  "int": "integer; a string that fully parses as non-negative decimal is accepted",
  "boolean": "see enums.boolean",
  "array": "any list",
  "array-kvany": "every element must have a key (values any type)",
  "array-kvarray": "every element keyed and its value a list",
  "array-kvstring": "every element keyed and its value a string (integers rejected)",
  "array-vlist": "every element unkeyed and a string (integers rejected)",
  "source": "src/configfile-glue.c (config_plugin_values_init_block), src/array.c (array_is_*)"
 },
 "scopes": {
  "server": "global only; inside a condition: warning \"DEPRECATED: do not set global server options within conditions\" (value effectively global)",
  "connection": "may be set in any condition",
  "socket": "global or $SERVER[\"socket\"] with \"==\"; elsewhere warning \"... must be in global scope or $SERVER[\\\"socket\\\"] with '==', or else is ignored\"",
  "source": "src/plugin_config.h, src/configfile-glue.c"
 },
 "server.event-handler": {
  "values": [
   "linux-sysepoll",
   "epoll",
   "solaris-eventports",
   "solaris-devpoll",
   "freebsd-kqueue",
   "kqueue",
   "poll",
   "select"
  ],
  "notes": "availability is platform/build dependent; \"select\" is mapped to \"poll\" when poll is available; \"libev\" is ignored (1.4.60+, libev support removed); unset = best available; unknown = fatal",
  "source": "src/fdevent_impl.c"
 },
 "server.network-backend": {
  "values": [
   "sendfile",
   "linux-sendfile",
   "freebsd-sendfile",
   "solaris-sendfilev",
   "writev",
   "write"
  ],
  "notes": "unknown = fatal",
  "source": "src/network_write.c"
 },
 "server.stat-cache-engine": {
  "values": [
   "simple",
   "inotify",
   "kqueue",
   "fam",
   "disable",
   "none"
  ],
  "notes": "\"inotify\" (Linux) / \"kqueue\" (BSD) / \"fam\" only when built with support; blank = simple; unknown = fatal",
  "source": "src/stat_cache.c"
 },
 "server.syslog-facility": {
  "values": [
   "auth",
   "authpriv",
   "cron",
   "daemon",
   "ftp",
   "kern",
   "lpr",
   "mail",
   "news",
   "security",
   "syslog",
   "user",
   "uucp",
   "local0",
   "local1",
   "local2",
   "local3",
   "local4",
   "local5",
   "local6",
   "local7"
  ],
  "notes": "\"security\" is a deprecated alias of auth; availability platform dependent",
  "source": "src/fdlog_maint.c"
 },
 "server.stream-body": {
  "applies_to": [
   "server.stream-request-body",
   "server.stream-response-body"
  ],
  "values": {
   "0": "buffer entire body (default)",
   "1": "stream",
   "2": "stream with minimal buffering (implies 1)"
  },
  "source": "src/configfile.c, src/fdevent.h"
 },
 "server.feature-flags": {
  "type": "array-kvany; values via boolean rules or integer; unknown keys silently ignored",
  "keys": [
   {
    "key": "server.h2proto",
    "type": "boolean",
    "default": true,
    "since": "1.4.56",
    "source": "src/configfile.c",
    "note": "HTTP/2 via ALPN \"h2\"; default enabled since 1.4.59; adds mod_h2 to server.modules"
   },
   {
    "key": "server.h2c",
    "type": "boolean",
    "default": false,
    "since": "1.4.56",
    "source": "src/configfile.c",
    "note": "HTTP/2 cleartext upgrade (only if server.h2proto)"
   },
   {
    "key": "server.absolute-dir-redirect",
    "type": "boolean",
    "default": false,
    "since": "1.4.56",
    "source": "src/configfile.c"
   },
   {
    "key": "request.trailer-whitelist",
    "type": "string",
    "default": null,
    "since": "1.4.82",
    "source": "src/configfile.c",
    "note": "list of request trailer names permitted"
   },
   {
    "key": "server.errorlog-utf8",
    "type": "boolean",
    "default": false,
    "since": "1.4.77",
    "source": "src/configfile.c"
   },
   {
    "key": "server.errorlog-high-precision",
    "type": "boolean",
    "default": false,
    "since": "1.4.60",
    "source": "src/configfile.c"
   },
   {
    "key": "server.http-pathinfo",
    "type": "boolean",
    "default": true,
    "since": "1.4.72",
    "source": "src/configfile.c",
    "note": "default for allowing PATH_INFO"
   },
   {
    "key": "server.pcre_jit",
    "type": "boolean",
    "default": true,
    "since": "1.4.60",
    "source": "src/configfile.c"
   },
   {
    "key": "server.metrics-high-precision",
    "type": "boolean",
    "default": false,
    "since": "1.4.65",
    "source": "src/configfile.c"
   },
   {
    "key": "server.graceful-restart-bg",
    "type": "boolean",
    "default": false,
    "since": "1.4.56",
    "source": "src/server.c, src/network.c, src/gw_backend.c",
    "note": "disabled automatically if a *.server backend uses bin-path"
   },
   {
    "key": "server.graceful-shutdown-timeout",
    "type": "int",
    "default": 8,
    "since": "1.4.56",
    "source": "src/server.c",
    "note": "seconds"
   },
   {
    "key": "server.graceful-unconfig-sock",
    "type": "boolean",
    "default": false,
    "since": "1.4.83",
    "source": "src/network.c"
   },
   {
    "key": "server.clock-jump-restart",
    "type": "int",
    "default": 1800,
    "since": "1.4.60",
    "source": "src/server.c",
    "note": "seconds"
   },
   {
    "key": "server.network-mptcp",
    "type": "boolean",
    "default": false,
    "since": "1.4.76",
    "source": "src/network.c"
   },
   {
    "key": "server.discard-backend-1xx",
    "type": "boolean",
    "default": false,
    "since": "1.4.70",
    "source": "src/server.c"
   },
   {
    "key": "server.h1-discard-backend-1xx",
    "type": "boolean",
    "default": false,
    "since": "1.4.56",
    "source": "src/server.c"
   },
   {
    "key": "server.h2-discard-backend-1xx",
    "type": "boolean",
    "default": false,
    "since": "1.4.56",
    "source": "src/server.c"
   },
   {
    "key": "chunkqueue.splice",
    "type": "boolean",
    "default": true,
    "since": "1.4.60",
    "source": "src/server.c"
   },
   {
    "key": "http10.range",
    "type": "boolean",
    "default": false,
    "since": "1.4.65",
    "source": "src/server.c"
   },
   {
    "key": "auth.delay-invalid-creds",
    "type": "boolean",
    "default": true,
    "since": "1.4.65",
    "source": "src/http-header-glue.c"
   },
   {
    "key": "auth.http-goaway-invalid-creds",
    "type": "boolean",
    "default": true,
    "since": "1.4.72",
    "source": "src/h2.c"
   },
   {
    "key": "cgi.tempfile-accum",
    "type": "boolean",
    "default": true,
    "since": "1.4.60",
    "source": "src/mod_cgi.c"
   },
   {
    "key": "gw.upgrade-with-request-body",
    "type": "boolean",
    "default": false,
    "since": "1.4.74",
    "source": "src/gw_backend.c"
   },
   {
    "key": "proxy.force-http10",
    "type": "boolean",
    "default": false,
    "since": "1.4.56",
    "source": "src/mod_proxy.c"
   },
   {
    "key": "ssl.session-cache",
    "type": "boolean",
    "default": false,
    "since": "1.4.56",
    "source": "src/mod_openssl.c, src/mod_wolfssl.c, src/mod_nss.c, src/mod_boringssl.c"
   },
   {
    "key": "ssl.refresh-certs",
    "type": "boolean",
    "default": false,
    "since": "1.4.78 (string first seen)",
    "source": "src/mod_openssl.c and other TLS modules"
   },
   {
    "key": "ssl.refresh-crls",
    "type": "boolean",
    "default": false,
    "since": "1.4.78 (string first seen)",
    "source": "src/mod_openssl.c and other TLS modules"
   }
  ]
 },
 "server.http-parseopts": {
  "type": "array-kvstring: values must be strings parsed as booleans (integers rejected by type check)",
  "keys": [
   {
    "key": "url-normalize",
    "since": "1.4.50"
   },
   {
    "key": "url-normalize-unreserved",
    "since": "1.4.50"
   },
   {
    "key": "url-normalize-required",
    "since": "1.4.50"
   },
   {
    "key": "url-ctrls-reject",
    "since": "1.4.50"
   },
   {
    "key": "url-path-backslash-trans",
    "since": "1.4.50"
   },
   {
    "key": "url-path-2f-decode",
    "since": "1.4.50"
   },
   {
    "key": "url-path-2f-reject",
    "since": "1.4.50"
   },
   {
    "key": "url-path-dotseg-remove",
    "since": "1.4.50"
   },
   {
    "key": "url-path-dotseg-reject",
    "since": "1.4.50"
   },
   {
    "key": "url-query-20-plus",
    "since": "1.4.50"
   },
   {
    "key": "url-invalid-utf8-reject",
    "since": "1.4.65"
   },
   {
    "key": "header-strict",
    "since": "1.4.50"
   },
   {
    "key": "host-strict",
    "since": "1.4.50"
   },
   {
    "key": "host-normalize",
    "since": "1.4.50"
   },
   {
    "key": "method-get-body",
    "since": "1.4.54"
   }
  ],
  "defaults_current": {
   "url-normalize": true,
   "url-normalize-unreserved": true,
   "url-ctrls-reject": true,
   "url-path-2f-decode": true,
   "url-path-dotseg-remove": true,
   "url-invalid-utf8-reject": true,
   "header-strict": true,
   "host-strict": true,
   "host-normalize": false,
   "others": false
  },
  "notes": "unknown key or non-boolean value = fatal error; any enabled url-* option implies url-normalize; explicitly disabling url-normalize clears all url-* options",
  "source": "src/configfile.c (config_http_parseopts)"
 },
 "gw.balance": {
  "applies_to": [
   "fastcgi.balance",
   "scgi.balance",
   "proxy.balance",
   "ajp13.balance",
   "sockproxy.balance",
   "wstunnel.balance"
  ],
  "values": [
   "fair",
   "least-connection",
   "round-robin",
   "hash",
   "sticky"
  ],
  "default": "least-connection (\"fair\" is an alias)",
  "notes": "unknown value: error message but startup continues with least-connection",
  "source": "src/gw_backend.c (gw_get_defaults_balance)"
 },
 "gw.server-host-keys": {
  "structure": "X.server = ( \"<ext-or-url-prefix>\" => ( \"<backend-label>\" => ( \"key\" => value, ... ), ... ), ... ) ; the backend-label level may instead be an unkeyed list of host blocks: ( \"<ext>\" => ( ( \"host\" => ... ) ) )",
  "keys": [
   {
    "key": "host",
    "type": "string",
    "ctype": "T_CONFIG_STRING",
    "since": "<=1.4.40"
   },
   {
    "key": "port",
    "type": "short",
    "ctype": "T_CONFIG_SHORT",
    "since": "<=1.4.40"
   },
   {
    "key": "socket",
    "type": "string",
    "ctype": "T_CONFIG_STRING",
    "since": "<=1.4.40"
   },
   {
    "key": "listen-backlog",
    "type": "int",
    "ctype": "T_CONFIG_INT",
    "since": "<=1.4.40"
   },
   {
    "key": "bin-path",
    "type": "string",
    "ctype": "T_CONFIG_STRING",
    "since": "<=1.4.40"
   },
   {
    "key": "kill-signal",
    "type": "short",
    "ctype": "T_CONFIG_SHORT",
    "since": "<=1.4.40"
   },
   {
    "key": "check-local",
    "type": "boolean",
    "ctype": "T_CONFIG_BOOL",
    "since": "<=1.4.40"
   },
   {
    "key": "mode",
    "type": "string",
    "ctype": "T_CONFIG_STRING",
    "since": "<=1.4.40"
   },
   {
    "key": "docroot",
    "type": "string",
    "ctype": "T_CONFIG_STRING",
    "since": "<=1.4.40"
   },
   {
    "key": "min-procs",
    "type": "short",
    "ctype": "T_CONFIG_SHORT",
    "since": "<=1.4.40"
   },
   {
    "key": "max-procs",
    "type": "short",
    "ctype": "T_CONFIG_SHORT",
    "since": "<=1.4.40"
   },
   {
    "key": "max-load-per-proc",
    "type": "short",
    "ctype": "T_CONFIG_SHORT",
    "since": "<=1.4.40"
   },
   {
    "key": "idle-timeout",
    "type": "short",
    "ctype": "T_CONFIG_SHORT",
    "since": "<=1.4.40"
   },
   {
    "key": "disable-time",
    "type": "short",
    "ctype": "T_CONFIG_SHORT",
    "since": "<=1.4.40"
   },
   {
    "key": "bin-environment",
    "type": "array-kvstring",
    "ctype": "T_CONFIG_ARRAY_KVSTRING",
    "since": "<=1.4.40"
   },
   {
    "key": "bin-copy-environment",
    "type": "array-vlist",
    "ctype": "T_CONFIG_ARRAY_VLIST",
    "since": "<=1.4.40"
   },
   {
    "key": "broken-scriptfilename",
    "type": "boolean",
    "ctype": "T_CONFIG_BOOL",
    "since": "<=1.4.40"
   },
   {
    "key": "strip-request-uri",
    "type": "string",
    "ctype": "T_CONFIG_STRING",
    "since": "<=1.4.40"
   },
   {
    "key": "fix-root-scriptname",
    "type": "boolean",
    "ctype": "T_CONFIG_BOOL",
    "since": "<=1.4.40"
   },
   {
    "key": "allow-x-send-file",
    "type": "boolean",
    "ctype": "T_CONFIG_BOOL",
    "since": null
   },
   {
    "key": "x-sendfile",
    "type": "boolean",
    "ctype": "T_CONFIG_BOOL",
    "since": null
   },
   {
    "key": "x-sendfile-docroot",
    "type": "array-vlist",
    "ctype": "T_CONFIG_ARRAY_VLIST",
    "since": null
   },
   {
    "key": "tcp-fin-propagate",
    "type": "boolean",
    "ctype": "T_CONFIG_BOOL",
    "since": "1.4.50"
   },
   {
    "key": "connect-timeout",
    "type": "int",
    "ctype": "T_CONFIG_INT",
    "since": "1.4.60"
   },
   {
    "key": "write-timeout",
    "type": "int",
    "ctype": "T_CONFIG_INT",
    "since": "1.4.60"
   },
   {
    "key": "read-timeout",
    "type": "int",
    "ctype": "T_CONFIG_INT",
    "since": "1.4.60"
   },
   {
    "key": "upgrade",
    "type": "boolean",
    "ctype": "T_CONFIG_BOOL",
    "since": "1.4.74"
   }
  ],
  "mode": [
   "responder",
   "authorizer"
  ],
  "notes": "same host-block keys for fastcgi, scgi, proxy, ajp13, sockproxy, wstunnel; mode \"authorizer\" is rejected (fatal) by mod_proxy and mod_wstunnel; backend label > 128 chars or non-keyed host block is an error",
  "source": "src/gw_backend.c (gw_set_defaults_backend)"
 },
 "scgi.protocol": {
  "values": [
   "scgi",
   "uwsgi"
  ],
  "notes": "other = fatal",
  "source": "src/mod_scgi.c"
 },
 "wstunnel.frame-type": {
  "values": [
   "text",
   "binary"
  ],
  "notes": "case-insensitive \"binary\" selects binary; anything else = text",
  "source": "src/mod_wstunnel.c"
 },
 "accesslog.escaping": {
  "values": [
   "default",
   "json"
  ],
  "notes": "anything other than \"json\" = default",
  "source": "src/mod_accesslog.c"
 },
 "accesslog.format": {
  "specifiers": [
   "%%",
   "%a",
   "%A",
   "%b",
   "%B",
   "%C",
   "%D",
   "%e",
   "%f",
   "%h",
   "%H",
   "%i",
   "%I",
   "%k",
   "%l",
   "%m",
   "%n",
   "%o",
   "%O",
   "%p",
   "%P",
   "%q",
   "%r",
   "%s",
   "%t",
   "%T",
   "%u",
   "%U",
   "%v",
   "%V",
   "%X"
  ],
  "notes": "%{name}i/o/e/C/n take a parameter in braces; %{...}t strftime/sec/msec/usec/nsec variants; %{...}T s/ms/us/ns; %P unsupported; empty/invalid format = fatal",
  "source": "src/mod_accesslog.c"
 },
 "auth.backend": {
  "values": {
   "plain": "mod_authn_file",
   "htpasswd": "mod_authn_file",
   "htdigest": "mod_authn_file",
   "ldap": "mod_authn_ldap",
   "pam": "mod_authn_pam",
   "sasl": "mod_authn_sasl",
   "gssapi": "mod_authn_gssapi",
   "dbi": "mod_authn_dbi"
  },
  "removed": {
   "mysql": "mod_authn_mysql removed in 1.4.64"
  },
  "source": "src/mod_authn_*.c (http_auth_backend_t names)"
 },
 "auth.require": {
  "structure": "auth.require = ( \"<url-prefix>\" => ( \"method\" => ..., \"realm\" => ..., \"require\" => ... ), ... )",
  "inner_keys": {
   "method": [
    "basic",
    "digest",
    "extern",
    "gssapi (when mod_authn_gssapi loaded)"
   ],
   "realm": "string (required)",
   "require": "\"valid-user\" or \"|\"-separated user=NAME / group=NAME / host=NAME (host= not implemented: warning)",
   "algorithm": "\"|\"-separated MD5, SHA-256, SHA-512-256 (crypto-lib dependent), each optionally suffixed \"-sess\"; default MD5",
   "nonce_secret": "string (alias nonce-secret)",
   "userhash": "boolean"
  },
  "notes": "unknown inner key, missing method/realm/require = fatal; a shorter prefix listed before a longer one logs \"will never match\"",
  "source": "src/mod_auth.c"
 },
 "cache-opts": {
  "applies_to": [
   "auth.cache",
   "vhostdb.cache"
  ],
  "keys": [
   "max-age"
  ],
  "source": "src/mod_auth.c, src/mod_vhostdb.c"
 },
 "dir-listing.cache": {
  "keys": [
   "path",
   "max-age"
  ],
  "source": "src/mod_dirlisting.c"
 },
 "deflate.allowed-encodings": {
  "values": [
   "gzip",
   "x-gzip",
   "deflate",
   "bzip2",
   "x-bzip2",
   "br",
   "zstd"
  ],
  "notes": "matched by substring; availability depends on compression libs built in; \"brotli\" also matches \"br\"",
  "source": "src/mod_deflate.c"
 },
 "deflate.params": {
  "keys": [
   "gzip.level",
   "gzip.windowBits",
   "gzip.memLevel",
   "gzip.strategy",
   "bzip2.blockSize100k",
   "BROTLI_PARAM_QUALITY",
   "BROTLI_PARAM_LGWIN",
   "BROTLI_PARAM_MODE",
   "ZSTD_c_compressionLevel",
   "ZSTD_c_strategy",
   "ZSTD_c_windowLog"
  ],
  "source": "src/mod_deflate.c"
 },
 "deflate.compression-level": {
  "range": "1..9",
  "source": "src/mod_deflate.c"
 },
 "extforward.forwarder": {
  "keys": "IP, CIDR, or \"all\"",
  "values": [
   "trust",
   "untrusted"
  ],
  "source": "src/mod_extforward.c"
 },
 "extforward.params": {
  "keys": [
   "host",
   "remote_user"
  ],
  "values": "boolean (0, 1, enable, disable)",
  "notes": "other keys = fatal",
  "source": "src/mod_extforward.c"
 },
 "extforward.headers": {
  "values": "header names, e.g. \"Forwarded\", \"X-Forwarded-For\", \"Forwarded-For\"; default when unset: X-Forwarded-For, Forwarded-For",
  "source": "src/mod_extforward.c"
 },
 "proxy.forwarded": {
  "keys": [
   "by",
   "for",
   "host",
   "proto",
   "remote_user"
  ],
  "values": "boolean (0, 1, enable, disable)",
  "notes": "other keys/values = fatal",
  "source": "src/mod_proxy.c"
 },
 "proxy.header": {
  "bool_keys": [
   "https-remap",
   "force-http10",
   "upgrade",
   "connect"
  ],
  "kvstring_keys": [
   "map-urlpath",
   "map-host-request",
   "map-host-response"
  ],
  "vlist_keys": [
   "map-urlpath-resp-host-include",
   "map-urlpath-resp-host-exclude"
  ],
  "notes": "other keys = fatal",
  "source": "src/mod_proxy.c"
 },
 "webdav.opts": {
  "keys": [
   "deprecated-unsafe-partial-put",
   "propfind-depth-infinity",
   "unsafe-propfind-follow-symlink",
   "partial-put-copy-modify"
  ],
  "values": "boolean",
  "notes": "unrecognized key (or key with false value) = fatal \"unrecognized webdav.opts\"",
  "source": "src/mod_webdav.c"
 },
 "cgi.limits": {
  "keys": [
   "read-timeout",
   "write-timeout",
   "tcp-fin-propagate"
  ],
  "source": "src/mod_cgi.c"
 },
 "vhostdb.backend": {
  "values": {
   "dbi": "mod_vhostdb_dbi",
   "ldap": "mod_vhostdb_ldap",
   "mysql": "mod_vhostdb_mysql",
   "pgsql": "mod_vhostdb_pgsql"
  },
  "source": "src/mod_vhostdb_*.c"
 },
 "ssl.openssl.ssl-conf-cmd": {
  "keys_all_tls_modules": [
   "CipherString",
   "Ciphersuites",
   "Compression",
   "Curves",
   "DHParameters",
   "Groups",
   "MaxProtocol",
   "MinProtocol",
   "Options",
   "Protocol",
   "ServerPreference",
   "SessionTicket"
  ],
  "keys_openssl_only": [
   "KTLS",
   "SecurityLevel",
   "(any other OpenSSL SSL_CONF_cmd command)"
  ],
  "protocol_values": [
   "None",
   "TLSv1.0",
   "TLSv1.1",
   "TLSv1.2",
   "TLSv1.3",
   "DTLSv1",
   "DTLSv1.2"
  ],
  "notes": "mod_nss does not handle DHParameters; mod_openssl passes unrecognized commands to OpenSSL SSL_CONF_cmd",
  "source": "src/mod_openssl.c, src/mod_gnutls.c, src/mod_mbedtls.c, src/mod_nss.c, src/mod_wolfssl.c"
 },
 "ssl.ech-opts": {
  "keys": [
   "keydir",
   "refresh",
   "public-names",
   "trial-decrypt"
  ],
  "since": "1.4.77",
  "modules": [
   "mod_openssl",
   "mod_boringssl"
  ],
  "source": "src/mod_openssl.c"
 },
 "ssl.verifyclient.username": {
  "values": "name of a client-cert environment variable, e.g. \"SSL_CLIENT_S_DN_CN\"",
  "source": "src/mod_openssl.c"
 },
 "url.redirect-code": {
  "typical": [
   301,
   302,
   303,
   307,
   308
  ],
  "notes": "values <100 or >=1000 ignored (default 301)",
  "source": "src/mod_redirect.c"
 },
 "expire.value": {
  "grammar": "(\"access\"|\"now\"|\"modification\") [\"plus\"] (<int> <unit>)+ ; unit in year(s) month(s) week(s) day(s) hour(s) minute(s)/min second(s)/sec",
  "notes": "\"now\" == \"access\"",
  "source": "src/mod_expire.c"
 },
 "evhost.path-pattern": {
  "tokens": {
   "%%": "literal %",
   "%_": "full host name (no port)",
   "%0": "domain + tld",
   "%1": "tld",
   "%2": "domain without tld",
   "%3..%9": "subdomain parts (right to left)",
   "%{n}": "same as %n",
   "%{n.m}": "m-th character (1-based) of part n; m=0 means whole part (single digits)"
  },
  "source": "src/mod_evhost.c"
 },
 "substitution": {
  "applies_to": [
   "url.rewrite-once",
   "url.rewrite-repeat",
   "url.rewrite-if-not-file",
   "url.rewrite-repeat-if-not-file",
   "url.rewrite",
   "url.rewrite-final",
   "url.redirect"
  ],
  "tokens": {
   "$0..$9": "capture from this rule's own regex (key of the kv pair)",
   "%0..%9": "capture from the regex of the condition block in which the directive is set (the block containing the assignment, not outer blocks)",
   "${N} / %{N}": "N may be two digits (up to 19 for $; conditional regex limited to 9 groups)",
   "${mod:N} / %{mod:N}": "mod in: esc, escape, escnde, escpsnde (default encoding), noesc, noescape, tolower, toupper, encb64u, decb64u",
   "${url.scheme} ${url.authority} ${url.authority.noport} ${url.port} ${url.path} ${url.query}": "URL parts (authority.noport since 1.4.82)",
   "${qsa}": "append original query string (with ? or &)",
   "$$ / %%": "literal $ / %"
  },
  "limits": "rewrite/redirect patterns: max 19 capture groups; conditional regex (=~ / !~): max 9 capture groups (\"Too many captures in regex\")",
  "notes": "an empty replacement string stops processing of later rules without rewriting; %N refers to captures of the nearest enclosing condition only if that condition is =~ (or was an auto-simplified regex, which is converted back)",
  "source": "src/keyvalue.c, src/mod_rewrite.c, src/mod_redirect.c, src/data_config.c, src/configfile.c (config_finalize)"
 },
 "condition_fields": {
  "$HTTP": {
   "url": "request path (url-decoded, no query string)",
   "host": "Host / :authority",
   "referer": "request header Referer",
   "useragent": "request header User-Agent",
   "user-agent": "request header User-Agent",
   "language": "request header Accept-Language",
   "cookie": "request header Cookie",
   "remoteip": "client IP",
   "remote-ip": "client IP",
   "querystring": "query string",
   "query-string": "query string",
   "request-method": "HTTP method",
   "scheme": "\"http\" or \"https\""
  },
  "$REQUEST_HEADER": "any request header name, e.g. $REQUEST_HEADER[\"X-Forwarded-Proto\"] (since 1.4.46)",
  "$SERVER": {
   "socket": "listening socket: \":port\", \"ip:port\", \"[ipv6]:port\", \"/path/unix.sock\", \"*:port\" (1.4.60+); port-less value uses server.port (1.4.40+)"
  },
  "not_in_1.4": [
   "$PHYSICAL[\"path\"]",
   "$PHYSICAL[\"existing-path\"]",
   "$HTTP[\"request-header\"]"
  ],
  "notes": "field names are case-sensitive ($HTTP[\"URL\"] and $http[...] are errors); the bracket operand must be a string expression (string literals and + concatenation; a variable reference fails in the tokenizer)",
  "source": "src/configparser.y (configparser_comp_key_id), src/plugin_config.h"
 },
 "condition_operators": {
  "==": {
   "since": "<=1.4.40"
  },
  "!=": {
   "since": "<=1.4.40"
  },
  "=~": {
   "since": "<=1.4.40",
   "note": "PCRE/PCRE2 regex"
  },
  "!~": {
   "since": "<=1.4.40"
  },
  "=^": {
   "since": "1.4.65",
   "note": "prefix match; negation only via else"
  },
  "=$": {
   "since": "1.4.65",
   "note": "suffix match; negation only via else"
  },
  "remote-ip_note": "== and != on $HTTP[\"remote-ip\"] accept CIDR \"addr/bits\"",
  "source": "src/configfile.c (tokenizer), src/configparser.y, src/plugin_config.h"
 }
};
