/**
 * Every diagnostic code with its default severity, a one-line description and, for the rules the checks
 * report (features/checks/), the message built from typed arguments: one table (like
 * vscode-css-languageservice's lintRules.ts). Codes are stable: tests, settings and suppression comments
 * refer to them.
 *
 * A rule's message arguments are the type of its message builder's parameter, e.g.
 * `(a: { key: string; suggestion?: string }) => ...`; `ctx.report(code, span, args)` only compiles with a
 * code of this table and exactly those arguments. A rule without a message builder (the parser's and the
 * evaluator's problems carry their own text) takes no arguments.
 */
import type { Severity } from '../../parser/ast';
import type { LighttpdEffect } from '../../schema';

export type { LighttpdEffect };

/**
 * The default severity of each effect (schema/types.ts LighttpdEffect): a refusal to start is an error,
 * what lighttpd drops, logs about or accepts against the writer's likely intent is a warning, advice is
 * information. `checker` rules state theirs (they are about this checker, not lighttpd).
 */
export const EFFECT_SEVERITY: Readonly<Record<LighttpdEffect, Severity>> = {
  'refuses-to-start': 'error',
  'silently-ignores': 'warning',
  'logs-and-carries-on': 'warning',
  'accepted-but-risky': 'warning',
  accepted: 'information',
  checker: 'information',
};

/** What lighttpd does, in words (hover, docs). */
export const EFFECT_TEXT: Readonly<Record<LighttpdEffect, string>> = {
  'refuses-to-start': 'lighttpd refuses to start',
  'silently-ignores': 'lighttpd starts and silently drops it',
  'logs-and-carries-on': 'lighttpd logs it and carries on',
  'accepted-but-risky': 'lighttpd accepts it, but it is likely a mistake or unsafe',
  accepted: 'lighttpd accepts it (advice)',
  checker: 'a note of this checker',
};

/**
 * A rule's effect, or its effect with a severity other than the effect's default and the reason (stricter
 * by design, or a checker rule's own level). A refusal to start is always an error (test/unit/rules.test.ts).
 */
export type EffectSpec =
  | LighttpdEffect
  | { readonly effect: LighttpdEffect; readonly severity: Severity; readonly because: string };

export interface Rule<C extends string = string, A extends object = object> {
  readonly code: C;
  /** What lighttpd does with what the rule finds (the rule's usual case; a finding may state its own). */
  readonly effect: LighttpdEffect;
  /** The default severity: EFFECT_SEVERITY[effect] unless `because` says why not. */
  readonly severity: Severity;
  /** Why the severity differs from the effect's default. */
  readonly because?: string;
  readonly description: string;
  /** Builds the diagnostic message from the facts a check found. (Method syntax: a table of rules with
   * different argument types is still a `Rule[]`.) */
  message?(args: A): string;
  /** The group of checks the rule belongs to (`lighttpd-lint --rules GROUP`); absent: the core checks. */
  readonly group?: RuleGroup;
  /** The lighttpd behaviour the rule rests on (hover, SARIF help). */
  readonly help?: string;
  /** CVSS-like score 0.0-10.0 for code scanning (SARIF `security-severity`), security rules only. */
  readonly securitySeverity?: number;
  /**
   * Advice on the whole config that is off until asked for: shown only when `lighttpd.diagnostics.severity`
   * (or `--severity`) sets its level, or `lighttpd-lint --rules` names it or its group.
   */
  readonly optIn?: boolean;
}

export type RuleGroup = 'security';

/** What a security check passes to its rule's message builder. */
export type SecurityArgs = Readonly<Record<string, string | undefined>>;

/** The arguments of a rule whose message needs none. */
export type NoArgs = Record<never, never>;

/** The effect and severity of a spec (the severity derived from the effect unless the spec says why not). */
export function effectOf(spec: EffectSpec): { effect: LighttpdEffect; severity: Severity; because?: string } {
  return typeof spec === 'string' ? { effect: spec, severity: EFFECT_SEVERITY[spec] } : spec;
}

/** A checker rule (not lighttpd's behaviour) with its own severity. */
const checker = (severity: Severity, because: string): EffectSpec => ({ effect: 'checker', severity, because });

/** Stricter by design: lighttpd starts but reads less than the text shows. */
const DROPS: EffectSpec = {
  effect: 'silently-ignores',
  severity: 'error',
  because:
    'stricter by design: lighttpd drops part of what is written without a word, so it reads something else than the text shows',
};

function rule<const C extends string, A extends object = NoArgs>(
  code: C,
  spec: EffectSpec,
  description: string,
  message?: (args: A) => string,
): Rule<C, A> {
  const e = effectOf(spec);
  return message ? { code, ...e, description, message } : { code, ...e, description };
}

/** `invalid-value`: a value (kind 'value') or a list key (kind 'key') the directive does not accept. */
export interface InvalidValueArgs {
  readonly kind: 'value' | 'key';
  /** The directive, or the element of it ("method" in auth.require). */
  readonly key: string;
  readonly value: string;
  /** For a key: what it should have been, e.g. "backend option of fastcgi.server" (default "key of KEY"). */
  readonly where?: string;
  /** What lighttpd does with it. */
  readonly effect?: string;
  readonly suggestion?: string;
  /** The accepted values or keys, quoted and joined. */
  readonly allowed?: string;
}

