/**
 * AST of a lighttpd configuration file. Every node carries exact offsets into the source text
 * (`start` inclusive, `end` exclusive). Nodes built while the parser was recovering from an error may
 * miss parts: every child that can be absent is typed optional, and walkers must check.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found by the tokenizer or the parser. `code` starts with `syntax-` (or is `file-too-large`). */
export interface SyntaxProblem extends Span {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  /** Set on problems found by Chevrotain's generic error recovery (it may skip tokens past the span). */
  readonly recovered?: boolean;
}

export interface Comment extends Span {
  readonly text: string;
}

// ---- values (grammar rules `value`, `expression`, `array`) ----

export interface StringValue extends Span {
  readonly kind: 'string';
  /** The value lighttpd sees: `\"` unescaped, every other backslash kept. */
  readonly value: string;
  /** False when the closing quote is missing. */
  readonly terminated: boolean;
}

export interface IntegerValue extends Span {
  readonly kind: 'integer';
  /** The digits as written. */
  readonly text: string;
}

/** A key used as a value: a variable reference (`var.x`, `x`, `env.HOME`, `server.port`). */
export interface VariableRef extends Span {
  readonly kind: 'variable';
  /** As written. */
  readonly name: string;
  /** With the implicit `var.` prefix applied (docs/grammar.md §2.6). */
  readonly fullName: string;
}

export interface ArrayElement extends Span {
  /** Present for `key => value` elements. */
  readonly key?: Expression;
  readonly arrow?: Span;
  readonly value?: Expression;
}

export interface ArrayValue extends Span {
  readonly kind: 'array';
  readonly elements: ArrayElement[];
  /** False when the closing parenthesis is missing. */
  readonly closed: boolean;
}

export type Value = StringValue | IntegerValue | VariableRef | ArrayValue;

/** `a + b + c` (left-associative). A single operand is represented by the value itself. */
export interface Concat extends Span {
  readonly kind: 'concat';
  readonly operands: Value[];
}

export type Expression = Value | Concat;

// ---- statements (grammar rules `metaline`, `varline`, `condlines`, `global`, `include`) ----

export interface KeyNode extends Span {
  /** As written. */
  readonly name: string;
  /** With the implicit `var.` prefix applied. */
  readonly fullName: string;
}

export type AssignOperator = '=' | '+=' | ':=';

export interface Assignment extends Span {
  readonly kind: 'assignment';
  readonly key: KeyNode;
  readonly operator?: { readonly text: AssignOperator } & Span;
  readonly value?: Expression;
}

export type ConditionOperator = '==' | '!=' | '=~' | '!~' | '=^' | '=$';

/** `$HTTP["host"] == "example.org"` (grammar rule `context`). */
export interface ConditionHead extends Span {
  /** HTTP, SERVER, REQUEST_HEADER, ... as written (without `$`). */
  readonly object?: { readonly name: string } & Span;
  /** The bracket operand: a string expression such as "host". */
  readonly field?: Expression;
  readonly operator?: { readonly text: ConditionOperator } & Span;
  readonly value?: Expression;
}

export interface Block extends Span {
  readonly statements: Statement[];
  /** False when the closing brace is missing. */
  readonly closed: boolean;
}

/** One branch of a conditional chain: the first has a head, later ones start with `else`. */
export interface ConditionBranch extends Span {
  /** The `else` (or elif/elsif/elseif) keyword; absent on the first branch. */
  readonly elseKeyword?: Span & { readonly text: string };
  /** Absent for a bare `else { }`. */
  readonly head?: ConditionHead;
  readonly body?: Block;
}

/** A chain `cond { } else cond { } else { }` (grammar rule `condlines`). */
export interface Conditional extends Span {
  readonly kind: 'conditional';
  readonly branches: ConditionBranch[];
}

export interface GlobalBlock extends Span {
  readonly kind: 'global';
  readonly body?: Block;
}

export interface Include extends Span {
  readonly kind: 'include' | 'include_shell';
  readonly keyword: Span;
  readonly operand?: Expression;
}

export type Statement = Assignment | Conditional | GlobalBlock | Include;

export interface ConfigFile extends Span {
  readonly kind: 'file';
  readonly statements: Statement[];
  readonly comments: Comment[];
  readonly problems: SyntaxProblem[];
  /**
   * Set when a list opened in one top-level statement is closed in another (only after syntax errors:
   * the parser recovered, the tokenizer still hid the line ends): the text cannot be cut at line
   * boundaries there, so an incremental re-parse parses the whole file.
   */
  readonly listsCrossStatements?: true;
}
