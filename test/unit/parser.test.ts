import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  parse,
  tokenize,
  type Assignment,
  type Conditional,
  type Expression,
  type Statement,
} from '../../server/src/parser';
import { problemsOf, codesOf } from '../helpers/text';

function only(text: string): Statement[] {
  const f = parse(text);
  assert.deepEqual(problemsOf(text, f), [], 'expected no syntax problems');
  return f.statements;
}
function assignment(text: string): Assignment {
  const [s] = only(text);
  assert.equal(s.kind, 'assignment');
  return s as Assignment;
}
function show(e: Expression | undefined): unknown {
  if (!e) return undefined;
  switch (e.kind) {
    case 'string':
      return e.value;
    case 'integer':
      return Number(e.text);
    case 'variable':
      return { var: e.fullName };
    case 'concat':
      return { concat: e.operands.map(show) };
    case 'array':
      return e.elements.map((el) => (el.key ? [show(el.key), show(el.value)] : show(el.value)));
  }
}

describe('tokenizer', () => {
  test('strings keep every backslash except \\"', () => {
    const a = assignment('a = "x\\"y\\nz\\\\w"\n');
    assert.equal(show(a.value), 'x"y\\nz\\\\w');
  });
  test('raw newlines are allowed inside strings', () => {
    assert.equal(show(assignment('a = "line1\nline2"\n').value), 'line1\nline2');
  });
  test('a string cannot end with a backslash', () => {
    assert.deepEqual(problemsOf('a = "abc\\"\nb = 1\n'), [['syntax-unterminated-string', '"abc\\"']]);
  });
  test('integers are bare digits; 010 is decimal', () => {
    assert.equal(show(assignment('a = 010\n').value), 10);
  });
  test('keys take [A-Za-z0-9._-] and get the implicit var. prefix without a dot', () => {
    const a = assignment('my_var-1 = 1\n');
    assert.equal(a.key.fullName, 'var.my_var-1');
    assert.equal(assignment('server.document-root = "/x"\n').key.fullName, 'server.document-root');
  });
  test('reserved words are whole tokens only', () => {
    assert.equal(assignment('includes = 1\n').key.fullName, 'var.includes');
    assert.equal(assignment('global.x = 1\n').key.fullName, 'global.x');
  });
  test('comments may follow a token directly; # inside strings is literal', () => {
    const f = parse('a = 1#c\nb = "x#y" # z\n');
    assert.equal(f.problems.length, 0);
    assert.equal(f.comments.length, 2);
    assert.equal(show((f.statements[1] as Assignment).value), 'x#y');
  });
  test('newlines inside parentheses produce no token', () => {
    const t = tokenize('a = (\n 1,\n 2\n)\n').tokens.map((x) => x.tokenType.name);
    assert.deepEqual(t, ['LKEY', 'ASSIGN', 'LPARAN', 'INTEGER', 'COMMA', 'INTEGER', 'RPARAN', 'EOL']);
  });
  test('blank and comment lines fold into one EOL', () => {
    const t = tokenize('a = 1\n\n# c\n\nb = 2').tokens.map((x) => x.tokenType.name);
    assert.deepEqual(t, ['LKEY', 'ASSIGN', 'INTEGER', 'EOL', 'LKEY', 'ASSIGN', 'INTEGER', 'EOL']);
  });
  test('a synthetic EOL follows } when the line goes on', () => {
    const t = tokenize('$HTTP["host"] == "a" { x = 1 } else { y = 2 }\n').tokens.map((x) => x.tokenType.name);
    assert.ok(t.join(' ').includes('RCURLY EOL ELSE'), t.join(' '));
  });
  test('CR, LF and CRLF line ends and U+00A0 blanks', () => {
    assert.equal(parse('a = 1\rb = 2\r\nc\u00a0= 3\n').statements.length, 3);
    assert.deepEqual(codesOf('a = 1\rb = 2\r\nc\u00a0= 3\n'), []);
  });
  test('a NUL byte ends the input with a warning', () => {
    const f = parse('a = 1\n\0b = 2\n');
    assert.equal(f.statements.length, 1);
    assert.deepEqual(
      f.problems.map((p) => [p.code, p.severity]),
      [['syntax-nul-byte', 'warning']],
    );
  });
  test('every operator token', () => {
    const names = tokenize(
      'a += 1\nb := 2\n$HTTP["url"] =^ "/a" {}\n$HTTP["url"] =$ ".b" {}\n$HTTP["url"] !~ "c" {}\n$HTTP["url"] != "d" {}\nc = ( "k" => 1 + 2 )\n',
    ).tokens.map((x) => x.tokenType.name);
    for (const n of [
      'APPEND',
      'FORCE_ASSIGN',
      'PREFIX',
      'SUFFIX',
      'NOMATCH',
      'NE',
      'ARRAY_ASSIGN',
      'PLUS',
      'DOLLAR',
      'LBRACKET',
      'RBRACKET',
      'LCURLY',
      'RCURLY',
    ]) {
      assert.ok(names.includes(n), n);
    }
  });
});