/** A rule of the security group (features/checks/security/): its score, help line and message. */
function securityRule<const C extends string>(
  code: C,
  spec: EffectSpec,
  securitySeverity: number,
  description: string,
  help: string,
  message: (args: SecurityArgs) => string,
): Rule<C, SecurityArgs> {
  const optIn = OPT_IN.has(code);
  return {
    code,
    ...effectOf(spec),
    description,
    message,
    group: 'security',
    help,
    securitySeverity,
    ...(optIn ? { optIn } : {}),
  };
}

/** The whole-config advice of the security group: off by default, so that it never buries a real problem. */
// (known-vulnerability too: an older lighttpd.version such as Debian 12's 1.4.69 would get it on nearly every
// config, and distribution packages often carry the fixes; --rules security and a severity setting show it)
const OPT_IN: ReadonlySet<string> = new Set([
  'version-disclosure',
  'access-deny-missing',
  'hsts-missing',
  'known-vulnerability',
]);

/** Every upgrade-* rule: the versions of the upgrade and the release that changed the behaviour. */
export interface UpgradeArgs {
  readonly from: string;
  readonly target: string;
  /** The release (or releases, "1.4.56 and 1.4.77") whose change applies. */
  readonly release: string;
}

const didYouMean = (a: { suggestion?: string }) => (a.suggestion ? ` Did you mean "${a.suggestion}"?` : '');
const instead = (a: { replacement?: string }) => (a.replacement ? ` Use ${a.replacement} instead.` : '');

