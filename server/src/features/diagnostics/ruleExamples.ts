/**
 * One example per rule of rules.ts: a configuration that gets the finding and the same configuration
 * without it. `lighttpd-lint explain CODE` checks the example to show the real message and quick fixes, SARIF
 * carries it in each rule's help, and a unit test proves every example finds its code and every `fixed`
 * does not (test/unit/explain.test.ts). Rules whose case needs more than one file, a real lighttpd or sizes
 * no example can have are listed in NO_EXAMPLE with what stands for it.
 */

export interface RuleExample {
  /** A main config that gets the finding. */
  readonly config: string;
  /** The same config without it (the fix). */
  readonly fixed: string;
  /** Settings the example is checked with. */
  readonly settings?: {
    readonly version?: string;
    readonly platform?: string;
    readonly upgradeFrom?: string;
    /** Opt-in advice: turned on for the example. */
    readonly optIn?: boolean;
  };
}

const PROXY = 'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )';

export const RULE_EXAMPLES: Readonly<Record<string, RuleExample>> = {
  'syntax-invalid-character': { config: 'server.port = 80 !\n', fixed: 'server.port = 80\n' },
  'syntax-unterminated-string': {
    config: 'server.tag = "abc\\"\nserver.port = 80\n',
    fixed: 'server.tag = "abc"\nserver.port = 80\n',
  },
  'syntax-semicolon': { config: 'server.port = 80;\n', fixed: 'server.port = 80\n' },
  'syntax-comma-outside-list': {
    config: 'server.port = 80, server.tag = ""\n',
    fixed: 'server.port = 80\nserver.tag = ""\n',
  },
  'syntax-unmatched-paren': { config: 'server.port = 80 )\n', fixed: 'server.port = 80\n' },
  'syntax-unmatched-brace': { config: 'server.port = 80\n}\n', fixed: 'server.port = 80\n' },
  'syntax-unclosed-paren': {
    config: 'index-file.names = ( "index.html"\n',
    fixed: 'index-file.names = ( "index.html" )\n',
  },
  'syntax-unclosed-brace': {
    config: '$HTTP["host"] == "example.org" {\n  server.document-root = "/srv/www"\n',
    fixed: '$HTTP["host"] == "example.org" {\n  server.document-root = "/srv/www"\n}\n',
  },
  'syntax-missing-bracket': {
    config: '$HTTP["host" == "example.org" {\n}\n',
    fixed: '$HTTP["host"] == "example.org" {\n}\n',
  },
  'syntax-missing-value': { config: 'server.port =\n', fixed: 'server.port = 80\n' },
  'syntax-missing-operator': { config: 'server.port 80\n', fixed: 'server.port = 80\n' },
  'syntax-missing-comma': {
    config: 'server.modules = ( "mod_access" "mod_proxy" )\n',
    fixed: 'server.modules = ( "mod_access", "mod_proxy" )\n',
  },
  'syntax-extra-value': { config: 'server.tag = "x" "y"\n', fixed: 'server.tag = "x" + "y"\n' },
  'syntax-extra-arrow': {
    config: 'mimetype.assign = ( ".a" => "text/plain" => "x" )\n',
    fixed: 'mimetype.assign = ( ".a" => "text/plain" )\n',
  },
  'syntax-assign-in-list': {
    config: 'mimetype.assign = ( ".txt" = "text/plain" )\n',
    fixed: 'mimetype.assign = ( ".txt" => "text/plain" )\n',
  },
  'syntax-continuation-lost': {
    config: 'server.tag = "a"\n+ "b"\n',
    fixed: 'server.tag = "a" +\n"b"\n',
  },
  'syntax-else-without-condition': {
    config: 'server.port = 80\nelse {\n}\n',
    fixed: 'server.port = 80\n',
  },
  'syntax-block-without-condition': {
    config: '{\n  server.port = 80\n}\n',
    fixed: 'server.port = 80\n',
  },
  'syntax-if-without-condition': {
    config: 'if server.port = 80\n',
    fixed: 'server.port = 80\n',
  },
  'syntax-invalid-operator': {
    config: '$HTTP["url"] !^ "/a" {\n}\n',
    fixed: '$HTTP["url"] !~ "^/a" {\n}\n',
  },
  'syntax-unexpected-token': { config: 'server.port = 80 = 81\n', fixed: 'server.port = 80\n' },
  'undefined-variable': {
    config: 'server.document-root = var.basedir + "/htdocs"\n',
    fixed: 'var.basedir = "/srv"\nserver.document-root = var.basedir + "/htdocs"\n',
  },
  'duplicate-key': { config: 'server.port = 80\nserver.port = 8080\n', fixed: 'server.port = 8080\n' },
  'duplicate-array-key': {
    config: 'mimetype.assign = ( ".txt" => "text/plain", ".txt" => "text/html" )\n',
    fixed: 'mimetype.assign = ( ".txt" => "text/plain" )\n',
  },
  'type-merge': { config: 'server.tag = "x" + ( "y" )\n', fixed: 'server.tag = "x" + "y"\n' },
  'env-assignment': { config: 'env.HOME = "/srv"\n', fixed: 'var.home = "/srv"\n' },
  'module-not-loaded': {
    config: `server.modules = ( "mod_access" )\n${PROXY}\n`,
    fixed: `server.modules = ( "mod_access", "mod_proxy" )\n${PROXY}\n`,
  },
  'unknown-directive': {
    config: 'server.modules = ( "mod_proxy" )\nproxy.sever = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n',
    fixed: 'server.modules = ( "mod_proxy" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n',
  },
  'unknown-module': {
    config: 'server.modules = ( "mod_acess" )\n',
    fixed: 'server.modules = ( "mod_access" )\n',
  },
  'duplicate-module': {
    config: 'server.modules = ( "mod_access" )\nserver.modules += ( "mod_access" )\n',
    fixed: 'server.modules = ( "mod_access" )\n',
  },
  'removed-module': {
    config: 'server.modules = ( "mod_secdownload" )\n',
    fixed: 'server.modules = ( "mod_magnet" )\n',
    settings: { version: '1.4.69' },
  },
  'removed-directive': { config: 'server.docroot = "/srv"\n', fixed: 'server.document-root = "/srv"\n' },
  'deprecated-directive': {
    config: 'server.modules = ( "mod_rewrite" )\nurl.rewrite = ( "^/a" => "/b" )\n',
    fixed: 'server.modules = ( "mod_rewrite" )\nurl.rewrite-once = ( "^/a" => "/b" )\n',
  },
  'type-mismatch': { config: 'server.port = "http"\n', fixed: 'server.port = 80\n' },
  'invalid-value': { config: 'server.event-handler = "epol"\n', fixed: 'server.event-handler = "linux-sysepoll"\n' },
  'server-scope-in-condition': {
    config: '$HTTP["host"] == "example.org" {\n  server.max-connections = 10\n}\n',
    fixed: 'server.max-connections = 10\n',
  },
  'socket-scope': {
    config: 'server.modules = ( "mod_openssl" )\n$HTTP["host"] == "example.org" {\n  ssl.engine = "enable"\n}\n',
    fixed: 'server.modules = ( "mod_openssl" )\n$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n}\n',
  },
  'conditional-in-global': {
    config: 'global {\n  $HTTP["host"] == "a" {\n  }\n}\n',
    fixed: '$HTTP["host"] == "a" {\n}\n',
  },
  'unknown-condition-field': { config: '$HTTP["URL"] =~ "^/a" {\n}\n', fixed: '$HTTP["url"] =~ "^/a" {\n}\n' },
  'invalid-ip': {
    config: '$HTTP["remote-ip"] == "10.0.0.0/33" {\n}\n',
    fixed: '$HTTP["remote-ip"] == "10.0.0.0/8" {\n}\n',
  },
  'condition-value-type': { config: '$HTTP["url"] == 80 {\n}\n', fixed: '$HTTP["url"] == "/80" {\n}\n' },
  'invalid-regex': { config: '$HTTP["url"] =~ "^/(a|b" {\n}\n', fixed: '$HTTP["url"] =~ "^/(a|b)" {\n}\n' },
  'capture-reference': {
    config: 'server.modules = ( "mod_redirect" )\nurl.redirect = ( "^/(.*)" => "/new/$2" )\n',
    fixed: 'server.modules = ( "mod_redirect" )\nurl.redirect = ( "^/(.*)" => "/new/$1" )\n',
  },
  'unreachable-condition': {
    config: '$HTTP["host"] == "a" {\n} else {\n} else $HTTP["host"] == "b" {\n}\n',
    fixed: '$HTTP["host"] == "a" {\n} else $HTTP["host"] == "b" {\n} else {\n}\n',
  },
  'unreachable-else-condition': {
    config: '$HTTP["host"] == "a" {\n}\n$HTTP["host"] == "b" {\n} else $HTTP["host"] == "a" {\n}\n',
    fixed: '$HTTP["host"] == "a" {\n}\n$HTTP["host"] == "b" {\n} else $HTTP["host"] == "c" {\n}\n',
  },
  'newer-than-target': {
    config: '$HTTP["url"] =^ "/a" {\n}\n',
    fixed: '$HTTP["url"] =~ "^/a" {\n}\n',
    settings: { version: '1.4.64' },
  },
  'invalid-socket': {
    config: '$SERVER["socket"] == "127.0.0.1:99999" {\n}\n',
    fixed: '$SERVER["socket"] == "127.0.0.1:8080" {\n}\n',
  },
  'invalid-host': {
    config: '$HTTP["host"] == "example.org:99999" {\n}\n',
    fixed: '$HTTP["host"] == "example.org:8080" {\n}\n',
  },
  'invalid-backend': {
    config: 'server.modules = ( "mod_proxy" )\nproxy.server = ( "" => ( ( "port" => 8000 ) ) )\n',
    fixed: 'server.modules = ( "mod_proxy" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n',
  },
  'missing-field': {
    config:
      'server.modules = ( "mod_auth" )\nauth.require = ( "/admin/" => ( "method" => "basic", "realm" => "admin" ) )\n',
    fixed:
      'server.modules = ( "mod_auth" )\nauth.require = ( "/admin/" => ( "method" => "basic", "realm" => "admin", "require" => "valid-user" ) )\n',
  },
  'implicit-module': {
    config: 'server.modules = ( "mod_access" )\nssl.engine = "enable"\nssl.pemfile = "/etc/ssl/site.pem"\n',
    fixed:
      'server.modules = ( "mod_access", "mod_openssl" )\nssl.engine = "enable"\nssl.pemfile = "/etc/ssl/site.pem"\n',
  },
  'module-order': {
    config: 'server.modules = ( "mod_fastcgi", "mod_auth" )\n',
    fixed: 'server.modules = ( "mod_auth", "mod_fastcgi" )\n',
  },
  'run-as-root': { config: 'server.username = "root"\n', fixed: 'server.username = "www-data"\n' },
  'platform-unsupported': {
    config: 'server.event-handler = "freebsd-kqueue"\n',
    fixed: 'server.event-handler = "linux-sysepoll"\n',
  },
  'upgrade-redirect-code': {
    config: 'server.modules = ( "mod_redirect" )\nurl.redirect = ( "^/old/(.*)" => "/new/$1" )\n',
    fixed:
      'server.modules = ( "mod_redirect" )\nurl.redirect = ( "^/old/(.*)" => "/new/$1" )\nurl.redirect-code = 301\n',
    settings: { upgradeFrom: '1.4.69' },
  },
  'upgrade-tls-min-protocol': {
    config:
      'server.modules = ( "mod_openssl" )\n$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/etc/ssl/site.pem"\n}\n',
    fixed:
      'server.modules = ( "mod_openssl" )\n$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/etc/ssl/site.pem"\n  ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.2" )\n}\n',
    settings: { upgradeFrom: '1.4.55' },
  },
  'upgrade-error-handler-404': {
    config: 'server.error-handler-404 = "/404.html"\n',
    fixed: 'server.error-handler = "/error.html"\n',
    settings: { upgradeFrom: '1.4.69' },
  },
  'upgrade-static-pathinfo': {
    config: 'server.modules = ( "mod_staticfile" )\n',
    fixed: 'server.modules = ( "mod_staticfile" )\nstatic-file.disable-pathinfo = "enable"\n',
    settings: { upgradeFrom: '1.4.69' },
  },
  'upgrade-h2c': {
    config: 'server.port = 80\n',
    fixed: 'server.port = 80\nserver.feature-flags = ( "server.h2c" => "disable" )\n',
    settings: { upgradeFrom: '1.4.69' },
  },
  'upgrade-http2': {
    config: 'server.port = 80\n',
    fixed: 'server.port = 80\nserver.feature-flags = ( "server.h2proto" => "enable" )\n',
    settings: { upgradeFrom: '1.4.58' },
  },
  'upgrade-keep-alive-requests': {
    config: 'server.port = 80\n',
    fixed: 'server.port = 80\nserver.max-keep-alive-requests = 100\n',
    settings: { upgradeFrom: '1.4.64' },
  },
  'upgrade-url-normalize': {
    config: 'server.port = 80\n',
    fixed: 'server.port = 80\nserver.http-parseopts = ( "url-normalize" => "enable" )\n',
    settings: { upgradeFrom: '1.4.53' },
  },
  'upgrade-dirlisting-dotfiles': {
    config: 'server.modules = ( "mod_dirlisting" )\n$HTTP["url"] =^ "/pub/" {\n  dir-listing.activate = "enable"\n}\n',
    fixed:
      'server.modules = ( "mod_dirlisting" )\n$HTTP["url"] =^ "/pub/" {\n  dir-listing.activate = "enable"\n  dir-listing.hide-dotfiles = "enable"\n}\n',
    settings: { upgradeFrom: '1.4.39' },
  },
  'upgrade-alias-order': {
    config:
      'server.modules = ( "mod_alias" )\nalias.url = ( "/a/" => "/srv/a/", "/b/" => "/srv/b/", "/a/c/" => "/srv/c/" )\n',
    fixed:
      'server.modules = ( "mod_alias" )\nalias.url = ( "/a/c/" => "/srv/c/", "/a/" => "/srv/a/", "/b/" => "/srv/b/" )\n',
    settings: { upgradeFrom: '1.4.84' },
  },
  'list-override-in-condition': {
    config:
      'server.modules = ( "mod_setenv" )\nsetenv.add-response-header = ( "Strict-Transport-Security" => "max-age=31536000" )\n$HTTP["url"] =^ "/api/" {\n  setenv.add-response-header = ( "Cache-Control" => "no-store" )\n}\n',
    fixed:
      'server.modules = ( "mod_setenv" )\nsetenv.add-response-header = ( "Strict-Transport-Security" => "max-age=31536000" )\n$HTTP["url"] =^ "/api/" {\n  setenv.add-response-header += ( "Cache-Control" => "no-store" )\n}\n',
  },
  'append-after-copy': {
    config:
      'server.modules = ( "mod_access" )\nurl.access-deny = ( "~" )\n$HTTP["url"] =^ "/a/" {\n  url.access-deny += ( ".bak" )\n}\nurl.access-deny += ( ".inc" )\n',
    fixed:
      'server.modules = ( "mod_access" )\nurl.access-deny = ( "~", ".inc" )\n$HTTP["url"] =^ "/a/" {\n  url.access-deny += ( ".bak" )\n}\n',
  },
  'unanchored-host-regex': {
    config: '$HTTP["host"] =~ "example.com" {\n}\n',
    fixed: '$HTTP["host"] =~ "^example\\\\.com$" {\n}\n',
  },
  'alias-slash-mismatch': {
    config: 'server.modules = ( "mod_alias" )\nalias.url = ( "/static" => "/srv/static/" )\n',
    fixed: 'server.modules = ( "mod_alias" )\nalias.url = ( "/static/" => "/srv/static/" )\n',
  },
  'version-disclosure': {
    config: 'server.document-root = "/srv/www"\n',
    fixed: 'server.document-root = "/srv/www"\nserver.tag = ""\n',
    settings: { optIn: true },
  },
  'dir-listing-global': {
    config: 'server.modules = ( "mod_dirlisting" )\ndir-listing.activate = "enable"\n',
    fixed: 'server.modules = ( "mod_dirlisting" )\n$HTTP["url"] =^ "/pub/" {\n  dir-listing.activate = "enable"\n}\n',
  },
  'status-unprotected': {
    config: 'server.modules = ( "mod_status" )\nstatus.status-url = "/server-status"\n',
    fixed:
      'server.modules = ( "mod_status" )\n$HTTP["remote-ip"] == "127.0.0.1" {\n  status.status-url = "/server-status"\n}\n',
  },
  'cgi-everything': {
    config: 'server.modules = ( "mod_cgi" )\ncgi.assign = ( "" => "" )\n',
    fixed: 'server.modules = ( "mod_cgi" )\n$HTTP["url"] =^ "/cgi-bin/" {\n  cgi.assign = ( "" => "" )\n}\n',
  },
  'webdav-writable': {
    config: 'server.modules = ( "mod_webdav" )\nwebdav.activate = "enable"\n',
    fixed: 'server.modules = ( "mod_webdav" )\nwebdav.activate = "enable"\nwebdav.is-readonly = "enable"\n',
  },
  'extforward-trust-all': {
    config: 'server.modules = ( "mod_extforward" )\nextforward.forwarder = ( "all" => "trust" )\n',
    fixed: 'server.modules = ( "mod_extforward" )\nextforward.forwarder = ( "10.0.0.1" => "trust" )\n',
  },
  'sendfile-unbounded': {
    config: 'server.modules = ( "mod_cgi" )\ncgi.x-sendfile = "enable"\n',
    fixed: 'server.modules = ( "mod_cgi" )\ncgi.x-sendfile = "enable"\ncgi.x-sendfile-docroot = ( "/srv/files" )\n',
  },
  'weak-tls': {
    config:
      'server.modules = ( "mod_openssl" )\n$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/etc/ssl/site.pem"\n  ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1" )\n}\n',
    fixed:
      'server.modules = ( "mod_openssl" )\n$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/etc/ssl/site.pem"\n  ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.2" )\n}\n',
  },
  'hsts-missing': {
    config:
      'server.modules = ( "mod_openssl" )\n$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/etc/ssl/site.pem"\n}\n',
    fixed:
      'server.modules = ( "mod_openssl", "mod_setenv" )\n$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n  ssl.pemfile = "/etc/ssl/site.pem"\n  setenv.add-response-header = ( "Strict-Transport-Security" => "max-age=31536000" )\n}\n',
    settings: { optIn: true },
  },
  'parseopts-unsafe': {
    config: 'server.http-parseopts = ( "header-strict" => "disable" )\n',
    fixed: 'server.http-parseopts = ( "header-strict" => "enable" )\n',
  },
  'capture-unescaped': {
    config:
      'server.modules = ( "mod_redirect" )\n$HTTP["querystring"] =~ "^next=(.*)$" {\n  url.redirect = ( "^/login" => "/go/%1" )\n}\n',
    fixed:
      'server.modules = ( "mod_redirect" )\n$HTTP["querystring"] =~ "^next=(.*)$" {\n  url.redirect = ( "^/login" => "/go/%{esc:1}" )\n}\n',
  },
  'open-redirect': {
    config:
      'server.modules = ( "mod_redirect" )\n$HTTP["querystring"] =~ "^next=(.*)$" {\n  url.redirect = ( "^/login" => "%{esc:1}" )\n}\n',
    fixed:
      'server.modules = ( "mod_redirect" )\n$HTTP["querystring"] =~ "^next=(.*)$" {\n  url.redirect = ( "^/login" => "https://example.org/go/%{esc:1}" )\n}\n',
  },
  'source-disclosure': {
    config:
      'server.modules = ( "mod_fastcgi" )\n$HTTP["url"] =^ "/app/" {\n  fastcgi.server = ( ".php" => ( ( "socket" => "/run/php.sock" ) ) )\n}\n',
    fixed:
      'server.modules = ( "mod_fastcgi" )\nstatic-file.exclude-extensions = ( ".php" )\n$HTTP["url"] =^ "/app/" {\n  fastcgi.server = ( ".php" => ( ( "socket" => "/run/php.sock" ) ) )\n}\n',
  },
  'access-deny-missing': {
    config: 'server.document-root = "/srv/www"\n',
    fixed: 'server.modules = ( "mod_access" )\nserver.document-root = "/srv/www"\nurl.access-deny = ( "~", ".inc" )\n',
    settings: { optIn: true },
  },
};

