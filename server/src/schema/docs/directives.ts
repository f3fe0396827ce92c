/**
 * Short hand-written descriptions of lighttpd directives, in this project's own words (not lighttpd's
 * documentation text). `default` is only given where it is certain; `example` is a value as it would be
 * written after `=`. Keys missing here get a sentence derived from module, type and scope (./index.ts).
 */

export interface DirectiveDoc {
  /** One or two sentences: what the setting does. */
  readonly summary: string;
  /** The value lighttpd uses when the key is not set. */
  readonly default?: string;
  /** A value as written in a config file, e.g. `"/var/www/html"` or `( ".php" => "/usr/bin/php-cgi" )`. */
  readonly example?: string;
}

function d(summary: string, def?: string, example?: string): DirectiveDoc {
  const out: { summary: string; default?: string; example?: string } = { summary };
  if (def !== undefined) out.default = def;
  if (example !== undefined) out.example = example;
  return out;
}

const BACKENDS_EXAMPLE = (port: number) => `( "/app" => ( ( "host" => "127.0.0.1", "port" => ${port} ) ) )`;
const BALANCE =
  'How requests are spread over several backends of one entry: least-connection (alias fair), round-robin, hash (by URL) or sticky (by client address).';
const DEBUG = 'Debug level of the module: 0 is silent, higher values log more.';
const MAP_EXT = (k: string) =>
  `Lets additional file extensions use the backends configured for another extension in ${k}.`;

