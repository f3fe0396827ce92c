/**
 * Pathological inputs, one test each: nothing may throw, overflow the stack, hang or grow without bound.
 * Each input also goes through every feature of the language service (test/fuzz/properties.ts: no
 * exception, ranges inside the document, formatting lossless and idempotent), except where a note says
 * which features are left out to keep the suite fast (their own linear behaviour is tested on smaller
 * inputs of the same shape). No test here measures time; speed belongs to benchmarks and `npm run fuzz`.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_FILE_SIZE } from '../../server/src/analysis/fileSystem';
import { findConfigFiles, nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { analyze } from '../../server/src/analysis';
import { checkPcre2 } from '../../server/src/analysis/regex';
import { MAX_NESTING, parse } from '../../server/src/parser';
import { MAX_PROBLEMS, MAX_TEXT_SIZE } from '../../server/src/parser/parse';
import type { Statement } from '../../server/src/parser/ast';
import { getLanguageService } from '../../server/src/service';
import { CORPUS_AVAILABLE, CORPUS_DIR, NO_CORPUS, readCorpusFile } from '../helpers/corpus';
import { EVIL_REGEXES } from '../fuzz/generate';
import { Harness } from '../fuzz/properties';
import { Rng } from '../fuzz/rng';

const N = 100_000;
const MB = 1 << 20;
const harness = new Harness([]);

/** The features that stay cheap on multi-megabyte inputs under the test runner. */
const CORE = [
  'doValidation',
  'doCodeActions',
  'doHover',
  'doComplete',
  'findDocumentSymbols',
  'getFoldingRanges',
  'getSelectionRanges',
  'getSemanticTokens',
];
/** Those that walk the whole tree (the others look at one position or one statement). */
const WALKERS = ['doValidation', 'findDocumentSymbols', 'getFoldingRanges', 'getSemanticTokens'];

/** Runs the fuzz properties on one input (every feature, or `only` these) and asserts that none failed. */
function exercise(text: string, only?: readonly string[]): void {
  const r = harness.check(text, new Rng(1), 'standalone', { positions: 1, reanalysis: false, only });
  assert.deepEqual(
    r.failures.map((f) => `${f.property}: ${f.detail.slice(0, 300)}`),
    [],
  );
}

const codes = (text: string) => parse(text).problems.map((p) => p.code);
const count = <T>(xs: readonly T[], x: T) => xs.filter((y) => y === x).length;

/** Depth of the deepest chain of blocks, walked without recursion. */
function blockDepth(statements: readonly Statement[]): number {
  let max = 0;
  const stack: [readonly Statement[], number][] = [[statements, 0]];
  while (stack.length) {
    const [list, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const st of list) {
      if (st.kind === 'conditional') for (const b of st.branches) if (b.body) stack.push([b.body.statements, d + 1]);
      if (st.kind === 'global' && st.body) stack.push([st.body.statements, d + 1]);
    }
  }
  return max;
}

describe('deep nesting: capped with a diagnostic, never a stack overflow', () => {
  test('100k nested parentheses', () => {
    const text = 'x = ' + '('.repeat(N) + ')'.repeat(N) + '\n';
    assert.equal(count(codes(text), 'syntax-nesting-too-deep'), 1);
    exercise(text);
  });

  test('100k unclosed parentheses', () => {
    const text = 'x = ' + '('.repeat(N) + '\n';
    assert.equal(count(codes(text), 'syntax-nesting-too-deep'), 1);
    exercise(text);
  });

  test('100k nested conditional blocks', () => {
    const text = '$HTTP["host"] == "a" {\n'.repeat(N) + '  x = 1\n' + '}\n'.repeat(N);
    const file = parse(text);
    assert.equal(
      count(
        file.problems.map((p) => p.code),
        'syntax-nesting-too-deep',
      ),
      1,
    );
    assert.ok(blockDepth(file.statements) <= MAX_NESTING, `depth ${blockDepth(file.statements)}`);
    // (formatting and the position features walk every line: checked on 20k levels below)
    exercise(text, CORE);
  });

  test('20k nested conditional blocks on one line, every feature', () => {
    const text = '$HTTP["host"]=="a"{'.repeat(20_000) + '}'.repeat(20_000);
    assert.equal(count(codes(text), 'syntax-nesting-too-deep'), 1);
    exercise(text);
  });

  test('100k nested global blocks and 100k bare braces', () => {
    exercise('global {\n'.repeat(N) + '}\n'.repeat(N), WALKERS);
    exercise('{'.repeat(N) + '}'.repeat(N));
  });

  test('100k nested key => lists', () => {
    const text = 'x = ' + '("a" => '.repeat(N) + '1' + ')'.repeat(N) + '\n';
    assert.equal(count(codes(text), 'syntax-nesting-too-deep'), 1);
    exercise(text);
  });

  test('100k condition lines without their { do not nest (each is reported, the problems are capped)', () => {
    const text = '$HTTP["host"] == "a"\n'.repeat(N);
    const file = parse(text);
    assert.equal(file.statements.length, N);
    assert.equal(blockDepth(file.statements), 0);
    assert.equal(file.problems.length, MAX_PROBLEMS);
    assert.deepEqual([...new Set(file.problems.map((p) => p.code))], ['syntax-unexpected-token']);
    exercise(text, WALKERS);
  });

  test('an else chain of 100k branches: one conditional, one block per branch', () => {
    const text =
      '$HTTP["host"] == "0" {\n}' +
      Array.from({ length: N }, (_, i) => ` else $HTTP["host"] == "${i + 1}" {\n}`).join('') +
      '\n';
    const model = analyze(text);
    assert.equal(model.file.statements.length, 1);
    assert.equal(model.file.statements[0].kind === 'conditional' && model.file.statements[0].branches.length, N + 1);
    assert.equal(model.evaluation.scopes.length, N + 2); // global + one per branch
    assert.deepEqual(model.file.problems, []);
    exercise(text, WALKERS);
  });
});

