/**
 * Value sets and key sets shared by several directives (the others are written in their entry in
 * ./directives.ts). Meanings and docs are in our words.
 */
import type { KeySet, ValueSet } from './types';

/** The words lighttpd reads as true / false in a boolean setting (any case; src/configfile-glue.c). */
export const TRUE_WORDS: readonly string[] = ['enable', 'enabled', 'true', '1'];
export const FALSE_WORDS: readonly string[] = ['disable', 'disabled', 'false', '0'];
/** The two words we offer and write. */
export const BOOLEAN_CHOICES: readonly string[] = ['enable', 'disable'];

/** How a *.balance directive spreads requests over the backends of one entry. */
export const GW_BALANCE: ValueSet = {
  values: [
    { value: 'fair', meaning: 'the same as least-connection' },
    { value: 'least-connection', meaning: 'the backend with the fewest active requests (the default)' },
    { value: 'round-robin', meaning: 'each backend in turn' },
    { value: 'hash', meaning: 'by a hash of the URL path, so the same path goes to the same backend' },
    { value: 'sticky', meaning: 'by the client address, so a client stays on one backend' },
  ],
  outside: { logs: 'lighttpd logs an error and uses least-connection' },
};

/** The options of one backend block of fastcgi.server, scgi.server, proxy.server, ajp13.server, sockproxy.server and wstunnel.server (src/gw_backend.c). */
export const GW_BACKEND_OPTIONS: KeySet = {
  depth: 3,
  noun: 'backend option',
  typed: true,
  // config_plugin_values_init_block finds options as lighttpd finds every key: without case ("Host")
  caseInsensitive: true,
  outside: { ignores: 'lighttpd ignores it' },
  keys: [
    { key: 'host', type: 'string', doc: 'Address or name of the backend.' },
    { key: 'port', type: 'short', doc: 'TCP port of the backend.' },
    { key: 'socket', type: 'string', doc: 'Unix domain socket of the backend (instead of host and port).' },
    {
      key: 'listen-backlog',
      type: 'int',
      default: '1024',
      onlyWith: 'bin-path',
      doc: 'Listen queue length of the socket of a backend lighttpd starts.',
    },
    { key: 'bin-path', type: 'string', doc: 'Program lighttpd starts as the backend (with its arguments).' },
    {
      key: 'kill-signal',
      type: 'short',
      default: '15 (SIGTERM)',
      onlyWith: 'bin-path',
      doc: 'Signal sent to stop a backend lighttpd started.',
    },
    {
      key: 'check-local',
      type: 'boolean',
      default: 'enable',
      doc: 'Forward only requests whose file exists under the document root; "disable" forwards every request (proxy.server always forwards).',
    },
    {
      key: 'mode',
      type: 'string',
      default: '"responder"',
      doc: 'Role of a FastCGI backend: "responder" (default) or "authorizer".',
      values: {
        values: [
          { value: 'responder', meaning: 'the backend produces the response (the default)' },
          { value: 'authorizer', meaning: 'the backend only decides whether the request may go on (FastCGI)' },
        ],
        outside: { logs: 'lighttpd logs a warning and uses responder' },
      },
    },
    { key: 'docroot', type: 'string', doc: 'Document root passed to the backend (also used by an authorizer).' },
    {
      key: 'min-procs',
      type: 'short',
      default: '4 (at most max-procs)',
      onlyWith: 'bin-path',
      doc: 'Backend processes lighttpd keeps running when it spawns fewer than max-procs (adaptive spawning; off while server.max-worker is set).',
    },
    {
      key: 'max-procs',
      type: 'short',
      default: '4',
      onlyWith: 'bin-path',
      doc: 'Maximum number of backend processes lighttpd starts.',
    },
    {
      key: 'max-load-per-proc',
      type: 'short',
      default: '1',
      onlyWith: 'bin-path',
      doc: 'Requests waiting on each process before adaptive spawning starts another one (between min-procs and max-procs).',
    },
    {
      key: 'idle-timeout',
      type: 'short',
      default: '60',
      onlyWith: 'bin-path',
      doc: 'Seconds before an idle spawned backend process is stopped.',
    },
    {
      key: 'disable-time',
      type: 'short',
      default: '1',
      doc: 'Seconds a backend that failed is left out before it is tried again.',
    },
    {
      key: 'bin-environment',
      type: 'array-kvstring',
      onlyWith: 'bin-path',
      doc: 'Environment variables set for a backend lighttpd starts.',
    },
    {
      key: 'bin-copy-environment',
      type: 'array-vlist',
      onlyWith: 'bin-path',
      doc: 'Environment variables of lighttpd copied to a backend it starts (others are dropped).',
    },
    {
      key: 'broken-scriptfilename',
      type: 'boolean',
      default: 'disable',
      doc: 'Build SCRIPT_FILENAME the way PHP expects (cgi.fix_pathinfo).',
    },
    { key: 'strip-request-uri', type: 'string', doc: 'URL prefix removed from REQUEST_URI before it is sent.' },
    {
      key: 'fix-root-scriptname',
      type: 'boolean',
      default: 'disable',
      doc: 'Send an empty SCRIPT_NAME and the full path as PATH_INFO (for backends mounted at "/").',
    },
    {
      key: 'allow-x-send-file',
      type: 'boolean',
      default: 'disable',
      olderNameOf: 'x-sendfile',
      doc: 'The older name of x-sendfile (lighttpd reads both).',
    },
    {
      key: 'x-sendfile',
      type: 'boolean',
      default: 'disable',
      doc: 'Let the backend reply with X-Sendfile so that lighttpd sends the named file.',
    },
    { key: 'x-sendfile-docroot', type: 'array-vlist', doc: 'Directories files named by X-Sendfile must be in.' },
    {
      key: 'tcp-fin-propagate',
      type: 'boolean',
      since: '1.4.50',
      doc: 'Pass a half-close from the client on to the backend.',
    },
    {
      key: 'connect-timeout',
      type: 'int',
      since: '1.4.60',
      default: '8',
      doc: 'Seconds to wait for the connection to the backend.',
    },
    { key: 'write-timeout', type: 'int', since: '1.4.60', doc: 'Seconds to wait while sending to the backend.' },
    { key: 'read-timeout', type: 'int', since: '1.4.60', doc: 'Seconds to wait for data from the backend.' },
    {
      key: 'upgrade',
      type: 'boolean',
      since: '1.4.74',
      doc: 'Allow connection upgrades (such as WebSocket) through this backend.',
    },
  ],
};