export const DIRECTIVE_DOCS: Readonly<Record<string, DirectiveDoc>> = {
  // ---- core: process and listening ----
  'server.modules': d(
    'The modules lighttpd loads at start-up. Their order matters: a module listed earlier handles a request before the ones after it.',
    '() plus the modules lighttpd adds by itself',
    '( "mod_access", "mod_accesslog", "mod_proxy" )',
  ),
  'server.compat-module-load': d(
    'Whether lighttpd adds its default modules (index files, directory listings, static files, HTTP/2) to server.modules on its own.',
    '"enable"',
    '"disable"',
  ),
  'server.systemd-socket-activation': d(
    'Take the listening sockets from systemd socket activation instead of opening them.',
    '"disable"',
    '"enable"',
  ),
  'server.port': d('TCP port lighttpd listens on.', '80, or 443 when ssl.engine is enabled globally', '8080'),
  'server.bind': d(
    'Address or host name to listen on; an absolute path makes lighttpd listen on a Unix domain socket.',
    'every local address',
    '"127.0.0.1"',
  ),
  'server.network-backend': d(
    'System call family used to send response data to clients.',
    'the best one the platform has',
    '"sendfile"',
  ),
  'server.chroot': d('Directory lighttpd chroot()s into after start-up (needs root).', undefined, '"/srv/www"'),
  'server.username': d(
    'User lighttpd switches to after opening its sockets (when started as root).',
    undefined,
    '"www-data"',
  ),
  'server.groupname': d(
    'Group lighttpd switches to after opening its sockets (when started as root).',
    undefined,
    '"www-data"',
  ),
  'server.errorlog-use-syslog': d('Write the error log to syslog instead of a file.', '"disable"', '"enable"'),
  'server.syslog-facility': d('Syslog facility used when logging to syslog.', '"daemon"', '"local0"'),
  'server.core-files': d('Allow the process to write core dumps.', '"disable"', '"enable"'),
  'server.event-handler': d(
    'Kernel interface used to wait for network events (epoll, kqueue, poll, ...).',
    'the best one the platform has',
    '"linux-sysepoll"',
  ),
  'server.pid-file': d('File lighttpd writes its process id into.', undefined, '"/run/lighttpd.pid"'),
  'server.max-worker': d(
    'Number of worker processes. Keep 0 (a single process) unless you need more: several modules keep per-process state.',
    '0',
    '4',
  ),
  'server.max-fds': d(
    'Maximum number of file descriptors lighttpd may use; raised at start-up when possible.',
    undefined,
    '4096',
  ),
  'server.max-connections': d(
    'Maximum number of connections handled at the same time.',
    'derived from server.max-fds',
    '1024',
  ),
  'server.max-request-field-size': d(
    'Maximum size in bytes of the request line and headers together.',
    '8192',
    '16384',
  ),
  'server.chunkqueue-chunk-sz': d('Size in bytes of the buffers used for request and response data.', '8192', '16384'),
  'server.upload-temp-file-size': d(
    'Size in bytes at which a temporary file holding a request body is rotated to a new one.',
    undefined,
    '16777216',
  ),
  'server.upload-dirs': d(
    'Directories for the temporary files that hold large request bodies.',
    '( "/var/tmp" )',
    '( "/var/tmp" )',
  ),
  'server.http-parseopts': d(
    'How strictly requests are parsed and how URLs are normalised, as option => "enable" / "disable".',
    undefined,
    '( "header-strict" => "enable", "url-path-2f-decode" => "disable" )',
  ),
  'server.http-parseopt-header-strict': d(
    'Older form of server.http-parseopts "header-strict": reject requests with invalid header characters.',
    undefined,
    '"enable"',
  ),
  'server.http-parseopt-host-strict': d(
    'Older form of server.http-parseopts "host-strict": reject invalid Host values.',
    undefined,
    '"enable"',
  ),
  'server.http-parseopt-host-normalize': d(
    'Older form of server.http-parseopts "host-normalize": normalise the Host value.',
    undefined,
    '"enable"',
  ),
  'server.reject-expect-100-with-417': d('Has no effect any more; lighttpd handles "Expect: 100-continue" itself.'),
  'server.stat-cache-engine': d(
    'How file metadata is cached: "simple" (short-lived cache), "inotify"/"kqueue" (invalidated on change), or "disable".',
    '"simple"',
    '"inotify"',
  ),
  'server.feature-flags': d(
    'Switches for newer server behaviour (HTTP/2, graceful restart, ...) as flag => value.',
    undefined,
    '( "server.h2proto" => "enable", "server.graceful-shutdown-timeout" => 5 )',
  ),
  'server.listen-backlog': d(
    'Length of the queue of connections the kernel holds until lighttpd accepts them.',
    '1024',
    '2048',
  ),
  'server.socket-perms': d('File permissions of the Unix domain socket lighttpd listens on.', undefined, '"0660"'),
  'server.bsd-accept-filter': d(
    'FreeBSD accept filter of the listening socket ("httpready" or "dataready").',
    undefined,
    '"httpready"',
  ),
  'server.defer-accept': d(
    'Accept a connection only once the client has sent data (TCP_DEFER_ACCEPT on Linux).',
    '"disable"',
    '"enable"',
  ),
  'server.use-ipv6': d('Listen on IPv6 for this socket.', '"disable"', '"enable"'),
  'server.set-v6only': d(
    'Make IPv6 sockets accept IPv6 only; better listen on IPv4 and IPv6 with separate sockets.',
    '"enable"',
    '"disable"',
  ),
  'server.v4mapped': d('Accept IPv4 clients on an IPv6 socket (as IPv4-mapped addresses).', undefined, '"disable"'),
  'server.ip-transparent': d(
    'Set IP_TRANSPARENT on the listening socket, for transparent proxying.',
    '"disable"',
    '"enable"',
  ),
  'ssl.engine': d(
    'Turn on TLS for the listening socket: globally, or inside a $SERVER["socket"] block.',
    '"disable"',
    '"enable"',
  ),
  // ---- core: per request ----
  'server.document-root': d(
    'Directory whose files are served. It must be set in the global scope.',
    undefined,
    '"/var/www/html"',
  ),
  'server.name': d(
    'Server name used when a request has none (no Host), e.g. for redirects and the SERVER_NAME of backends.',
    undefined,
    '"www.example.org"',
  ),
  'server.tag': d(
    'Value of the Server response header; "" sends no Server header.',
    '"lighttpd/<version>"',
    '"lighttpd"',
  ),
  'server.max-request-size': d('Largest accepted request body, in kilobytes (0 = no limit).', '0', '10240'),
  'server.max-keep-alive-requests': d(
    'Requests served on one keep-alive connection before it is closed; 0 turns keep-alive off.',
    undefined,
    '100',
  ),
  'server.max-keep-alive-idle': d('Seconds an idle keep-alive connection is kept open.', '5', '10'),
  'server.max-read-idle': d('Seconds to wait for more request data before the connection is closed.', '60', '30'),
  'server.max-write-idle': d(
    'Seconds to wait for the client to take more response data before the connection is closed.',
    '360',
    '120',
  ),
  'server.errorfile-prefix': d(
    'Path prefix of static error pages: for status N the file <prefix>N.html is sent.',
    undefined,
    '"/srv/www/errors/status-"',
  ),
  'server.error-handler': d(
    'Local URL that produces the body of error responses (status 400 and above) of static requests.',
    undefined,
    '"/error.php"',
  ),
  'server.error-handler-404': d(
    'Local URL that handles requests for missing (404) or forbidden (403) files.',
    undefined,
    '"/index.php"',
  ),
  'server.error-intercept': d(
    'Also replace error responses of dynamic backends with the configured error handler or error pages.',
    '"disable"',
    '"enable"',
  ),
  'server.force-lowercase-filenames': d(
    'Lower-case file names before looking them up (for case-insensitive file systems).',
    '"disable"',
    '"enable"',
  ),
  'server.follow-symlink': d('Serve files reached through symbolic links.', '"enable"', '"disable"'),
  'server.protocol-http11': d('Answer with HTTP/1.1; "disable" limits lighttpd to HTTP/1.0.', '"enable"', '"disable"'),
  'server.range-requests': d('Answer Range requests with partial content.', '"enable"', '"disable"'),
  'server.stream-request-body': d(
    'How request bodies go to backends: 0 = collect the whole body first, 1 = stream, 2 = stream with minimal buffering.',
    '0',
    '1',
  ),
  'server.stream-response-body': d(
    'How backend responses go to clients: 0 = collect the whole response first, 1 = stream, 2 = stream with minimal buffering.',
    '0',
    '1',
  ),
  'server.kbytes-per-second': d(
    'Bandwidth limit shared by the connections of this context, in KiB per second (0 = no limit).',
    '0',
    '1024',
  ),
  'connection.kbytes-per-second': d(
    'Bandwidth limit of each single connection, in KiB per second (0 = no limit).',
    '0',
    '256',
  ),
  'server.errorlog': d(
    'File the error log goes to; a value starting with "|" pipes it into a program.',
    'standard error',
    '"/var/log/lighttpd/error.log"',
  ),
  'server.breakagelog': d(
    'File that receives what CGI scripts write to standard error.',
    undefined,
    '"/var/log/lighttpd/breakage.log"',
  ),
  'mimetype.assign': d(
    'Content-Type sent for each file name suffix; the longest matching suffix wins, "" is the fallback.',
    'a built-in table (1.4.71 and later)',
    '( ".html" => "text/html", ".css" => "text/css" )',
  ),
  'mimetype.use-xattr': d(
    'Take the Content-Type from an extended file attribute when a file has one.',
    '"disable"',
    '"enable"',
  ),
  'mimetype.xattr-name': d(
    'Name of the extended attribute read when mimetype.use-xattr is on.',
    '"Content-Type"',
    '"Content-Type"',
  ),
  'etag.use-inode': d('Include the inode number in the ETag of static files.', '"enable"', '"disable"'),
  'etag.use-mtime': d('Include the modification time in the ETag of static files.', '"enable"', '"disable"'),
  'etag.use-size': d('Include the file size in the ETag of static files.', '"enable"', '"disable"'),
  'debug.log-request-header-on-error': d(
    'Log the request headers of requests that fail with an error status.',
    '"disable"',
    '"enable"',
  ),
  'debug.log-condition-handling': d(
    'Log how every condition block is evaluated (very verbose).',
    '"disable"',
    '"enable"',
  ),
  'debug.log-file-not-found': d('Log requests for files that do not exist.', '"disable"', '"enable"'),
  'debug.log-request-handling': d('Log each step of request handling.', '"disable"', '"enable"'),
  'debug.log-request-header': d('Log the headers of every request.', '"disable"', '"enable"'),
  'debug.log-response-header': d('Log the headers of every response.', '"disable"', '"enable"'),
  'debug.log-timeouts': d('Log connections closed because a timeout expired.', '"disable"', '"enable"'),
  'debug.log-state-handling': d('Log the state changes of each connection.', '"disable"', '"enable"'),
  // ---- mod_access, mod_accesslog, mod_alias ----
  'url.access-deny': d(
    'Answer 403 to requests whose path ends with one of these suffixes ("" denies everything).',
    undefined,
    '( "~", ".inc" )',
  ),
  'url.access-allow': d(
    'Answer 403 to every request whose path does not end with one of these suffixes.',
    undefined,
    '( ".html", ".png" )',
  ),
  'accesslog.filename': d(
    'File the access log is written to; a value starting with "|" pipes it into a program.',
    undefined,
    '"/var/log/lighttpd/access.log"',
  ),
  'accesslog.format': d(
    'Layout of one access log line, built from %-placeholders in the style of Apache log formats.',
    'a Common Log Format variant',
    '"%h %V %u %t \\"%r\\" %>s %b"',
  ),
  'accesslog.use-syslog': d('Send access log lines to syslog.', '"disable"', '"enable"'),
  'accesslog.syslog-level': d('Syslog priority of access log lines.', undefined, '6'),
  'accesslog.escaping': d(
    'How unusual characters in logged values are escaped: "default" or "json".',
    '"default"',
    '"json"',
  ),
  'alias.url': d(
    'Serve URL prefixes from directories (or files) outside the document root; the longest matching prefix wins.',
    undefined,
    '( "/static/" => "/srv/static/" )',
  ),
  // ---- gateways ----
  'ajp13.server': d(
    'AJP13 backends (for example Tomcat) per URL prefix or file extension.',
    undefined,
    '( "/app" => ( ( "host" => "127.0.0.1", "port" => 8009 ) ) )',
  ),
  'ajp13.balance': d(BALANCE, '"least-connection"', '"round-robin"'),
  'ajp13.debug': d(DEBUG, '0', '1'),
  'ajp13.map-extensions': d(MAP_EXT('ajp13.server'), undefined, '( ".jspx" => ".jsp" )'),
  'fastcgi.server': d(
    'FastCGI backends per file extension or URL prefix: a running server (host and port, or socket) or a program lighttpd starts (bin-path).',
    undefined,
    '( ".php" => ( ( "socket" => "/run/php/php-fpm.sock" ) ) )',
  ),
  'fastcgi.balance': d(BALANCE, '"least-connection"', '"round-robin"'),
  'fastcgi.debug': d(DEBUG, '0', '1'),
  'fastcgi.map-extensions': d(MAP_EXT('fastcgi.server'), undefined, '( ".php3" => ".php" )'),
  'proxy.server': d(
    'HTTP backends requests are forwarded to, per URL prefix or file extension ("" matches every request).',
    undefined,
    BACKENDS_EXAMPLE(8080),
  ),
  'proxy.balance': d(BALANCE, '"least-connection"', '"round-robin"'),
  'proxy.debug': d(DEBUG, '0', '1'),
  'proxy.map-extensions': d(MAP_EXT('proxy.server'), undefined, '( ".jspx" => ".jsp" )'),
  'proxy.forwarded': d(
    'Which parameters of the Forwarded header are sent to the backend (for, proto, host, by, remote_user).',
    undefined,
    '( "for" => 1, "proto" => 1 )',
  ),
  'proxy.header': d(
    'Adjusts proxied requests and responses: map host names and URL prefixes, force HTTP/1.0, allow connection upgrades.',
    undefined,
    '( "upgrade" => "enable" )',
  ),
  'proxy.replace-http-host': d(
    'Send the backend host name in the Host header instead of the one the client asked for.',
    '"disable"',
    '"enable"',
  ),
  'scgi.server': d('SCGI (or uwsgi) backends per URL prefix or file extension.', undefined, BACKENDS_EXAMPLE(4000)),
  'scgi.balance': d(BALANCE, '"least-connection"', '"round-robin"'),
  'scgi.debug': d(DEBUG, '0', '1'),
  'scgi.map-extensions': d(MAP_EXT('scgi.server'), undefined, '( ".py3" => ".py" )'),
  'scgi.protocol': d('Protocol spoken with the backends: "scgi" or "uwsgi".', '"scgi"', '"uwsgi"'),
  'sockproxy.server': d(
    'Backends that receive the raw byte stream of each connection (TCP forwarding, no HTTP handling).',
    undefined,
    '( "" => ( ( "host" => "127.0.0.1", "port" => 5000 ) ) )',
  ),
  'sockproxy.balance': d(BALANCE, '"least-connection"', '"round-robin"'),
  'sockproxy.debug': d(DEBUG, '0', '1'),
  'wstunnel.server': d(
    'Backends WebSocket connections are tunnelled to, per URL prefix.',
    undefined,
    BACKENDS_EXAMPLE(9000),
  ),
  'wstunnel.balance': d(BALANCE, '"least-connection"', '"round-robin"'),
  'wstunnel.debug': d(DEBUG, '0', '1'),
  'wstunnel.map-extensions': d(MAP_EXT('wstunnel.server')),
  'wstunnel.frame-type': d(
    'WebSocket frame type used for data from the backend: "text" or "binary".',
    '"text"',
    '"binary"',
  ),
  'wstunnel.origins': d(
    'Origin values accepted on WebSocket upgrade requests.',
    undefined,
    '( "https://example.org" )',
  ),
  'wstunnel.ping-interval': d('Seconds between ping frames sent to the client (0 = none).', '0', '30'),
  // ---- authentication ----
  'auth.backend': d(
    'Where credentials are checked: "htpasswd", "htdigest", "plain", "ldap", "pam", "sasl", "dbi" or "gssapi".',
    undefined,
    '"htpasswd"',
  ),
  'auth.require': d(
    'URL prefixes that need authentication, each with its method (basic/digest), realm and who is allowed in.',
    undefined,
    '( "/admin/" => ( "method" => "basic", "realm" => "Admin", "require" => "valid-user" ) )',
  ),
  'auth.extern-authn': d(
    'Accept a user already authenticated by something else (REMOTE_USER set earlier).',
    '"disable"',
    '"enable"',
  ),
  'auth.cache': d(
    'Cache successful credential checks for a while ("max-age" in seconds).',
    undefined,
    '( "max-age" => "600" )',
  ),
  'auth.backend.dbi': d('Database connection and SQL query used by the dbi backend.'),
  'auth.backend.plain.groupfile': d('Group file of the plain backend.', undefined, '"/etc/lighttpd/groups"'),
  'auth.backend.plain.userfile': d(
    'File of user:password lines (clear text) for the plain backend.',
    undefined,
    '"/etc/lighttpd/users"',
  ),
  'auth.backend.htdigest.userfile': d(
    'htdigest password file for the htdigest backend.',
    undefined,
    '"/etc/lighttpd/htdigest"',
  ),
  'auth.backend.htpasswd.userfile': d(
    'htpasswd password file for the htpasswd backend.',
    undefined,
    '"/etc/lighttpd/htpasswd"',
  ),
  'auth.backend.gssapi.keytab': d('Kerberos keytab of the gssapi backend.', undefined, '"/etc/lighttpd/http.keytab"'),
  'auth.backend.gssapi.principal': d(
    'Kerberos service principal of the gssapi backend.',
    undefined,
    '"HTTP/www.example.org"',
  ),
  'auth.backend.gssapi.store-creds': d(
    'Keep the credentials a client delegates, so that backends can use them.',
    '"enable"',
    '"disable"',
  ),
  'auth.backend.ldap.hostname': d('LDAP server(s) the ldap backend connects to.', undefined, '"ldap.example.org"'),
  'auth.backend.ldap.base-dn': d('Base DN of the user search.', undefined, '"dc=example,dc=org"'),
  'auth.backend.ldap.filter': d('Search filter for users; "$" stands for the user name.', undefined, '"(uid=$)"'),
  'auth.backend.ldap.ca-file': d(
    'CA certificate used to check the LDAP server when STARTTLS is on.',
    undefined,
    '"/etc/ssl/certs/ca.pem"',
  ),
  'auth.backend.ldap.starttls': d('Protect the LDAP connection with STARTTLS.', '"disable"', '"enable"'),
  'auth.backend.ldap.bind-dn': d(
    'DN used to bind for the user search (empty = anonymous).',
    undefined,
    '"cn=lighttpd,dc=example,dc=org"',
  ),
  'auth.backend.ldap.bind-pw': d('Password for auth.backend.ldap.bind-dn.'),
  'auth.backend.ldap.allow-empty-pw': d(
    'Accept empty passwords. Dangerous: many LDAP servers treat an empty password as an anonymous bind.',
    '"disable"',
    '"enable"',
  ),
  'auth.backend.ldap.groupmember': d('Attribute that lists the members of a group.', '"memberUid"', '"member"'),
  'auth.backend.ldap.timeout': d('Timeout of LDAP operations.'),
  'auth.backend.pam.opts': d(
    'Options of the pam backend, such as the PAM service name.',
    undefined,
    '( "service" => "http" )',
  ),
  'auth.backend.sasl.opts': d('Options of the sasl backend (service, mechanism, ...).'),
  // ---- TLS ----
  'ssl.cipher-list': d(
    'OpenSSL cipher list. Deprecated: prefer the library defaults or ssl.openssl.ssl-conf-cmd "CipherString".',
  ),
  'ssl.openssl.ssl-conf-cmd': d(
    'TLS settings given as OpenSSL configuration commands (MinProtocol, CipherString, Options, ...).',
    undefined,
    '( "MinProtocol" => "TLSv1.2" )',
  ),
  'ssl.pemfile': d(
    'Server certificate in PEM format; the file may also hold the private key.',
    undefined,
    '"/etc/lighttpd/server.pem"',
  ),
  'ssl.privkey': d(
    'Private key in PEM format, when it is not part of ssl.pemfile.',
    undefined,
    '"/etc/lighttpd/server.key"',
  ),
  'ssl.stek-file': d('File with session ticket encryption keys, for rotating them without a restart.'),
  'ssl.ech-opts': d('Options for TLS Encrypted Client Hello (key directory, refresh, public names, ...).'),
  'ssl.ech-public-name': d('Public name used for TLS Encrypted Client Hello.'),
  'ssl.ca-file': d(
    'CA certificates (PEM): the chain sent to clients, and the CAs accepted for client certificates.',
    undefined,
    '"/etc/lighttpd/ca.pem"',
  ),
  'ssl.ca-dn-file': d('CA names announced to clients when asking for a client certificate.'),
  'ssl.ca-crl-file': d('Certificate revocation lists checked for client certificates.'),
  'ssl.read-ahead': d('Let the TLS library read more data than immediately needed.', '"disable"', '"enable"'),
  'ssl.disable-client-renegotiation': d('Has no effect any more: client-initiated renegotiation is always refused.'),
  'ssl.verifyclient.activate': d('Ask clients for a certificate.', '"disable"', '"enable"'),
  'ssl.verifyclient.enforce': d('Refuse clients that do not present a valid certificate.', '"enable"', '"disable"'),
  'ssl.verifyclient.depth': d('Maximum length of an accepted client certificate chain.', '9', '3'),
  'ssl.verifyclient.username': d(
    'Client certificate field used as REMOTE_USER, such as SSL_CLIENT_S_DN_CN.',
    undefined,
    '"SSL_CLIENT_S_DN_CN"',
  ),
  'ssl.verifyclient.exportcert': d(
    'Pass the client certificate (PEM) to backends in SSL_CLIENT_CERT.',
    '"disable"',
    '"enable"',
  ),
  'ssl.verifyclient.ca-file': d('CA certificates used only to verify client certificates.'),
  'ssl.verifyclient.ca-dn-file': d(
    'CA names announced when asking for a client certificate (client-verification only).',
  ),
  'ssl.verifyclient.ca-crl-file': d('Revocation lists checked for client certificates.'),
  'ssl.acme-tls-1': d(
    'Directory holding the certificates for ACME "tls-alpn-01" challenges.',
    undefined,
    '"/etc/lighttpd/acme"',
  ),
  'ssl.stapling-file': d('File with an OCSP response that is stapled to the handshake.'),
  'debug.log-ssl-noise': d(
    'Also log TLS errors that are usually harmless (clients closing early, ...).',
    '"disable"',
    '"enable"',
  ),
  // ---- mod_cgi ----
  'cgi.assign': d(
    'File extensions (or names) run as CGI, with the interpreter to use; "" runs the file itself.',
    undefined,
    '( ".pl" => "/usr/bin/perl", ".cgi" => "" )',
  ),
  'cgi.execute-x-only': d('Only run CGI files that have the executable bit set.', '"disable"', '"enable"'),
  'cgi.x-sendfile': d(
    'Let CGI scripts reply with an X-Sendfile header so that lighttpd sends the named file.',
    '"disable"',
    '"enable"',
  ),
  'cgi.x-sendfile-docroot': d('Directories that files named by X-Sendfile must be in.'),
  'cgi.local-redir': d(
    'Follow local redirects (Location: /path) of CGI scripts inside lighttpd.',
    '"disable"',
    '"enable"',
  ),
  'cgi.upgrade': d('Allow CGI scripts to upgrade the connection (for example to WebSocket).', '"disable"', '"enable"'),
  'cgi.limits': d(
    'Timeouts and limits of CGI processes (read-timeout, write-timeout, ...).',
    undefined,
    '( "read-timeout" => 60 )',
  ),
  // ---- mod_deflate ----
  'deflate.mimetypes': d(
    'Content types (or prefixes of them) that may be compressed.',
    undefined,
    '( "text/", "application/javascript", "image/svg+xml" )',
  ),
  'deflate.allowed-encodings': d(
    'Compression methods offered to clients (gzip, deflate, br, zstd, ...).',
    undefined,
    '( "br", "gzip", "deflate" )',
  ),
  'deflate.max-compress-size': d('Responses larger than this many KiB are not compressed.'),
  'deflate.min-compress-size': d('Responses smaller than this many bytes are not compressed.'),
  'deflate.compression-level': d('Compression level from 1 (fast) to 9 (small).', undefined, '6'),
  'deflate.output-buffer-size': d('Size of the buffer compressed output is collected in.'),
  'deflate.work-block-size': d('How many KiB are compressed in one step before other connections get a turn.'),
  'deflate.max-loadavg': d('Stop compressing while the system load average is above this value.', undefined, '"4.0"'),
  'deflate.cache-dir': d(
    'Directory where compressed copies of static files are kept.',
    undefined,
    '"/var/cache/lighttpd/compress/"',
  ),
  'deflate.params': d('Tuning parameters passed to the compression libraries (levels, window sizes, ...).'),
  'compress.filetype': d('Old mod_compress name of deflate.mimetypes.'),
  'compress.allowed-encodings': d('Old mod_compress name of deflate.allowed-encodings.'),
  'compress.cache-dir': d('Old mod_compress name of deflate.cache-dir.'),
  'compress.max-filesize': d('Old mod_compress name of deflate.max-compress-size.'),
  'compress.max-loadavg': d('Old mod_compress name of deflate.max-loadavg.'),
  // ---- mod_dirlisting ----
  'dir-listing.activate': d('Generate a listing for directories that have no index file.', '"disable"', '"enable"'),
  'server.dir-listing': d('Old name of dir-listing.activate.', '"disable"', '"enable"'),
  'dir-listing.exclude': d(
    'Regular expressions: matching file names are left out of listings.',
    undefined,
    '( "^\\.", "~$" )',
  ),
  'dir-listing.hide-dotfiles': d('Leave files whose name starts with "." out of listings.', '"enable"', '"disable"'),
  'dir-listing.external-css': d('URL of a stylesheet linked from listing pages.', undefined, '"/listing.css"'),
  'dir-listing.external-js': d('URL of a script linked from listing pages.'),
  'dir-listing.encoding': d('Character set announced for listing pages.', undefined, '"utf-8"'),
  'dir-listing.show-readme': d(
    'Show a README file below the listing ("enable" for README.txt, or a file name).',
    undefined,
    '"enable"',
  ),
  'dir-listing.hide-readme-file': d('Leave the README file itself out of the listing.', '"disable"', '"enable"'),
  'dir-listing.show-header': d(
    'Show a HEADER file above the listing ("enable" for HEADER.txt, or a file name).',
    undefined,
    '"enable"',
  ),
  'dir-listing.hide-header-file': d('Leave the HEADER file itself out of the listing.', '"disable"', '"enable"'),
  'dir-listing.set-footer': d('Text shown at the bottom of listing pages.'),
  'dir-listing.encode-readme': d('HTML-escape the README contents.', '"enable"', '"disable"'),
  'dir-listing.encode-header': d('HTML-escape the HEADER contents.', '"enable"', '"disable"'),
  'dir-listing.auto-layout': d(
    'Add the built-in styling and sorting script to listing pages.',
    '"enable"',
    '"disable"',
  ),
  'dir-listing.cache': d('Cache generated listings on disk ("path", "max-age").'),
  'dir-listing.sort': d('Sort entries by name.', undefined, '"disable"'),
  // ---- virtual hosts ----
  'evhost.path-pattern': d(
    'Document root built from parts of the host name: %0 domain, %1 top-level domain, %2 name, %3 and up subdomains, %_ the whole host.',
    undefined,
    '"/srv/www/%0/htdocs/"',
  ),
  'simple-vhost.server-root': d(
    'Base directory: a host is served from <server-root><host>/<document-root>.',
    undefined,
    '"/srv/www/vhosts/"',
  ),
  'simple-vhost.default-host': d(
    'Host directory used when none exists for the requested host.',
    undefined,
    '"www.example.org"',
  ),
  'simple-vhost.document-root': d('Directory inside each host directory that is served.', undefined, '"htdocs"'),
  'simple-vhost.debug': d(DEBUG, '0', '1'),
  'vhostdb.backend': d(
    'Backend that looks up the document root of a virtual host: "dbi", "ldap", "mysql" or "pgsql".',
    undefined,
    '"ldap"',
  ),
  'vhostdb.cache': d('Cache looked-up document roots for a while ("max-age" in seconds).'),
  'vhostdb.dbi': d('Database connection and query for the dbi vhostdb backend.'),
  'vhostdb.ldap': d('LDAP connection and search for the ldap vhostdb backend.'),
  'vhostdb.mysql': d('Connection and query for the mysql vhostdb backend.'),
  'vhostdb.pgsql': d('Connection and query for the pgsql vhostdb backend.'),
  'userdir.path': d(
    "Directory inside a user's home that is served for /~user/ URLs; required to turn the module on.",
    undefined,
    '"public_html"',
  ),
  'userdir.exclude-user': d('Users whose directories are never served.', undefined, '( "root" )'),
  'userdir.include-user': d("When set, only these users' directories are served."),
  'userdir.basepath': d(
    'Serve <basepath>/<user>/<path> instead of looking up the home directory.',
    undefined,
    '"/home/"',
  ),
  'userdir.letterhomes': d(
    'Put the first letter of the user name between basepath and user name.',
    '"disable"',
    '"enable"',
  ),
  'userdir.active': d('Turn /~user/ handling on or off for this context.', '"enable"', '"disable"'),
  // ---- other modules ----
  'expire.url': d(
    'Expires and Cache-Control max-age per URL prefix, e.g. "access plus 7 days".',
    undefined,
    '( "/images/" => "access plus 1 months" )',
  ),
  'expire.mimetypes': d(
    'Expires and Cache-Control max-age per content type (prefix).',
    undefined,
    '( "image/" => "access plus 1 months" )',
  ),
  'extforward.forwarder': d(
    'Proxies whose forwarding headers are trusted ("trust"); "all" trusts every client.',
    undefined,
    '( "10.0.0.1" => "trust" )',
  ),
  'extforward.headers': d(
    'Headers read to find the real client address.',
    '( "X-Forwarded-For", "Forwarded-For" )',
    '( "Forwarded", "X-Forwarded-For" )',
  ),
  'extforward.params': d('Extra Forwarded header parameters to apply ("host", "remote_user").'),
  'extforward.hap-PROXY': d(
    'Expect the HAProxy PROXY protocol header at the start of each connection.',
    '"disable"',
    '"enable"',
  ),
  'extforward.hap-PROXY-ssl-client-verify': d(
    'Take the client certificate result from the PROXY protocol header.',
    '"disable"',
    '"enable"',
  ),
  'index-file.names': d(
    'File names tried, in order, when a directory is requested.',
    undefined,
    '( "index.html", "index.php" )',
  ),
  'server.indexfiles': d('Old name of index-file.names.', undefined, '( "index.html" )'),
  'magnet.attract-raw-url-to': d(
    'Lua scripts run as soon as the request URL has been parsed.',
    undefined,
    '( "/etc/lighttpd/rewrite.lua" )',
  ),
  'magnet.attract-physical-path-to': d(
    'Lua scripts run after the URL has been mapped to a file path.',
    undefined,
    '( "/etc/lighttpd/check.lua" )',
  ),
  'magnet.attract-response-start-to': d('Lua scripts run when the response headers are ready.'),
  'maxminddb.activate': d('Look up the client address in a MaxMind database.', '"disable"', '"enable"'),
  'maxminddb.db': d('MaxMind database file (.mmdb).', undefined, '"/usr/share/GeoIP/GeoLite2-Country.mmdb"'),
  'maxminddb.env': d(
    'Environment variables filled from database fields.',
    undefined,
    '( "GEOIP_COUNTRY_CODE" => "country/iso_code" )',
  ),
  'url.redirect': d(
    'Redirects for URLs matching a regular expression; $1.. are its captures, %1.. those of the enclosing condition.',
    undefined,
    '( "^/old/(.*)" => "/new/$1" )',
  ),
  'url.redirect-code': d('HTTP status used for url.redirect.', '301', '308'),
  'url.rewrite-once': d(
    'Internal rewrites (regular expression => new URL); after the first match no further rewrite applies.',
    undefined,
    '( "^/blog/(.*)$" => "/index.php?page=$1" )',
  ),
  'url.rewrite-final': d('Old name of url.rewrite-once.'),
  'url.rewrite': d('Old name of url.rewrite-once.'),
  'url.rewrite-repeat': d(
    'Internal rewrites (regular expression => new URL); the result may be rewritten again by later rules.',
  ),
  'url.rewrite-if-not-file': d(
    'Like url.rewrite-once, but only applied when no file exists for the requested path.',
    undefined,
    '( "^/(.*)$" => "/index.php/$1" )',
  ),
  'url.rewrite-repeat-if-not-file': d(
    'Like url.rewrite-repeat, but only applied when no file exists for the requested path.',
  ),
  'rrdtool.binary': d('Path of the rrdtool program.', undefined, '"/usr/bin/rrdtool"'),
  'rrdtool.db-name': d(
    'Round-robin database file traffic counters are written to.',
    undefined,
    '"/var/lib/lighttpd/lighttpd.rrd"',
  ),
  'setenv.add-request-header': d(
    'Headers added to each request before it is handled.',
    undefined,
    '( "X-Proxy" => "lighttpd" )',
  ),
  'setenv.add-response-header': d('Headers added to each response.', undefined, '( "X-Frame-Options" => "DENY" )'),
  'setenv.add-environment': d(
    'Environment variables added for CGI, FastCGI and SCGI backends.',
    undefined,
    '( "APP_ENV" => "production" )',
  ),
  'setenv.set-request-header': d('Request headers set (replacing any existing value; "" removes the header).'),
  'setenv.set-response-header': d(
    'Response headers set (replacing any existing value; "" removes the header).',
    undefined,
    '( "Server" => "" )',
  ),
  'setenv.set-environment': d('Environment variables set for backends, replacing existing values.'),
  'skeleton.array': d('Sample option of the template module for developers.'),
  'ssi.extension': d('File extensions parsed for server-side include directives.', undefined, '( ".shtml" )'),
  'ssi.content-type': d('Content-Type of pages produced by SSI.', '"text/html"', '"text/html; charset=utf-8"'),
  'ssi.conditional-requests': d(
    'Answer conditional requests (ETag, Last-Modified) for SSI pages.',
    '"disable"',
    '"enable"',
  ),
  'ssi.exec': d('Allow the "exec" directive that runs commands from SSI pages.', undefined, '"disable"'),
  'ssi.recursion-max': d('How deeply SSI includes may nest.'),
  'static-file.exclude-extensions': d(
    'File extensions never sent as plain files (for example script sources).',
    undefined,
    '( ".php", ".pl", ".fcgi" )',
  ),
  'static-file.etags': d('Send ETag headers for static files.', '"enable"', '"disable"'),
  'static-file.disable-pathinfo': d(
    'Do not serve a file when the URL continues after the file name (/file.html/extra).',
    '"disable"',
    '"enable"',
  ),
  'status.status-url': d('URL of the server status page.', undefined, '"/server-status"'),
  'status.config-url': d('URL of the page that lists the loaded configuration.', undefined, '"/server-config"'),
  'status.statistics-url': d('URL of the page with module statistics counters.', undefined, '"/server-statistics"'),
  'status.enable-sort': d('Make the tables of the status page sortable.', '"enable"', '"disable"'),
  'webdav.activate': d('Answer WebDAV methods in this context.', '"disable"', '"enable"'),
  'webdav.is-readonly': d('Allow only the reading WebDAV methods.', '"disable"', '"enable"'),
  'webdav.sqlite-db-name': d(
    'SQLite database that stores WebDAV properties and locks.',
    undefined,
    '"/var/lib/lighttpd/webdav.db"',
  ),
  'webdav.log-xml': d('Log the XML of WebDAV requests and responses.', '"disable"', '"enable"'),
  'webdav.opts': d('Further WebDAV switches (partial PUT, infinite PROPFIND depth, ...).'),
};