const TABLE = [
  // Tokenizer and parser (every `syntax-*` problem is an error unless the parser says otherwise).
  rule(
    'syntax-invalid-character',
    'refuses-to-start',
    'A character lighttpd does not accept outside strings and comments.',
  ),
  rule('syntax-unterminated-string', 'refuses-to-start', 'A string without its closing quote.'),
  rule('syntax-semicolon', 'refuses-to-start', "';' used to end a statement."),
  rule('syntax-comma-outside-list', 'silently-ignores', "',' outside parentheses (lighttpd skips it)."),
  rule('syntax-unmatched-paren', 'refuses-to-start', "')' without '('."),
  rule('syntax-unmatched-brace', DROPS, "'}' without '{' (lighttpd ignores it)."),
  rule('syntax-unclosed-paren', 'refuses-to-start', "A list without its closing ')'."),
  rule('syntax-unclosed-brace', 'refuses-to-start', "A block without its closing '}'."),
  rule('syntax-missing-bracket', 'refuses-to-start', "A condition field without its closing ']'."),
  rule('syntax-missing-value', 'refuses-to-start', 'An operator with no value after it.'),
  rule(
    'syntax-missing-operator',
    'refuses-to-start',
    "A name not followed by '=', '+=' or ':=' (or two names with no '+' between).",
  ),
  rule('syntax-missing-comma', DROPS, "List elements not separated by ',' (lighttpd drops the second)."),
  rule('syntax-extra-value', DROPS, 'A value after a complete statement (lighttpd drops it).'),
  rule('syntax-extra-arrow', DROPS, "A second '=>' in one list element (lighttpd drops it)."),
  rule('syntax-assign-in-list', 'refuses-to-start', "'=' instead of '=>' inside a list."),
  rule('syntax-continuation-lost', DROPS, "A line starting with '+' (lighttpd does not continue the previous value)."),
  rule(
    'syntax-else-without-condition',
    DROPS,
    "'else' that follows no condition block (lighttpd drops the word and keeps the block's settings).",
  ),
  rule(
    'syntax-block-without-condition',
    DROPS,
    "'{ ... }' with no condition before it (lighttpd drops the braces and keeps the settings).",
  ),
  rule('syntax-if-without-condition', 'refuses-to-start', "'if' not followed by a condition."),
  rule('syntax-invalid-operator', 'refuses-to-start', 'A condition operator that does not exist (e.g. !^, =).'),
  rule('syntax-unexpected-token', 'refuses-to-start', 'A token that cannot appear here.'),
  rule(
    'syntax-nesting-too-deep',
    checker('error', 'nothing deeper is checked, so the file cannot be called clean'),
    'Nesting deeper than the checker follows.',
  ),
  rule('syntax-nul-byte', 'silently-ignores', 'A NUL byte (lighttpd stops reading there).'),
  rule('file-too-large', 'refuses-to-start', 'A file over 32 MiB: lighttpd refuses to read it, and it is not checked.'),
  // Evaluation.
  rule('undefined-variable', 'refuses-to-start', 'A variable used before it is set.'),
  rule('duplicate-key', 'refuses-to-start', "A key set twice with '=' in the same block."),
  rule('duplicate-array-key', 'refuses-to-start', 'The same key twice in one list.'),
  rule('type-merge', 'refuses-to-start', "'+' of values that cannot be combined (e.g. a string and a list)."),
  rule('env-assignment', 'refuses-to-start', 'An assignment to env.* (read-only).'),
  // Includes.
  rule(
    'include-not-found',
    'refuses-to-start',
    'An include of a plain path that does not exist (lighttpd refuses to start).',
  ),
  rule(
    'include-contents-unknown',
    checker('information', 'a note on what could not be checked'),
    'An include whose file is missing: what it would load or set is unknown, so nothing it could define is reported missing.',
  ),
  rule(
    'included-problems',
    checker(
      'error',
      'carries the severity of the worst problem of the files the include reads, or hint while those files show them',
    ),
    'On an include line: the errors and warnings of the files it reads; a hint while they are shown on those files (one problem counts once), else the severity of the worst of them.',
  ),
  rule('include-cycle', 'refuses-to-start', 'A file that includes itself, directly or through other files.'),
  rule(
    'include-limit',
    checker('warning', 'files past the limit are not checked'),
    'An include pattern or chain that brings in more files than are checked.',
  ),
  rule(
    'include-outside-workspace',
    checker('hint', 'a suggestion to map the prefix, not a problem of the configuration'),
    "An absolute include read from this machine's files (or not found) while the workspace holds a copy of them: the quick fix maps the prefix to the copy (lighttpd.pathMappings).",
  ),
  // Modules.
  rule(
    'module-not-loaded',
    {
      effect: 'logs-and-carries-on',
      severity: 'error',
      because: 'stricter by design: the setting the user wrote does nothing, and lighttpd only says so in its log',
    },
    'A directive whose module is not in server.modules: lighttpd ignores it.',
    (a: { key: string; module: string }) =>
      `${a.key} needs "${a.module}" in server.modules: without it lighttpd ignores this setting (it only logs "unknown config-key").`,
  ),
  // Semantic checks (features/checks/*.ts). Some findings are milder than their rule's default when
  // lighttpd only logs them; the check then says so (see the README's diagnostics table).
  rule(
    'unknown-directive',
    'logs-and-carries-on',
    'A key lighttpd does not know (a typo is silently ignored).',
    (a: { key: string; suggestion?: string; note?: string }) =>
      `Unknown directive "${a.key}": lighttpd ignores it (it only logs "unknown config-key")${a.note ? `; ${a.note}.` : `.${didYouMean(a)}`}`,
  ),
  rule(
    'unknown-module',
    'refuses-to-start',
    'A name in server.modules that is not a lighttpd module.',
    (a: { module: string; suggestion?: string }) =>
      `"${a.module}" is not a lighttpd module: lighttpd refuses to start ("plugin not found").${didYouMean(a)}`,
  ),
  rule(
    'duplicate-module',
    'silently-ignores',
    'A module listed twice in server.modules.',
    (a: { module: string }) => `"${a.module}" is already listed in server.modules: lighttpd drops the repeat.`,
  ),
  rule(
    'removed-module',
    'refuses-to-start',
    'A module that no longer exists in the target lighttpd version.',
    (a: { module: string; version: string; effect: string; replacement?: string }) =>
      `${a.module} was removed in lighttpd ${a.version}: ${a.effect}.${instead(a)}`,
  ),
  rule(
    'removed-directive',
    'logs-and-carries-on',
    'A key that no longer exists in the target lighttpd version.',
    (a: { key: string; version: string; note?: string; replacement?: string }) =>
      `${a.key} was removed in lighttpd ${a.version}: lighttpd ignores it.${a.note ? ` ${a.note}` : ''}${instead(a)}`,
  ),
  rule(
    'deprecated-directive',
    'accepted-but-risky',
    'A key that still works but is deprecated or has no effect.',
    (a: { key: string; note: string; replacement?: string }) => `${a.key} is deprecated: ${a.note}.${instead(a)}`,
  ),
  rule(
    'type-mismatch',
    'refuses-to-start',
    "A value that does not fit the directive's type (lighttpd refuses to start).",
    (a: { key: string; expected: string; example: string; found: string }) =>
      `${a.key} expects ${a.expected}, e.g. ${a.example}; found ${a.found}.`,
  ),
  rule(
    'invalid-value',
    'refuses-to-start',
    'A value or list key the directive does not accept.',
    (a: InvalidValueArgs) =>
      a.kind === 'key'
        ? `"${a.value}" is not a known ${a.where ?? `key of ${a.key}`}${a.effect ? ` (${a.effect})` : ''}.${didYouMean(a)}${a.allowed ? ` Known: ${a.allowed}.` : ''}`
        : `"${a.value}" is not a valid value for ${a.key}${a.effect ? ` (${a.effect})` : ''}.${didYouMean(a)}${a.allowed ? ` Expected ${a.allowed}.` : ''}`,
  ),
  rule(
    'server-scope-in-condition',
    'logs-and-carries-on',
    'A server-wide directive inside a condition (it applies globally or is ignored).',
    (a: { key: string }) =>
      `${a.key} is a server-wide setting: inside a condition it still applies to the whole server (lighttpd logs "do not set global server options within conditions"). Move it to the global scope.`,
  ),
  rule(
    'socket-scope',
    'logs-and-carries-on',
    'A socket directive outside the global scope and $SERVER["socket"] == blocks.',
    (a: { key: string }) =>
      `${a.key} is a socket setting: it is only honoured at global scope or directly in a $SERVER["socket"] == "..." block; here lighttpd ignores it.`,
  ),
  rule(
    'conditional-in-global',
    'refuses-to-start',
    'A condition (or a nested global block) inside global { }.',
    () =>
      'Conditions cannot appear inside global { ... }: lighttpd exits ("Cannot use conditionals inside a global { ... } block").',
  ),
  rule(
    'unknown-condition-field',
    'refuses-to-start',
    'A condition object or field lighttpd does not know, e.g. $HTTP["URL"] (an empty header name: a warning).',
    (a: { condition: string; suggestion?: string; empty?: boolean }) =>
      a.empty
        ? `${a.condition} names no header: lighttpd accepts it, but no request has one, so == and =~ never match and != and !~ always do.`
        : `${a.condition} is not a lighttpd condition: lighttpd refuses to start ("error comp_key").${didYouMean(a)}`,
  ),
  rule(
    'invalid-ip',
    'refuses-to-start',
    'A $HTTP["remote-ip"] value that is not an IP address or CIDR block (a refusal; a bad mask or text lighttpd keeps as text: a warning).',
    (a: { value: string; field: string; reason: string }) =>
      `"${a.value}" is not a valid IP address or CIDR block for ${a.field}: ${a.reason}.`,
  ),
  rule(
    'invalid-host',
    'refuses-to-start',
    'A $HTTP["host"] value compared with ==, !=, =^ or =$ that lighttpd cannot read as a host (bad port, bad IPv6 literal).',
    (a: { value: string; field: string; reason: string }) =>
      `"${a.value}" is not a host lighttpd accepts for ${a.field}: ${a.reason} (lighttpd refuses to start: "invalid IP addr").`,
  ),
  rule(
    'condition-value-type',
    'refuses-to-start',
    'A condition value or field that is not a string.',
    (a: { part: 'field' | 'value'; found: string }) =>
      `The ${a.part} of a condition must be a string; found ${a.found} (lighttpd refuses to start).`,
  ),
  rule(
    'invalid-regex',
    'refuses-to-start',
    'A PCRE2 pattern that does not compile.',
    (a: { error: string }) => `Invalid regular expression: ${a.error} (lighttpd refuses to start).`,
  ),
  rule(
    'capture-reference',
    'accepted-but-risky',
    'A %n or $n substitution that refers to a capture group that does not exist.',
    (a: { ref: string; what: string; reason: string }) =>
      `${a.ref} refers to ${a.what}, but ${a.reason}: it is replaced by an empty string.`,
  ),
  rule(
    'unreachable-condition',
    'refuses-to-start',
    'A branch after a bare else (lighttpd refuses to start).',
    () =>
      'This branch follows a bare else { }, so it can never match: lighttpd refuses to start ("unreachable condition following else catch-all").',
  ),
  rule(
    'unreachable-else-condition',
    'refuses-to-start',
    'An else branch whose condition lighttpd already made a block for, no later than the previous branch (lighttpd refuses to start).',
    (a: { where: string }) =>
      `This else branch repeats ${a.where}: lighttpd keeps one block per condition, made where it first appears, and refuses to start when an else branch's block is not newer than the previous branch's ("unreachable else condition"). Use another condition, or nest the branch.`,
  ),
  rule(
    'newer-than-target',
    'refuses-to-start',
    'A directive or syntax newer than the configured lighttpd.version.',
    (a: { what: string; since: string; target: string; effect?: string }) =>
      `${a.what} needs lighttpd ${a.since} or newer; the target is ${a.target}${a.effect ? `: ${a.effect}` : ''}.`,
  ),
  // Start-up (features/checks/sockets.ts, startup.ts, platform.ts).
  rule(
    'invalid-socket',
    'refuses-to-start',
    'A $SERVER["socket"] value lighttpd cannot bind: bad address, port out of range, unix socket path too long.',
    (a: { value: string; reason: string; effect: string }) =>
      `"${a.value}" is not a socket lighttpd can listen on: ${a.reason} (${a.effect}).`,
  ),
  rule(
    'invalid-backend',
    'refuses-to-start',
    'A backend block lighttpd refuses when its module starts: no host, socket or bin-path; host/port and socket together; a unix socket path too long; a relative x-sendfile-docroot; an authorizer in proxy.server.',
    (a: { directive: string; where: string; problem: string }) =>
      `${a.directive} backend ${a.where}: ${a.problem} (lighttpd refuses to start when the module configures itself; lighttpd -t does not check it, -tt does).`,
  ),
  rule(
    'missing-field',
    'refuses-to-start',
    'A list entry without a field lighttpd requires (auth.require without "method", "realm" or "require"): lighttpd refuses to start.',
    (a: { where: string; field: string; blank: boolean }) =>
      `${a.where} ${a.blank ? `has a blank "${a.field}"` : `has no "${a.field}"`}: lighttpd refuses to start when the module configures itself (lighttpd -t does not check it, -tt does).`,
  ),
  rule(
    'ssl-pemfile-missing',
    'refuses-to-start',
    'ssl.engine enabled where lighttpd has no certificate to use: no ssl.pemfile in the global scope, or in a $SERVER["socket"] block that sets other ssl.* keys or has none to inherit.',
    (a: { where: string; reason: string }) =>
      `ssl.engine is enabled in ${a.where}, but ${a.reason}: lighttpd refuses to start when its TLS module configures itself ("ssl.pemfile has to be set"; lighttpd -t does not check it, -tt does).`,
  ),
  rule(
    'too-many-conditions',
    'refuses-to-start',
    "More condition blocks than lighttpd's fixed table holds (4,095 besides the global block, 1.4.56+): lighttpd aborts at start.",
    (a: { count: number; max: number }) =>
      `The configuration has ${a.count} distinct condition blocks; lighttpd holds at most ${a.max} (a fixed table of 4096 contexts with the global one) and aborts at start from this block on ("assertion failed" in configfile-glue.c). Merge conditions, e.g. into one regular expression.`,
  ),
  rule(
    'implicit-module',
    'logs-and-carries-on',
    'A module lighttpd loads by itself for now, with a start-up warning (mod_openssl for ssl.*, mod_authn_file).',
    (a: { key: string; module: string; consequence: string }) =>
      `${a.key} needs "${a.module}" in server.modules: lighttpd loads it itself and logs 'please add "${a.module}" to server.modules list'; ${a.consequence}.`,
  ),
  rule(
    'module-order',
    'logs-and-carries-on',
    'Modules listed in an order lighttpd warns about (mod_auth after a dynamic backend, a backend after mod_staticfile).',
    (a: { module: string; before: string; logged: string; consequence: string }) =>
      `"${a.module}" should come before "${a.before}" in server.modules (lighttpd logs "${a.logged}"): ${a.consequence}.`,
  ),
  rule(
    'run-as-root',
    'refuses-to-start',
    'server.username or server.groupname naming root: lighttpd started as root refuses to start.',
    (a: { key: string; value: string; logged: string; id: 'uid' | 'gid' }) =>
      `${a.key} = "${a.value}": lighttpd started as root refuses to start ("${a.logged}"). Remove the line, or name an unprivileged ${a.id === 'uid' ? 'user' : 'group'} (e.g. www-data).`,
  ),
  rule(
    'platform-unsupported',
    'silently-ignores',
    "A value or option the target platform's lighttpd refuses (an error) or ignores (setting lighttpd.platform).",
    (a: { what: string; platform: string; effect: string; advice?: string }) =>
      `${a.what} on ${a.platform} (the target platform assumed, setting lighttpd.platform): ${a.effect}.${a.advice ? ` ${a.advice}` : ''}`,
  ),
  // Upgrade notes (features/checks/upgrade.ts; the table is schema/changes.ts): only with an upgrade source
  // (setting lighttpd.upgradeFrom, CLI --upgrade-from) older than the target version.
  rule(
    'upgrade-redirect-code',
    'accepted-but-risky',
    'url.redirect without url.redirect-code: from 1.4.75 it answers 308, not 301, to methods other than GET and HEAD.',
    (a: UpgradeArgs) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} url.redirect answers 308 instead of 301 to requests other than GET and HEAD (a POST is sent again as a POST to the new URL), since url.redirect-code is not set here. Set url.redirect-code = 301 to keep the old answer.`,
  ),
  rule(
    'upgrade-tls-min-protocol',
    'accepted-but-risky',
    'A TLS socket without MinProtocol: the default minimum rose to TLSv1.2 (1.4.56) and TLSv1.3 (1.4.77).',
    (a: UpgradeArgs & { before: string; after: string }) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} this TLS socket refuses clients older than ${a.after} (${a.from} accepts ${a.before} and newer), since ssl.openssl.ssl-conf-cmd sets no "MinProtocol".`,
  ),
  rule(
    'upgrade-error-handler-404',
    'accepted-but-risky',
    'server.error-handler-404 handles only 404 from 1.4.77 (it also handled 403 before).',
    (a: UpgradeArgs) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} server.error-handler-404 no longer handles 403 Forbidden responses; those get lighttpd's own error page.`,
  ),
  rule(
    'upgrade-static-pathinfo',
    'accepted-but-risky',
    'Static files with trailing path info (/a.html/x) get 404 from 1.4.80 (static-file.disable-pathinfo defaults to enable).',
    (a: UpgradeArgs) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} a URL with path info after a static file (e.g. /index.html/extra) gets 404 instead of the file, since static-file.disable-pathinfo is not set.`,
  ),
  rule(
    'upgrade-h2c',
    'accepted',
    'Cleartext HTTP/1.1 "Upgrade: h2c" to HTTP/2 is off from 1.4.83 unless server.feature-flags enables "server.h2c".',
    (a: UpgradeArgs) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} cleartext requests with "Upgrade: h2c" stay HTTP/1.1 (TLS and prior-knowledge HTTP/2 are unchanged), since server.feature-flags does not set "server.h2c".`,
  ),
  rule(
    'upgrade-http2',
    'accepted',
    'HTTP/2 is on by default from 1.4.59 unless server.feature-flags sets "server.h2proto".',
    (a: UpgradeArgs) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} HTTP/2 is on (TLS ALPN, cleartext prior knowledge), since server.feature-flags does not set "server.h2proto".`,
  ),
  rule(
    'upgrade-keep-alive-requests',
    'accepted',
    'server.max-keep-alive-requests defaults to 1000 from 1.4.65 (was 100).',
    (a: UpgradeArgs) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} a keep-alive connection serves up to 1000 requests instead of 100, since server.max-keep-alive-requests is not set.`,
  ),
  rule(
    'upgrade-url-normalize',
    'accepted-but-risky',
    'Request URLs are normalised by default from 1.4.54 (server.http-parseopts not set).',
    (a: UpgradeArgs) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} request URLs are normalised before conditions and modules see them (%-decoding, dot segments, %2F), since server.http-parseopts is not set.`,
  ),
  rule(
    'upgrade-dirlisting-dotfiles',
    'accepted',
    'Directory listings hide dot files by default from 1.4.40.',
    (a: UpgradeArgs) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} directory listings hide files whose names start with a dot, since dir-listing.hide-dotfiles is not set.`,
  ),
  rule(
    'upgrade-advisories',
    'accepted',
    'The security advisories that affect lighttpd.upgradeFrom and are fixed in the target release.',
    (a: { from: string; target: string; exposed: string; others: string; count: string }) =>
      `Upgrading from ${a.from} to ${a.target} fixes ${a.count} published security problem${a.count === '1' ? '' : 's'} of ${a.from}: exposed by this configuration: ${a.exposed}; not exposed by it: ${a.others} (see known-vulnerability with lighttpd.version ${a.from}).`,
  ),
  rule(
    'upgrade-alias-order',
    'refuses-to-start',
    'An alias.url entry shadowed by an earlier prefix with other entries between: fatal from 1.4.85.',
    (a: UpgradeArgs & { prefix: string; shadowed: string }) =>
      `Upgrading from ${a.from} to ${a.target}: from lighttpd ${a.release} this makes lighttpd refuse to start: "${a.shadowed}" never matches because "${a.prefix}" comes first in alias.url (older versions checked only neighbouring entries).`,
  ),
  // Security and misconfiguration checks (features/checks/security/, `lighttpd-lint --rules security`):
  // warning where something leaks or is exposed, information for hardening advice.
  securityRule(
    'list-override-in-condition',
    'accepted-but-risky',
    5.3,
    'A list (response headers, url.access-deny, ...) set with = in a condition replaces the enclosing entries there.',
    'A block sets its own value: lighttpd does not merge it with the global one, the block value replaces it for every request the block matches (lighttpd -p prints each block with its own list). += copies the enclosing list first.',
    (a) =>
      `${a.key} set with = replaces the list of ${a.where} for requests this block matches: ${a.effect}. Use += to keep them.`,
  ),
  securityRule(
    'append-after-copy',
    'accepted-but-risky',
    5.3,
    'A += after a block already copied the value with +=: the later entries never reach that block.',
    "A block's += copies the enclosing value as parsed so far; later changes to the enclosing value do not reach the block's copy (lighttpd -p shows the block without them).",
    (a) =>
      `${a.key} += comes after ${a.block} copied the list with += (${a.at}): ${a.lost} never reach the requests that block matches. Move this line above it.`,
  ),
  securityRule(
    'unanchored-host-regex',
    'accepted-but-risky',
    6.1,
    'A $HTTP["host"], referer or Origin pattern not anchored at both ends, or with an unescaped "." in a name.',
    'A =~ condition is a PCRE2 search, not a whole-string match: without ^ and $ the pattern matches anywhere in the value, and an unescaped "." matches any character.',
    (a) =>
      `${a.field} ${a.op ?? '=~'} "${a.pattern}" ${a.problem}: ${a.example ? `it also matches "${a.example}"` : 'it also matches names of other sites'}, ${a.consequence}.`,
  ),
  securityRule(
    'alias-slash-mismatch',
    'accepted-but-risky',
    5.3,
    'An alias.url key and target that disagree on the trailing slash, or a key an earlier prefix shadows.',
    'mod_alias takes the first key that is a prefix of the URL path and replaces exactly that prefix with the target; from 1.4.85 (1.4.69 for neighbouring keys) a key shadowed by an earlier one stops the server.',
    (a) =>
      a.kind === 'shadowed'
        ? `alias.url "${a.key}" never matches: "${a.prefix}" comes earlier in the list and is a prefix of it (mod_alias uses the first match)${a.fatal ? `; lighttpd ${a.fatal} refuses to start` : ''}.`
        : a.kind === 'key'
          ? `alias.url "${a.key}" has no trailing slash but its target "${a.target}" has one: "${a.key}-x" is served from "${a.target}-x" too, outside what $HTTP["url"] =^ "${a.key}/" rules cover${a.traversal ? `, and before 1.4.50 "${a.key}../" reaches the parent folder` : ''}.`
          : `alias.url "${a.key}" ends with a slash but its target "${a.target}" does not: "${a.key}x" is served from "${a.target}x", so anything next to ${a.target} whose name starts the same way is reachable.`,
  ),
  securityRule(
    'version-disclosure',
    'accepted',
    2.0,
    'server.tag not set, or naming a version: every response tells the exact lighttpd release.',
    'Without server.tag lighttpd sends "Server: lighttpd/<version>" on every response and passes it to CGI as SERVER_SOFTWARE; a blank server.tag sends no Server header.',
    (a) =>
      `${a.what}: every response carries "Server: ${a.tag}", telling clients the exact lighttpd release to look up vulnerabilities for.`,
  ),
  securityRule(
    'dir-listing-global',
    'accepted-but-risky',
    5.3,
    'Directory listings enabled for the whole server.',
    'mod_dirlisting answers a request for a folder without an index file with a list of its files; enabled globally, it does so for every folder of every host.',
    (a) =>
      `${a.key} is enabled for the whole server: every folder without an index file lists its files (backups, editor copies, dotfiles) to every client. Enable it in the $HTTP["url"] blocks that need it.`,
  ),
  securityRule(
    'status-unprotected',
    'accepted-but-risky',
    5.3,
    'A mod_status page with no remote-ip or authentication guard.',
    'mod_status answers its URLs itself, before any handler, with no access control of its own: only an enclosing $HTTP["remote-ip"] block, auth.require or url.access-deny limits who sees it.',
    (a) =>
      `${a.key} "${a.url}" is served to every client: ${a.what}. Put it inside a $HTTP["remote-ip"] block or behind auth.require.`,
  ),
  securityRule(
    'cgi-everything',
    'accepted-but-risky',
    8.8,
    'cgi.assign maps "" (every file) to a handler outside a URL-restricted block, or where clients upload.',
    'cgi.assign keys are file name suffixes; "" is a suffix of every name, so every file the block serves is executed (with "" as handler: as a program itself).',
    (a) => `cgi.assign maps "" to ${a.handler}: every file ${a.where} runs as a program when requested${a.upload}.`,
  ),
  securityRule(
    'webdav-writable',
    'accepted-but-risky',
    8.1,
    'WebDAV enabled, not read-only, with no authentication or address guard.',
    'mod_webdav accepts PUT, DELETE, MOVE, COPY, MKCOL and PROPPATCH unless webdav.is-readonly is enabled; it has no access control of its own.',
    (a) =>
      `webdav.activate is enabled without webdav.is-readonly and without auth.require: any client can upload, overwrite, move and delete files ${a.where}.`,
  ),
  securityRule(
    'extforward-trust-all',
    'accepted-but-risky',
    6.5,
    'extforward.forwarder trusts "all": any client chooses its own remote address.',
    'mod_extforward replaces the remote address with the one in X-Forwarded-For (or Forwarded) when the connecting address is trusted; "all" trusts every connection.',
    () =>
      'extforward.forwarder trusts "all": any client can send X-Forwarded-For and be taken for any address, so $HTTP["remote-ip"] guards, logs and backends see the address it chose. List the proxies\' addresses instead.',
  ),
  securityRule(
    'sendfile-unbounded',
    'accepted-but-risky',
    7.5,
    'X-Sendfile enabled for a backend without an x-sendfile-docroot.',
    'With x-sendfile enabled lighttpd sends the file a backend names in its X-Sendfile / X-LIGHTTPD-send-file header; x-sendfile-docroot limits those files to the listed folders.',
    (a) =>
      `${a.what} lets the backend make lighttpd send any file lighttpd can read (configuration, TLS keys, other sites' files); limit it with ${a.docroot}.`,
  ),
  securityRule(
    'weak-tls',
    'accepted-but-risky',
    5.9,
    'TLS settings that allow old protocols or weak ciphers, or TLS keys on a socket without ssl.engine.',
    'mod_openssl passes ssl.openssl.ssl-conf-cmd to OpenSSL SSL_CONF_cmd() and ssl.cipher-list as CipherString; TLS keys have no effect on a socket whose ssl.engine is not enabled.',
    (a) => `${a.detail}.`,
  ),
  securityRule(
    'hsts-missing',
    'accepted',
    3.1,
    'TLS is enabled but no response sets Strict-Transport-Security.',
    'Browsers remember Strict-Transport-Security and then never use http:// for the host; lighttpd sends it only when configured (setenv.add-response-header or the backend).',
    () =>
      'TLS is enabled but no Strict-Transport-Security header is set: browsers keep trying http:// first, where a network attacker can answer instead. Add it with setenv.add-response-header in the TLS socket block.',
  ),
  securityRule(
    'parseopts-unsafe',
    'accepted-but-risky',
    5.3,
    'server.http-parseopts (or server.http-parseopt-*) turning off a request check that is on by default.',
    'lighttpd validates request headers (header-strict), Host (host-strict) and control characters in URLs (url-ctrls-reject) by default; disabling url-normalize clears every url-* option.',
    (a) => `${a.option} turned off: ${a.effect}.`,
  ),
  securityRule(
    'capture-unescaped',
    'accepted-but-risky',
    6.1,
    'A %n / $n of query-string or header data copied unencoded into the path of a redirect or rewrite target, where it can carry "/", "?", "#", "%" or "..".',
    'In url.redirect and url.rewrite* a plain %n (or $n) is copied as is; %{n} and %{esc:n} (lighttpd 1.4.50+) percent-encode it. In the query of the target a capture changes nothing the client could not write itself; in the path it can add segments, climb with "..", or start a query.',
    (a) =>
      `${a.ref} copies ${a.field} into the path of the ${a.target} unencoded, and its pattern lets the client put ${a.chars} there${a.example ? ` (e.g. "${a.example}")` : ''}, changing which path it points to. Use ${a.fix}.`,
  ),
  securityRule(
    'open-redirect',
    'accepted-but-risky',
    6.1,
    'A url.redirect whose scheme or host comes from a capture of client data: a link can send visitors anywhere.',
    'mod_redirect sends the substituted string as the Location header; when a capture of the request starts it or is its host, the client chooses where browsers go.',
    (a) =>
      `${a.ref} ${a.place} and comes from ${a.field}: ${a.example ? `a link that makes it "${a.example}" sends` : 'a link can send'} visitors to another site, under your name. Write your own scheme and host in the target.`,
  ),
  securityRule(
    'source-disclosure',
    'accepted-but-risky',
    7.5,
    'A script type run only inside a condition, sent as plain text elsewhere.',
    'mod_staticfile sends any file no handler took; static-file.exclude-extensions (or url.access-deny) in the global scope keeps it from sending script source.',
    (a) =>
      `"${a.ext}" files are run by ${a.key} only ${a.where}; for every other request lighttpd sends them as plain files (their source, with any passwords in it): static-file.exclude-extensions in the global scope does not list "${a.ext}".`,
  ),
  securityRule(
    'known-vulnerability',
    'accepted-but-risky',
    7.5,
    'The target lighttpd release (lighttpd.version) is affected by a published advisory, and this configuration uses what exposes it.',
    'Each advisory (schema/advisories.ts) names the releases it affects, the release that fixed it and the modules or settings that expose it; the finding is shown only when lighttpd.version is affected and the configuration uses one of them. Distribution packages may carry the fix in an older release.',
    (a) =>
      `lighttpd ${a.version} is affected by ${a.id}, fixed in ${a.fixed}: ${a.summary}. This configuration exposes it through ${a.exposedBy}. Upgrade to ${a.fixed} or later (or a package that carries the fix): ${a.link}`,
  ),
  securityRule(
    'secret-served',
    'accepted-but-risky',
    7.5,
    'A file the configuration names as secret (auth user file, TLS key, session ticket keys, WebDAV database) lies under a document root or alias target with nothing denying its URL.',
    'mod_staticfile sends every readable file below the document root (or an alias.url target) that no handler, rewrite, url.access-deny, static-file.exclude-extensions or authentication stops; lighttpd does not know which of them it reads itself.',
    (a) =>
      `${a.key} "${a.file}" holds ${a.holds}, and it is inside ${a.where}${a.block}: a request for "${a.url}" downloads it, and nothing in the configuration denies that URL. Move the file out of the served folders, or deny it (url.access-deny += ( "${a.name}" )).`,
  ),
  securityRule(
    'tls-profile',
    'accepted-but-risky',
    5.3,
    "A TLS setting below the profile of Mozilla's server-side TLS guidelines chosen with lighttpd.security.tlsProfile (default intermediate).",
    "mod_openssl hands ssl.openssl.ssl-conf-cmd to OpenSSL (MinProtocol, Protocol, CipherString) and ssl.cipher-list as CipherString; what the configuration does not set is lighttpd's default for the release, which counts as compliant where it is.",
    (a) => `${a.what}: the ${a.profile} TLS profile (lighttpd.security.tlsProfile) asks for ${a.asks}.`,
  ),
  securityRule(
    'access-deny-missing',
    'accepted',
    3.1,
    'No url.access-deny for "~" and ".inc" in a config that serves files.',
    'mod_staticfile serves every readable file under the document root; lighttpd\'s sample lighttpd.conf denies names ending in "~" (editor backups) and ".inc" (include files).',
    (a) =>
      `No url.access-deny for ${a.missing}: editor backups (index.php~) and include files are sent as plain text to anyone who asks. lighttpd's sample config denies them.`,
  ),
  // Reported by lighttpd itself (lighttpd -tt on save, setting lighttpd.validate.executable; source "lighttpd").
  rule('lighttpd-error', 'refuses-to-start', 'An error lighttpd -tt reports for the saved configuration.'),
  rule(
    'lighttpd-warning',
    'logs-and-carries-on',
    'A warning lighttpd -tt reports for the saved configuration (e.g. unknown config-key).',
  ),
];

/** Every rule, in the order of the README's diagnostics table. */
export const RULES: readonly Rule[] = TABLE;

/** A code of the rule table. */
export type RuleCode = (typeof TABLE)[number]['code'];

/** The message arguments of rule `C`. */
export type ArgsOf<C extends RuleCode> =
  Extract<(typeof TABLE)[number], { code: C }> extends Rule<C, infer A> ? A : never;

const byCode = new Map<string, Rule>(RULES.map((r) => [r.code, r]));

export function getRule(code: string): Rule | undefined {
  return byCode.get(code);
}

export function isRuleCode(code: string): code is RuleCode {
  return byCode.has(code);
}

/** The message of rule `code` for `args` (its description when it has no message builder). */
export function ruleMessage<C extends RuleCode>(code: C, args: ArgsOf<C>): string {
  const r = byCode.get(code) as Rule<C, ArgsOf<C>> | undefined;
  return r?.message ? r.message(args) : (r?.description ?? code);
}