describe('statements', () => {
  test('=, += and := assignments', () => {
    const s = only('a = 1\na += 2\na := 3\n') as Assignment[];
    assert.deepEqual(
      s.map((x) => x.operator?.text),
      ['=', '+=', ':='],
    );
  });
  test('+ expressions are left-associative chains of values', () => {
    assert.deepEqual(show(assignment('a = "x" + b + 1\n').value), { concat: ['x', { var: 'var.b' }, 1] });
  });
  test('arrays: lists, => pairs, nesting, empty, trailing and repeated commas', () => {
    assert.deepEqual(show(assignment('a = ()\n').value), []);
    assert.deepEqual(show(assignment('a = ( 1, , 2, )\n').value), [1, 2]);
    assert.deepEqual(show(assignment('a = ( "k" => ( "x", "y" ), "a" + "b" => 1 + 2 )\n').value), [
      ['k', ['x', 'y']],
      [{ concat: ['a', 'b'] }, { concat: [1, 2] }],
    ]);
    assert.deepEqual(show(assignment('a = (,)\n').value), []);
  });
  test('newline after an operator continues the statement', () => {
    assert.deepEqual(show(assignment('a =\n "x" +\n "y"\n').value), { concat: ['x', 'y'] });
  });
  test('statements may share a line', () => {
    assert.equal(only('a = 1 b = 2\n').length, 2);
  });
  test('conditionals with every field object, operator and chain form', () => {
    const text = [
      '$HTTP["host"] == "a" { x = 1 }',
      '$HTTP["url"] =~ "^/b" { x = 1 } else $HTTP["url"] !~ "c" { x = 2 } else { x = 3 }',
      '$SERVER["socket"] == ":443" { ssl.engine = "enable" }',
      '$REQUEST_HEADER["User-Agent"] =^ "curl" { x = 1 }',
      '$HTTP["url"] =$ ".php" { x = 1 }',
      '$HTTP["remote-ip"] != "10.0.0.0/8" { x = 1 }',
      '',
    ].join('\n');
    const s = only(text) as Conditional[];
    assert.equal(s.length, 6);
    assert.equal(s[1].branches.length, 3);
    assert.equal(s[1].branches[1].elseKeyword?.text, 'else');
    assert.equal(s[1].branches[2].head, undefined);
    assert.deepEqual(
      s.map((c) => c.branches[0].head?.operator?.text),
      ['==', '=~', '==', '=^', '=$', '!='],
    );
    assert.equal(s[2].branches[0].head?.object?.name, 'SERVER');
  });
  test('else if / elif / elsif / elseif and a leading if (1.4.74+)', () => {
    const s = only(
      'if $HTTP["host"] == "a" { x = 1 }\nelif $HTTP["host"] == "b" { x = 2 }\nelse if $HTTP["host"] == "c" { x = 3 }\nelsif $HTTP["host"] == "d" { x = 4 }\nelseif $HTTP["host"] == "e" { x = 5 }\nelse { x = 6 }\n',
    ) as Conditional[];
    assert.equal(s.length, 1);
    assert.deepEqual(
      s[0].branches.map((b) => b.elseKeyword?.text ?? ''),
      ['', 'elif', 'else', 'elsif', 'elseif', 'else'],
    );
  });
  test('else and { may be on following lines, with comments between', () => {
    const s = only('$HTTP["url"] =~ "^/a"\n{\n x = 1\n}\n# why\n\nelse\n{\n y = 2\n}\n') as Conditional[];
    assert.equal(s[0].branches.length, 2);
  });
  test('nested conditions and global blocks', () => {
    const s = only('$HTTP["host"] == "a" {\n $HTTP["url"] =~ "^/x" {\n  global { g = 1 }\n }\n}\n') as Conditional[];
    const inner = s[0].branches[0].body!.statements[0] as Conditional;
    assert.equal(inner.branches[0].body!.statements[0].kind, 'global');
  });
  test('include and include_shell take expressions', () => {
    const s = only('include "a.conf"\ninclude conf_dir + "/modules.conf"\ninclude_shell "cat x"\n');
    assert.deepEqual(
      s.map((x) => x.kind),
      ['include', 'include', 'include_shell'],
    );
  });
  test('ranges are exact for keys, operators and values', () => {
    const text = '  server.port = 8080\n';
    const a = assignment(text);
    assert.equal(text.slice(a.key.start, a.key.end), 'server.port');
    assert.equal(text.slice(a.operator!.start, a.operator!.end), '=');
    assert.equal(text.slice(a.value!.start, a.value!.end), '8080');
    assert.equal(text.slice(a.start, a.end), 'server.port = 8080');
  });
});

