/** PCRE2 patterns shared by regex.test.ts (our checker) and lighttpd.test.ts (lighttpd itself). */

/** Patterns PCRE2 (as lighttpd compiles them) accepts. Checked against lighttpd -t in lighttpd.test.ts. */
export const VALID_PATTERNS = [
  '^/foo/(.*)$', '^/(?<year>\\d{4})/(?<month>\\d\\d)', '(?i)^/admin', '\\.(php|cgi)$', '^(?>a+)b', 'a++b', 'a*+b', 'a?+b',
  '[[:alpha:][:digit:]_-]+', '[[:^space:]]', '[[:digit:]]', '(?<!foo)bar', '(?<=foo|ba)r', '(?<=a{2})b', '\\Qa(b\\E', '\\Q(\\E',
  '[]a]', '[^]a]', '(?x) a b # comment', '\\cA', '\\o{101}', '\\x{41}', '(?<name>a)\\g{name}', '(?P<n>a)(?P=n)', '(?P<n>a)(?P>n)',
  '(a)(?1)', '(?+1)(a)', '(a)(?-1)', '(?<n>x)(?(<n>)a|b)', '(?(R)a|b)', '(?(?=a)ab|cd)', '(?(VERSION>=10.0)a|b)', "(?'q'a)\\k'q'",
  '(?J)(?<a>x)|(?<a>y)', '(*UTF)abc', '(*LIMIT_MATCH=10)a', '(*SKIP)(*FAIL)|a', '(*:m)a', '(*COMMIT:x)', '(*pla:a)b', '(*atomic:a+)b',
  '(a)\\10', '\\0', '\\012', '[\\0-\\x1f]', '\\e\\a\\f\\n\\r\\t', '\\H\\h\\V\\v\\R\\X', '\\Ka', '\\pZ', '\\p{L}', '\\N{U+41}',
  '(?^i)a', '(?xx)[a b]', '(?C1)a', '(?C"text")a', 'a{2,1', 'a{,3}', '(?=a)*', '(*ACCEPT)*', '(?(DEFINE)(?<a>x))', '(?|(a)|(b))\\1',
  '[\\d-]', '[%--]', '\\$1', 'x{1}',
];

/** Patterns PCRE2 rejects, with the offset we report. */
export const INVALID_PATTERNS: [string, number][] = [
  ['a(b', 1], ['a)b', 1], ['^*', 1], ['a**', 2], ['a{2}{3}', 4], ['a|*', 2], ['\\b*', 2], ['(?i)*', 4], ['a\\K*', 3], ['(*SKIP)?', 7],
  ['\\i', 0], ['\\L', 0], ['[z-a]', 1], ['[\\w-.]', 3], ['[a-\\d]', 2], ['[:digit:]', 0], ['[[:foo:]]', 1], ['[[.a.]]', 1],
  ['(?<=a+)b', 0], ['\\k<m>', 0], ['x{3,2}', 1], ['a{99999}', 1], ['\\x{110000}', 0], ['\\x{d800}', 0], ['\\x{zz}', 0],
  ['(?z)', 2], ['\\8', 0], ['(a)(?(1)a|b|c)', 3], ['(?<1a>x)', 3], ['(?<a>x)(?<a>y)', 10], ['(?|(a)|(b))\\2', 11], ['(*FOO)', 0],
  ['\\g{-1}', 0], ['[\\B]', 1], ['[\\N]', 1], ['[\\R]', 1], ['[a', 0], ['[]', 0], ['(?#x', 0], ['\\', 0], ['\\c', 0], ['\\N{LATIN}', 0],
];
