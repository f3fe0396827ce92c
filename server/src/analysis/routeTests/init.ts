/**
 * A starter test file for a configuration (`lighttpd-lint test --init CONFIG`, "lighttpd: Generate Tests for
 * This Configuration"): the representative requests of every block (analysis/simulate/representative.ts)
 * with what the configuration does with them today, so that the file passes at once and fails as soon as
 * a change reroutes one of them. A request the simulator cannot decide exactly is written as a comment
 * with the reason (an unknown test would never pass).
 */
import type { Evaluation } from '../evaluate';
import { representativeRequests } from '../simulate/representative';
import { simulate } from '../simulate/simulate';
import { specOf } from '../simulate/representative';
import { describeOutcome, unknownReason } from './run';
import { formatRequest, quoteIfNeeded } from './testFile';

export interface InitOptions {
  /** The configuration as the test file names it (relative to the test file). */
  readonly configPath: string;
  readonly version: string;
  /** file:line of an offset, for the block comments. */
  readonly where?: (file: string, offset: number) => string | undefined;
  readonly max?: number;
}

const KIND_NOTE: Record<string, string> = {
  'near-miss': '  # near miss',
  backend: '  # backend path',
  match: '',
  global: '',
};

export function initTestFile(ev: Evaluation, options: InitOptions): string {
  const out: string[] = [
    `# Configuration tests for ${options.configPath}: what each request gets today (lighttpd-lint test --init).`,
    '# Run them with: lighttpd-lint test FILE. Edit freely: one request a line, "-> OUTCOME" and indented',
    '# expectations (header NAME: VALUE, set KEY = VALUE, block CONDITION, rewrite /TARGET).',
    `config ${quoteIfNeeded(options.configPath)}`,
    `version ${options.version}`,
  ];
  let lastContext = -1;
  for (const r of representativeRequests(ev, { version: options.version, max: options.max })) {
    if (r.context !== lastContext) {
      lastContext = r.context;
      const at = r.file !== undefined && r.offset !== undefined ? options.where?.(r.file, r.offset) : undefined;
      out.push('', r.context === 0 ? '# global' : `# block ${r.context}: ${r.condition}${at ? ` (${at})` : ''}`);
    }
    const sim = simulate(ev, specOf(r.request), { version: options.version });
    const line = formatRequest(r.request);
    const unknown = unknownReason(sim);
    if (unknown !== undefined) {
      out.push(`# not decidable here (${unknown.replace(/\s+/g, ' ')}): ${line}`);
      continue;
    }
    out.push(`${line} -> ${describeOutcome(sim.handler)}${KIND_NOTE[r.kind]}`);
    for (const [k, v] of Object.entries(sim.responseHeaders)) out.push(`  header ${k}: ${v}`);
  }
  return out.join('\n') + '\n';
}
