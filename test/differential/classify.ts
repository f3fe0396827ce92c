/**
 * Classifying a disagreement between our verdict and `lighttpd -t` (docs/grammar.md):
 *   - stricter: we report a syntax problem in something lighttpd's parser silently drops (§10);
 *   - version: the installed lighttpd (1.4.69) predates syntax we know (1.4.74 `if`/`elif`, 1.4.77 checks);
 *   - start-up: we report what `-t` does not check but lighttpd does when it loads its modules
 *     (`-tt`, e.g. "unknown config-key"); claimed only when `lighttpd -tt` is seen to report it too;
 *   - environment: lighttpd failed on an env.* variable, whose value is only known when it starts.
 * Anything else is a bug: UNCLASSIFIED.
 */
import type { JsonDiagnostic } from '../../server/src/cli/json';
import { tokenize } from '../../server/src/parser';
import * as T from '../../server/src/parser/tokens';
import { getDirective } from '../../server/src/schema';

export const CATEGORIES = {
  agreeAccept: 'agree: both accept',
  agreeReject: 'agree: both reject',
  stricter: 'stricter: lighttpd silently drops it (docs/grammar.md §10)',
  version: 'version: 1.4.69 vs 1.4.74+/1.4.77+ syntax',
  startup: 'start-up check: lighttpd -tt reports it too',
  environment: 'environment: env.* and include_shell output are only known at start-up',
  unclassified: 'UNCLASSIFIED (bug)',
} as const;

export type Category = (typeof CATEGORIES)[keyof typeof CATEGORIES];

/** Syntax codes for constructs lighttpd's parser discards without a message (error recovery, §10). */
const SECTION_10 = new Set([
  'syntax-extra-value',
  'syntax-missing-comma',
  'syntax-extra-arrow',
  'syntax-continuation-lost',
  'syntax-else-without-condition',
  'syntax-block-without-condition',
  'syntax-unmatched-brace',
  'syntax-unexpected-token',
  'syntax-missing-operator',
  'syntax-if-without-condition',
  'syntax-missing-value',
  'syntax-comma-outside-list',
  // A '(' lighttpd's parser discarded (after a missing comma) leaves its tokenizer's parenthesis count
  // unbalanced; lighttpd says nothing, we report the '(' left open.
  'syntax-unclosed-paren',
  // `$HTTP["host"] "x" {`: with no operator lighttpd drops the condition's tokens and its braces.
  'syntax-invalid-operator',
  // `$HTTP["remoteip" =~ "x" {` deep in a file: lighttpd drops tokens until it can go on.
  'syntax-missing-bracket',
]);

/** Codes for what `lighttpd -t` does not check but lighttpd reports when it loads its modules. */
const STARTUP = new Set([
  'module-not-loaded',
  'unknown-directive',
  'unknown-module',
  'removed-module',
  'removed-directive',
  'deprecated-directive',
  'invalid-value',
  'type-mismatch',
  'socket-scope',
  'server-scope-in-condition',
  // Patterns of url.rewrite*/url.redirect are compiled when their module starts (-t compiles only conditions).
  'invalid-regex',
  // What modules refuse when they configure themselves (docs/startup.md): auth.require's fields, a backend's
  // host/socket/bin-path, the TLS certificate a socket needs.
  'missing-field',
  'invalid-backend',
  'ssl-pemfile-missing',
]);

export interface Classification {
  readonly category: Category;
  readonly reason: string;
}

/** Offset of a 1-based line/column in text. */
function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off + column - 1;
}

/**
 * The 1.4.77 tokenizer check "missing assignment operator or missing string concat operator": a key right
 * after a statement whose value ends in a variable (`b = a c = 1`). 1.4.69 reads two statements.
 */
function is1477KeyAfterKey(d: JsonDiagnostic, text: string): boolean {
  if (d.code !== 'syntax-missing-operator') return false;
  const start = offsetOf(text, d.line, d.column);
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  return /(?:^|[^=!])(?:\+=|:=|=)(?![=>~^$])/.test(text.slice(lineStart, start));
}

