// Scope tests for syntaxes/lighttpd.tmLanguage.json and sanity checks for language-configuration.json.
// Lines are tokenized with vscode-textmate + vscode-oniguruma, the engine VS Code itself uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  GRAMMAR_PATH,
  ROOT,
  SCOPE_NAME,
  assertNoScope,
  assertScope,
  describe,
  tokenize,
  tokenizeLines,
} from './tokenize';

// The scope names other parts of the extension (and the README) may rely on.
const S = {
  comment: 'comment.line.number-sign.lighttpd',
  commentPunct: 'punctuation.definition.comment.lighttpd',
  string: 'string.quoted.double.lighttpd',
  stringBegin: 'punctuation.definition.string.begin.lighttpd',
  stringEnd: 'punctuation.definition.string.end.lighttpd',
  escape: 'constant.character.escape.lighttpd',
  regexp: 'string.regexp.lighttpd',
  integer: 'constant.numeric.integer.decimal.lighttpd',
  key: 'support.type.property-name.lighttpd',
  variable: 'variable.other.lighttpd',
  env: 'variable.language.env.lighttpd',
  conditionObject: 'variable.language.condition.lighttpd',
  conditionField: 'entity.name.tag.field.lighttpd',
  conditionMeta: 'meta.condition.lighttpd',
  comparison: 'keyword.operator.comparison.lighttpd',
  assign: 'keyword.operator.assignment.lighttpd',
  append: 'keyword.operator.assignment.append.lighttpd',
  force: 'keyword.operator.assignment.force.lighttpd',
  keyValue: 'keyword.operator.key-value.lighttpd',
  concat: 'keyword.operator.concat.lighttpd',
  comma: 'punctuation.separator.comma.lighttpd',
  include: 'keyword.control.include.lighttpd',
  global: 'keyword.control.global.lighttpd',
  conditional: 'keyword.control.conditional.lighttpd',
  blockBegin: 'punctuation.section.block.begin.lighttpd',
  blockEnd: 'punctuation.section.block.end.lighttpd',
  parensBegin: 'punctuation.section.parens.begin.lighttpd',
  parensEnd: 'punctuation.section.parens.end.lighttpd',
  bracketsBegin: 'punctuation.section.brackets.begin.lighttpd',
  bracketsEnd: 'punctuation.section.brackets.end.lighttpd',
  invalid: 'invalid.illegal.semicolon.lighttpd',
} as const;

test('grammar file declares the scope name registered in package.json', () => {
  const grammar = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as { scopeName?: unknown };
  assert.equal(grammar.scopeName, SCOPE_NAME);
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    contributes: { grammars: { scopeName: string; path: string }[] };
  };
  const entry = pkg.contributes.grammars.find((g) => g.scopeName === SCOPE_NAME);
  assert.ok(entry, 'package.json contributes no grammar for source.lighttpd');
  assert.equal(resolve(ROOT, entry.path), GRAMMAR_PATH);
});

test('every token carries the root scope', async () => {
  const tokens = await tokenize('server.port = 80');
  assert.ok(tokens.length > 1);
  for (const [, scopes] of tokens) assert.equal(scopes[0], SCOPE_NAME);
});

// ---- comments ---------------------------------------------------------------------------------

test('a # line is a comment to the end of the line', async () => {
  const tokens = await tokenize('# server.port = 80 "x"');
  assertScope(tokens, '#', S.commentPunct);
  assertScope(tokens, '# server.port = 80 "x"', S.comment);
  assertNoScope(tokens, 'server.port', S.key);
  assertNoScope(tokens, '"x"', S.string);
});

test('a comment may follow a token directly and after whitespace', async () => {
  const glued = await tokenize('a = 1#c');
  assertScope(glued, '1', S.integer);
  assertScope(glued, '#c', S.comment);
  assertNoScope(glued, '1', S.comment);

  const spaced = await tokenize('server.port = 80 # the port');
  assertScope(spaced, '80', S.integer);
  assertScope(spaced, '# the port', S.comment);
});