/** Keys of server.feature-flags, explained. */
export const FEATURE_FLAG_DOCS: Readonly<Record<string, string>> = {
  'server.h2proto': 'Offer HTTP/2 to TLS clients (ALPN "h2").',
  'server.h2c': 'Allow the upgrade from cleartext HTTP/1.1 to HTTP/2.',
  'server.absolute-dir-redirect': 'Use absolute URLs in the redirect that adds a trailing "/" to directories.',
  'request.trailer-whitelist': 'Request trailer fields that are passed on.',
  'server.errorlog-utf8': 'Keep valid UTF-8 in error log lines instead of escaping it.',
  'server.errorlog-high-precision': 'Timestamps with sub-second precision in the error log.',
  'server.http-pathinfo': 'Split extra path segments after a file name into PATH_INFO.',
  'server.pcre_jit': 'Compile regular expressions with the PCRE just-in-time compiler.',
  'server.metrics-high-precision': 'Measure request times with high precision for statistics.',
  'server.graceful-restart-bg': 'On graceful restart, let the old process finish its requests in the background.',
  'server.graceful-shutdown-timeout': 'Seconds to wait for running requests on a graceful shutdown or restart.',
  'server.graceful-unconfig-sock': 'Close listening sockets early during a graceful restart.',
  'server.clock-jump-restart': 'Restart gracefully when the system clock jumps by more than this many seconds.',
  'server.network-mptcp': 'Use Multipath TCP for listening sockets.',
  'server.discard-backend-1xx': 'Do not pass 1xx interim responses of backends to clients.',
  'server.h1-discard-backend-1xx': 'Do not pass 1xx interim responses of backends to HTTP/1.1 clients.',
  'server.h2-discard-backend-1xx': 'Do not pass 1xx interim responses of backends to HTTP/2 clients.',
  'chunkqueue.splice': 'Use splice() to move data between sockets and pipes without copying.',
  'http10.range': 'Answer Range requests from HTTP/1.0 clients.',
  'auth.delay-invalid-creds': 'Delay the answer to wrong credentials, to slow down password guessing.',
  'auth.http-goaway-invalid-creds': 'Close HTTP/2 connections that keep sending wrong credentials.',
  'cgi.tempfile-accum': 'Collect CGI request bodies in a temporary file.',
  'gw.upgrade-with-request-body': 'Allow a connection upgrade on requests that carry a body.',
  'proxy.force-http10': 'Speak HTTP/1.0 to every proxy backend.',
  'ssl.session-cache': 'Keep a server-side TLS session cache.',
  'ssl.refresh-certs': 'Reload certificates when their files change.',
  'ssl.refresh-crls': 'Reload revocation lists when their files change.',
};