describe('evaluation stays bounded', () => {
  test('a string doubled 64 times becomes unknown instead of 2^64 characters', () => {
    const model = analyze('a = "xx"\n' + 'a := a + a\n'.repeat(64) + 'b = a + "y"\n');
    const last = model.evaluation.assignments[model.evaluation.assignments.length - 1];
    assert.equal(last.result.type, 'unknown');
    assert.deepEqual(model.evaluation.problems, []);
  });

  test('a list doubled 64 times becomes unknown; server.modules built that way leaves the module set open', () => {
    const text =
      'server.modules = ( "mod_access" )\n' +
      'server.modules := server.modules + server.modules\n'.repeat(64) +
      'proxy.server = ()\n';
    const model = analyze(text);
    assert.equal(model.modules.open, true);
    // (so mod_proxy is not reported missing: it may be in there)
    const ds = getLanguageService().doValidation(TextDocument.create('untitled:m', 'lighttpd', 1, text));
    assert.deepEqual(
      ds.filter((d) => d.code === 'module-not-loaded'),
      [],
    );
  });

  test('+= of keyed lists: duplicate keys found through a map; 20k of them end in unknown, not in 200M copies', () => {
    const some = analyze(Array.from({ length: 1000 }, (_, i) => `x += ( "k${i % 500}" => "${i}" )\n`).join(''));
    // The second 500 repeat a key with another value: lighttpd refuses each.
    assert.equal(some.evaluation.problems.filter((p) => p.code === 'duplicate-array-key').length, 500);
    const text =
      Array.from({ length: 20_000 }, (_, i) => `server.modules += ( "mod_${i}" )\n`).join('') + 'proxy.server = ()\n';
    const many = analyze(text);
    assert.equal(many.evaluation.assignments[19_999].result.type, 'unknown');
    assert.equal(many.modules.open, true);
    exercise(text, CORE);
  });
});

