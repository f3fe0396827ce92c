/** Condition objects, fields and operators, explained in our own words. */

export interface FieldDoc {
  readonly summary: string;
  /** Typical values, offered by completion after the operator. */
  readonly values?: readonly string[];
  readonly example?: string;
}

export const CONDITION_OBJECT_DOCS: Readonly<Record<string, string>> = {
  HTTP: 'Properties of the request: host, URL path, query string, client address, scheme, method and some headers.',
  SERVER:
    'The listening socket a connection arrived on: `$SERVER["socket"] == ":443"` also makes lighttpd listen there.',
  REQUEST_HEADER:
    'Any request header by name, e.g. `$REQUEST_HEADER["X-Forwarded-Proto"]` (lighttpd 1.4.46 and later).',
};

export const CONDITION_FIELD_DOCS: Readonly<Record<string, Readonly<Record<string, FieldDoc>>>> = {
  HTTP: {
    host: {
      summary:
        'The host the client asked for (Host header or HTTP/2 :authority), lower-cased. With == and != a port on only one side is ignored.',
      example: '$HTTP["host"] == "www.example.org"',
    },
    url: {
      summary: 'The URL path, decoded and normalised, without the query string.',
      example: '$HTTP["url"] =^ "/static/"',
    },
    querystring: { summary: 'The query string (the part after "?").', example: '$HTTP["querystring"] =~ "debug=1"' },
    'query-string': { summary: 'Same as "querystring": the part of the URL after "?".' },
    remoteip: {
      summary: 'The client address. With == and != a network in CIDR form (10.0.0.0/8) may be given.',
      example: '$HTTP["remoteip"] == "10.0.0.0/8"',
    },
    'remote-ip': { summary: 'Same as "remoteip": the client address; == and != accept CIDR networks.' },
    scheme: {
      summary: 'The request scheme: "http" or "https".',
      values: ['http', 'https'],
      example: '$HTTP["scheme"] == "http"',
    },
    'request-method': {
      summary: 'The request method.',
      values: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'PROPFIND', 'CONNECT'],
      example: '$HTTP["request-method"] == "POST"',
    },
    useragent: { summary: 'The User-Agent request header.' },
    'user-agent': { summary: 'Same as "useragent": the User-Agent request header.' },
    referer: { summary: 'The Referer request header.' },
    cookie: { summary: 'The Cookie request header.' },
    language: { summary: 'The Accept-Language request header.' },
  },
  SERVER: {
    socket: {
      summary:
        'The listening socket: ":port", "address:port", "[ipv6]:port", "*:port" or a Unix socket path. A == condition creates that socket.',
      example: '$SERVER["socket"] == ":443"',
    },
  },
};

export const CONDITION_OPERATOR_DOCS: Readonly<Record<string, string>> = {
  '==': 'Equal to the string.',
  '!=': 'Not equal to the string.',
  '=~': 'Matches the regular expression (PCRE). Captures can be used as %1 ... %9 in url.redirect and url.rewrite-* inside the block.',
  '!~': 'Does not match the regular expression (PCRE).',
  '=^': 'Starts with the string (lighttpd 1.4.65 and later). There is no negated form: use else.',
  '=$': 'Ends with the string (lighttpd 1.4.65 and later). There is no negated form: use else.',
};

export const CONDITION_OPERATOR_SINCE: Readonly<Record<string, string>> = {
  '=^': '1.4.65',
  '=$': '1.4.65',
};

export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  include:
    'Reads another configuration file (or every file matching a glob pattern) at this point, into the current block. Relative paths start from the directory of the main configuration file.',
  include_shell: 'Runs a shell command and reads its output as configuration, at this point.',
  global: 'A block whose settings go to the global scope, wherever the block is written.',
  else: 'Introduces the branch taken when the previous condition of the chain does not match; may be followed by another condition.',
};
