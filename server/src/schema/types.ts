/**
 * Types of the schema: the repository's own description of every lighttpd configuration key
 * (./directives.ts), the value sets and key sets they share (./valueSets.ts), modules (./modules.ts) and
 * conditions (./conditions.ts). Features read all of it through ./index.ts.
 */

/** lighttpd's T_CONFIG_* value types, lower-cased. */
export type DirectiveType =
  | 'string'
  | 'short'
  | 'int'
  | 'boolean'
  | 'array'
  | 'array-kvany'
  | 'array-kvarray'
  | 'array-kvstring'
  | 'array-vlist';

/**
 * server: only honoured at global scope; connection: may be set in any condition;
 * socket: global scope or directly inside `$SERVER["socket"] == ...`.
 */
export type DirectiveScope = 'server' | 'connection' | 'socket';

/**
 * What lighttpd does with something a configuration says (the releases the schema covers). Every rule of
 * features/diagnostics/rules.ts declares one, and its default severity follows from it:
 * - `refuses-to-start`: `lighttpd -t` or `-tt` (modules configuring themselves) exits with an error: error;
 * - `silently-ignores`: it starts and drops what is written (part of a statement, an option) without a word:
 *   warning;
 * - `logs-and-carries-on`: it starts, logs an error or warning, and ignores the setting or uses a fallback:
 *   warning;
 * - `accepted-but-risky`: it starts and does exactly what is written, which is likely not what was meant or
 *   exposes something: warning;
 * - `accepted`: it starts and does what is written; the finding is advice (hardening, an upgrade note, a
 *   documented alias): information;
 * - `checker`: not lighttpd's behaviour but a limit or summary of this checker (what it could read or follow);
 *   its severity is stated with the rule.
 */
export type LighttpdEffect =
  | 'refuses-to-start'
  | 'silently-ignores'
  | 'logs-and-carries-on'
  | 'accepted-but-risky'
  | 'accepted'
  | 'checker';

/**
 * What lighttpd does with a value (or a list key) outside a set: `'fatal'` it refuses to start;
 * `{ logs }` it starts, logs, and does what the sentence says (ignores it, falls back to a default);
 * `{ ignores }` it starts and does what the sentence says without a word;
 * `'accepted'` anything else is fine too (the set only lists the usual choices, for completion).
 * `outsideEffect()` (./index.ts) turns it into a LighttpdEffect.
 */
export type Outside = 'fatal' | 'accepted' | { readonly logs: string } | { readonly ignores: string };

/** One allowed value, with what it means (in our words). */
export interface EnumValue {
  readonly value: string;
  readonly meaning?: string;
}

/**
 * The values a directive accepts: of the value itself for a string or number directive, of each element
 * for a list of strings, of each element's value for a list of `"key" => "string"` with free keys.
 */
export interface ValueSet {
  readonly values: readonly EnumValue[];
  readonly outside: Outside;
  /** lighttpd compares without case. */
  readonly caseInsensitive?: boolean;
  /** "" is accepted (means the default). */
  readonly allowEmpty?: boolean;
  /** Accepted without a word but never offered (e.g. "libev", ignored since 1.4.60). */
  readonly hidden?: readonly string[];
  /** Values that no longer work, with what became of them. */
  readonly removed?: Readonly<Record<string, string>>;
}

/** A key inside a directive's list value (an option of server.feature-flags, a backend option, ...). */
export interface SubKey {
  readonly key: string;
  readonly type?: DirectiveType;
  /** First release with this key; absent: every release the directive has. */
  readonly since?: string;
  /** What it does, in our words. */
  readonly doc?: string;
  /** Its values, when they come from a set. */
  readonly values?: ValueSet;
  /** The value lighttpd uses when the key is not set (only where it is certain). */
  readonly default?: string;
  /** The newer name of the same key, when this one is its older name (both are read). */
  readonly olderNameOf?: string;
  /** A key of the same block without which lighttpd ignores this one (spawning options need bin-path). */
  readonly onlyWith?: string;
}