describe('large inputs', () => {
  test(
    'a 30 MB file is parsed and checked (lighttpd reads up to 32 MiB)',
    { skip: CORPUS_AVAILABLE ? undefined : NO_CORPUS },
    (t) => {
      const chunk = readCorpusFile(join(CORPUS_DIR, 'upstream/doc/config/lighttpd.annotated.conf'));
      const parts: string[] = [];
      let size = 0;
      while (size < 30_000_000) {
        const p = `$HTTP["host"] == "h${parts.length}.example.org" {\n${chunk}\n}\n`;
        parts.push(p);
        size += p.length;
      }
      const text = parts.join('');
      assert.ok(text.length > 30_000_000 && text.length < MAX_TEXT_SIZE);
      const t0 = performance.now();
      const doc = TextDocument.create('untitled:big', 'lighttpd', 1, text);
      const svc = getLanguageService();
      const model = svc.getModel(doc);
      const diagnostics = svc.doValidation(doc);
      t.diagnostic(
        `30 MB: ${parts.length} blocks, ${diagnostics.length} diagnostics, ${(performance.now() - t0).toFixed(0)} ms`,
      );
      assert.equal(model.file.statements.length, parts.length);
      assert.ok(!codes(chunk).includes('file-too-large'));
      assert.ok(!diagnostics.some((d) => d.code === 'file-too-large'));
      const lines = doc.lineCount;
      assert.ok(diagnostics.every((d) => d.range.end.line < lines));
    },
  );

  test('over 32 MiB: file-too-large on the first line, nothing parsed', () => {
    const text = 'server.port = 80\n' + '#'.repeat(MAX_TEXT_SIZE);
    const file = parse(text);
    assert.deepEqual(
      file.problems.map((p) => [p.code, p.start, p.end]),
      [['file-too-large', 0, 16]],
    );
    assert.deepEqual(file.statements, []);
    // Counted in bytes as lighttpd does: 11.2 million three-byte characters are over the cap too.
    assert.deepEqual(codes('€'.repeat(Math.ceil(MAX_TEXT_SIZE / 3) + 1)), ['file-too-large']);
    exercise(text, ['doValidation', 'findDocumentSymbols', 'getFoldingRanges']);
  });

  test('an editor crossing the 32 MiB cap and back: reported, then parsed again (no incremental reuse across it)', () => {
    const svc = getLanguageService();
    const small = 'server.port = 80\n';
    const big = small + '#'.repeat(MAX_TEXT_SIZE) + '\nx = 1\n';
    const versions = [small, big, big + 'y = 2\n', small + 'z = 3\n'];
    const results = versions.map(
      (text, i) => svc.getModel(TextDocument.create('untitled:cap', 'lighttpd', i + 1, text)).file,
    );
    assert.deepEqual(
      results.map((f) => [f.statements.length, f.problems.map((p) => p.code)]),
      [
        [1, []],
        [0, ['file-too-large']],
        [0, ['file-too-large']],
        [2, []],
      ],
    );
  });

  test('over 32 MiB on disk: not read at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lighttpd-big-'));
    try {
      const path = join(dir, 'big.conf');
      const fd = openSync(path, 'w');
      closeSync(fd);
      // A sparse file: its size is over the cap without writing 32 MiB.
      spawnSync('truncate', ['-s', String(MAX_FILE_SIZE + 1), path]);
      assert.equal(nodeFileSystem.readFile(path), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a 1 MB string', () => {
    const text = 'x = "' + 'a'.repeat(MB) + '"\n';
    const model = analyze(text);
    assert.deepEqual(model.file.problems, []);
    const r = model.evaluation.assignments[0].result;
    assert.equal(r.type === 'string' && r.value.length, MB);
    exercise(text);
  });

  test('a 1 MB line of commas, inside a list (valid) and outside (skipped, warned, capped)', () => {
    const inList = 'x = (' + ','.repeat(MB) + ')\n';
    assert.deepEqual(codes(inList), []);
    exercise(inList, CORE);
    const bare = ','.repeat(MB) + '\n';
    const cs = codes(bare);
    assert.equal(cs.length, MAX_PROBLEMS);
    assert.deepEqual([...new Set(cs)], ['syntax-comma-outside-list']);
    exercise(bare, WALKERS);
  });

  test('a 1 MB line of garbage: the parser gives up after a bounded number of recoveries', () => {
    const text = '==\t$X["url"]\n{\t=>\rserver.chroot\nelse $Y["m"]\n+\r\ninclude_shell \r\n$Z["r"]\r\n'.repeat(12_000);
    const file = parse(text);
    assert.ok(file.problems.length <= MAX_PROBLEMS);
    assert.ok(file.problems.some((p) => /Too many syntax errors/.test(p.message)));
    exercise(text, CORE);
  });
});

