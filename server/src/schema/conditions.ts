/**
 * Condition objects with their fields, and the comparison operators (src/configparser.y, src/plugin_config.h;
 * docs/grammar.md §8). Their explanations are in ./docs/conditions.ts.
 */

/** Condition objects and their fields, e.g. HTTP -> [host, url, ...]; REQUEST_HEADER takes any name. */
export const CONDITION_FIELDS: Readonly<Record<string, readonly string[] | 'any'>> = {
  HTTP: [
    'url',
    'host',
    'referer',
    'useragent',
    'user-agent',
    'language',
    'cookie',
    'remoteip',
    'remote-ip',
    'querystring',
    'query-string',
    'request-method',
    'scheme',
  ],
  REQUEST_HEADER: 'any',
  SERVER: ['socket'],
};

/** The comparison operators, with the first release that has each. */
export const CONDITION_OPERATOR_TABLE: readonly { readonly operator: string; readonly since?: string }[] = [
  { operator: '==' },
  { operator: '!=' },
  { operator: '=~' },
  { operator: '!~' },
  { operator: '=^', since: '1.4.65' },
  { operator: '=$', since: '1.4.65' },
];

export const CONDITION_OPERATORS: readonly string[] = CONDITION_OPERATOR_TABLE.map((o) => o.operator);
