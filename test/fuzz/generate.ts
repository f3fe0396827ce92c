/**
 * Fuzz inputs: random bytes, random token sequences, grammar-based random configs, grammar-aware
 * mutations of the real configs in ../shared/corpus, and short snippets repeated many times (to make
 * non-linear behaviour visible). Every generator is a pure function of the Rng.
 */
import { DIRECTIVES, MODULES } from '../../server/src/schema';
import type { Rng } from './rng';

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

export type GeneratorName = 'bytes' | 'tokens' | 'grammar' | 'mutation' | 'repetition';

export interface FuzzInput {
  readonly generator: GeneratorName;
  readonly text: string;
  /** What the input was made from (corpus file, mutations), for failure reports. */
  readonly note: string;
}

const KEYS = DIRECTIVES.map((d) => d.key);
const MODULE_NAMES = MODULES.map((m) => m.name);

/** Patterns that backtracking engines take exponential time on; we must only ever compile them. */
export const EVIL_REGEXES = [
  '(a+)+$',
  '(a|aa)*b',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '(x+x+)+y',
  '(.*a){20}',
  '((((((((((x))))))))))',
  '(?<n>a)\\k<n>',
  '[',
  '(',
  ')',
  '*',
  '(?',
  '\\',
  'a{99999}',
  '(?R)',
  '(*FAIL)',
  '\\p{L}+',
  '[[:alpha:]]',
  '^(?:(?:a|b)*)*c$',
  '(\\w+\\s?)+$',
];

const STRING_CONTENTS = [
  '',
  'x',
  '/var/www',
  'mod_proxy',
  'enable',
  'disable',
  '127.0.0.1',
  ':443',
  'example.org',
  '^/api/',
  '\\.php$',
  '%0',
  '$1',
  'text/html',
  'utf-8',
  '\\"',
  '\\',
  'a\\"b',
  '%{host}',
  '/etc/lighttpd/conf-enabled/*.conf',
  '*.conf',
  'conf.d/*.conf',
  '../x',
  '.',
  '/',
  'lighttpd.conf',
  '\u00e9\u00e8',
  '\u{1F600}',
  ' ',
  '\t',
  'a\nb',
  '\ud800',
];

const OPERATORS = [
  '=',
  '+=',
  ':=',
  '=>',
  '==',
  '!=',
  '=~',
  '!~',
  '=^',
  '=$',
  '!^',
  '!$',
  '+',
  ',',
  ';',
  ':',
  '!',
  '?',
  '@',
  '\\',
];
const BRACKETS = ['(', ')', '{', '}', '[', ']', '$'];
const KEYWORDS = ['include', 'include_shell', 'global', 'else', 'elif', 'elsif', 'elseif', 'if', 'includes', 'globals'];
const CONDITION_OBJECTS = ['HTTP', 'SERVER', 'REQUEST_HEADER', 'PHYSICAL', 'HTTP_HOST', 'x'];
const CONDITION_FIELDS = [
  'host',
  'url',
  'scheme',
  'remoteip',
  'socket',
  'useragent',
  'request-method',
  'querystring',
  'path',
  'cookie',
  '',
];
const SEPARATORS = [' ', ' ', ' ', '', '\n', '\n', '\t', '\r\n', '\r', '\u00a0', '  '];
const ODD_CHARS = [
  '\0',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u2028',
  '\u00a0',
  '\ufffd',
  '\x7f',
  '\x01',
  '\u0085',
  '\v',
  '\f',
];

function randomString(rng: Rng): string {
  const body = rng.chance(0.15)
    ? rng.pick(EVIL_REGEXES)
    : rng.chance(0.8)
      ? rng.pick(STRING_CONTENTS)
      : randomWord(rng);
  if (rng.chance(0.05)) return `"${body}`; // unterminated
  return `"${body}"`;
}

function randomWord(rng: Rng): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz._-0123456789ABCXYZ';
  let w = '';
  const n = rng.range(1, 12);
  for (let i = 0; i < n; i++) w += alphabet[rng.int(alphabet.length)];
  return w;
}

function randomKey(rng: Rng): string {
  return rng.weighted<() => string>([
    [6, () => rng.pick(KEYS)],
    [2, () => `var.${randomWord(rng)}`],
    [1, () => rng.pick(['x', 'y', 'var.x', 'var.CWD', 'var.PID', 'env.HOME', 'env.X', 'server.modules'])],
    [1, () => randomWord(rng)],
  ])();
}

