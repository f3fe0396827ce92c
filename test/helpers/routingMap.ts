// Checks of the routing map's output formats: JSON against the published schema (ajv), SVG parsed as XML by a
// strict parser (sax: unbalanced tags, bad entities, unquoted attributes, control characters all throw).
// Both libraries are in the lockfile as dev dependencies of the build tools (ajv: eslint's, sax: vsce's).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { ROUTING_MAP_SCHEMA } from '../../server/src/analysis/routing';

const require = createRequire(import.meta.url);

interface SaxParser {
  onerror: (e: Error) => void;
  onopentag: (t: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: (name: string) => void;
  ontext: (t: string) => void;
  write(s: string): SaxParser;
  close(): void;
}
const sax = require('sax') as { parser(strict: boolean, opts?: object): SaxParser };

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(ROUTING_MAP_SCHEMA as object);

export function assertValidMap(json: unknown, what = 'map'): void {
  const ok = validate(json);
  assert.ok(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

export interface SvgSummary {
  /** data-id of every node group, in document order. */
  readonly nodes: string[];
  /** Node ids drawn highlighted. */
  readonly highlighted: string[];
  /** Text of every tspan. */
  readonly texts: string[];
}

/** Parses the SVG strictly; fails on anything that is not well-formed XML with an <svg> root. */
export function assertSvgWellFormed(svg: string, what = 'svg'): SvgSummary {
  const p = sax.parser(true, { xmlns: false });
  const stack: string[] = [];
  const nodes: string[] = [];
  const highlighted: string[] = [];
  const texts: string[] = [];
  let inTspan = false;
  let root: string | undefined;
  let error: Error | undefined;
  p.onerror = (e) => {
    error ??= e;
    throw e;
  };
  p.onopentag = (t) => {
    root ??= t.name;
    stack.push(t.name);
    const cls = (t.attributes.class ?? '').split(' ');
    if (t.name === 'g' && cls.includes('node')) {
      nodes.push(t.attributes['data-id']);
      if (cls.includes('highlight')) highlighted.push(t.attributes['data-id']);
    }
    if (t.name === 'tspan') {
      inTspan = true;
      texts.push('');
    }
  };
  p.onclosetag = (name) => {
    assert.equal(stack.pop(), name);
    if (name === 'tspan') inTspan = false;
  };
  p.ontext = (t) => {
    if (inTspan) texts[texts.length - 1] += t;
  };
  try {
    p.write(svg).close();
  } catch (e) {
    assert.fail(`${what}: not well-formed XML: ${(error ?? (e as Error)).message}`);
  }
  assert.equal(root, 'svg', `${what}: root element`);
  assert.equal(stack.length, 0, `${what}: unclosed elements`);
  return { nodes, highlighted, texts };
}