describe('stricter than lighttpd (docs/grammar.md §10): each silently dropped input is reported', () => {
  const cases: [string, string, [string, string][]][] = [
    ['extra integer', 'a = 1 2\n', [['syntax-extra-value', '2']]],
    ['two strings', 'a = "x" "y"\n', [['syntax-extra-value', '"y"']]],
    ['extra = value', 'a = 1 = 2\n', [['syntax-unexpected-token', '= 2']]],
    ['missing comma', 'a = ( "x" "y" )\n', [['syntax-missing-comma', '"y"']]],
    ['second =>', 'a = ("x" => "y" => "z")\n', [['syntax-extra-arrow', '=> "z"']]],
    ['stray bracket', 'a = 1 ]\n', [['syntax-unexpected-token', ']']]],
    ['stray }', '}\nb = 1\n', [['syntax-unmatched-brace', '}']]],
    ['braces without condition', '{ a = 1 }\n', [['syntax-block-without-condition', '{']]],
    ['continuation lost', 'a = "x"\n + "y"\n', [['syntax-continuation-lost', '+ "y"']]],
    ['leading integer', '1a = 2\n', [['syntax-extra-value', '1a = 2']]],
    ['else without condition', 'else { x = 1 }\n', [['syntax-else-without-condition', 'else']]],
    ['semicolon', 'a = 1;\n', [['syntax-semicolon', ';']]],
    ['missing operator', 'server.port 80\n', [['syntax-missing-operator', 'server.port 80']]],
    ['key after variable (1.4.77+)', 'b = a c = 1\n', [['syntax-missing-operator', 'a c']]],
    ['= in a list', 'a = ("a" = "b")\n', [['syntax-assign-in-list', '=']]],
    ['!^ operator', '$HTTP["url"] !^ "/a" { }\n', [['syntax-invalid-operator', '!^']]],
    ['if without condition', 'if x = 1\n', [['syntax-if-without-condition', 'if']]],
    ['comma outside a list', 'a = 1, b = 2\n', [['syntax-comma-outside-list', ',']]],
    ['unclosed block', '$HTTP["host"] == "x" {\n a = 1\n', [['syntax-unclosed-brace', '{']]],
    ['unclosed list', 'a = ( 1, 2\n', [['syntax-unclosed-paren', '(']]],
    ['unmatched )', 'a = 1 )\n', [['syntax-unmatched-paren', ')']]],
    ['missing value', 'a =\n', [['syntax-missing-value', '=']]],
    [
      'colon',
      'a : 1\n',
      [
        ['syntax-missing-operator', 'a : 1'],
        ['syntax-invalid-character', ':'],
      ],
    ],
  ];
  for (const [name, text, expected] of cases) {
    test(name, () => assert.deepEqual(problemsOf(text), expected));
  }
  test('an unclosed block keeps its statements', () => {
    const f = parse('$HTTP["host"] == "x" {\n a = 1\n');
    const c = f.statements[0] as Conditional;
    assert.equal(c.branches[0].body?.closed, false);
    assert.equal(c.branches[0].body?.statements.length, 1);
  });
});