test('# inside a string is literal, not a comment', async () => {
  const tokens = await tokenize('a = "x#y" + "z" # real');
  assertScope(tokens, 'x#y', S.string);
  assertNoScope(tokens, 'x#y', S.comment);
  // the string closed properly, so what follows is code again
  assertScope(tokens, '+', S.concat);
  assertScope(tokens, 'z', S.string);
  assertScope(tokens, '# real', S.comment);
});

// ---- strings ----------------------------------------------------------------------------------

test('a double-quoted string carries begin/end punctuation', async () => {
  const tokens = await tokenize('server.document-root = "/srv/www"');
  assertScope(tokens, '"/srv/www"', S.string);
  assertScope(tokens, '"', S.stringBegin, 0);
  assertScope(tokens, '"', S.stringEnd, 1);
});

test('\\" is an escape and does not end the string', async () => {
  const tokens = await tokenize('a = "\\"" + "say \\"hi\\""');
  assertScope(tokens, '\\"', S.escape, 0);
  assertScope(tokens, '\\"', S.escape, 1);
  assertScope(tokens, '\\"', S.escape, 2);
  assertScope(tokens, '+', S.concat);
  assertNoScope(tokens, '+', S.string);
  assertScope(tokens, 'say ', S.string);
});

test('any other backslash is literal', async () => {
  const tokens = await tokenize('a = "C:\\dir\\n\\t" + 1');
  assertScope(tokens, 'C:\\dir\\n\\t', S.string);
  assertNoScope(tokens, 'C:\\dir\\n\\t', S.escape);
  assertScope(tokens, '1', S.integer);
});

test('"abc\\\\" is unterminated (the second backslash escapes the quote), as in lighttpd', async () => {
  const tokens = await tokenize('a = "abc\\\\" + 1');
  // The quote after the backslashes is escaped, so "+ 1" is still inside the string.
  assertScope(tokens, '\\"', S.escape);
  assertScope(tokens, ' + 1', S.string);
  assertNoScope(tokens, '1', S.integer);
});

test('an unterminated string does not spill into the following lines', async () => {
  const [first, second, third] = await tokenizeLines([
    'a = "never closed',
    'server.port = 80',
    '$HTTP["host"] == "x" {',
  ]);
  assert.ok(first && second && third);
  assertScope(first, 'never closed', S.string);
  assertScope(second, 'server.port', S.key);
  assertNoScope(second, 'server.port', S.string);
  assertScope(second, '80', S.integer);
  assertScope(third, '$', S.conditionObject);
  assertScope(third, '{', S.blockBegin);
});

test('an unterminated condition head does not spill into the following lines', async () => {
  const [, second] = await tokenizeLines(['$HTTP["host"', 'server.port = 80']);
  assert.ok(second);
  assertScope(second, 'server.port', S.key);
  assertNoScope(second, 'server.port', S.conditionMeta);
});

// ---- integers ---------------------------------------------------------------------------------

test('bare digits are integers', async () => {
  const tokens = await tokenize('server.max-connections = 1024');
  assertScope(tokens, '1024', S.integer);
});

test('signed, hex and suffixed numbers are not integers; digits inside keys are not either', async () => {
  for (const text of ['-1', '0x10', '10k']) {
    const tokens = await tokenize(`a = ${text}`);
    assertNoScope(tokens, text, 'constant.numeric');
  }
  const key = await tokenize('ssl.openssl.ssl-conf-cmd = ( "MinProtocol" => "TLSv1.2" )');
  assertNoScope(key, 'ssl.openssl.ssl-conf-cmd', 'constant.numeric');
  const v = await tokenize('x = var.v6');
  assertNoScope(v, '6', 'constant.numeric');
});

// ---- keys and variables -----------------------------------------------------------------------

test('directive keys on the left of an assignment are one key token', async () => {
  for (const [line, key] of [
    ['server.document-root = "/srv/www"', 'server.document-root'],
    ['proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8080 ) ) )', 'proxy.server'],
    ['server.modules += ( "mod_proxy" )', 'server.modules'],
    ['  url.rewrite-once := ( "^/(.*)$" => "/index.php/$1" )', 'url.rewrite-once'],
    ['ssl.openssl.ssl-conf-cmd = ()', 'ssl.openssl.ssl-conf-cmd'],
  ] as const) {
    const tokens = await tokenize(line);
    assertScope(tokens, key, S.key);
    assertNoScope(tokens, key, S.variable);
  }
});