function randomToken(rng: Rng): string {
  return rng.weighted<() => string>([
    [5, () => randomKey(rng)],
    [4, () => randomString(rng)],
    [2, () => String(rng.chance(0.9) ? rng.int(100000) : rng.pick(['0', '-1', '99999999999999999999', '007']))],
    [5, () => rng.pick(OPERATORS)],
    [5, () => rng.pick(BRACKETS)],
    [2, () => rng.pick(KEYWORDS)],
    [2, () => `$${rng.pick(CONDITION_OBJECTS)}["${rng.pick(CONDITION_FIELDS)}"]`],
    [1, () => `# ${randomWord(rng)}`],
    [3, () => rng.pick(['\n', '\r\n', '\r'])],
    [1, () => rng.pick(ODD_CHARS)],
  ])();
}

/** Random bytes, biased towards the characters that matter to the tokenizer. */
export function randomBytes(rng: Rng): FuzzInput {
  const n = rng.chance(0.9) ? rng.int(300) : rng.int(4000);
  const structural = '"\\#(){}[]$=+:~!^,;\n\r\t ab.-_019\u00a0';
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    codes.push(rng.chance(0.6) ? structural.charCodeAt(rng.int(structural.length)) : rng.int(256));
  }
  const mode = rng.pick(['latin1', 'utf8', 'utf16'] as const);
  let text: string;
  if (mode === 'latin1') text = String.fromCharCode(...codes);
  else if (mode === 'utf8') text = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(codes));
  else {
    // Raw UTF-16 code units, lone surrogates included (an editor buffer can hold them).
    text = codes
      .map((c) => (rng.chance(0.05) ? String.fromCharCode(0xd800 + rng.int(0x800)) : String.fromCharCode(c)))
      .join('');
  }
  return { generator: 'bytes', text, note: `${n} bytes as ${mode}` };
}

/** A random sequence of lighttpd tokens with random separators. */
export function randomTokens(rng: Rng): FuzzInput {
  const n = rng.chance(0.9) ? rng.range(1, 120) : rng.range(120, 1500);
  let text = '';
  for (let i = 0; i < n; i++) text += randomToken(rng) + rng.pick(SEPARATORS);
  return { generator: 'tokens', text, note: `${n} tokens` };
}

// ---- grammar-based configs ----

function grammarValue(rng: Rng, depth: number): string {
  return rng.weighted<() => string>([
    [5, () => randomString(rng)],
    [2, () => String(rng.int(70000))],
    [2, () => randomKey(rng)],
    [depth < 4 ? 3 : 0, () => grammarList(rng, depth + 1)],
    [depth < 4 ? 1 : 0, () => `${grammarValue(rng, depth + 1)} + ${grammarValue(rng, depth + 1)}`],
  ])();
}

function grammarList(rng: Rng, depth: number): string {
  const n = rng.int(5);
  const els: string[] = [];
  for (let i = 0; i < n; i++) {
    els.push(rng.chance(0.5) ? `${randomString(rng)} => ${grammarValue(rng, depth)}` : grammarValue(rng, depth));
  }
  if (rng.chance(0.2)) return `( ${els.join(',\n  ')}, )`;
  return `( ${els.join(', ')} )`;
}

function grammarStatement(rng: Rng, depth: number, indent: string): string {
  return rng.weighted<() => string>([
    [8, () => `${indent}${randomKey(rng)} ${rng.pick(['=', '=', '+=', ':='])} ${grammarValue(rng, 0)}`],
    [
      2,
      () =>
        `${indent}server.modules ${rng.pick(['=', '+='])} ( ${Array.from({ length: rng.int(5) }, () => `"${rng.pick(MODULE_NAMES)}"`).join(', ')} )`,
    ],
    [depth < 5 ? 3 : 0, () => grammarCondition(rng, depth, indent)],
    [depth < 3 ? 1 : 0, () => `${indent}global {\n${grammarBlock(rng, depth + 1, indent + '  ')}${indent}}`],
    [1, () => `${indent}include ${randomString(rng)}`],
    [1, () => `${indent}include_shell "echo ${randomWord(rng)}"`],
    [1, () => `${indent}# ${randomWord(rng)} ${randomWord(rng)}`],
  ])();
}

function grammarHead(rng: Rng): string {
  const op = rng.pick(['==', '!=', '=~', '!~', '=^', '=$']);
  const value = op.includes('~') && rng.chance(0.4) ? `"${rng.pick(EVIL_REGEXES)}"` : randomString(rng);
  return `${rng.chance(0.1) ? 'if ' : ''}$${rng.pick(CONDITION_OBJECTS)}["${rng.pick(CONDITION_FIELDS)}"] ${op} ${value}`;
}

function grammarCondition(rng: Rng, depth: number, indent: string): string {
  let out = `${indent}${grammarHead(rng)} {\n${grammarBlock(rng, depth + 1, indent + '  ')}${indent}}`;
  const elses = rng.chance(0.3) ? rng.int(4) : 0;
  for (let i = 0; i < elses; i++) {
    const head = rng.chance(0.7) ? `${rng.pick(['else', 'elif', 'elsif', 'elseif'])} ${grammarHead(rng)}` : 'else';
    out += `\n${indent}${head} {\n${grammarBlock(rng, depth + 1, indent + '  ')}${indent}}`;
    if (head === 'else') break;
  }
  return out;
}

