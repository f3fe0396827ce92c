/**
 * Every diagnostic code with its default severity and a one-line description, in one table
 * (like vscode-css-languageservice's lintRules.ts). Codes are stable: tests, settings and suppression
 * comments refer to them.
 */
import type { Severity } from '../parser/ast';

export interface Rule {
  readonly code: string;
  readonly severity: Severity;
  readonly description: string;
}

function rule(code: string, severity: Severity, description: string): Rule {
  return { code, severity, description };
}

export const RULES: readonly Rule[] = [
  // Tokenizer and parser (every `syntax-*` problem is an error unless the parser says otherwise).
  rule('syntax-invalid-character', 'error', 'A character lighttpd does not accept outside strings and comments.'),
  rule('syntax-unterminated-string', 'error', 'A string without its closing quote.'),
  rule('syntax-semicolon', 'error', "';' used to end a statement."),
  rule('syntax-comma-outside-list', 'warning', "',' outside parentheses (lighttpd skips it)."),
  rule('syntax-unmatched-paren', 'error', "')' without '('."),
  rule('syntax-unmatched-brace', 'error', "'}' without '{' (lighttpd ignores it)."),
  rule('syntax-unclosed-paren', 'error', "A list without its closing ')'."),
  rule('syntax-unclosed-brace', 'error', "A block without its closing '}'."),
  rule('syntax-missing-bracket', 'error', "A condition field without its closing ']'."),
  rule('syntax-missing-value', 'error', 'An operator with no value after it.'),
  rule('syntax-missing-operator', 'error', "A name not followed by '=', '+=' or ':=' (or two names with no '+' between)."),
  rule('syntax-missing-comma', 'error', "List elements not separated by ',' (lighttpd drops the second)."),
  rule('syntax-extra-value', 'error', "A value after a complete statement (lighttpd drops it)."),
  rule('syntax-extra-arrow', 'error', "A second '=>' in one list element (lighttpd drops it)."),
  rule('syntax-assign-in-list', 'error', "'=' instead of '=>' inside a list."),
  rule('syntax-continuation-lost', 'error', "A line starting with '+' (lighttpd does not continue the previous value)."),
  rule('syntax-else-without-condition', 'error', "'else' that follows no condition block."),
  rule('syntax-block-without-condition', 'error', "'{ ... }' with no condition before it."),
  rule('syntax-if-without-condition', 'error', "'if' not followed by a condition."),
  rule('syntax-invalid-operator', 'error', 'A condition operator that does not exist (e.g. !^, =).'),
  rule('syntax-unexpected-token', 'error', 'A token that cannot appear here.'),
  rule('syntax-nesting-too-deep', 'error', 'Nesting deeper than the checker follows.'),
  rule('syntax-nul-byte', 'warning', 'A NUL byte (lighttpd stops reading there).'),
  // Evaluation.
  rule('undefined-variable', 'error', 'A variable used before it is set.'),
  rule('duplicate-key', 'error', "A key set twice with '=' in the same block."),
  rule('duplicate-array-key', 'error', 'The same key twice in one list.'),
  rule('type-merge', 'error', "'+' of values that cannot be combined (e.g. a string and a list)."),
  rule('env-assignment', 'error', 'An assignment to env.* (read-only).'),
  // Includes.
  rule('include-not-found', 'error', 'An include of a plain path that does not exist (lighttpd refuses to start).'),
  rule('include-cycle', 'error', 'A file that includes itself, directly or through other files.'),
  rule('include-limit', 'warning', 'An include pattern or chain that brings in more files than are checked.'),
  // Modules.
  rule('module-not-loaded', 'error', 'A directive whose module is not in server.modules: lighttpd ignores it.'),
];

const byCode = new Map(RULES.map((r) => [r.code, r]));

export function getRule(code: string): Rule | undefined {
  return byCode.get(code);
}