/** Options of server.http-parseopts, explained. */
export const PARSEOPT_DOCS: Readonly<Record<string, string>> = {
  'url-normalize':
    'Normalise the URL path before matching conditions and mapping it to files (turned on by any other url-* option).',
  'url-normalize-unreserved': 'Decode %-escapes of unreserved characters.',
  'url-normalize-required': 'Encode characters that must be escaped.',
  'url-ctrls-reject': 'Reject URLs that contain control characters.',
  'url-path-backslash-trans': 'Turn "\\" in the path into "/".',
  'url-path-2f-decode': 'Decode %2F in the path into "/".',
  'url-path-2f-reject': 'Reject paths that contain %2F.',
  'url-path-dotseg-remove': 'Resolve "." and ".." segments of the path.',
  'url-path-dotseg-reject': 'Reject paths that contain "." or ".." segments.',
  'url-query-20-plus': 'Turn %20 in the query string into "+".',
  'url-invalid-utf8-reject': 'Reject URLs that are not valid UTF-8.',
  'header-strict': 'Reject requests with invalid characters in headers.',
  'host-strict': 'Reject invalid Host values.',
  'host-normalize': 'Normalise the Host value (lower case, default port removed, ...).',
  'method-get-body': 'Accept a body on GET requests.',
};

/** Keys of a backend block in proxy.server / fastcgi.server / scgi.server / ..., explained. */
export const BACKEND_KEY_DOCS: Readonly<Record<string, string>> = {
  host: 'Address or name of the backend.',
  port: 'TCP port of the backend.',
  socket: 'Unix domain socket of the backend (instead of host and port).',
  'listen-backlog': 'Listen queue length of the socket of a backend lighttpd starts.',
  'bin-path': 'Program lighttpd starts as the backend (with its arguments).',
  'kill-signal': 'Signal sent to stop a backend lighttpd started.',
  'check-local':
    'Only forward requests for files that exist in the document root (FastCGI; "disable" forwards everything).',
  mode: 'Role of a FastCGI backend: "responder" (default) or "authorizer".',
  docroot: 'Document root passed to the backend (also used by an authorizer).',
  'min-procs': 'Number of backend processes lighttpd starts.',
  'max-procs': 'Maximum number of backend processes lighttpd starts.',
  'max-load-per-proc': 'Connections per process before another one is started.',
  'idle-timeout': 'Seconds before an idle spawned backend process is stopped.',
  'disable-time': 'Seconds a backend that failed is left out before it is tried again.',
  'bin-environment': 'Environment variables set for a backend lighttpd starts.',
  'bin-copy-environment': 'Environment variables of lighttpd copied to a backend it starts (others are dropped).',
  'broken-scriptfilename': 'Build SCRIPT_FILENAME the way PHP expects (cgi.fix_pathinfo).',
  'strip-request-uri': 'URL prefix removed from REQUEST_URI before it is sent.',
  'fix-root-scriptname': 'Send an empty SCRIPT_NAME and the full path as PATH_INFO (for backends mounted at "/").',
  'allow-x-send-file': 'Let the backend reply with X-Sendfile so that lighttpd sends the named file.',
  'x-sendfile': 'Same as allow-x-send-file.',
  'x-sendfile-docroot': 'Directories files named by X-Sendfile must be in.',
  'tcp-fin-propagate': 'Pass a half-close from the client on to the backend.',
  'connect-timeout': 'Seconds to wait for the connection to the backend.',
  'write-timeout': 'Seconds to wait while sending to the backend.',
  'read-timeout': 'Seconds to wait for data from the backend.',
  upgrade: 'Allow connection upgrades (such as WebSocket) through this backend.',
};