/** Rules without an example, and what stands for one. */
export const NO_EXAMPLE: Readonly<Record<string, string>> = {
  'syntax-nesting-too-deep': 'more than 100 levels of nested blocks or lists',
  'syntax-nul-byte': 'a NUL byte in the file: lighttpd stops reading there',
  'file-too-large': 'a file over 32 MiB: lighttpd refuses to read it',
  'include-not-found': 'include "conf.d/missing.conf" (a plain path, no wildcard, that does not exist)',
  'include-contents-unknown':
    'next to include-not-found: what the missing file would load or set is unknown, so nothing it could define is reported missing',
  'too-many-conditions': 'more than 4,095 distinct condition blocks (lighttpd aborts at start)',
  // (rules added while explain landed: examples still to write; explain shows their description and help)
  'ssl-pemfile-missing': 'ssl.engine = "enable" on a socket with no ssl.pemfile (lighttpd refuses to start)',
  'upgrade-advisories': 'with lighttpd.upgradeFrom: the security advisories fixed between the two releases',
  'known-vulnerability': 'a target release with a known vulnerability that the configuration exposes (opt-in)',
  'secret-served': 'an auth user file or TLS key under server.document-root, served as a plain file',
  'tls-profile': 'TLS settings weaker than the chosen lighttpd.security.tlsProfile',
  'included-problems': 'on include "conf.d/*.conf" in the editor: "2 errors in conf.d/10-proxy.conf"',
  'include-cycle': 'a.conf includes b.conf, which includes a.conf',
  'include-limit': 'include "/etc/lighttpd/*/*.conf" matching more files than are checked',
  'include-outside-workspace':
    'include "/etc/lighttpd/conf-enabled/*.conf" in <workspace>/main.conf while <workspace>/etc/lighttpd/conf-enabled/ holds a copy',
  'lighttpd-error': 'what lighttpd -tt reports on save (setting lighttpd.validate.executable)',
  'lighttpd-warning': 'WARNING: unknown config-key: proxy.server (ignored), from lighttpd -tt on save',
};
