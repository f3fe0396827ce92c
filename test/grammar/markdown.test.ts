// Scope test of syntaxes/lighttpd.markdown.tmLanguage.json: fenced ```lighttpd blocks in Markdown are
// highlighted with the lighttpd grammar. VS Code's Markdown grammar is not a package here: a stand-in host
// grammar with the same scope name (text.html.markdown) and no rules of its own receives the injection, as
// VS Code's registry injects it (package.json `injectTo`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vsctm, { type StateStack } from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import { GRAMMAR_PATH, ROOT, SCOPE_NAME, loadGrammar } from './tokenize';

const { INITIAL, Registry, parseRawGrammar } = vsctm;
const { OnigScanner, OnigString } = oniguruma;
const INJECTION_PATH = resolve(ROOT, 'syntaxes', 'lighttpd.markdown.tmLanguage.json');
const INJECTION = 'markdown.lighttpd.codeblock';
const MARKDOWN = 'text.html.markdown';

async function tokenizeMarkdown(lines: string[]): Promise<[string, string[]][][]> {
  await loadGrammar(); // (loads the Oniguruma WASM once per process)
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (s: string) => new OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === SCOPE_NAME) return parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
      if (scopeName === INJECTION) return parseRawGrammar(readFileSync(INJECTION_PATH, 'utf8'), INJECTION_PATH);
      if (scopeName === MARKDOWN)
        return parseRawGrammar(JSON.stringify({ scopeName: MARKDOWN, patterns: [] }), 'md.json');
      return null;
    },
    getInjections: (scopeName: string) => (scopeName === MARKDOWN ? [INJECTION] : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN);
  assert.ok(grammar);
  let state: StateStack = INITIAL;
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes] as [string, string[]]);
  });
}

const scopesOf = (tokens: [string, string[]][], text: string) => tokens.find(([t]) => t === text)?.[1] ?? [];

test('package.json injects the grammar into Markdown and names the embedded language', () => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
  const g = pkg.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === INJECTION);
  assert.deepEqual(g.injectTo, [MARKDOWN]);
  assert.equal(g.embeddedLanguages['meta.embedded.block.lighttpd'], 'lighttpd');
  assert.equal(resolve(ROOT, g.path), INJECTION_PATH);
});

test('a ```lighttpd fence is highlighted as lighttpd inside, and ends at its closing fence', async () => {
  const lines = await tokenizeMarkdown([
    'Some text',
    '```lighttpd',
    'server.port = 80 # comment',
    '$HTTP["host"] == "example.org" {',
    '```',
    'server.port = 80',
  ]);
  assert.ok(scopesOf(lines[1], '```').includes('punctuation.definition.markdown'), JSON.stringify(lines[1]));
  assert.ok(scopesOf(lines[1], 'lighttpd').includes('fenced_code.block.language.markdown'));
  const key = scopesOf(lines[2], 'server.port');
  assert.ok(key.includes('meta.embedded.block.lighttpd'), JSON.stringify(lines[2]));
  assert.ok(key.includes('support.type.property-name.lighttpd'), JSON.stringify(lines[2]));
  assert.ok(lines[2].some(([, s]) => s.includes('comment.line.number-sign.lighttpd')));
  assert.ok(lines[3].some(([, s]) => s.some((x) => x.startsWith('string.quoted.double.lighttpd'))));
  assert.ok(scopesOf(lines[4], '```').includes('punctuation.definition.markdown'), JSON.stringify(lines[4]));
  // After the fence: plain Markdown again.
  assert.ok(
    lines[5].every(([, s]) => !s.some((x) => x.endsWith('.lighttpd'))),
    JSON.stringify(lines[5]),
  );
});

test('~~~lighttpd.conf, an indented fence and attributes open a block; other languages do not', async () => {
  for (const fence of ['~~~lighttpd.conf', '  ```LIGHTTPD', '```lighttpd title="x"']) {
    const lines = await tokenizeMarkdown([fence, 'server.port = 80', fence.trim().slice(0, 3)]);
    assert.ok(scopesOf(lines[1], 'server.port').includes('support.type.property-name.lighttpd'), fence);
  }
  for (const fence of ['```nginx', '```lighttpdx', '```', 'lighttpd']) {
    const lines = await tokenizeMarkdown([fence, 'server.port = 80', '```']);
    assert.ok(
      lines[1].every(([, s]) => !s.some((x) => x.endsWith('.lighttpd'))),
      `${fence}: ${JSON.stringify(lines[1])}`,
    );
  }
});