describe('error recovery', () => {
  test('three unrelated mistakes are all reported and the rest still parses', () => {
    const text = [
      'server.port 80',
      'server.document-root = "/srv/www"',
      'server.modules = ( "mod_access" "mod_proxy" )',
      'x = 1;',
      '$HTTP["host"] == "a" { proxy.server = ( "" => ( ( "host" => "127.0.0.1" ) ) ) }',
      '',
    ].join('\n');
    const f = parse(text);
    assert.deepEqual(
      f.problems.map((p) => p.code),
      ['syntax-missing-operator', 'syntax-missing-comma', 'syntax-semicolon'],
    );
    const kinds = f.statements.map((s) => (s.kind === 'assignment' ? s.key.fullName : s.kind));
    // `server.port 80` stays as a recovered assignment without operator or value.
    assert.deepEqual(kinds, ['server.port', 'server.document-root', 'server.modules', 'var.x', 'conditional']);
  });
  test('a recovered assignment without a value is still an assignment node', () => {
    const f = parse('a = ]\nb = 2\n');
    const a = f.statements[0] as Assignment;
    assert.equal(a.kind, 'assignment');
    assert.equal(a.value, undefined);
    assert.equal(f.statements.length, 2);
  });
  test('every problem range lies inside the text', () => {
    for (const text of [
      'a = (',
      '$HTTP["x"',
      '"abc',
      'a = "x" +',
      '$',
      'else',
      '{{{',
      ')))',
      '$HTTP["host"] ==',
      'include',
    ]) {
      const f = parse(text);
      assert.ok(f.problems.length > 0, text);
      for (const p of f.problems)
        assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, `${text}: ${p.code} ${p.start}-${p.end}`);
    }
  });
});