/** The 1.4.74 keywords: `if`, and `elif`/`elsif`/`elseif` (1.4.69 reads them as variable names). */
export function hasNewKeywords(text: string): boolean {
  return tokenize(text).tokens.some((t) => t.tokenType === T.If || (t.tokenType === T.Else && t.image !== 'else'));
}

/** Names a start-up message would mention for this diagnostic: keys and module names in its text. */
export function namesOf(d: JsonDiagnostic, text: string): string[] {
  const start = offsetOf(text, d.line, d.column);
  const end = offsetOf(text, d.endLine, d.endColumn);
  const names = new Set<string>();
  const own = text.slice(start, end).replace(/^"|"$/g, '');
  if (own) names.add(own);
  for (const m of d.message.matchAll(/\b(mod_[\w-]+|[a-z][\w-]*(?:\.[\w-]+)+)\b/g)) names.add(m[1]);
  return [...names];
}

/** The start-up log lines of a -tt run, without what varies between runs and copies (sources, paths). */
export function preflightLines(output: string, root: string): Set<string> {
  return new Set(
    output
      .split('\n')
      .map((l) =>
        l
          .split(root)
          .join('<root>')
          .replace(/^\([\w.-]+\.c\.\d+\)\s*/, '')
          .trim(),
      )
      .filter(Boolean),
  );
}

export interface Evidence {
  /** Did lighttpd -t accept the file? */
  readonly lighttpdAccepts: boolean;
  readonly lighttpdOutput: string;
  readonly ourErrors: readonly JsonDiagnostic[];
  /** The checked text (for a whole configuration: every file's, joined). */
  readonly text: string;
  /** The text of the file a diagnostic is in, when the errors come from several files (default: `text`). */
  readonly textOf?: (d: JsonDiagnostic) => string;
  /** The mutation brought in a 1.4.74 keyword (if, elif, ...) that the unmutated file did not have. */
  readonly introducesNewKeywords: boolean;
  /**
   * `lighttpd -tt` on this text and on the unmutated file (only asked when a start-up claim needs checking):
   * the normalized log lines of each (see preflightLines).
   */
  readonly preflight: (extraModules?: readonly string[]) => Promise<{ mutated: Set<string>; baseline: Set<string> }>;
}