describe('odd characters and line ends', () => {
  test('NUL bytes: the rest of the file is ignored (with a warning), as lighttpd does', () => {
    const text = 'a = 1\n\0b = 2\n';
    const file = parse(text);
    assert.deepEqual(
      file.problems.map((p) => [p.code, p.start, p.end]),
      [['syntax-nul-byte', 6, text.length]],
    );
    assert.equal(file.statements.length, 1);
    exercise(text);
    exercise('x = "a\0b"\n' + '\0'.repeat(1000));
  });

  test('a UTF-8 BOM is an invalid character at offset 0, as lighttpd reports it', () => {
    const text = '\ufeffserver.port = 80\n';
    assert.deepEqual(
      parse(text).problems.map((p) => [p.code, p.start, p.end]),
      [['syntax-invalid-character', 0, 1]],
    );
    assert.equal(parse(text).statements.length, 1);
    exercise(text);
  });

  test('CRLF, lone CR and mixed line ends give the same tree shape and the same diagnostics per line', () => {
    const lf =
      'server.modules = ( "mod_access" )\n$HTTP["host"] == "a" {\n  proxy.server = ()\n  x = y\n}\nz = "unterminated\n';
    const shape = (text: string) => {
      const doc = TextDocument.create('untitled:eol', 'lighttpd', 1, text);
      const ds = getLanguageService().doValidation(doc);
      return {
        statements: parse(text).statements.map((s) => s.kind),
        diagnostics: ds.map(
          (d) =>
            `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
        ),
      };
    };
    const expected = shape(lf);
    assert.ok(expected.diagnostics.length >= 2);
    let mixed = 0;
    for (const text of [
      lf.replace(/\n/g, '\r\n'),
      lf.replace(/\n/g, '\r'),
      lf.replace(/\n/g, () => ['\n', '\r\n', '\r'][mixed++ % 3]),
    ]) {
      assert.deepEqual(shape(text), expected, JSON.stringify(text));
      exercise(text);
    }
  });

  test('invalid UTF-8 from disk: replacement characters, accepted in strings, invalid outside them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lighttpd-utf8-'));
    try {
      const path = join(dir, 'bad.conf');
      writeFileSync(
        path,
        Buffer.from([
          ...Buffer.from('x = "'),
          0xff,
          0xfe,
          0xc3,
          ...Buffer.from('"\n'),
          0xff,
          ...Buffer.from(' = 1\n'),
          0xed,
          0xa0,
          0x80,
        ]),
      );
      const text = nodeFileSystem.readFile(path)!;
      assert.ok(text.includes('\ufffd'));
      const problems = parse(text).problems;
      // line 2 starts with one (then `= 1` is a stray), line 3 is three of them; the string on line 1 is fine.
      assert.deepEqual(
        problems.filter((p) => p.code === 'syntax-invalid-character').map((p) => [p.start, p.end]),
        [
          [10, 11],
          [16, 19],
        ],
      );
      assert.ok(
        problems.every((p) => p.start > text.indexOf('\n')),
        'nothing reported inside the string',
      );
      exercise(text);
      // Lone surrogates in an editor buffer (UTF-16) are no problem either.
      exercise('x = "\ud800"\n\udfff = 1\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('regular expressions are only checked, never run', () => {
  test('catastrophic patterns in conditions and rewrites: checked, never compiled or matched by JavaScript', () => {
    const text =
      EVIL_REGEXES.map(
        (re, i) =>
          `$HTTP["url"] =~ ${JSON.stringify(re)} {\n  url.rewrite-once = ( ${JSON.stringify(re)} => "/x${i}" )\n}\n`,
      ).join('') + `$HTTP["host"] =~ "${'(a+)+'.repeat(2000)}$" {\n}\nx = "${'a'.repeat(100_000)}!"\n`;
    const constructed: string[] = [];
    const Original = globalThis.RegExp;
    globalThis.RegExp = new Proxy(Original, {
      construct(target, args: [string | RegExp, string?]) {
        constructed.push(String(args[0]));
        return new target(...args);
      },
      apply(target, _this, args: [string | RegExp, string?]) {
        constructed.push(String(args[0]));
        return target(...args);
      },
    });
    try {
      exercise(text);
    } finally {
      globalThis.RegExp = Original;
    }
    const fromConfig = constructed.filter(
      (p) => EVIL_REGEXES.some((re) => re.length > 3 && p.includes(re)) || p.includes('(a+)+(a+)+'),
    );
    assert.deepEqual(fromConfig, []);
  });

  test('the PCRE2 checker is linear on long hostile patterns', () => {
    for (const p of [
      '('.repeat(N),
      '()'.repeat(N),
      '['.repeat(N),
      '\\'.repeat(N),
      'a{'.repeat(N),
      '(?<a>'.repeat(N / 10),
      '(a)' + '\\1'.repeat(N),
      'a|'.repeat(N),
      '(?<=' + 'a|'.repeat(N) + ')',
      '(?(1)'.repeat(N / 10),
    ]) {
      const r = checkPcre2(p);
      assert.equal(typeof r.ok, 'boolean');
    }
  });
});

describe('includes on disk: cycles, huge globs, symlink loops', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lighttpd-includes-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const check = (main: string) => {
    const ws = new ConfigWorkspace(nodeFileSystem);
    ws.setKnownFiles(findConfigFiles(dir));
    const svc = getLanguageService({ workspace: ws });
    const text = readFileSync(main, 'utf8');
    const doc = TextDocument.create(pathToFileURL(main).href, 'lighttpd', 1, text);
    const diagnostics = svc.doValidation(doc);
    for (const m of ['doHover', 'doComplete', 'findDefinition', 'findReferences', 'findDocumentLinks']) {
      const fn = (svc as unknown as Record<string, (...a: unknown[]) => unknown>)[m];
      fn(doc, doc.positionAt(text.indexOf('include') + 10), true);
    }
    return { ws, diagnostics };
  };

  test('include cycles: direct, through another file and through a glob are reported and end', () => {
    const d = join(dir, 'cycles');
    mkdirSync(d);
    writeFileSync(
      join(d, 'lighttpd.conf'),
      'server.document-root = "/srv"\ninclude "a.conf"\ninclude "self.conf"\ninclude "glob/*.conf"\n',
    );
    writeFileSync(join(d, 'a.conf'), 'include "b.conf"\n');
    writeFileSync(join(d, 'b.conf'), 'include "a.conf"\n');
    writeFileSync(join(d, 'self.conf'), 'include "self.conf"\n');
    mkdirSync(join(d, 'glob'));
    for (const n of ['1', '2', '3']) writeFileSync(join(d, 'glob', `${n}.conf`), 'include "glob/*.conf"\n');
    const ws = new ConfigWorkspace(nodeFileSystem);
    ws.setKnownFiles(findConfigFiles(d));
    const root = ws.analyzeRoot(join(d, 'lighttpd.conf'))!;
    const cycles = root.evaluation.problems.filter((p) => p.code === 'include-cycle');
    assert.ok(
      cycles.some((p) => p.path.endsWith('b.conf')),
      'a -> b -> a',
    );
    assert.ok(
      cycles.some((p) => p.path.endsWith('self.conf')),
      'self',
    );
    assert.ok(
      cycles.some((p) => p.path.includes('/glob/')),
      'glob',
    );
    check(join(d, 'lighttpd.conf'));
  });

  test('a glob matching 100k files: include-limit, only the first ones are read', () => {
    const d = join(dir, 'many');
    mkdirSync(join(d, 'conf.d'), { recursive: true });
    for (let i = 0; i < N; i++) closeSync(openSync(join(d, 'conf.d', `f${String(i).padStart(6, '0')}.conf`), 'w'));
    writeFileSync(join(d, 'lighttpd.conf'), 'server.document-root = "/srv"\ninclude "conf.d/*.conf"\n');
    const ws = new ConfigWorkspace(nodeFileSystem);
    const root = ws.analyzeRoot(join(d, 'lighttpd.conf'))!;
    assert.ok(root.evaluation.problems.some((p) => p.code === 'include-limit'));
    assert.ok(root.evaluation.includedPaths.size <= 2000, `${root.evaluation.includedPaths.size} files read`);
    assert.ok(findConfigFiles(d).length <= 5000);
  });

  test('a wildcard at every level of an absolute path: the search is bounded, the include reported and left open', () => {
    const d = join(dir, 'wild');
    mkdirSync(d);
    writeFileSync(
      join(d, 'lighttpd.conf'),
      'server.document-root = "/srv"\ninclude "/*/*/*/*/*/*/*/*/*/*/*/*.conf"\nproxy.server = ()\n',
    );
    const ws = new ConfigWorkspace(nodeFileSystem);
    const root = ws.analyzeRoot(join(d, 'lighttpd.conf'))!;
    assert.ok(root.evaluation.problems.some((p) => p.code === 'include-limit'));
    // What the files it did not read may load is unknown: no module-not-loaded for proxy.server.
    assert.equal(root.modules.open, true);
  });

  test('symlink loops: a directory linking to itself and a file linking to itself end', () => {
    const d = join(dir, 'loops');
    mkdirSync(join(d, 'conf.d'), { recursive: true });
    writeFileSync(join(d, 'conf.d', 'x.conf'), 'var.x = 1\n');
    symlinkSync('.', join(d, 'conf.d', 'loop'));
    symlinkSync('self.conf', join(d, 'self.conf'));
    writeFileSync(
      join(d, 'lighttpd.conf'),
      [
        'server.document-root = "/srv"',
        'include "conf.d/loop/loop/loop/loop/x.conf"',
        'include "conf.d/*/*/*/*/*/*/*/*/*/*/*/*.conf"',
        'include "conf.d/loop/*.conf"',
        'include "self.conf"',
        '',
      ].join('\n'),
    );
    assert.ok(existsSync(join(d, 'conf.d', 'loop', 'loop', 'x.conf')));
    const { ws, diagnostics } = check(join(d, 'lighttpd.conf'));
    const root = ws.analyzeRoot(join(d, 'lighttpd.conf'))!;
    assert.ok(root.evaluation.includedPaths.size >= 1 && root.evaluation.includedPaths.size <= 2000);
    // A link to itself is not a file lighttpd can open.
    assert.ok(diagnostics.some((x) => x.code === 'include-not-found' && x.range.start.line === 4));
    assert.ok(findConfigFiles(d).length < 100);
  });
});