function grammarBlock(rng: Rng, depth: number, indent: string): string {
  const n = rng.int(depth === 0 ? 25 : 5);
  let out = '';
  for (let i = 0; i < n; i++)
    out += grammarStatement(rng, depth, indent) + rng.pick(['\n', '\n', '\n', '\r\n', '\n\n']);
  return out;
}

/** A random config built from the grammar (mostly valid), sometimes mutated. */
export function grammarConfig(rng: Rng): FuzzInput {
  const text = grammarBlock(rng, 0, '');
  if (rng.chance(0.3)) {
    const m = mutate(rng, text, []);
    return { generator: 'grammar', text: m.text, note: `grammar + ${m.note}` };
  }
  return { generator: 'grammar', text, note: 'grammar' };
}

// ---- mutations ----

/** Lexical pieces of a config: strings, comments, words, operators, blanks, line ends, other characters. */
const PIECE =
  /"(?:[^"\\]|\\[\s\S])*"?|#[^\r\n]*|\r\n|\n|\r|[ \t\u00a0]+|[A-Za-z0-9._-]+|=>|\+=|:=|==|!=|=~|!~|=\^|=\$|[\s\S]/g;

export function pieces(text: string): string[] {
  return text.match(PIECE) ?? [];
}

const isBlank = (p: string) => /^[ \t\u00a0]+$/.test(p);
const isEol = (p: string) => p === '\n' || p === '\r\n' || p === '\r';

function lineRanges(ps: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < ps.length; i++) {
    if (isEol(ps[i])) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < ps.length) out.push([start, ps.length]);
  return out;
}

type Mutation = (rng: Rng, ps: string[], corpus: readonly CorpusFile[]) => string;

const MUTATIONS: readonly (readonly [number, Mutation])[] = [
  [
    4,
    (rng, ps) => {
      const i = rng.int(ps.length);
      const n = rng.range(1, 4);
      ps.splice(i, n);
      return `delete ${n} pieces at ${i}`;
    },
  ],
  [
    3,
    (rng, ps) => {
      const i = rng.int(ps.length);
      ps.splice(i, 0, ps[i] ?? '');
      return `duplicate piece ${i}`;
    },
  ],
  [
    3,
    (rng, ps) => {
      const i = rng.int(Math.max(1, ps.length - 1));
      [ps[i], ps[i + 1]] = [ps[i + 1] ?? '', ps[i] ?? ''];
      return `swap pieces ${i}`;
    },
  ],
  [
    6,
    (rng, ps) => {
      const i = rng.int(ps.length + 1);
      const t = randomToken(rng);
      ps.splice(i, 0, t);
      return `insert ${JSON.stringify(t)} at ${i}`;
    },
  ],
  [
    4,
    (rng, ps) => {
      const i = rng.int(ps.length);
      const t = randomToken(rng);
      ps[i] = t;
      return `replace piece ${i} with ${JSON.stringify(t)}`;
    },
  ],
  [
    3,
    (rng, ps) => {
      // Replace an operator or bracket by another one (keeps the shape, breaks the meaning).
      const idx = ps.flatMap((p, i) => (OPERATORS.includes(p) || BRACKETS.includes(p) ? [i] : []));
      if (!idx.length) return 'no operator';
      const i = rng.pick(idx);
      ps[i] = rng.pick([...OPERATORS, ...BRACKETS]);
      return `operator ${i} -> ${ps[i]}`;
    },
  ],
  [
    3,
    (rng, ps) => {
      const idx = ps.flatMap((p, i) => (p.startsWith('"') ? [i] : []));
      if (!idx.length) return 'no string';
      const i = rng.pick(idx);
      ps[i] = rng.pick([
        randomString(rng),
        `"${rng.pick(EVIL_REGEXES)}"`,
        '"',
        `"${'a'.repeat(rng.int(3000))}"`,
        ps[i].slice(0, -1),
      ]);
      return `string ${i} -> ${ps[i].slice(0, 40)}`;
    },
  ],
  [
    2,
    (rng, ps) => {
      const idx = ps.flatMap((p, i) => (/^[A-Za-z]/.test(p) ? [i] : []));
      if (!idx.length) return 'no word';
      const i = rng.pick(idx);
      ps[i] = randomKey(rng);
      return `word ${i} -> ${ps[i]}`;
    },
  ],
  [
    3,
    (rng, ps) => {
      const lines = lineRanges(ps);
      if (!lines.length) return 'no line';
      const [a, b] = rng.pick(lines);
      ps.splice(a, b - a);
      return 'delete a line';
    },
  ],
  [
    2,
    (rng, ps) => {
      const lines = lineRanges(ps);
      if (!lines.length) return 'no line';
      const [a, b] = rng.pick(lines);
      ps.splice(rng.int(ps.length + 1), 0, ...ps.slice(a, b));
      return 'copy a line elsewhere';
    },
  ],
  [
    2,
    (rng, ps) => {
      const lines = lineRanges(ps);
      if (!lines.length) return 'no line';
      const [a, b] = rng.pick(lines);
      ps.splice(b, 0, '}\n');
      ps.splice(a, 0, `${grammarHead(rng)} {\n`);
      return 'wrap a line in a condition';
    },
  ],
  [
    2,
    (rng, ps) => {
      const i = rng.int(ps.length + 1);
      ps.length = Math.min(ps.length, i);
      return `truncate at piece ${i}`;
    },
  ],
  [
    2,
    (rng, ps, corpus) => {
      if (!corpus.length) return 'no corpus';
      const other = pieces(rng.pick(corpus).text);
      const a = rng.int(other.length + 1);
      const b = Math.min(other.length, a + rng.int(200));
      ps.splice(rng.int(ps.length + 1), 0, ...other.slice(a, b));
      return `splice ${b - a} pieces of another file`;
    },
  ],
  [
    1,
    (rng, ps) => {
      const eol = rng.pick(['\r', '\r\n', '\n']);
      for (let i = 0; i < ps.length; i++) if (isEol(ps[i])) ps[i] = eol;
      return `line ends -> ${JSON.stringify(eol)}`;
    },
  ],
  [
    1,
    (rng, ps) => {
      const c = rng.pick(ODD_CHARS);
      ps.splice(rng.int(ps.length + 1), 0, c);
      return `insert ${JSON.stringify(c)}`;
    },
  ],
  [
    1,
    (_rng, ps) => {
      for (let i = 0; i < ps.length; i++) if (isBlank(ps[i])) ps[i] = '';
      return 'remove blanks';
    },
  ],
  [
    1,
    (rng, ps) => {
      const i = rng.int(ps.length + 1);
      const n = rng.range(1, 300);
      ps.splice(i, 0, rng.pick(['(', '{', '"', '$HTTP["host"] == "a" {\n', 'else ', ')', '}', '[']).repeat(n));
      return `insert ${n} openers/closers`;
    },
  ],
  [
    1,
    (rng, ps) => {
      const i = rng.int(ps.length);
      const n = rng.range(2, 50);
      ps.splice(i, 1, ...Array<string>(n).fill(ps[i] ?? ''));
      return `repeat piece ${i} ${n} times`;
    },
  ],
];