export async function classify(e: Evidence): Promise<Classification> {
  const textOf = (d: JsonDiagnostic) => e.textOf?.(d) ?? e.text;
  const weAccept = e.ourErrors.length === 0;
  if (weAccept && e.lighttpdAccepts) return { category: CATEGORIES.agreeAccept, reason: '' };
  if (!weAccept && !e.lighttpdAccepts) return { category: CATEGORIES.agreeReject, reason: '' };

  if (weAccept) {
    // lighttpd rejects, we do not.
    if (/Undefined env variable/.test(e.lighttpdOutput))
      return { category: CATEGORIES.environment, reason: firstLine(e.lighttpdOutput) };
    // A variable that an include_shell command (stubbed here, never run) or an include named through env.*
    // could define: we cannot know it is undefined, lighttpd can.
    if (
      /Undefined config variable/.test(e.lighttpdOutput) &&
      /\binclude_shell\b|\binclude\b[^\n]*\benv\./.test(e.text)
    ) {
      return { category: CATEGORIES.environment, reason: firstLine(e.lighttpdOutput) };
    }
    if (hasNewKeywords(e.text))
      return {
        category: CATEGORIES.version,
        reason: `1.4.74 keyword in the text; lighttpd: ${firstLine(e.lighttpdOutput)}`,
      };
    return { category: CATEGORIES.unclassified, reason: `lighttpd rejects, we accept: ${firstLine(e.lighttpdOutput)}` };
  }

  // We reject, lighttpd -t accepts: every error of ours must be explained.
  let version = false;
  let startup = false;
  const unexplained: string[] = [];
  const startupDiags: JsonDiagnostic[] = [];
  for (const d of e.ourErrors) {
    if (d.code === 'newer-than-target' || is1477KeyAfterKey(d, textOf(d))) version = true;
    else if (SECTION_10.has(d.code)) continue;
    else if (STARTUP.has(d.code)) startupDiags.push(d);
    else unexplained.push(`${d.line}:${d.column} ${d.code}`);
  }
  if (unexplained.length) {
    // `if server.modules += (...)` is `server.modules += (...)` for 1.4.74+ but `var.if += (...)` for 1.4.69.
    if (e.introducesNewKeywords)
      return { category: CATEGORIES.version, reason: `1.4.74 keyword brought in; we report ${unexplained.join(', ')}` };
    return { category: CATEGORIES.unclassified, reason: `lighttpd -t accepts; we report ${unexplained.join(', ')}` };
  }
  if (startupDiags.length) {
    let { mutated, baseline } = await e.preflight();
    let fresh = [...mutated].filter((l) => !baseline.has(l));
    let all = [...mutated].join('\n');
    // Confirmed when -tt names what we name, or at least logs something the unmutated file does not.
    let missing = startupDiags.filter((d) => !namesOf(d, textOf(d)).some((n) => all.includes(n)));
    if (missing.length && fresh.length === 0) {
      // A fragment does not load the module whose directive we check; lighttpd checks it once loaded.
      const modules = [
        ...new Set(
          missing
            .flatMap((d) => namesOf(d, textOf(d)))
            .map((n) => getDirective(n)?.module)
            .filter((m): m is string => !!m && m !== 'core'),
        ),
      ];
      if (modules.length) {
        ({ mutated, baseline } = await e.preflight(modules));
        fresh = [...mutated].filter((l) => !baseline.has(l));
        all = [...mutated].join('\n');
        missing = startupDiags.filter((d) => !namesOf(d, textOf(d)).some((n) => all.includes(n)));
      }
    }
    // Our recovery from a syntax error on a server.modules line (one we report: §10) may drop the list that
    // lighttpd's recovery keeps (`server.modules += else ( "mod_x" )` loads mod_x in 1.4.69): the module
    // is then reported missing as a consequence of that syntax error.
    missing = missing.filter((d) => !isModuleListCascade(d, e.ourErrors, textOf));
    if (missing.length && fresh.length === 0) {
      if (e.introducesNewKeywords)
        return {
          category: CATEGORIES.version,
          reason: `1.4.74 keyword brought in; -tt silent on ${missing.map((d) => d.code).join(', ')}`,
        };
      return {
        category: CATEGORIES.unclassified,
        reason: `lighttpd -tt reports nothing new for ${missing.map((d) => `${d.line}:${d.column} ${d.code} (${namesOf(d, textOf(d)).join('|')})`).join(', ')}`,
      };
    }
    startup = true;
  }
  if (version) return { category: CATEGORIES.version, reason: e.ourErrors.map((d) => d.code).join(', ') };
  if (startup) return { category: CATEGORIES.startup, reason: e.ourErrors.map((d) => d.code).join(', ') };
  return { category: CATEGORIES.stricter, reason: e.ourErrors.map((d) => d.code).join(', ') };
}

function isModuleListCascade(
  d: JsonDiagnostic,
  errors: readonly JsonDiagnostic[],
  textOf: (d: JsonDiagnostic) => string,
): boolean {
  if (d.code !== 'module-not-loaded') return false;
  const module = /"(mod_[\w-]+)"/.exec(d.message)?.[1];
  if (!module) return false;
  return errors.some((o) => {
    if (!SECTION_10.has(o.code) || textOf(o) !== textOf(d)) return false;
    const line = textOf(o).split(/\r\n|\r|\n/)[o.line - 1] ?? '';
    return line.includes('server.modules') && line.includes(`"${module}"`);
  });
}

export function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !/^Syntax OK$/.test(l)) ?? ''
  );
}
