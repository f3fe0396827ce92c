/**
 * `lighttpd-lint explain [CODE...]`: what a rule finds, why it matters, its example with the real finding and
 * quick fixes, the fixed example, its default severity and how to silence it (features/diagnostics/explain.ts,
 * the same source as hover and SARIF help). Without a code: every code, by group. An unknown code is a usage
 * error (exit 2) with the nearest codes.
 */
import { explainRule, listRules } from '../features/diagnostics/explain';
import { RULES } from '../features/diagnostics/rules';
import { suggest } from '../features/checks/context';
import type { CliIo } from './run';

export const EXPLAIN_USAGE = `Usage: lighttpd-lint explain [CODE...]
Explains a diagnostic code: what it finds, why it matters for lighttpd, an example and its fix, the
default severity and how to silence it. Without a code, lists every code by group.
`;

export function runExplain(argv: readonly string[], io: CliIo): number {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(EXPLAIN_USAGE);
    return 0;
  }
  const bad = argv.find((a) => a.startsWith('-'));
  if (bad) {
    io.stderr(`lighttpd-lint explain: unknown option '${bad}'\nTry 'lighttpd-lint explain --help'.\n`);
    return 2;
  }
  if (argv.length === 0) {
    io.stdout(listRules());
    return 0;
  }
  const texts: string[] = [];
  for (const code of argv) {
    const text = explainRule(code);
    if (text === undefined) {
      const near = suggest(
        code,
        RULES.map((r) => r.code),
      );
      io.stderr(
        `lighttpd-lint explain: unknown code '${code}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; 'lighttpd-lint explain' lists them\n`,
      );
      return 2;
    }
    texts.push(text);
  }
  io.stdout(texts.join('\n'));
  return 0;
}