/** The keys lighttpd accepts at one depth of a directive's list value. */
export interface KeySet {
  /**
   * How deep the keys are: 1 in the directive's own list (`( "key" => ... )`), 2 in the block under
   * each of its keys (auth.require's `( "/path" => ( "method" => ... ) )`), 3 in backend blocks
   * (`( ".php" => ( "label" => ( "host" => ... ) ) )`).
   */
  readonly depth: 1 | 2 | 3;
  readonly keys: readonly SubKey[];
  /** What lighttpd does with a key not in `keys`. */
  readonly outside: Outside;
  /** How messages name a key: "key" (default), "field", "backend option". */
  readonly noun?: string;
  /** A boolean key with a word that is not a boolean makes lighttpd refuse to start. */
  readonly strictBooleans?: boolean;
  /** Each key's value is checked against the key's type. */
  readonly typed?: boolean;
  /** lighttpd compares the keys without case (cgi.limits). */
  readonly caseInsensitive?: boolean;
}

/** Our own documentation of a directive. */
export interface DirectiveDoc {
  /** One or two sentences: what the setting does. */
  readonly summary: string;
  /** The value lighttpd uses when the key is not set (only where it is certain). */
  readonly default?: string;
  /** A value as written after `=`, e.g. `"/var/www/html"` or `( ".php" => "/usr/bin/php-cgi" )`. */
  readonly example?: string;
}

/** A deprecated directive: still accepted, with the advice. */
export interface Deprecation {
  /** What is wrong with it, as a sentence without the final period. */
  readonly note: string;
  /** The directive to use instead, when one is named. */
  readonly replacement?: string;
  /** The replacement means exactly the same: the quick fix renames the key. */
  readonly rename?: boolean;
  /** A documented alias (reported as information, not as a warning). */
  readonly alias?: boolean;
}

/** One entry of the directive table (./directives.ts): everything the project knows about a key. */
export interface DirectiveEntry {
  readonly key: string;
  /** Primary module, or "core" for keys the server itself consumes. */
  readonly module: string;
  /** Every module that consumes the key, when more than `module` (TLS keys are shared by all TLS modules). */
  readonly modules?: readonly string[];
  readonly type: DirectiveType;
  readonly scope: DirectiveScope;
  /** First release with the key; "<=1.4.40" when it is at least that old. */
  readonly since: string;
  readonly deprecated?: Deprecation;
  /** The type depends on the TLS module (debug.log-ssl-noise). */
  readonly typeVariants?: Readonly<Record<string, DirectiveType>>;
  /** The values it accepts (see ValueSet). */
  readonly values?: ValueSet;
  /** The keys inside its list value. */
  readonly keys?: KeySet;
  /** The integer range it accepts; outside it lighttpd refuses to start. */
  readonly range?: { readonly min: number; readonly max: number };
  /** Its replacements take `$n` / `%n` captures (url.rewrite-*, url.redirect). */
  readonly substitution?: boolean;
  /** Its list's values are regular expressions its module compiles at start-up (dir-listing.exclude). */
  readonly patternValues?: boolean;
  readonly doc?: DirectiveDoc;
}

/** A key lighttpd no longer knows (it logs "unknown config-key" from `removedIn` on). */
export interface RemovedEntry {
  readonly key: string;
  readonly module: string;
  readonly removedIn: string;
  /** What became of it and what to do, as a sentence (or nothing to add). */
  readonly advice?: string;
  /** The directive to use instead, when one is named. */
  readonly replacement?: string;
  /** The replacement means exactly the same: the quick fix renames the key. */
  readonly rename?: boolean;
}

/** A directive as features see it (./index.ts): the entry with `modules` filled in and its link. */
export interface DirectiveInfo extends DirectiveEntry {
  readonly modules: readonly string[];
  /** lighttpd's documentation page for it. */
  readonly link: string;
}

export type RemovedDirectiveInfo = RemovedEntry;

export interface ModuleEntry {
  readonly name: string;
  readonly status: 'current' | 'removed';
  readonly since: string;
  readonly purpose?: string;
  readonly removedIn?: string;
  /** What replaces a removed module, e.g. "mod_vhostdb + mod_vhostdb_mysql". */
  readonly replacement?: string;
  /** A config key or feature that makes lighttpd load the module by itself. */
  readonly implicitLoad?: string;
  /** Built into the lighttpd executable (1.4.59 and later). */
  readonly builtin?: boolean;
}

export interface ModuleInfo extends ModuleEntry {
  /** The directives the module consumes (derived from the directive table). */
  readonly keys: readonly string[];
}

export interface ModuleLoadingInfo {
  readonly implicit: Readonly<Record<string, string>>;
  readonly builtinSince: string | null;
  readonly builtinModules: readonly string[];
  readonly orderingConstraints: readonly { rule: string; severity: string; since: string | null }[];
}
