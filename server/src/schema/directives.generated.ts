// GENERATED FILE - DO NOT EDIT. Regenerate with `npm run gen:schema`.
// Every config key lighttpd knows, the removed ones, and the modules that consume them.
// Source: lighttpd-directives.json, lighttpd-1.4.85-11-g2ddc5138 (2ddc51389a139d2b08daf310596c951c1d53dc8d)
/* eslint-disable */
import type { DirectiveInfo, RemovedDirectiveInfo, ModuleInfo, ModuleLoadingInfo } from './types';

export const SCHEMA_SOURCE = {"describe":"lighttpd-1.4.85-11-g2ddc5138","commit":"2ddc51389a139d2b08daf310596c951c1d53dc8d"} as const;

export const DIRECTIVES: readonly DirectiveInfo[] = [
 {
  "key": "accesslog.escaping",
  "module": "mod_accesslog",
  "modules": [
   "mod_accesslog"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.65",
  "enum": "accesslog.escaping"
 },
 {
  "key": "accesslog.filename",
  "module": "mod_accesslog",
  "modules": [
   "mod_accesslog"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "accesslog.format",
  "module": "mod_accesslog",
  "modules": [
   "mod_accesslog"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "accesslog.format"
 },
 {
  "key": "accesslog.syslog-level",
  "module": "mod_accesslog",
  "modules": [
   "mod_accesslog"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.33"
 },
 {
  "key": "accesslog.use-syslog",
  "module": "mod_accesslog",
  "modules": [
   "mod_accesslog"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "ajp13.balance",
  "module": "mod_ajp13",
  "modules": [
   "mod_ajp13"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.59",
  "enum": "gw.balance"
 },
 {
  "key": "ajp13.debug",
  "module": "mod_ajp13",
  "modules": [
   "mod_ajp13"
  ],
  "type": "int",
  "scope": "connection",
  "since": "1.4.59"
 },
 {
  "key": "ajp13.map-extensions",
  "module": "mod_ajp13",
  "modules": [
   "mod_ajp13"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.59"
 },
 {
  "key": "ajp13.server",
  "module": "mod_ajp13",
  "modules": [
   "mod_ajp13"
  ],
  "type": "array-kvarray",
  "scope": "connection",
  "since": "1.4.59",
  "enum": "gw.server-host-keys"
 },
 {
  "key": "alias.url",
  "module": "mod_alias",
  "modules": [
   "mod_alias"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend",
  "module": "mod_auth",
  "modules": [
   "mod_auth"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "auth.backend"
 },
 {
  "key": "auth.backend.dbi",
  "module": "mod_authn_dbi",
  "modules": [
   "mod_authn_dbi"
  ],
  "type": "array-kvany",
  "scope": "connection",
  "since": "1.4.56"
 },
 {
  "key": "auth.backend.gssapi.keytab",
  "module": "mod_authn_gssapi",
  "modules": [
   "mod_authn_gssapi"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.42"
 },
 {
  "key": "auth.backend.gssapi.principal",
  "module": "mod_authn_gssapi",
  "modules": [
   "mod_authn_gssapi"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.42"
 },
 {
  "key": "auth.backend.gssapi.store-creds",
  "module": "mod_authn_gssapi",
  "modules": [
   "mod_authn_gssapi"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.55"
 },
 {
  "key": "auth.backend.htdigest.userfile",
  "module": "mod_authn_file",
  "modules": [
   "mod_authn_file"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.htpasswd.userfile",
  "module": "mod_authn_file",
  "modules": [
   "mod_authn_file"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.ldap.allow-empty-pw",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.14"
 },
 {
  "key": "auth.backend.ldap.base-dn",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.ldap.bind-dn",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.ldap.bind-pw",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.ldap.ca-file",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.ldap.filter",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.ldap.groupmember",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "auth.backend.ldap.hostname",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.ldap.starttls",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.ldap.timeout",
  "module": "mod_authn_ldap",
  "modules": [
   "mod_authn_ldap"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.56"
 },
 {
  "key": "auth.backend.pam.opts",
  "module": "mod_authn_pam",
  "modules": [
   "mod_authn_pam"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.51"
 },
 {
  "key": "auth.backend.plain.groupfile",
  "module": "mod_authn_file",
  "modules": [
   "mod_authn_file"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.plain.userfile",
  "module": "mod_authn_file",
  "modules": [
   "mod_authn_file"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "auth.backend.sasl.opts",
  "module": "mod_authn_sasl",
  "modules": [
   "mod_authn_sasl"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.48"
 },
 {
  "key": "auth.cache",
  "module": "mod_auth",
  "modules": [
   "mod_auth"
  ],
  "type": "array",
  "scope": "connection",
  "since": "1.4.56",
  "enum": "cache-opts"
 },
 {
  "key": "auth.extern-authn",
  "module": "mod_auth",
  "modules": [
   "mod_auth"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "auth.require",
  "module": "mod_auth",
  "modules": [
   "mod_auth"
  ],
  "type": "array-kvarray",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "auth.require"
 },
 {
  "key": "cgi.assign",
  "module": "mod_cgi",
  "modules": [
   "mod_cgi"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "cgi.execute-x-only",
  "module": "mod_cgi",
  "modules": [
   "mod_cgi"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.24"
 },
 {
  "key": "cgi.limits",
  "module": "mod_cgi",
  "modules": [
   "mod_cgi"
  ],
  "type": "array-kvany",
  "scope": "connection",
  "since": "1.4.60",
  "enum": "cgi.limits"
 },
 {
  "key": "cgi.local-redir",
  "module": "mod_cgi",
  "modules": [
   "mod_cgi"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "cgi.upgrade",
  "module": "mod_cgi",
  "modules": [
   "mod_cgi"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "cgi.x-sendfile",
  "module": "mod_cgi",
  "modules": [
   "mod_cgi"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.40"
 },
 {
  "key": "cgi.x-sendfile-docroot",
  "module": "mod_cgi",
  "modules": [
   "mod_cgi"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.40"
 },
 {
  "key": "compress.allowed-encodings",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.21",
  "deprecated": "DEPRECATED (mod_compress removed in 1.4.56); mod_deflate maps it to deflate.allowed-encodings with a warning",
  "enum": "deflate.allowed-encodings"
 },
 {
  "key": "compress.cache-dir",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1",
  "deprecated": "DEPRECATED (mod_compress removed in 1.4.56); mod_deflate maps it to deflate.cache-dir with a warning"
 },
 {
  "key": "compress.filetype",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1",
  "deprecated": "DEPRECATED (mod_compress removed in 1.4.56); mod_deflate maps it to deflate.mimetypes with a warning"
 },
 {
  "key": "compress.max-filesize",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "int",
  "scope": "connection",
  "since": "1.4.1",
  "deprecated": "DEPRECATED (mod_compress removed in 1.4.56); mod_deflate maps it to deflate.max-compress-size with a warning"
 },
 {
  "key": "compress.max-loadavg",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.43",
  "deprecated": "DEPRECATED (mod_compress removed in 1.4.56); mod_deflate maps it to deflate.max-loadavg with a warning"
 },
 {
  "key": "connection.kbytes-per-second",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "debug.log-condition-handling",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "debug.log-file-not-found",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "debug.log-request-handling",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "debug.log-request-header",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "debug.log-request-header-on-error",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "debug.log-response-header",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "debug.log-ssl-noise",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.20",
  "typeVariants": {
   "mod_boringssl": "boolean",
   "mod_gnutls": "short",
   "mod_mbedtls": "short",
   "mod_nss": "boolean",
   "mod_openssl": "boolean",
   "mod_wolfssl": "boolean"
  }
 },
 {
  "key": "debug.log-state-handling",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "debug.log-timeouts",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.21"
 },
 {
  "key": "deflate.allowed-encodings",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.42",
  "enum": "deflate.allowed-encodings"
 },
 {
  "key": "deflate.cache-dir",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.56"
 },
 {
  "key": "deflate.compression-level",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.42",
  "enum": "deflate.compression-level"
 },
 {
  "key": "deflate.max-compress-size",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "int",
  "scope": "connection",
  "since": "1.4.42"
 },
 {
  "key": "deflate.max-loadavg",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.43"
 },
 {
  "key": "deflate.mimetypes",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.42"
 },
 {
  "key": "deflate.min-compress-size",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.42"
 },
 {
  "key": "deflate.output-buffer-size",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.42"
 },
 {
  "key": "deflate.params",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "array-kvany",
  "scope": "connection",
  "since": "1.4.60",
  "enum": "deflate.params"
 },
 {
  "key": "deflate.work-block-size",
  "module": "mod_deflate",
  "modules": [
   "mod_deflate"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.42"
 },
 {
  "key": "dir-listing.activate",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "dir-listing.auto-layout",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.23"
 },
 {
  "key": "dir-listing.cache",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "array-kvany",
  "scope": "connection",
  "since": "1.4.60",
  "enum": "dir-listing.cache"
 },
 {
  "key": "dir-listing.encode-header",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.23"
 },
 {
  "key": "dir-listing.encode-readme",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.23"
 },
 {
  "key": "dir-listing.encoding",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "dir-listing.exclude",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "dir-listing.external-css",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "dir-listing.external-js",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.42"
 },
 {
  "key": "dir-listing.hide-dotfiles",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "dir-listing.hide-header-file",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.9"
 },
 {
  "key": "dir-listing.hide-readme-file",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.9"
 },
 {
  "key": "dir-listing.set-footer",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.17"
 },
 {
  "key": "dir-listing.show-header",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.9"
 },
 {
  "key": "dir-listing.show-readme",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "dir-listing.sort",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.74"
 },
 {
  "key": "etag.use-inode",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.16"
 },
 {
  "key": "etag.use-mtime",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.16"
 },
 {
  "key": "etag.use-size",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.16"
 },
 {
  "key": "evhost.path-pattern",
  "module": "mod_evhost",
  "modules": [
   "mod_evhost"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "evhost.path-pattern"
 },
 {
  "key": "expire.mimetypes",
  "module": "mod_expire",
  "modules": [
   "mod_expire"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.43",
  "enum": "expire.value"
 },
 {
  "key": "expire.url",
  "module": "mod_expire",
  "modules": [
   "mod_expire"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "expire.value"
 },
 {
  "key": "extforward.forwarder",
  "module": "mod_extforward",
  "modules": [
   "mod_extforward"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.14",
  "enum": "extforward.forwarder"
 },
 {
  "key": "extforward.hap-PROXY",
  "module": "mod_extforward",
  "modules": [
   "mod_extforward"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "extforward.hap-PROXY-ssl-client-verify",
  "module": "mod_extforward",
  "modules": [
   "mod_extforward"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "extforward.headers",
  "module": "mod_extforward",
  "modules": [
   "mod_extforward"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.23",
  "enum": "extforward.headers"
 },
 {
  "key": "extforward.params",
  "module": "mod_extforward",
  "modules": [
   "mod_extforward"
  ],
  "type": "array-kvany",
  "scope": "connection",
  "since": "1.4.46",
  "enum": "extforward.params"
 },
 {
  "key": "fastcgi.balance",
  "module": "mod_fastcgi",
  "modules": [
   "mod_fastcgi"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.46",
  "enum": "gw.balance"
 },
 {
  "key": "fastcgi.debug",
  "module": "mod_fastcgi",
  "modules": [
   "mod_fastcgi"
  ],
  "type": "int",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "fastcgi.map-extensions",
  "module": "mod_fastcgi",
  "modules": [
   "mod_fastcgi"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.10"
 },
 {
  "key": "fastcgi.server",
  "module": "mod_fastcgi",
  "modules": [
   "mod_fastcgi"
  ],
  "type": "array-kvarray",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "gw.server-host-keys"
 },
 {
  "key": "index-file.names",
  "module": "mod_indexfile",
  "modules": [
   "mod_indexfile"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "magnet.attract-physical-path-to",
  "module": "mod_magnet",
  "modules": [
   "mod_magnet"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.12"
 },
 {
  "key": "magnet.attract-raw-url-to",
  "module": "mod_magnet",
  "modules": [
   "mod_magnet"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.12"
 },
 {
  "key": "magnet.attract-response-start-to",
  "module": "mod_magnet",
  "modules": [
   "mod_magnet"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.56"
 },
 {
  "key": "maxminddb.activate",
  "module": "mod_maxminddb",
  "modules": [
   "mod_maxminddb"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.54"
 },
 {
  "key": "maxminddb.db",
  "module": "mod_maxminddb",
  "modules": [
   "mod_maxminddb"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.54"
 },
 {
  "key": "maxminddb.env",
  "module": "mod_maxminddb",
  "modules": [
   "mod_maxminddb"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.54"
 },
 {
  "key": "mimetype.assign",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "mimetype.use-xattr",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "mimetype.xattr-name",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.40"
 },
 {
  "key": "proxy.balance",
  "module": "mod_proxy",
  "modules": [
   "mod_proxy"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "gw.balance"
 },
 {
  "key": "proxy.debug",
  "module": "mod_proxy",
  "modules": [
   "mod_proxy"
  ],
  "type": "int",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "proxy.forwarded",
  "module": "mod_proxy",
  "modules": [
   "mod_proxy"
  ],
  "type": "array-kvany",
  "scope": "connection",
  "since": "1.4.46",
  "enum": "proxy.forwarded"
 },
 {
  "key": "proxy.header",
  "module": "mod_proxy",
  "modules": [
   "mod_proxy"
  ],
  "type": "array-kvany",
  "scope": "connection",
  "since": "1.4.46",
  "enum": "proxy.header"
 },
 {
  "key": "proxy.map-extensions",
  "module": "mod_proxy",
  "modules": [
   "mod_proxy"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "proxy.replace-http-host",
  "module": "mod_proxy",
  "modules": [
   "mod_proxy"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.44"
 },
 {
  "key": "proxy.server",
  "module": "mod_proxy",
  "modules": [
   "mod_proxy"
  ],
  "type": "array-kvarray",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "gw.server-host-keys"
 },
 {
  "key": "rrdtool.binary",
  "module": "mod_rrdtool",
  "modules": [
   "mod_rrdtool"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "rrdtool.db-name",
  "module": "mod_rrdtool",
  "modules": [
   "mod_rrdtool"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "scgi.balance",
  "module": "mod_scgi",
  "modules": [
   "mod_scgi"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.46",
  "enum": "gw.balance"
 },
 {
  "key": "scgi.debug",
  "module": "mod_scgi",
  "modules": [
   "mod_scgi"
  ],
  "type": "int",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "scgi.map-extensions",
  "module": "mod_scgi",
  "modules": [
   "mod_scgi"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "scgi.protocol",
  "module": "mod_scgi",
  "modules": [
   "mod_scgi"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.42",
  "enum": "scgi.protocol"
 },
 {
  "key": "scgi.server",
  "module": "mod_scgi",
  "modules": [
   "mod_scgi"
  ],
  "type": "array-kvarray",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "gw.server-host-keys"
 },
 {
  "key": "server.bind",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.breakagelog",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.24"
 },
 {
  "key": "server.bsd-accept-filter",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "socket",
  "since": "1.4.40"
 },
 {
  "key": "server.chroot",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.chunkqueue-chunk-sz",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "int",
  "scope": "server",
  "since": "1.4.52"
 },
 {
  "key": "server.compat-module-load",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "server",
  "since": "1.4.52",
  "enum": "boolean"
 },
 {
  "key": "server.core-files",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "server",
  "since": "1.4.9"
 },
 {
  "key": "server.defer-accept",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "socket",
  "since": "1.4.23"
 },
 {
  "key": "server.dir-listing",
  "module": "mod_dirlisting",
  "modules": [
   "mod_dirlisting"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1",
  "deprecated": "historical alias of dir-listing.activate (mod_dirlisting); prefer dir-listing.activate"
 },
 {
  "key": "server.document-root",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.error-handler",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.40"
 },
 {
  "key": "server.error-handler-404",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.error-intercept",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "server.errorfile-prefix",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.errorlog",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.errorlog-use-syslog",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.event-handler",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.1",
  "enum": "server.event-handler"
 },
 {
  "key": "server.feature-flags",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "array-kvany",
  "scope": "server",
  "since": "1.4.56",
  "enum": "server.feature-flags"
 },
 {
  "key": "server.follow-symlink",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.force-lowercase-filenames",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.9"
 },
 {
  "key": "server.groupname",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.http-parseopt-header-strict",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "server",
  "since": "1.4.40",
  "deprecated": "superseded by server.http-parseopts (\"header-strict\" => ...); still accepted"
 },
 {
  "key": "server.http-parseopt-host-normalize",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "server",
  "since": "1.4.40",
  "deprecated": "superseded by server.http-parseopts (\"host-normalize\" => ...); still accepted"
 },
 {
  "key": "server.http-parseopt-host-strict",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "server",
  "since": "1.4.40",
  "deprecated": "superseded by server.http-parseopts (\"host-strict\" => ...); still accepted"
 },
 {
  "key": "server.http-parseopts",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "array-kvstring",
  "scope": "server",
  "since": "1.4.50",
  "enum": "server.http-parseopts"
 },
 {
  "key": "server.indexfiles",
  "module": "mod_indexfile",
  "modules": [
   "mod_indexfile"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1",
  "deprecated": "historical alias of index-file.names (mod_indexfile); prefer index-file.names"
 },
 {
  "key": "server.ip-transparent",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "socket",
  "since": "1.4.77"
 },
 {
  "key": "server.kbytes-per-second",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.listen-backlog",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "int",
  "scope": "socket",
  "since": "1.4.40"
 },
 {
  "key": "server.max-connections",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "server",
  "since": "1.4.3"
 },
 {
  "key": "server.max-fds",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "int",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.max-keep-alive-idle",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.max-keep-alive-requests",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.max-read-idle",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.max-request-field-size",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "server",
  "since": "1.4.42"
 },
 {
  "key": "server.max-request-size",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "int",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.max-worker",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.max-write-idle",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.modules",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "array-vlist",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.name",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.network-backend",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.7",
  "enum": "server.network-backend"
 },
 {
  "key": "server.pid-file",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.port",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.protocol-http11",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.range-requests",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.reject-expect-100-with-417",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "server",
  "since": "1.4.21",
  "deprecated": "accepted but ignored (no effect)"
 },
 {
  "key": "server.set-v6only",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "socket",
  "since": "1.4.27",
  "deprecated": "runtime warning says it \"will be removed soon\"; prefer separate IPv4/IPv6 sockets"
 },
 {
  "key": "server.socket-perms",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "socket",
  "since": "1.4.46"
 },
 {
  "key": "server.stat-cache-engine",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.1",
  "enum": "server.stat-cache-engine"
 },
 {
  "key": "server.stream-request-body",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.40",
  "enum": "server.stream-body"
 },
 {
  "key": "server.stream-response-body",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.40",
  "enum": "server.stream-body"
 },
 {
  "key": "server.syslog-facility",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.46",
  "enum": "server.syslog-facility"
 },
 {
  "key": "server.systemd-socket-activation",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "server",
  "since": "1.4.53"
 },
 {
  "key": "server.tag",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "server.upload-dirs",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "array-vlist",
  "scope": "server",
  "since": "1.4.7"
 },
 {
  "key": "server.upload-temp-file-size",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "int",
  "scope": "server",
  "since": "1.4.38"
 },
 {
  "key": "server.use-ipv6",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "socket",
  "since": "1.4.1"
 },
 {
  "key": "server.username",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.1"
 },
 {
  "key": "server.v4mapped",
  "module": "core",
  "modules": [
   "core"
  ],
  "type": "boolean",
  "scope": "socket",
  "since": "1.4.56"
 },
 {
  "key": "setenv.add-environment",
  "module": "mod_setenv",
  "modules": [
   "mod_setenv"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "setenv.add-request-header",
  "module": "mod_setenv",
  "modules": [
   "mod_setenv"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "setenv.add-response-header",
  "module": "mod_setenv",
  "modules": [
   "mod_setenv"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "setenv.set-environment",
  "module": "mod_setenv",
  "modules": [
   "mod_setenv"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "setenv.set-request-header",
  "module": "mod_setenv",
  "modules": [
   "mod_setenv"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "setenv.set-response-header",
  "module": "mod_setenv",
  "modules": [
   "mod_setenv"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "simple-vhost.debug",
  "module": "mod_simple_vhost",
  "modules": [
   "mod_simple_vhost"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.8"
 },
 {
  "key": "simple-vhost.default-host",
  "module": "mod_simple_vhost",
  "modules": [
   "mod_simple_vhost"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "simple-vhost.document-root",
  "module": "mod_simple_vhost",
  "modules": [
   "mod_simple_vhost"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "simple-vhost.server-root",
  "module": "mod_simple_vhost",
  "modules": [
   "mod_simple_vhost"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "skeleton.array",
  "module": "mod_skeleton",
  "modules": [
   "mod_skeleton"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "sockproxy.balance",
  "module": "mod_sockproxy",
  "modules": [
   "mod_sockproxy"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.50",
  "enum": "gw.balance"
 },
 {
  "key": "sockproxy.debug",
  "module": "mod_sockproxy",
  "modules": [
   "mod_sockproxy"
  ],
  "type": "int",
  "scope": "connection",
  "since": "1.4.50"
 },
 {
  "key": "sockproxy.server",
  "module": "mod_sockproxy",
  "modules": [
   "mod_sockproxy"
  ],
  "type": "array-kvarray",
  "scope": "connection",
  "since": "1.4.50",
  "enum": "gw.server-host-keys"
 },
 {
  "key": "ssi.conditional-requests",
  "module": "mod_ssi",
  "modules": [
   "mod_ssi"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.40"
 },
 {
  "key": "ssi.content-type",
  "module": "mod_ssi",
  "modules": [
   "mod_ssi"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.23"
 },
 {
  "key": "ssi.exec",
  "module": "mod_ssi",
  "modules": [
   "mod_ssi"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.40"
 },
 {
  "key": "ssi.extension",
  "module": "mod_ssi",
  "modules": [
   "mod_ssi"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "ssi.recursion-max",
  "module": "mod_ssi",
  "modules": [
   "mod_ssi"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.44"
 },
 {
  "key": "ssl.acme-tls-1",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.53"
 },
 {
  "key": "ssl.ca-crl-file",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "ssl.ca-dn-file",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "ssl.ca-file",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "ssl.cipher-list",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "socket",
  "since": "1.4.12",
  "deprecated": "deprecated: non-blank value logs \"is deprecated\"; prefer lighttpd TLS defaults or ssl.openssl.ssl-conf-cmd (\"CipherString\" => ...)"
 },
 {
  "key": "ssl.disable-client-renegotiation",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.30",
  "deprecated": "accepted but ignored (client renegotiation always disabled)"
 },
 {
  "key": "ssl.ech-opts",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_openssl"
  ],
  "type": "array-kvany",
  "scope": "socket",
  "since": "1.4.77",
  "enum": "ssl.ech-opts"
 },
 {
  "key": "ssl.ech-public-name",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_openssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.77"
 },
 {
  "key": "ssl.engine",
  "module": "core",
  "modules": [
   "core",
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "boolean",
  "scope": "socket",
  "since": "1.4.1"
 },
 {
  "key": "ssl.openssl.ssl-conf-cmd",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "array-kvstring",
  "scope": "socket",
  "since": "1.4.48",
  "enum": "ssl.openssl.ssl-conf-cmd"
 },
 {
  "key": "ssl.pemfile",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "ssl.privkey",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.53"
 },
 {
  "key": "ssl.read-ahead",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.45"
 },
 {
  "key": "ssl.stapling-file",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.56"
 },
 {
  "key": "ssl.stek-file",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "server",
  "since": "1.4.56"
 },
 {
  "key": "ssl.verifyclient.activate",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.24"
 },
 {
  "key": "ssl.verifyclient.ca-crl-file",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.60"
 },
 {
  "key": "ssl.verifyclient.ca-dn-file",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.60"
 },
 {
  "key": "ssl.verifyclient.ca-file",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.60"
 },
 {
  "key": "ssl.verifyclient.depth",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.24"
 },
 {
  "key": "ssl.verifyclient.enforce",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.24"
 },
 {
  "key": "ssl.verifyclient.exportcert",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.25"
 },
 {
  "key": "ssl.verifyclient.username",
  "module": "mod_openssl",
  "modules": [
   "mod_boringssl",
   "mod_gnutls",
   "mod_mbedtls",
   "mod_nss",
   "mod_openssl",
   "mod_wolfssl"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.24",
  "enum": "ssl.verifyclient.username"
 },
 {
  "key": "static-file.disable-pathinfo",
  "module": "mod_staticfile",
  "modules": [
   "mod_staticfile"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.30"
 },
 {
  "key": "static-file.etags",
  "module": "mod_staticfile",
  "modules": [
   "mod_staticfile"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.16"
 },
 {
  "key": "static-file.exclude-extensions",
  "module": "mod_staticfile",
  "modules": [
   "mod_staticfile"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "status.config-url",
  "module": "mod_status",
  "modules": [
   "mod_status"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "status.enable-sort",
  "module": "mod_status",
  "modules": [
   "mod_status"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "status.statistics-url",
  "module": "mod_status",
  "modules": [
   "mod_status"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.9"
 },
 {
  "key": "status.status-url",
  "module": "mod_status",
  "modules": [
   "mod_status"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "url.access-allow",
  "module": "mod_access",
  "modules": [
   "mod_access"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.40"
 },
 {
  "key": "url.access-deny",
  "module": "mod_access",
  "modules": [
   "mod_access"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "url.redirect",
  "module": "mod_redirect",
  "modules": [
   "mod_redirect"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "substitution"
 },
 {
  "key": "url.redirect-code",
  "module": "mod_redirect",
  "modules": [
   "mod_redirect"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.31",
  "enum": "url.redirect-code"
 },
 {
  "key": "url.rewrite",
  "module": "mod_rewrite",
  "modules": [
   "mod_rewrite"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1",
  "deprecated": "old name; treated as url.rewrite-once",
  "enum": "substitution"
 },
 {
  "key": "url.rewrite-final",
  "module": "mod_rewrite",
  "modules": [
   "mod_rewrite"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1",
  "deprecated": "old name; treated as url.rewrite-once",
  "enum": "substitution"
 },
 {
  "key": "url.rewrite-if-not-file",
  "module": "mod_rewrite",
  "modules": [
   "mod_rewrite"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.24",
  "enum": "substitution"
 },
 {
  "key": "url.rewrite-once",
  "module": "mod_rewrite",
  "modules": [
   "mod_rewrite"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "substitution"
 },
 {
  "key": "url.rewrite-repeat",
  "module": "mod_rewrite",
  "modules": [
   "mod_rewrite"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.1",
  "enum": "substitution"
 },
 {
  "key": "url.rewrite-repeat-if-not-file",
  "module": "mod_rewrite",
  "modules": [
   "mod_rewrite"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.24",
  "enum": "substitution"
 },
 {
  "key": "userdir.active",
  "module": "mod_userdir",
  "modules": [
   "mod_userdir"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.33"
 },
 {
  "key": "userdir.basepath",
  "module": "mod_userdir",
  "modules": [
   "mod_userdir"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.7"
 },
 {
  "key": "userdir.exclude-user",
  "module": "mod_userdir",
  "modules": [
   "mod_userdir"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "userdir.include-user",
  "module": "mod_userdir",
  "modules": [
   "mod_userdir"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "userdir.letterhomes",
  "module": "mod_userdir",
  "modules": [
   "mod_userdir"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.19"
 },
 {
  "key": "userdir.path",
  "module": "mod_userdir",
  "modules": [
   "mod_userdir"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "vhostdb.backend",
  "module": "mod_vhostdb",
  "modules": [
   "mod_vhostdb"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.46",
  "enum": "vhostdb.backend"
 },
 {
  "key": "vhostdb.cache",
  "module": "mod_vhostdb",
  "modules": [
   "mod_vhostdb"
  ],
  "type": "array",
  "scope": "connection",
  "since": "1.4.56",
  "enum": "cache-opts"
 },
 {
  "key": "vhostdb.dbi",
  "module": "mod_vhostdb_dbi",
  "modules": [
   "mod_vhostdb_dbi"
  ],
  "type": "array-kvany",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "vhostdb.ldap",
  "module": "mod_vhostdb_ldap",
  "modules": [
   "mod_vhostdb_ldap"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "vhostdb.mysql",
  "module": "mod_vhostdb_mysql",
  "modules": [
   "mod_vhostdb_mysql"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "vhostdb.pgsql",
  "module": "mod_vhostdb_pgsql",
  "modules": [
   "mod_vhostdb_pgsql"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "webdav.activate",
  "module": "mod_webdav",
  "modules": [
   "mod_webdav"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "webdav.is-readonly",
  "module": "mod_webdav",
  "modules": [
   "mod_webdav"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "webdav.log-xml",
  "module": "mod_webdav",
  "modules": [
   "mod_webdav"
  ],
  "type": "boolean",
  "scope": "connection",
  "since": "1.4.7"
 },
 {
  "key": "webdav.opts",
  "module": "mod_webdav",
  "modules": [
   "mod_webdav"
  ],
  "type": "array-kvany",
  "scope": "connection",
  "since": "1.4.54",
  "enum": "webdav.opts"
 },
 {
  "key": "webdav.sqlite-db-name",
  "module": "mod_webdav",
  "modules": [
   "mod_webdav"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.1"
 },
 {
  "key": "wstunnel.balance",
  "module": "mod_wstunnel",
  "modules": [
   "mod_wstunnel"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.46",
  "enum": "gw.balance"
 },
 {
  "key": "wstunnel.debug",
  "module": "mod_wstunnel",
  "modules": [
   "mod_wstunnel"
  ],
  "type": "int",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "wstunnel.frame-type",
  "module": "mod_wstunnel",
  "modules": [
   "mod_wstunnel"
  ],
  "type": "string",
  "scope": "connection",
  "since": "1.4.46",
  "enum": "wstunnel.frame-type"
 },
 {
  "key": "wstunnel.map-extensions",
  "module": "mod_wstunnel",
  "modules": [
   "mod_wstunnel"
  ],
  "type": "array-kvstring",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "wstunnel.origins",
  "module": "mod_wstunnel",
  "modules": [
   "mod_wstunnel"
  ],
  "type": "array-vlist",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "wstunnel.ping-interval",
  "module": "mod_wstunnel",
  "modules": [
   "mod_wstunnel"
  ],
  "type": "short",
  "scope": "connection",
  "since": "1.4.46"
 },
 {
  "key": "wstunnel.server",
  "module": "mod_wstunnel",
  "modules": [
   "mod_wstunnel"
  ],
  "type": "array-kvarray",
  "scope": "connection",
  "since": "1.4.46",
  "enum": "gw.server-host-keys"
 }
];

export const REMOVED_DIRECTIVES: readonly RemovedDirectiveInfo[] = [
 {
  "key": "auth.backend.mysql.col_pass",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.backend.mysql.col_realm",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.backend.mysql.col_user",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.backend.mysql.db",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.backend.mysql.host",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.backend.mysql.pass",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.backend.mysql.port",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.backend.mysql.socket",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.backend.mysql.user",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.backend.mysql.users_table",
  "module": "mod_authn_mysql",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_authn_mysql; use mod_authn_dbi (auth.backend = \"dbi\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "auth.debug",
  "module": "mod_auth",
  "removedIn": "1.4.42",
  "note": "REMOVED in 1.4.42: removed (no effect). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "cml.extension",
  "module": "mod_cml",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_cml; use mod_magnet. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "cml.memcache-hosts",
  "module": "mod_cml",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_cml; use mod_magnet. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "cml.memcache-namespace",
  "module": "mod_cml",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_cml; use mod_magnet. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "cml.power-magnet",
  "module": "mod_cml",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_cml; use mod_magnet. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "evasive.location",
  "module": "mod_evasive",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_evasive; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "evasive.max-conns-per-ip",
  "module": "mod_evasive",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_evasive; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "evasive.silent",
  "module": "mod_evasive",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_evasive; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "flv-streaming.extensions",
  "module": "mod_flv_streaming",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_flv_streaming; no direct replacement; mod_magnet/lua or static files. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "geoip.db-filename",
  "module": "mod_geoip",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_geoip; use mod_maxminddb. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "geoip.memory-cache",
  "module": "mod_geoip",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_geoip; use mod_maxminddb. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "mbedtls.engine",
  "module": "core",
  "removedIn": "1.4.65",
  "note": "REMOVED in 1.4.65: internal/experimental key present 1.4.56-1.4.64. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "mysql-vhost.db",
  "module": "mod_mysql_vhost",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_mysql_vhost; use mod_vhostdb + mod_vhostdb_mysql (vhostdb.backend = \"mysql\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "mysql-vhost.hostname",
  "module": "mod_mysql_vhost",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_mysql_vhost; use mod_vhostdb + mod_vhostdb_mysql (vhostdb.backend = \"mysql\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "mysql-vhost.pass",
  "module": "mod_mysql_vhost",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_mysql_vhost; use mod_vhostdb + mod_vhostdb_mysql (vhostdb.backend = \"mysql\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "mysql-vhost.port",
  "module": "mod_mysql_vhost",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_mysql_vhost; use mod_vhostdb + mod_vhostdb_mysql (vhostdb.backend = \"mysql\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "mysql-vhost.sock",
  "module": "mod_mysql_vhost",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_mysql_vhost; use mod_vhostdb + mod_vhostdb_mysql (vhostdb.backend = \"mysql\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "mysql-vhost.sql",
  "module": "mod_mysql_vhost",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_mysql_vhost; use mod_vhostdb + mod_vhostdb_mysql (vhostdb.backend = \"mysql\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "mysql-vhost.user",
  "module": "mod_mysql_vhost",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_mysql_vhost; use mod_vhostdb + mod_vhostdb_mysql (vhostdb.backend = \"mysql\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "secdownload.algorithm",
  "module": "mod_secdownload",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_secdownload; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "secdownload.document-root",
  "module": "mod_secdownload",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_secdownload; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "secdownload.hash-querystr",
  "module": "mod_secdownload",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_secdownload; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "secdownload.path-segments",
  "module": "mod_secdownload",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_secdownload; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "secdownload.secret",
  "module": "mod_secdownload",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_secdownload; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "secdownload.timeout",
  "module": "mod_secdownload",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_secdownload; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "secdownload.uri-prefix",
  "module": "mod_secdownload",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_secdownload; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "server.docroot",
  "module": "core",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED in 1.4.40 (use server.document-root); removed 1.4.41. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "server.force-lower-case-files",
  "module": "core",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED in 1.4.40 (use server.force-lowercase-filenames); removed 1.4.41. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "server.groupid",
  "module": "core",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED in 1.4.40 (use server.groupname); removed 1.4.41. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "server.host",
  "module": "core",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED in 1.4.40 (use server.bind); removed 1.4.41. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "server.use-keep-alive",
  "module": "core",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED in 1.4.40 (use server.max-keep-alive-requests = 0); removed 1.4.41. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "server.userid",
  "module": "core",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED in 1.4.40 (use server.username); removed 1.4.41. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "server.virtual-default-host",
  "module": "core",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED in 1.4.40 (use mod_simple_vhost); removed 1.4.41. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "server.virtual-docroot",
  "module": "core",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED in 1.4.40 (use mod_simple_vhost); removed 1.4.41. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "server.virtual-root",
  "module": "core",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED in 1.4.40 (use mod_simple_vhost); removed 1.4.41. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "ssl.dh-file",
  "module": "mod_openssl",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68: removed; use ssl.openssl.ssl-conf-cmd (\"DHParameters\" => file). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "ssl.ec-curve",
  "module": "mod_openssl",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68: removed; use ssl.openssl.ssl-conf-cmd (\"Groups\"/\"Curves\" => ...). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "ssl.empty-fragments",
  "module": "mod_openssl",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68: removed. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "ssl.honor-cipher-order",
  "module": "mod_openssl",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68: removed; use ssl.openssl.ssl-conf-cmd (\"Options\" => \"ServerPreference\"). Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "ssl.use-sslv2",
  "module": "mod_openssl",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68: removed with TLS config simplification. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "ssl.use-sslv3",
  "module": "mod_openssl",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68: removed with TLS config simplification. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "trigger-before-download.debug",
  "module": "mod_trigger_b4_dl",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_trigger_b4_dl; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "trigger-before-download.deny-url",
  "module": "mod_trigger_b4_dl",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_trigger_b4_dl; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "trigger-before-download.download-url",
  "module": "mod_trigger_b4_dl",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_trigger_b4_dl; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "trigger-before-download.gdbm-filename",
  "module": "mod_trigger_b4_dl",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_trigger_b4_dl; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "trigger-before-download.memcache-hosts",
  "module": "mod_trigger_b4_dl",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_trigger_b4_dl; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "trigger-before-download.memcache-namespace",
  "module": "mod_trigger_b4_dl",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_trigger_b4_dl; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "trigger-before-download.trigger-timeout",
  "module": "mod_trigger_b4_dl",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_trigger_b4_dl; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "trigger-before-download.trigger-url",
  "module": "mod_trigger_b4_dl",
  "removedIn": "1.4.64",
  "note": "REMOVED in 1.4.64 with mod_trigger_b4_dl; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "upload-progress.progress-url",
  "module": "mod_uploadprogress",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_uploadprogress; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "usertrack.cookie-attrs",
  "module": "mod_usertrack",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_usertrack; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "usertrack.cookie-domain",
  "module": "mod_usertrack",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_usertrack; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "usertrack.cookie-max-age",
  "module": "mod_usertrack",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_usertrack; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "usertrack.cookie-name",
  "module": "mod_usertrack",
  "removedIn": "1.4.68",
  "note": "REMOVED in 1.4.68 with mod_usertrack; use mod_magnet lua. Now reported as \"unknown config-key\" (warning)"
 },
 {
  "key": "usertrack.cookiename",
  "module": "mod_usertrack",
  "removedIn": "1.4.41",
  "note": "REMOVED in 1.4.41: T_CONFIG_DEPRECATED alias of usertrack.cookie-name in 1.4.40. Now reported as \"unknown config-key\" (warning)"
 }
];

export const MODULES: readonly ModuleInfo[] = [
 {
  "name": "mod_access",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "deny/allow by URL suffix/prefix",
  "keys": [
   "url.access-allow",
   "url.access-deny"
  ],
  "builtin": true
 },
 {
  "name": "mod_accesslog",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "access log",
  "keys": [
   "accesslog.escaping",
   "accesslog.filename",
   "accesslog.format",
   "accesslog.syslog-level",
   "accesslog.use-syslog"
  ]
 },
 {
  "name": "mod_ajp13",
  "status": "current",
  "since": "1.4.59",
  "purpose": "AJP13 (Tomcat) backend gateway",
  "keys": [
   "ajp13.balance",
   "ajp13.debug",
   "ajp13.map-extensions",
   "ajp13.server"
  ]
 },
 {
  "name": "mod_alias",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "URL-prefix to filesystem path mapping",
  "keys": [
   "alias.url"
  ],
  "builtin": true
 },
 {
  "name": "mod_auth",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "HTTP authentication framework (basic/digest/extern); backends in mod_authn_* since 1.4.42",
  "keys": [
   "auth.backend",
   "auth.cache",
   "auth.extern-authn",
   "auth.require"
  ],
  "implicitLoad": "prepended if an mod_authn_* module is listed without (or before) mod_auth"
 },
 {
  "name": "mod_authn_dbi",
  "status": "current",
  "since": "1.4.56",
  "purpose": "auth backend \"dbi\"",
  "keys": [
   "auth.backend.dbi"
  ]
 },
 {
  "name": "mod_authn_file",
  "status": "current",
  "since": "1.4.42",
  "purpose": "auth backends \"plain\", \"htpasswd\", \"htdigest\"",
  "keys": [
   "auth.backend.htdigest.userfile",
   "auth.backend.htpasswd.userfile",
   "auth.backend.plain.groupfile",
   "auth.backend.plain.userfile"
  ],
  "implicitLoad": "appended with a warning if mod_auth is listed, mod_authn_file is not, and auth.backend is \"plain\"/\"htpasswd\"/\"htdigest\""
 },
 {
  "name": "mod_authn_gssapi",
  "status": "current",
  "since": "1.4.42",
  "purpose": "auth backend/method \"gssapi\" (Kerberos)",
  "keys": [
   "auth.backend.gssapi.keytab",
   "auth.backend.gssapi.principal",
   "auth.backend.gssapi.store-creds"
  ]
 },
 {
  "name": "mod_authn_ldap",
  "status": "current",
  "since": "1.4.42",
  "purpose": "auth backend \"ldap\"",
  "keys": [
   "auth.backend.ldap.allow-empty-pw",
   "auth.backend.ldap.base-dn",
   "auth.backend.ldap.bind-dn",
   "auth.backend.ldap.bind-pw",
   "auth.backend.ldap.ca-file",
   "auth.backend.ldap.filter",
   "auth.backend.ldap.groupmember",
   "auth.backend.ldap.hostname",
   "auth.backend.ldap.starttls",
   "auth.backend.ldap.timeout"
  ],
  "implicitLoad": "appended with a warning if mod_auth is listed and auth.backend = \"ldap\" (LDAP-enabled builds)"
 },
 {
  "name": "mod_authn_mysql",
  "status": "removed",
  "since": "1.4.42",
  "purpose": null,
  "keys": [
   "auth.backend.mysql.col_pass",
   "auth.backend.mysql.col_realm",
   "auth.backend.mysql.col_user",
   "auth.backend.mysql.db",
   "auth.backend.mysql.host",
   "auth.backend.mysql.pass",
   "auth.backend.mysql.port",
   "auth.backend.mysql.socket",
   "auth.backend.mysql.user",
   "auth.backend.mysql.users_table"
  ],
  "removedIn": "1.4.64",
  "replacement": "mod_authn_dbi"
 },
 {
  "name": "mod_authn_pam",
  "status": "current",
  "since": "1.4.51",
  "purpose": "auth backend \"pam\"",
  "keys": [
   "auth.backend.pam.opts"
  ]
 },
 {
  "name": "mod_authn_sasl",
  "status": "current",
  "since": "1.4.48",
  "purpose": "auth backend \"sasl\"",
  "keys": [
   "auth.backend.sasl.opts"
  ]
 },
 {
  "name": "mod_boringssl",
  "status": "current",
  "since": "1.4.80",
  "purpose": "TLS via BoringSSL/AWS-LC (same ssl.* keys as mod_openssl)",
  "keys": [
   "debug.log-ssl-noise",
   "ssl.acme-tls-1",
   "ssl.ca-crl-file",
   "ssl.ca-dn-file",
   "ssl.ca-file",
   "ssl.cipher-list",
   "ssl.disable-client-renegotiation",
   "ssl.ech-opts",
   "ssl.ech-public-name",
   "ssl.engine",
   "ssl.openssl.ssl-conf-cmd",
   "ssl.pemfile",
   "ssl.privkey",
   "ssl.read-ahead",
   "ssl.stapling-file",
   "ssl.stek-file",
   "ssl.verifyclient.activate",
   "ssl.verifyclient.ca-crl-file",
   "ssl.verifyclient.ca-dn-file",
   "ssl.verifyclient.ca-file",
   "ssl.verifyclient.depth",
   "ssl.verifyclient.enforce",
   "ssl.verifyclient.exportcert",
   "ssl.verifyclient.username"
  ]
 },
 {
  "name": "mod_cgi",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "CGI",
  "keys": [
   "cgi.assign",
   "cgi.execute-x-only",
   "cgi.limits",
   "cgi.local-redir",
   "cgi.upgrade",
   "cgi.x-sendfile",
   "cgi.x-sendfile-docroot"
  ]
 },
 {
  "name": "mod_cml",
  "status": "removed",
  "since": "<=1.4.40",
  "purpose": null,
  "keys": [
   "cml.extension",
   "cml.memcache-hosts",
   "cml.memcache-namespace",
   "cml.power-magnet"
  ],
  "removedIn": "1.4.64",
  "replacement": "mod_magnet"
 },
 {
  "name": "mod_compress",
  "status": "removed",
  "since": "<=1.4.40",
  "purpose": null,
  "keys": [
   "compress.allowed-encodings",
   "compress.cache-dir",
   "compress.filetype",
   "compress.max-filesize",
   "compress.max-loadavg"
  ],
  "removedIn": "1.4.56",
  "replacement": "mod_deflate"
 },
 {
  "name": "mod_deflate",
  "status": "current",
  "since": "1.4.42",
  "purpose": "response compression (subsumes mod_compress)",
  "keys": [
   "compress.allowed-encodings",
   "compress.cache-dir",
   "compress.filetype",
   "compress.max-filesize",
   "compress.max-loadavg",
   "deflate.allowed-encodings",
   "deflate.cache-dir",
   "deflate.compression-level",
   "deflate.max-compress-size",
   "deflate.max-loadavg",
   "deflate.mimetypes",
   "deflate.min-compress-size",
   "deflate.output-buffer-size",
   "deflate.params",
   "deflate.work-block-size"
  ],
  "implicitLoad": "\"mod_compress\" in server.modules is rewritten to \"mod_deflate\" (1.4.71+); with compat-module-load, a missing mod_deflate is silently skipped"
 },
 {
  "name": "mod_dirlisting",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "directory listings",
  "keys": [
   "dir-listing.activate",
   "dir-listing.auto-layout",
   "dir-listing.cache",
   "dir-listing.encode-header",
   "dir-listing.encode-readme",
   "dir-listing.encoding",
   "dir-listing.exclude",
   "dir-listing.external-css",
   "dir-listing.external-js",
   "dir-listing.hide-dotfiles",
   "dir-listing.hide-header-file",
   "dir-listing.hide-readme-file",
   "dir-listing.set-footer",
   "dir-listing.show-header",
   "dir-listing.show-readme",
   "dir-listing.sort",
   "server.dir-listing"
  ],
  "implicitLoad": "appended if not listed and dir-listing.activate/server.dir-listing enabled somewhere (1.4.66+; always appended before 1.4.66); removed from the list if listed but never enabled"
 },
 {
  "name": "mod_echo",
  "status": "current",
  "since": "1.4.60",
  "purpose": "test module echoing the request (no config keys)",
  "keys": []
 },
 {
  "name": "mod_evasive",
  "status": "removed",
  "since": "<=1.4.40",
  "purpose": null,
  "keys": [
   "evasive.location",
   "evasive.max-conns-per-ip",
   "evasive.silent"
  ],
  "removedIn": "1.4.68",
  "replacement": "mod_magnet"
 },
 {
  "name": "mod_evhost",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "enhanced virtual hosting by host-name parts",
  "keys": [
   "evhost.path-pattern"
  ],
  "builtin": true
 },
 {
  "name": "mod_expire",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "Expires/Cache-Control headers",
  "keys": [
   "expire.mimetypes",
   "expire.url"
  ],
  "builtin": true
 },
 {
  "name": "mod_extforward",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "real client IP from X-Forwarded-For/Forwarded/HAProxy PROXY",
  "keys": [
   "extforward.forwarder",
   "extforward.hap-PROXY",
   "extforward.hap-PROXY-ssl-client-verify",
   "extforward.headers",
   "extforward.params"
  ]
 },
 {
  "name": "mod_fastcgi",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "FastCGI gateway",
  "keys": [
   "fastcgi.balance",
   "fastcgi.debug",
   "fastcgi.map-extensions",
   "fastcgi.server"
  ],
  "builtin": true
 },
 {
  "name": "mod_flv_streaming",
  "status": "removed",
  "since": "<=1.4.40",
  "purpose": null,
  "keys": [
   "flv-streaming.extensions"
  ],
  "removedIn": "1.4.64",
  "replacement": null
 },
 {
  "name": "mod_geoip",
  "status": "removed",
  "since": "1.4.42",
  "purpose": null,
  "keys": [
   "geoip.db-filename",
   "geoip.memory-cache"
  ],
  "removedIn": "1.4.64",
  "replacement": "mod_maxminddb"
 },
 {
  "name": "mod_gnutls",
  "status": "current",
  "since": "1.4.56",
  "purpose": "TLS via GnuTLS",
  "keys": [
   "debug.log-ssl-noise",
   "ssl.acme-tls-1",
   "ssl.ca-crl-file",
   "ssl.ca-dn-file",
   "ssl.ca-file",
   "ssl.cipher-list",
   "ssl.disable-client-renegotiation",
   "ssl.engine",
   "ssl.openssl.ssl-conf-cmd",
   "ssl.pemfile",
   "ssl.privkey",
   "ssl.read-ahead",
   "ssl.stapling-file",
   "ssl.stek-file",
   "ssl.verifyclient.activate",
   "ssl.verifyclient.ca-crl-file",
   "ssl.verifyclient.ca-dn-file",
   "ssl.verifyclient.ca-file",
   "ssl.verifyclient.depth",
   "ssl.verifyclient.enforce",
   "ssl.verifyclient.exportcert",
   "ssl.verifyclient.username"
  ]
 },
 {
  "name": "mod_h2",
  "status": "current",
  "since": "1.4.71",
  "purpose": "HTTP/2 (separate module since 1.4.71; in core 1.4.56-1.4.70); no config keys, controlled by server.feature-flags",
  "keys": [],
  "implicitLoad": "appended unless server.feature-flags \"server.h2proto\" is disabled (default enabled since 1.4.59); silently skipped (HTTP/2 disabled) if the module file is missing"
 },
 {
  "name": "mod_indexfile",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "directory index files",
  "keys": [
   "index-file.names",
   "server.indexfiles"
  ],
  "implicitLoad": "prepended to server.modules if not listed and index-file.names/server.indexfiles is non-empty somewhere (1.4.66+; always prepended before 1.4.66); REMOVED from the list even if listed when neither key is set (when server.compat-module-load enabled)",
  "builtin": true
 },
 {
  "name": "mod_magnet",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "Lua scripting",
  "keys": [
   "magnet.attract-physical-path-to",
   "magnet.attract-raw-url-to",
   "magnet.attract-response-start-to"
  ]
 },
 {
  "name": "mod_maxminddb",
  "status": "current",
  "since": "1.4.54",
  "purpose": "MaxMind GeoIP2 lookups into environment",
  "keys": [
   "maxminddb.activate",
   "maxminddb.db",
   "maxminddb.env"
  ]
 },
 {
  "name": "mod_mbedtls",
  "status": "current",
  "since": "1.4.56",
  "purpose": "TLS via mbedTLS",
  "keys": [
   "debug.log-ssl-noise",
   "ssl.acme-tls-1",
   "ssl.ca-crl-file",
   "ssl.ca-dn-file",
   "ssl.ca-file",
   "ssl.cipher-list",
   "ssl.disable-client-renegotiation",
   "ssl.engine",
   "ssl.openssl.ssl-conf-cmd",
   "ssl.pemfile",
   "ssl.privkey",
   "ssl.read-ahead",
   "ssl.stek-file",
   "ssl.verifyclient.activate",
   "ssl.verifyclient.ca-crl-file",
   "ssl.verifyclient.ca-dn-file",
   "ssl.verifyclient.ca-file",
   "ssl.verifyclient.depth",
   "ssl.verifyclient.enforce",
   "ssl.verifyclient.exportcert",
   "ssl.verifyclient.username"
  ]
 },
 {
  "name": "mod_mysql_vhost",
  "status": "removed",
  "since": "<=1.4.40",
  "purpose": null,
  "keys": [
   "mysql-vhost.db",
   "mysql-vhost.hostname",
   "mysql-vhost.pass",
   "mysql-vhost.port",
   "mysql-vhost.sock",
   "mysql-vhost.sql",
   "mysql-vhost.user"
  ],
  "removedIn": "1.4.64",
  "replacement": "mod_vhostdb + mod_vhostdb_mysql"
 },
 {
  "name": "mod_nss",
  "status": "current",
  "since": "1.4.56",
  "purpose": "TLS via NSS",
  "keys": [
   "debug.log-ssl-noise",
   "ssl.acme-tls-1",
   "ssl.ca-crl-file",
   "ssl.ca-dn-file",
   "ssl.ca-file",
   "ssl.cipher-list",
   "ssl.disable-client-renegotiation",
   "ssl.engine",
   "ssl.openssl.ssl-conf-cmd",
   "ssl.pemfile",
   "ssl.privkey",
   "ssl.read-ahead",
   "ssl.stapling-file",
   "ssl.stek-file",
   "ssl.verifyclient.activate",
   "ssl.verifyclient.ca-crl-file",
   "ssl.verifyclient.ca-dn-file",
   "ssl.verifyclient.ca-file",
   "ssl.verifyclient.depth",
   "ssl.verifyclient.enforce",
   "ssl.verifyclient.exportcert",
   "ssl.verifyclient.username"
  ]
 },
 {
  "name": "mod_openssl",
  "status": "current",
  "since": "1.4.46",
  "purpose": "TLS via OpenSSL (core handled ssl.* before 1.4.46)",
  "keys": [
   "debug.log-ssl-noise",
   "ssl.acme-tls-1",
   "ssl.ca-crl-file",
   "ssl.ca-dn-file",
   "ssl.ca-file",
   "ssl.cipher-list",
   "ssl.disable-client-renegotiation",
   "ssl.ech-opts",
   "ssl.ech-public-name",
   "ssl.engine",
   "ssl.openssl.ssl-conf-cmd",
   "ssl.pemfile",
   "ssl.privkey",
   "ssl.read-ahead",
   "ssl.stapling-file",
   "ssl.stek-file",
   "ssl.verifyclient.activate",
   "ssl.verifyclient.ca-crl-file",
   "ssl.verifyclient.ca-dn-file",
   "ssl.verifyclient.ca-file",
   "ssl.verifyclient.depth",
   "ssl.verifyclient.enforce",
   "ssl.verifyclient.exportcert",
   "ssl.verifyclient.username"
  ],
  "implicitLoad": "appended with a warning if any ssl.* key appears in any scope and no TLS module (mod_openssl/boringssl/gnutls/mbedtls/nss/wolfssl) is listed (only in builds with OpenSSL crypto)"
 },
 {
  "name": "mod_proxy",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "HTTP reverse proxy",
  "keys": [
   "proxy.balance",
   "proxy.debug",
   "proxy.forwarded",
   "proxy.header",
   "proxy.map-extensions",
   "proxy.replace-http-host",
   "proxy.server"
  ]
 },
 {
  "name": "mod_redirect",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "URL redirects (url.redirect)",
  "keys": [
   "url.redirect",
   "url.redirect-code"
  ],
  "builtin": true
 },
 {
  "name": "mod_rewrite",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "internal URL rewrites (url.rewrite-*)",
  "keys": [
   "url.rewrite",
   "url.rewrite-final",
   "url.rewrite-if-not-file",
   "url.rewrite-once",
   "url.rewrite-repeat",
   "url.rewrite-repeat-if-not-file"
  ],
  "builtin": true
 },
 {
  "name": "mod_rrdtool",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "traffic statistics to rrdtool",
  "keys": [
   "rrdtool.binary",
   "rrdtool.db-name"
  ]
 },
 {
  "name": "mod_scgi",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "SCGI/uwsgi gateway",
  "keys": [
   "scgi.balance",
   "scgi.debug",
   "scgi.map-extensions",
   "scgi.protocol",
   "scgi.server"
  ],
  "builtin": true
 },
 {
  "name": "mod_secdownload",
  "status": "removed",
  "since": "<=1.4.40",
  "purpose": null,
  "keys": [
   "secdownload.algorithm",
   "secdownload.document-root",
   "secdownload.hash-querystr",
   "secdownload.path-segments",
   "secdownload.secret",
   "secdownload.timeout",
   "secdownload.uri-prefix"
  ],
  "removedIn": "1.4.68",
  "replacement": "mod_magnet"
 },
 {
  "name": "mod_setenv",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "set request/response headers and environment",
  "keys": [
   "setenv.add-environment",
   "setenv.add-request-header",
   "setenv.add-response-header",
   "setenv.set-environment",
   "setenv.set-request-header",
   "setenv.set-response-header"
  ],
  "builtin": true
 },
 {
  "name": "mod_simple_vhost",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "simple virtual hosting",
  "keys": [
   "simple-vhost.debug",
   "simple-vhost.default-host",
   "simple-vhost.document-root",
   "simple-vhost.server-root"
  ],
  "builtin": true
 },
 {
  "name": "mod_skeleton",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "template module for developers (skeleton.array)",
  "keys": [
   "skeleton.array"
  ]
 },
 {
  "name": "mod_sockproxy",
  "status": "current",
  "since": "1.4.50",
  "purpose": "raw socket (TCP) forwarding",
  "keys": [
   "sockproxy.balance",
   "sockproxy.debug",
   "sockproxy.server"
  ]
 },
 {
  "name": "mod_ssi",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "server-side includes",
  "keys": [
   "ssi.conditional-requests",
   "ssi.content-type",
   "ssi.exec",
   "ssi.extension",
   "ssi.recursion-max"
  ]
 },
 {
  "name": "mod_staticfile",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "static file handler",
  "keys": [
   "static-file.disable-pathinfo",
   "static-file.etags",
   "static-file.exclude-extensions"
  ],
  "implicitLoad": "appended if not listed (when server.compat-module-load enabled, the default)",
  "builtin": true
 },
 {
  "name": "mod_status",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "server status/config pages",
  "keys": [
   "status.config-url",
   "status.enable-sort",
   "status.statistics-url",
   "status.status-url"
  ]
 },
 {
  "name": "mod_trigger_b4_dl",
  "status": "removed",
  "since": "<=1.4.40",
  "purpose": null,
  "keys": [
   "trigger-before-download.debug",
   "trigger-before-download.deny-url",
   "trigger-before-download.download-url",
   "trigger-before-download.gdbm-filename",
   "trigger-before-download.memcache-hosts",
   "trigger-before-download.memcache-namespace",
   "trigger-before-download.trigger-timeout",
   "trigger-before-download.trigger-url"
  ],
  "removedIn": "1.4.64",
  "replacement": "mod_magnet"
 },
 {
  "name": "mod_uploadprogress",
  "status": "removed",
  "since": "<=1.4.40",
  "purpose": null,
  "keys": [
   "upload-progress.progress-url"
  ],
  "removedIn": "1.4.68",
  "replacement": "mod_magnet"
 },
 {
  "name": "mod_userdir",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "~user directories",
  "keys": [
   "userdir.active",
   "userdir.basepath",
   "userdir.exclude-user",
   "userdir.include-user",
   "userdir.letterhomes",
   "userdir.path"
  ]
 },
 {
  "name": "mod_usertrack",
  "status": "removed",
  "since": "<=1.4.40",
  "purpose": null,
  "keys": [
   "usertrack.cookie-attrs",
   "usertrack.cookie-domain",
   "usertrack.cookie-max-age",
   "usertrack.cookie-name",
   "usertrack.cookiename"
  ],
  "removedIn": "1.4.68",
  "replacement": "mod_magnet"
 },
 {
  "name": "mod_vhostdb",
  "status": "current",
  "since": "1.4.46",
  "purpose": "virtual-host docroot lookup framework",
  "keys": [
   "vhostdb.backend",
   "vhostdb.cache"
  ],
  "implicitLoad": "prepended if a mod_vhostdb_* module is listed without (or before) mod_vhostdb"
 },
 {
  "name": "mod_vhostdb_dbi",
  "status": "current",
  "since": "1.4.46",
  "purpose": "vhostdb backend \"dbi\"",
  "keys": [
   "vhostdb.dbi"
  ]
 },
 {
  "name": "mod_vhostdb_ldap",
  "status": "current",
  "since": "1.4.46",
  "purpose": "vhostdb backend \"ldap\"",
  "keys": [
   "vhostdb.ldap"
  ]
 },
 {
  "name": "mod_vhostdb_mysql",
  "status": "current",
  "since": "1.4.46",
  "purpose": "vhostdb backend \"mysql\"",
  "keys": [
   "vhostdb.mysql"
  ]
 },
 {
  "name": "mod_vhostdb_pgsql",
  "status": "current",
  "since": "1.4.46",
  "purpose": "vhostdb backend \"pgsql\"",
  "keys": [
   "vhostdb.pgsql"
  ]
 },
 {
  "name": "mod_webdav",
  "status": "current",
  "since": "<=1.4.40",
  "purpose": "WebDAV",
  "keys": [
   "webdav.activate",
   "webdav.is-readonly",
   "webdav.log-xml",
   "webdav.opts",
   "webdav.sqlite-db-name"
  ]
 },
 {
  "name": "mod_wolfssl",
  "status": "current",
  "since": "1.4.56",
  "purpose": "TLS via wolfSSL",
  "keys": [
   "debug.log-ssl-noise",
   "ssl.acme-tls-1",
   "ssl.ca-crl-file",
   "ssl.ca-dn-file",
   "ssl.ca-file",
   "ssl.cipher-list",
   "ssl.disable-client-renegotiation",
   "ssl.engine",
   "ssl.openssl.ssl-conf-cmd",
   "ssl.pemfile",
   "ssl.privkey",
   "ssl.read-ahead",
   "ssl.stapling-file",
   "ssl.stek-file",
   "ssl.verifyclient.activate",
   "ssl.verifyclient.ca-crl-file",
   "ssl.verifyclient.ca-dn-file",
   "ssl.verifyclient.ca-file",
   "ssl.verifyclient.depth",
   "ssl.verifyclient.enforce",
   "ssl.verifyclient.exportcert",
   "ssl.verifyclient.username"
  ]
 },
 {
  "name": "mod_wstunnel",
  "status": "current",
  "since": "1.4.46",
  "purpose": "WebSocket tunnel gateway",
  "keys": [
   "wstunnel.balance",
   "wstunnel.debug",
   "wstunnel.frame-type",
   "wstunnel.map-extensions",
   "wstunnel.origins",
   "wstunnel.ping-interval",
   "wstunnel.server"
  ]
 }
];

export const MODULE_LOADING: ModuleLoadingInfo = {
 "implicit": {
  "mod_indexfile": "prepended to server.modules if not listed and index-file.names/server.indexfiles is non-empty somewhere (1.4.66+; always prepended before 1.4.66); REMOVED from the list even if listed when neither key is set (when server.compat-module-load enabled)",
  "mod_dirlisting": "appended if not listed and dir-listing.activate/server.dir-listing enabled somewhere (1.4.66+; always appended before 1.4.66); removed from the list if listed but never enabled",
  "mod_staticfile": "appended if not listed (when server.compat-module-load enabled, the default)",
  "mod_h2": "appended unless server.feature-flags \"server.h2proto\" is disabled (default enabled since 1.4.59); silently skipped (HTTP/2 disabled) if the module file is missing",
  "mod_openssl": "appended with a warning if any ssl.* key appears in any scope and no TLS module (mod_openssl/boringssl/gnutls/mbedtls/nss/wolfssl) is listed (only in builds with OpenSSL crypto)",
  "mod_authn_file": "appended with a warning if mod_auth is listed, mod_authn_file is not, and auth.backend is \"plain\"/\"htpasswd\"/\"htdigest\"",
  "mod_authn_ldap": "appended with a warning if mod_auth is listed and auth.backend = \"ldap\" (LDAP-enabled builds)",
  "mod_auth": "prepended if an mod_authn_* module is listed without (or before) mod_auth",
  "mod_vhostdb": "prepended if a mod_vhostdb_* module is listed without (or before) mod_vhostdb",
  "mod_deflate": "\"mod_compress\" in server.modules is rewritten to \"mod_deflate\" (1.4.71+); with compat-module-load, a missing mod_deflate is silently skipped"
 },
 "builtinSince": "1.4.68",
 "builtinModules": [
  "mod_rewrite",
  "mod_redirect",
  "mod_access",
  "mod_alias",
  "mod_indexfile",
  "mod_staticfile",
  "mod_setenv",
  "mod_expire",
  "mod_simple_vhost",
  "mod_evhost",
  "mod_fastcgi",
  "mod_scgi"
 ],
 "orderingConstraints": [
  {
   "rule": "mod_indexfile before dynamic handlers (modules with subrequest handlers, e.g. mod_fastcgi, mod_proxy, mod_cgi)",
   "severity": "warning",
   "since": null
  },
  {
   "rule": "dynamic handlers (mod_ajp13, mod_cgi, mod_fastcgi, mod_proxy, mod_scgi, mod_sockproxy, mod_wstunnel) before mod_staticfile",
   "severity": "warning",
   "since": "1.4.72"
  },
  {
   "rule": "mod_auth before dynamic backends (mod_ajp13, mod_cgi, mod_fastcgi, mod_proxy, mod_scgi, mod_sockproxy, mod_wstunnel)",
   "severity": "warning",
   "since": "1.4.62"
  },
  {
   "rule": "mod_auth before any mod_authn_*; mod_vhostdb before any mod_vhostdb_* (otherwise auto-prepended)",
   "severity": "silent fix",
   "since": null
  },
  {
   "rule": "with extforward.hap-PROXY = \"enable\", TLS modules (mod_openssl, mod_mbedtls, mod_wolfssl, mod_nss, mod_gnutls) must be listed before mod_extforward",
   "severity": "error message (startup continues)",
   "since": null
  },
  {
   "rule": "recommended (doc/config/modules.conf): request-gating/modifying modules (mod_access, mod_auth, mod_alias, mod_setenv) before request-completing ones (mod_redirect, mod_rewrite), which go before dynamic handlers; do not alphabetize",
   "severity": "advice",
   "since": null
  },
  {
   "rule": "mod_magnet hooks that collect the request body should be loaded before the handler module (runtime message suggests loading mod_magnet earlier)",
   "severity": "runtime error message",
   "since": null
  }
 ]
};
