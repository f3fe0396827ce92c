/**
 * JSON Schema (draft-07) of `lighttpd-lint map --format json` (a RoutingMap, graph.ts). Printed by
 * `lighttpd-lint map --schema`; the tests validate every map they make against it.
 */
import { ROUTING_MAP_VERSION } from './graph';

const location = {
  file: { type: 'string', description: 'The file it is written in.' },
  line: { type: 'integer', minimum: 1, description: '1-based line.' },
  offset: { type: 'integer', minimum: 0, description: '0-based UTF-16 offset in the file.' },
};

export const ROUTING_MAP_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/lighttpd-conf/lighttpd-conf/routing-map.schema.json',
  title: 'lighttpd routing map',
  type: 'object',
  required: ['version', 'file', 'lighttpdVersion', 'modules', 'listeners', 'root', 'stats'],
  additionalProperties: false,
  properties: {
    version: { const: ROUTING_MAP_VERSION },
    file: { type: 'string' },
    lighttpdVersion: { type: 'string', pattern: '^1\\.4\\.\\d+$' },
    modules: { type: 'array', items: { type: 'string' } },
    listeners: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'address', 'tls'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^l\\d+$' },
          address: { type: 'string' },
          tls: { type: 'boolean' },
          node: { type: 'string', pattern: '^n\\d+$' },
          ...location,
        },
      },
    },
    root: { $ref: '#/definitions/node' },
    stats: {
      type: 'object',
      required: ['blocks', 'handlers', 'inexact'],
      additionalProperties: false,
      properties: {
        blocks: { type: 'integer', minimum: 0 },
        handlers: { type: 'integer', minimum: 1 },
        inexact: { type: 'integer', minimum: 0 },
      },
    },
  },
  definitions: {
    step: {
      type: 'object',
      required: ['kind', 'module', 'key', 'match', 'all', 'target'],
      additionalProperties: false,
      properties: {
        kind: {
          enum: ['rewrite', 'redirect', 'deny', 'auth', 'proxy', 'fastcgi', 'scgi', 'ajp13', 'cgi', 'alias', 'static'],
        },
        module: { type: 'string', pattern: '^mod_' },
        key: { type: 'string' },
        match: { type: 'string' },
        all: { type: 'boolean' },
        target: { type: 'string' },
        ignored: { type: 'string' },
        ...location,
      },
    },
    node: {
      type: 'object',
      required: ['id', 'kind', 'label', 'routing', 'children'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^[nh]\\d+$' },
        kind: { enum: ['server', 'listener', 'condition', 'handler'] },
        label: { type: 'string' },
        condition: { type: 'string' },
        context: { type: 'integer', minimum: 0 },
        else: { const: true },
        tls: { type: 'boolean' },
        inexact: { type: 'string' },
        steps: { type: 'array', minItems: 1, items: { $ref: '#/definitions/step' } },
        otherwise: { const: true },
        routing: { type: 'boolean' },
        children: { type: 'array', items: { $ref: '#/definitions/node' } },
        ...location,
      },
      allOf: [
        {
          if: { properties: { kind: { const: 'handler' } } },
          then: { required: ['steps'], properties: { children: { maxItems: 0 } } },
          else: { not: { required: ['steps'] } },
        },
      ],
    },
  },
} as const;
