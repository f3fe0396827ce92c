/**
 * The fast path of parse() (parser/fastParse.ts) must give exactly the tree and problems of the Chevrotain
 * parser (parser.ts, the reference) on every text, and must actually be taken on clean configs.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, tokenize } from '../../server/src/parser';
import { parseWithoutFastPath } from '../../server/src/parser/parse';
import { parseFast } from '../../server/src/parser/fastParse';
import { generateConfig } from '../../bench/generate';
import { CORPUS_AVAILABLE, NO_CORPUS, REPO_ROOT, corpusEntries, readCorpusFile } from '../helpers/corpus';

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** parse(text) equals the reference; returns whether the fast path took the text. */
function same(text: string, what: string): boolean {
  assert.deepEqual(parse(text), parseWithoutFastPath(text), what);
  return parseFast(tokenize(text).tokens) !== undefined;
}

const SNIPPETS = [
  '"', '(', ')', '{', '}', ',', ' ', '\n', '#', 'x', '=', ' = 1', '+', '"a"', '$HTTP["host"] == "a" {', 'else', ';', '=>',
  '\\', '1', 'server.port = 80\n', '[', ']', 'if ', ' else {', '} else $HTTP["url"] =~ "b" {', '+=', ':=', '=~', '!~', '$',
  'global {', 'include "x.conf"\n', 'a = (1, "b" => 2)\n', ' + "y"', ',,', '=\n', '+\n', 'elif', '\n}\n',
];

function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.4) return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at + 1);
}

/** Random clean configs: every construct the fast path accepts, nested. */
function cleanConfig(r: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const value = (d: number): string => {
    const k = r();
    if (k < 0.3) return pick(['"a"', '"x\\"y"', '""', '"/srv/www"']);
    if (k < 0.45) return pick(['1', '80', '0']);
    if (k < 0.6) return pick(['basedir', 'var.x', 'env.HOME', 'server.port']);
    if (k < 0.75 || d > 2) return `${value(d + 1)} +${pick([' ', '\n'])}${value(d + 1)}`;
    const els = Array.from({ length: Math.floor(r() * 4) }, () => (r() < 0.5 ? value(d + 1) : `${value(d + 1)} => ${value(d + 1)}`));
    return `(${pick(['', ' '])}${els.join(pick([', ', ',']))}${pick(['', ',', ' '])})`;
  };
  const head = () => `${pick(['', 'if '])}$${pick(['HTTP', 'SERVER'])}["${pick(['host', 'url', 'socket'])}"] ${pick(['==', '!=', '=~', '!~', '=^', '=$'])} ${value(2)}`;
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 5);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.5 || depth > 2) lines.push(`${pick(['a', 'var.x', 'server.port', 'url.rewrite'])} ${pick(['=', '+=', ':='])}${pick([' ', '\n'])}${value(0)}`);
    else if (k < 0.75) {
      let s = `${head()}${pick([' ', '\n'])}{\n${cleanConfig(r, depth + 1)}}`;
      const elses = Math.floor(r() * 3);
      for (let e = 0; e < elses; e++) s += `${pick([' ', '\n'])}${pick(['else', 'elif', 'elseif'])}${pick([' ', '\n'])}${r() < 0.5 ? head() + ' ' : ''}{\n${cleanConfig(r, depth + 1)}}`;
      lines.push(s);
    } else if (k < 0.85) lines.push(`global${pick([' ', '\n'])}{\n${cleanConfig(r, depth + 1)}}`);
    else if (k < 0.95) lines.push(`${pick(['include', 'include_shell'])} ${value(2)}`);
    else lines.push(pick(['', '# comment', '   ']));
  }
  return lines.join('\n') + '\n';
}

describe('fast path of parse() equals the Chevrotain parser', () => {
  test('random clean configs are taken by the fast path and parsed identically', () => {
    const r = rng(42);
    let taken = 0;
    for (let k = 0; k < 1500; k++) if (same(cleanConfig(r), `clean config ${k}`)) taken++;
    assert.ok(taken > 1400, `fast path took ${taken} of 1500`);
  });
  test('random edits of clean configs', () => {
    const r = rng(7);
    for (let k = 0; k < 300; k++) {
      let text = cleanConfig(r);
      for (let e = 0; e < 8; e++) {
        text = mutate(text, r);
        same(text, `edit ${e} of config ${k}: ${JSON.stringify(text)}`);
      }
    }
  });
  test('the seed configs and the generated benchmark config take the fast path', () => {
    for (const name of ['proxy-app.conf', 'scgi-app.conf']) assert.ok(same(readFileSync(join(REPO_ROOT, 'test/fixtures/seed', name), 'utf8'), name), name);
    assert.ok(same(generateConfig(2000), 'generated'));
  });
  test('corpus files, and random edits of them', { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS }, () => {
    const r = rng(99);
    let files = 0;
    let taken = 0;
    for (const e of corpusEntries()) {
      const text = readCorpusFile(e.path);
      files++;
      if (same(text, e.file)) taken++;
      let t = text;
      for (let k = 0; k < 6; k++) {
        t = mutate(t, r);
        same(t, `${e.file} edit ${k}`);
      }
    }
    // Most real configs are clean; those with recovery cases go to the reference parser.
    assert.ok(taken >= files * 0.6, `fast path took ${taken} of ${files} corpus files`);
  });
});