test('var. references are variables, distinct from directive keys', async () => {
  const tokens = await tokenize('server.document-root = var.basedir + "/htdocs"');
  assertScope(tokens, 'server.document-root', S.key);
  assertScope(tokens, 'var.basedir', S.variable);
  assertNoScope(tokens, 'var.basedir', S.key);

  const definition = await tokenize('var.basedir = "/srv"');
  assertScope(definition, 'var.basedir', S.variable);
  assertNoScope(definition, 'var.basedir', S.key);
});

test('a key without a dot is an (implicit var.) variable', async () => {
  const tokens = await tokenize('basedir = "/srv" + suffix');
  assertScope(tokens, 'basedir', S.variable);
  assertScope(tokens, 'suffix', S.variable);
  assertNoScope(tokens, 'basedir', S.key);
});

test('env. references get their own scope', async () => {
  const tokens = await tokenize('x = env.HOME + "/www" + var.y');
  assertScope(tokens, 'env.HOME', S.env);
  assertNoScope(tokens, 'env.HOME', S.variable);
  assertNoScope(tokens, 'env.HOME', S.key);
  assertScope(tokens, 'var.y', S.variable);
});

test('a directive key used as a value keeps the key scope', async () => {
  const tokens = await tokenize('x = server.port + 1');
  assertScope(tokens, 'server.port', S.key);
  assertScope(tokens, '1', S.integer);
});

// ---- operators and punctuation ----------------------------------------------------------------

test('assignment operators =, += and := are told apart', async () => {
  const plain = await tokenize('a = 1');
  assertScope(plain, '=', S.assign);

  const append = await tokenize('server.modules += ( "mod_auth" )');
  assertScope(append, '+=', S.append);
  assertNoScope(append, '+=', S.concat);

  const force = await tokenize('a := 2');
  assertScope(force, ':=', S.force);
  assertNoScope(force, ':=', S.assign);
  // all three share the keyword.operator.assignment prefix, which themes color
  for (const [tokens, op] of [
    [plain, '='],
    [append, '+='],
    [force, ':='],
  ] as const) {
    assertScope(tokens, op, 'keyword.operator.assignment');
  }
});

test('=>, + and , in an array', async () => {
  const tokens = await tokenize('setenv.add-request-header = ( "X-A" => "1" + "2", "X-B" => var.b )');
  assertScope(tokens, '=>', S.keyValue, 0);
  assertScope(tokens, '=>', S.keyValue, 1);
  assertNoScope(tokens, '=>', 'keyword.operator.assignment');
  assertScope(tokens, '+', S.concat);
  assertScope(tokens, ',', S.comma);
});

test('braces, parentheses and brackets are punctuation', async () => {
  const tokens = await tokenize('$HTTP["url"] =^ "/a" { x = ( 1 ) }');
  assertScope(tokens, '{', S.blockBegin);
  assertScope(tokens, '}', S.blockEnd);
  assertScope(tokens, '(', S.parensBegin);
  assertScope(tokens, ')', S.parensEnd);
  assertScope(tokens, '[', S.bracketsBegin);
  assertScope(tokens, ']', S.bracketsEnd);
});

test('a semicolon is flagged as invalid', async () => {
  const tokens = await tokenize('server.port = 80;');
  assertScope(tokens, ';', S.invalid);
});

// ---- conditions -------------------------------------------------------------------------------

test('condition heads: $OBJ is a condition variable, the field a quoted tag', async () => {
  for (const [line, object, field] of [
    ['$HTTP["host"] == "example.org" {', '$HTTP', 'host'],
    ['$SERVER["socket"] == ":443" {', '$SERVER', 'socket'],
    ['$REQUEST_HEADER["User-Agent"] =~ "curl" {', '$REQUEST_HEADER', 'User-Agent'],
  ] as const) {
    const tokens = await tokenize(line);
    assertScope(tokens, object, S.conditionObject);
    assertScope(tokens, object, S.conditionMeta);
    assertScope(tokens, '$', 'punctuation.definition.variable.lighttpd');
    assertScope(tokens, `"${field}"`, S.string);
    assertScope(tokens, `"${field}"`, S.conditionField);
    assertNoScope(tokens, object, S.key);
    // the value compared against is an ordinary string (or regexp), not a field
    assertNoScope(tokens, '{', S.conditionMeta);
    assertNoScope(tokens, '"', S.conditionField, 2);
  }
});