// Found by the differential harness (test/differential): lighttpd 1.4.69 accepts each of these, dropping
// the stray tokens; we report the stray token itself (and nothing that is not wrong), and read the rest the
// way lighttpd does. Each `lighttpd -p` result is in the comment.
describe('recovery like lighttpd: stray tokens are reported and dropped, the rest is read as lighttpd reads it', () => {
  const value = (text: string, i = 0) => {
    const a = parse(text).statements[i] as Assignment;
    return a.value && text.slice(a.value.start, a.value.end);
  };
  test('keywords and punctuation inside a list: ( "a" else ) is ("a")', () => {
    for (const stray of ['else', 'if', 'global', 'include', 'include_shell', '{', '$', '[', ']', '+=', ':=']) {
      const text = `x = ( "a" ${stray} )\n`;
      assert.deepEqual(problemsOf(text), [['syntax-unexpected-token', stray]], text);
      const a = parse(text).statements[0] as Assignment;
      assert.equal(a.value?.kind === 'array' && a.value.closed && a.value.elements.length, 1, text);
    }
    assert.deepEqual(problemsOf('x = ( + "a" )\n'), [['syntax-unexpected-token', '+']]);
  });
  test('an element after a missing comma is not part of the list (lighttpd drops it)', () => {
    const a = parse('x = ( "a" "b", "c" )\n').statements[0] as Assignment;
    assert.ok(a.value?.kind === 'array');
    assert.deepEqual(
      a.value.elements.map((e) => e.value?.kind === 'string' && e.value.value),
      ['a', 'c'],
    );
  });
  test('after a missing comma everything up to the next , or ) is dropped: ( "a" "b" + "c", "d" ) is ("a", "d")', () => {
    const text = 'x = ( "a" "b" + "c", "d" )\n';
    assert.deepEqual(problemsOf(text), [['syntax-missing-comma', '"b" + "c"']]);
    const a = parse(text).statements[0] as Assignment;
    assert.ok(a.value?.kind === 'array');
    assert.deepEqual(
      a.value.elements.map((e) => e.value?.kind === 'string' && e.value.value),
      ['a', 'd'],
    );
    // A lost ')': the '(' of the next line is dropped as well, so its ')' closes the first list and the block
    // still ends at its '}' (lighttpd accepts this; the '(' left open is reported where it is).
    const lost =
      '$HTTP["url"] =~ "^/cgi-bin/" {\n\tcgi.assign = ( "" => ""\n\talias.url += ( "/cgi-bin/" => "/usr/lib/cgi-bin/" )\n}\nb = 1\n';
    const problems = problemsOf(lost);
    assert.deepEqual(
      problems.filter(([c]) => c !== 'syntax-unclosed-paren'),
      [['syntax-missing-comma', 'alias.url += ( "/cgi-bin/" => "/usr/lib/cgi-bin/"']],
    );
    assert.deepEqual(
      parse(lost).statements.map((st) => st.kind),
      ['conditional', 'assignment'],
    );
  });
  test('a stray => drops what follows up to , or ) -- except right after ( : ( => "b" ) is ("b")', () => {
    const strings = (text: string) => {
      const a = parse(text).statements[0] as Assignment;
      return a.value?.kind === 'array'
        ? a.value.elements.map((e) => e.value?.kind === 'string' && e.value.value)
        : undefined;
    };
    assert.deepEqual(problemsOf('x = ( "a", => "b" "c", "d" )\n'), [['syntax-extra-arrow', '=> "b" "c"']]);
    assert.deepEqual(strings('x = ( "a", => "b" "c", "d" )\n'), ['a', 'd']);
    assert.deepEqual(problemsOf('x = ( => "b" )\n'), [['syntax-unexpected-token', '=>']]);
    // Between '=>' and the value a stray '=>' or ',' is dropped: ( "a" => , "b" ) is ( "a" => "b" ).
    for (const text of ['x = ( "a" => => "b" )\n', 'x = ( "a" => , "b" )\n']) {
      assert.equal(problemsOf(text).length, 1, text);
      const a = parse(text).statements[0] as Assignment;
      const el = a.value?.kind === 'array' ? a.value.elements : [];
      assert.deepEqual(
        el.map((e) => [e.key?.kind === 'string' && e.key.value, e.value?.kind === 'string' && e.value.value]),
        [['a', 'b']],
        text,
      );
    }
    assert.deepEqual(strings('x = ( => "b" )\n'), ['b']);
  });
  test('names or values between a key and its operator: a b = 1 assigns to a', () => {
    assert.deepEqual(problemsOf('a b = 1\n'), [['syntax-unexpected-token', 'b']]);
    assert.deepEqual(problemsOf('a "x" 5 += 1\n'), [
      ['syntax-unexpected-token', '"x"'],
      ['syntax-unexpected-token', '5'],
    ]);
    assert.deepEqual(problemsOf('server.modules if += ( "mod_x" )\n'), [['syntax-unexpected-token', 'if']]);
    const a = parse('server.modules server.modules += ( "mod_x" )\n').statements[0] as Assignment;
    assert.deepEqual(
      [a.key.name, a.operator?.text, value('server.modules server.modules += ( "mod_x" )\n')],
      ['server.modules', '+=', '( "mod_x" )'],
    );
  });
  test('stray tokens in a condition head: $HTTP HTTP[...], ["url" "y"], ["url"else ], == "/z" "q" {', () => {
    assert.deepEqual(problemsOf('$HTTP HTTP["url"] == "/x" { c = 1 }\n'), [['syntax-unexpected-token', 'HTTP']]);
    assert.deepEqual(problemsOf('$HTTP["url" "y"] == "/z" { d = 1 }\n'), [['syntax-unexpected-token', '"y"']]);
    assert.deepEqual(problemsOf('$HTTP["url"else ] == "/w" { e = 1 }\n'), [['syntax-unexpected-token', 'else']]);
    assert.deepEqual(problemsOf('$HTTP["url"] == "/z" "q" else { d = 1 }\n'), [
      ['syntax-unexpected-token', '"q"'],
      ['syntax-unexpected-token', 'else'],
    ]);
    assert.deepEqual(problemsOf('$HTTP["url"] =~ "^/cgi/" cgi.assign\n{ a = 1 }\n'), [
      ['syntax-unexpected-token', 'cgi.assign'],
    ]);
    const c = parse('$HTTP["url"] == "/z" "q" { d = 1 }\n').statements[0] as Conditional;
    assert.equal(c.branches[0].body?.statements.length, 1);
  });
  test('a { without condition is dropped: the next } closes the enclosing block, as in lighttpd', () => {
    // lighttpd -p: var.x in the $HTTP block, var.y global.
    const text = '$HTTP["host"] == "a" { { x = 1 } y = 2 }\n';
    assert.deepEqual(problemsOf(text), [['syntax-block-without-condition', '{']]);
    const f = parse(text);
    assert.deepEqual(
      f.statements.map((s) => s.kind),
      ['conditional', 'assignment'],
    );
    assert.equal((f.statements[1] as Assignment).key.name, 'y');
    // A duplicated '{' after a condition: the block still closes at its '}'.
    assert.deepEqual(problemsOf('$HTTP["host"] =~ "x" { {\n a = 1\n}\nb = 2\n'), [
      ['syntax-block-without-condition', '{'],
    ]);
  });
  test('else with no condition before it: dropped together with its {', () => {
    assert.deepEqual(problemsOf('else { x = 1 }\ny = 2\n'), [['syntax-else-without-condition', 'else']]);
    assert.deepEqual(
      parse('else { x = 1 }\ny = 2\n').statements.map((s) => (s as Assignment).key.name),
      ['x', 'y'],
    );
  });
  test('if with no condition after it is dropped and the line is read: if include "x" includes', () => {
    const f = parse('if include "x.conf"\n');
    assert.deepEqual(problemsOf('if include "x.conf"\n', f), [['syntax-if-without-condition', 'if']]);
    assert.equal(f.statements[0]?.kind, 'include');
  });
  test('a { made up by recovery never gives a problem without a position', () => {
    const text = '$HTTP["url"] =~ "^/cgi-bin/" cgi.assign\n\t= ( "" => "" )\n';
    for (const p of parse(text).problems)
      assert.ok(Number.isFinite(p.start) && Number.isFinite(p.end) && p.end <= text.length, p.code);
  });
  test('a $ made up by recovery (`elif if R""]`) leaves no node without offsets', () => {
    // Found by the fuzzer (seed 3227428545, iteration 69318).
    const text = '$""{}elif if R""]w';
    const f = parse(text);
    const stack: unknown[] = [f];
    while (stack.length) {
      const o = stack.pop();
      if (!o || typeof o !== 'object') continue;
      const n = o as { start?: unknown; end?: unknown };
      if ('start' in n || 'end' in n)
        assert.ok(
          Number.isInteger(n.start) &&
            Number.isInteger(n.end) &&
            (n.start as number) <= (n.end as number) &&
            (n.end as number) <= text.length,
          JSON.stringify(o).slice(0, 200),
        );
      stack.push(...Object.values(o));
    }
    const branch = (f.statements[0] as Conditional).branches[1];
    assert.deepEqual(branch.head?.object, { name: 'R', start: 13, end: 14 });
  });
});