/** The options of auth.cache and vhostdb.cache. */
export const CACHE_OPTIONS: KeySet = {
  depth: 1,
  outside: { ignores: 'lighttpd ignores it' },
  keys: [{ key: 'max-age', type: 'int', doc: 'Seconds an entry stays in the cache.' }],
};

/** The encodings mod_deflate can use (each only when lighttpd is built with its library). */
export const COMPRESSION_ENCODINGS: ValueSet = {
  values: [
    { value: 'gzip', meaning: 'gzip (zlib)' },
    { value: 'x-gzip', meaning: 'gzip under its old name' },
    { value: 'deflate', meaning: 'deflate (zlib)' },
    { value: 'bzip2', meaning: 'bzip2' },
    { value: 'x-bzip2', meaning: 'bzip2 under its old name' },
    { value: 'br', meaning: 'Brotli' },
    { value: 'zstd', meaning: 'Zstandard' },
  ],
  outside: 'accepted',
};

/** How server.stream-request-body and server.stream-response-body buffer a body. */
export const STREAM_BODY: ValueSet = {
  values: [
    { value: '0', meaning: 'buffer the whole body first (the default)' },
    { value: '1', meaning: 'stream it as it arrives' },
    { value: '2', meaning: 'stream it with as little buffering as possible' },
  ],
  outside: 'accepted',
};