test('blanks inside a condition head are allowed', async () => {
  const tokens = await tokenize('$ HTTP [ "url" ] =~ "^/x" {');
  assertScope(tokens, 'HTTP', S.conditionObject);
  assertScope(tokens, 'url', S.conditionField);
  assertScope(tokens, ']', S.bracketsEnd);
  assertScope(tokens, '=~', S.comparison);
});

test('every condition operator is a comparison operator', async () => {
  for (const op of ['==', '!=', '=~', '!~', '=^', '=$']) {
    const tokens = await tokenize(`$HTTP["url"] ${op} "/x" {`);
    assertScope(tokens, op, S.comparison);
    assertNoScope(tokens, op, 'keyword.operator.assignment');
  }
});

test('the string after =~ or !~ is a regexp; after == it is not', async () => {
  for (const op of ['=~', '!~']) {
    const tokens = await tokenize(`$HTTP["host"] ${op} "^(www\\.)?example\\.org$" {`);
    assertScope(tokens, '^(www\\.)?example\\.org$', S.regexp);
    assertScope(tokens, '"', S.regexp, 2);
    assertScope(tokens, '"', S.regexp, 3);
    assertScope(tokens, '{', S.blockBegin);
  }
  const exact = await tokenize('$HTTP["host"] == "example.org" {');
  assertScope(exact, 'example.org', S.string);
  assertNoScope(exact, 'example.org', S.regexp);
});

test('a regexp operand keeps \\" as an escape', async () => {
  const tokens = await tokenize('$HTTP["url"] =~ "a\\"b" {');
  assertScope(tokens, '\\"', S.escape);
  assertScope(tokens, 'b', S.regexp);
  assertScope(tokens, '{', S.blockBegin);
});

test('a computed right-hand side after =~ is highlighted as an expression', async () => {
  const tokens = await tokenize('$HTTP["url"] =~ var.prefix + "/x" {');
  assertScope(tokens, '=~', S.comparison);
  assertScope(tokens, 'var.prefix', S.variable);
  assertScope(tokens, '+', S.concat);
});

// ---- keywords ---------------------------------------------------------------------------------

test('include and include_shell are keywords', async () => {
  const inc = await tokenize('include "conf.d/*.conf"');
  assertScope(inc, 'include', S.include);
  assertScope(inc, 'conf.d/*.conf', S.string);

  const shell = await tokenize('include_shell "/usr/share/lighttpd/create-mime.conf.pl"');
  assertScope(shell, 'include_shell', S.include);
  assertNoScope(shell, 'include_shell', S.variable);
});

test('global and the else/if family are keywords', async () => {
  const global = await tokenize('global {');
  assertScope(global, 'global', S.global);

  for (const word of ['else', 'elif', 'elsif', 'elseif']) {
    const tokens = await tokenize(`} ${word} $HTTP["host"] == "b" {`);
    assertScope(tokens, word, S.conditional);
    assertScope(tokens, 'HTTP', S.conditionObject);
  }
  const elseIf = await tokenize('} else if $HTTP["host"] == "c" {');
  assertScope(elseIf, 'else', S.conditional);
  assertScope(elseIf, 'if', S.conditional);

  const bareElse = await tokenize('} else {');
  assertScope(bareElse, 'else', S.conditional);
});

test('reserved words only match whole key tokens', async () => {
  for (const word of ['include.x', 'globals', 'elsewhere', 'if-none', 'my_include']) {
    const tokens = await tokenize(`${word} = 1`);
    assertNoScope(tokens, word, 'keyword.control');
  }
});

// ---- a realistic file -------------------------------------------------------------------------