describe('grammar validity', () => {
  test("Chevrotain's grammar validations find no defect (the shipped parser skips them)", async () => {
    const { ConfigParser } = await import('../../server/src/parser/parser');
    // With validations on, performSelfAnalysis throws on an ambiguity, left recursion or empty alternative.
    const p = new ConfigParser({ validateGrammar: true });
    assert.deepEqual((p as unknown as { definitionErrors: unknown[] }).definitionErrors, []);
  });

  test('the lookahead table is what Chevrotain computes for this grammar (else: npm run gen:lookahead)', async () => {
    const { ConfigParser } = await import('../../server/src/parser/parser');
    const { TableLookahead } = await import('../../server/src/parser/lookahead');
    const { LOOKAHEAD_PATHS } = await import('../../server/src/parser/lookahead.generated');
    const { allTokens } = await import('../../server/src/parser/tokens');
    // An empty table: every production's paths computed by Chevrotain's getLookaheadPaths.
    const live = new TableLookahead(allTokens);
    new ConfigParser({ lookahead: live });
    assert.ok(live.computed.size > 20);
    assert.deepEqual(Object.fromEntries(live.computed), LOOKAHEAD_PATHS);
    // The shipped parser reads every production from the table, none computed again.
    const shipped = new TableLookahead(allTokens, LOOKAHEAD_PATHS);
    new ConfigParser({ lookahead: shipped });
    assert.deepEqual([...shipped.computed.keys()].sort(), Object.keys(LOOKAHEAD_PATHS).sort());
  });
});