/** Applies 1..8 random grammar-aware mutations. */
export function mutate(rng: Rng, text: string, corpus: readonly CorpusFile[]): { text: string; note: string } {
  const ps = pieces(text);
  const notes: string[] = [];
  const n = rng.range(1, 8);
  for (let i = 0; i < n; i++) notes.push(rng.weighted(MUTATIONS)(rng, ps, corpus));
  return { text: ps.join(''), note: notes.join('; ') };
}

/** A corpus file with random grammar-aware mutations. */
export function corpusMutation(rng: Rng, corpus: readonly CorpusFile[]): FuzzInput {
  if (!corpus.length) return grammarConfig(rng);
  const file = rng.pick(corpus);
  const m = mutate(rng, file.text, corpus);
  return { generator: 'mutation', text: m.text, note: `${file.name}: ${m.note}` };
}

/** A short snippet repeated up to ~200 KB: quadratic behaviour shows up as time, not as a wrong answer. */
export function repetition(rng: Rng, corpus: readonly CorpusFile[]): FuzzInput {
  const source = rng.chance(0.5) ? randomTokens(rng).text.slice(0, 200) : grammarBlock(rng, 1, '').slice(0, 300);
  const snippet = source || rng.pick([',', '(', '{', 'x = 1\n', '$HTTP["host"] == "a" {}\n']);
  const times = Math.max(1, Math.floor(rng.range(20_000, 200_000) / snippet.length));
  const prefix = corpus.length && rng.chance(0.3) ? rng.pick(corpus).text : '';
  return {
    generator: 'repetition',
    text: prefix + snippet.repeat(times),
    note: `${JSON.stringify(snippet.slice(0, 60))} x ${times}`,
  };
}

export function generate(name: GeneratorName, rng: Rng, corpus: readonly CorpusFile[]): FuzzInput {
  switch (name) {
    case 'bytes':
      return randomBytes(rng);
    case 'tokens':
      return randomTokens(rng);
    case 'grammar':
      return grammarConfig(rng);
    case 'mutation':
      return corpusMutation(rng, corpus);
    case 'repetition':
      return repetition(rng, corpus);
  }
}