test('every non-blank token of a realistic config gets a specific scope', async () => {
  const lines = [
    '# lighttpd test configuration',
    'var.basedir = "/srv"',
    'server.modules = ( "mod_access", "mod_proxy" )',
    'server.document-root = var.basedir + "/htdocs"',
    'server.port = 8080',
    'include "conf.d/*.conf"',
    '$SERVER["socket"] == ":443" {',
    '  ssl.engine = "enable"',
    '}',
    '$HTTP["host"] =~ "^api\\." {',
    '  proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 3000 ) ) )',
    '} else {',
    '  url.access-deny = ( "~", ".inc" )',
    '}',
  ];
  const all = await tokenizeLines(lines);
  all.forEach((tokens, i) => {
    for (const [text, scopes] of tokens) {
      if (text.trim() === '') continue;
      assert.ok(
        scopes.length > 1,
        `line ${i + 1}: ${JSON.stringify(text)} has only the root scope: ${describe(tokens)}`,
      );
    }
  });
});

// ---- language configuration -------------------------------------------------------------------

interface LanguageConfiguration {
  comments: { lineComment: string; blockComment?: unknown };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: { beforeText: string; afterText?: string; action: { indent: string } }[];
}

function loadLanguageConfiguration(): LanguageConfiguration {
  return JSON.parse(readFileSync(resolve(ROOT, 'language-configuration.json'), 'utf8')) as LanguageConfiguration;
}

test('language configuration: # comments and the three bracket pairs', () => {
  const config = loadLanguageConfiguration();
  assert.equal(config.comments.lineComment, '#');
  assert.equal(config.comments.blockComment, undefined);
  assert.deepEqual([...config.brackets].sort(), [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ]);
});

test('language configuration: auto-closing and surrounding pairs', () => {
  const config = loadLanguageConfiguration();
  const pairs = ['{}', '()', '[]', '""'];
  for (const pair of pairs) {
    const auto = config.autoClosingPairs.find((p) => p.open + p.close === pair);
    assert.ok(auto, `no autoClosingPair for ${pair}`);
    assert.deepEqual(
      [...(auto.notIn ?? [])].sort(),
      ['comment', 'string'],
      `${pair} should not auto-close in strings/comments`,
    );
    assert.ok(
      config.surroundingPairs.some(([open, close]) => open + close === pair),
      `no surroundingPair for ${pair}`,
    );
  }
});

test('language configuration: word pattern keeps directive and module names whole', () => {
  const word = new RegExp(loadLanguageConfiguration().wordPattern, 'g');
  const words = (text: string) => text.match(word) ?? [];
  assert.deepEqual(words('server.document-root = var.basedir'), ['server.document-root', 'var.basedir']);
  assert.deepEqual(words('server.modules += ( "mod_proxy", "mod_openssl" )'), [
    'server.modules',
    'mod_proxy',
    'mod_openssl',
  ]);
  // a half-typed key still counts as the word under the cursor, so completion replaces it whole
  assert.deepEqual(words('server.'), ['server.']);
  // comment rulers are not words
  assert.deepEqual(words('# ----------'), []);
});

test('language configuration: indent after { or (, outdent at } or )', () => {
  const { indentationRules, onEnterRules } = loadLanguageConfiguration();
  const increase = new RegExp(indentationRules.increaseIndentPattern);
  const decrease = new RegExp(indentationRules.decreaseIndentPattern);
  for (const line of ['$HTTP["host"] == "a" {', 'proxy.server = (', '} else {', 'global { # comment', 'a = ( # list']) {
    assert.ok(increase.test(line), `should indent after ${JSON.stringify(line)}`);
  }
  for (const line of ['a = ( 1 )', 'x = 1 }', '# {', 'a = 1 # (']) {
    assert.ok(!increase.test(line), `should not indent after ${JSON.stringify(line)}`);
  }
  for (const line of ['}', '  )', '} else {']) {
    assert.ok(decrease.test(line), `should outdent ${JSON.stringify(line)}`);
  }
  assert.ok(!decrease.test('a = ( 1 )'));

  // Enter between an opening and its closing bracket puts the closing one on its own outdented line.
  const between = onEnterRules.find(
    (r) => r.afterText !== undefined && new RegExp(r.beforeText).test('x = (') && new RegExp(r.afterText).test(')'),
  );
  assert.equal(between?.action.indent, 'indentOutdent');
  const after = onEnterRules.find((r) => r.afterText === undefined && new RegExp(r.beforeText).test('global {'));
  assert.equal(after?.action.indent, 'indent');
});
