/**
 * Reports of `lighttpd-lint test`: readable text, JUnit XML and TAP 13. A test whose result is unknown
 * (the simulator cannot decide it exactly) is reported as not passed in every format.
 */
import type { TestResult } from '../analysis/routeTests/run';
import { summarize } from '../analysis/routeTests/run';

export interface FileResults {
  /** The test file as the user named it (relative to the current folder). */
  readonly name: string;
  readonly results: readonly TestResult[];
  /** file:line of an offset in a configuration file. */
  readonly where: (file: string, offset: number) => string;
}

const MARK = { pass: '✔', fail: '✘', unknown: '?', error: '!' } as const;

function details(r: TestResult, where: FileResults['where']): string[] {
  const out: string[] = [];
  if (r.status === 'unknown') out.push(`unknown: ${r.reason ?? ''}`);
  if (r.status === 'error') out.push(`error: ${r.reason ?? ''}`);
  for (const f of r.failures) {
    out.push(`expected: ${f.expected}`, `actual:   ${f.actual}`);
  }
  if (r.decidedBy && r.status !== 'pass')
    out.push(`decided by: ${r.decidedBy.key} at ${where(r.decidedBy.file, r.decidedBy.offset)}`);
  return out;
}

export function formatTestText(files: readonly FileResults[]): string {
  const out: string[] = [];
  const all: TestResult[] = [];
  for (const f of files) {
    out.push(f.name);
    for (const r of f.results) {
      all.push(r);
      const at = `${f.name}:${r.test.span.line + 1}`;
      out.push(`  ${MARK[r.status]} ${r.test.name}${r.status === 'pass' ? ` -> ${r.actual}` : `  (${at})`}`);
      for (const d of details(r, f.where)) out.push(`      ${d}`);
    }
  }
  const s = summarize(all);
  out.push('', `${s.pass} passed, ${s.fail} failed, ${s.unknown} unknown${s.error ? `, ${s.error} errors` : ''}`);
  return out.join('\n') + '\n';
}

const xml = (s: string) =>
  s
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(
      // XML 1.0 cannot carry most control characters, even escaped.
      /[\x00-\x08\x0b\x0c\x0e-\x1f]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );

export function formatTestJunit(files: readonly FileResults[]): string {
  const all = files.flatMap((f) => f.results);
  const total = summarize(all);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="lighttpd-lint test" tests="${all.length}" failures="${total.fail + total.unknown}" errors="${total.error}">`,
  ];
  for (const f of files) {
    const s = summarize(f.results);
    out.push(
      `  <testsuite name="${xml(f.name)}" tests="${f.results.length}" failures="${s.fail + s.unknown}" errors="${s.error}" skipped="0">`,
    );
    for (const r of f.results) {
      const head = `    <testcase name="${xml(r.test.name)}" classname="${xml(f.name)}" file="${xml(f.name)}" line="${r.test.span.line + 1}"`;
      if (r.status === 'pass') {
        out.push(`${head}/>`);
        continue;
      }
      out.push(`${head}>`);
      const body = xml(details(r, f.where).join('\n'));
      if (r.status === 'fail') {
        const first = r.failures[0];
        out.push(
          `      <failure type="mismatch" message="${xml(`expected ${first.expected}, got ${first.actual}`)}">${body}</failure>`,
        );
      } else if (r.status === 'unknown')
        out.push(`      <failure type="unknown" message="${xml(`unknown: ${r.reason ?? ''}`)}">${body}</failure>`);
      else out.push(`      <error type="config" message="${xml(r.reason ?? '')}">${body}</error>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

const yamlString = (s: string) => JSON.stringify(s);

export function formatTestTap(files: readonly FileResults[]): string {
  const all = files.flatMap((f) => f.results.map((r) => ({ f, r })));
  const out = ['TAP version 13', `1..${all.length}`];
  all.forEach(({ f, r }, i) => {
    const desc = `${f.name}: ${r.test.name}`.replace(/#/g, '\\#');
    if (r.status === 'pass') {
      out.push(`ok ${i + 1} - ${desc}`);
      return;
    }
    out.push(`not ok ${i + 1} - ${desc}${r.status === 'unknown' ? ' # unknown' : ''}`, '  ---');
    out.push(`  status: ${r.status}`, `  at: ${yamlString(`${f.name}:${r.test.span.line + 1}`)}`);
    if (r.reason) out.push(`  reason: ${yamlString(r.reason)}`);
    if (r.failures.length) {
      out.push(`  expected: ${yamlString(r.failures[0].expected)}`, `  actual: ${yamlString(r.failures[0].actual)}`);
    }
    if (r.decidedBy)
      out.push(`  decidedBy: ${yamlString(`${r.decidedBy.key} at ${f.where(r.decidedBy.file, r.decidedBy.offset)}`)}`);
    out.push('  ...');
  });
  return out.join('\n') + '\n';
}
