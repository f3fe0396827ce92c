// Loads syntaxes/lighttpd.tmLanguage.json with the same engine VS Code uses (vscode-textmate on top
// of the Oniguruma WebAssembly build) and turns lines into [tokenText, scopes] pairs, plus a few
// assertion helpers for the grammar tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// Both packages are CommonJS: import the namespace (test/ is ESM) and take the members from it.
import vsctm, { type IGrammar, type StateStack } from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const { INITIAL, Registry, parseRawGrammar } = vsctm;
const { OnigScanner, OnigString, loadWASM } = oniguruma;

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GRAMMAR_PATH = resolve(ROOT, 'syntaxes', 'lighttpd.tmLanguage.json');
export const SCOPE_NAME = 'source.lighttpd';

export type Token = [text: string, scopes: string[]];

let grammarPromise: Promise<IGrammar> | undefined;

/** The compiled grammar; loaded once per test process (the WASM module can only be loaded once). */
export function loadGrammar(): Promise<IGrammar> {
  grammarPromise ??= (async () => {
    await loadWASM(readFileSync(resolve(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
        createOnigString: (s: string) => new OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === SCOPE_NAME ? parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const grammar = await registry.loadGrammar(SCOPE_NAME);
    if (!grammar) throw new Error(`grammar ${SCOPE_NAME} did not load`);
    return grammar;
  })();
  return grammarPromise;
}

/** Tokenizes consecutive lines, carrying the rule stack from one line to the next like the editor does. */
export async function tokenizeLines(lines: readonly string[]): Promise<Token[][]> {
  const grammar = await loadGrammar();
  let state: StateStack = INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t): Token => [line.slice(t.startIndex, t.endIndex), t.scopes]);
  });
}

export async function tokenize(line: string): Promise<Token[]> {
  const [tokens] = await tokenizeLines([line]);
  return tokens ?? [];
}

/** True when `scope` is `prefix` or a more specific form of it (`prefix.something`). */
export function scopeMatches(scope: string, prefix: string): boolean {
  return scope === prefix || scope.startsWith(prefix + '.');
}

/** [start, end) of the `nth` occurrence of `text` in the line the tokens were made from. */
function findRange(tokens: readonly Token[], text: string, nth: number): [number, number] {
  const line = tokens.map(([t]) => t).join('');
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = line.indexOf(text, start + 1);
    assert.notEqual(start, -1, `occurrence ${nth} of ${JSON.stringify(text)} not found in ${JSON.stringify(line)}`);
  }
  return [start, start + text.length];
}

/**
 * The tokens that cover the `nth` occurrence of `text` in the line the tokens were made from.
 * Fails unless token boundaries fall exactly on both ends of `text`, i.e. the grammar did not glue
 * it to a neighbour (`1#c` must give `1` and `#c`, not one token).
 */
export function tokensCovering(tokens: readonly Token[], text: string, nth = 0): Token[] {
  const [start, end] = findRange(tokens, text, nth);
  const covering: Token[] = [];
  let pos = 0;
  let startsOnBoundary = false;
  let endsOnBoundary = false;
  for (const token of tokens) {
    const tokenEnd = pos + token[0].length;
    if (pos === start) startsOnBoundary = true;
    if (tokenEnd === end) endsOnBoundary = true;
    if (tokenEnd > start && pos < end) covering.push(token);
    pos = tokenEnd;
  }
  assert.ok(
    startsOnBoundary && endsOnBoundary,
    `${JSON.stringify(text)} is not delimited by token boundaries in ${describe(tokens)}`,
  );
  return covering;
}

/** Asserts that every token making up `text` carries a scope matching `scope`. */
export function assertScope(tokens: readonly Token[], text: string, scope: string, nth = 0): void {
  for (const [t, scopes] of tokensCovering(tokens, text, nth)) {
    assert.ok(
      scopes.some((s) => scopeMatches(s, scope)),
      `${JSON.stringify(t)} (part of ${JSON.stringify(text)}) lacks ${scope}; tokens: ${describe(tokens)}`,
    );
  }
}

/** Asserts that no token overlapping `text` carries a scope matching `scope`. */
export function assertNoScope(tokens: readonly Token[], text: string, scope: string, nth = 0): void {
  const [start, end] = findRange(tokens, text, nth);
  let pos = 0;
  for (const [t, scopes] of tokens) {
    const tokenEnd = pos + t.length;
    if (tokenEnd > start && pos < end) {
      assert.ok(
        !scopes.some((s) => scopeMatches(s, scope)),
        `${JSON.stringify(t)} (part of ${JSON.stringify(text)}) unexpectedly has ${scope}; tokens: ${describe(tokens)}`,
      );
    }
    pos = tokenEnd;
  }
}

/** Compact rendering of a token list for failure messages. */
export function describe(tokens: readonly Token[]): string {
  return tokens.map(([t, scopes]) => `${JSON.stringify(t)}[${scopes.slice(1).join(' ')}]`).join(' ');
}
