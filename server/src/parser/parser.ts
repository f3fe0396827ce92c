/**
 * Chevrotain parser for lighttpd configuration files. Rule names follow lighttpd's lemon grammar
 * (src/configparser.y; transcribed in docs/grammar.md §3): input, metaline,
 * varline, expression, value, array, aelement, condlines, condline, context, cond, global, include.
 *
 * lighttpd's parser silently discards tokens it cannot shift (grammar file §10). We are stricter: each of
 * those cases has an error production here that reports a specific `syntax-*` problem and then
 * continues, so that one mistake never hides the next one.
 *
 * One parser instance serves every parse (Chevrotain's performance guidance): see parse.ts.
 */
import { EmbeddedActionsParser, EOF, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type {
  ArrayElement,
  ArrayValue,
  AssignOperator,
  Block,
  ConditionBranch,
  ConditionHead,
  ConditionOperator,
  Conditional,
  Expression,
  GlobalBlock,
  Include,
  KeyNode,
  Severity,
  Statement,
  SyntaxProblem,
  Value,
} from './ast';
import { TableLookahead } from './lookahead';
import { LOOKAHEAD_PATHS } from './lookahead.generated';
import * as T from './tokens';
import { errorMessageProvider } from './messages';

/** Implicit `var.` prefix: a key with no '.' names a user variable (docs/grammar.md §2.6). */
export function fullKeyName(name: string): string {
  return name.includes('.') ? name : 'var.' + name;
}

/** Offset one past the last character of a token (Chevrotain's endOffset is inclusive). */
function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

/** `\"` is the only escape; every other backslash stays (docs/grammar.md §2.4). */
function unquote(image: string, terminated: boolean): string {
  const inner = terminated ? image.slice(1, -1) : image.slice(1);
  return inner.includes('\\"') ? inner.replace(/\\"/g, '"') : inner;
}

const valueStartTokens: TokenType[] = [T.StringLiteral, T.UnterminatedString, T.Integer, T.Key, T.LParen];
function isValueStart(t: TokenType): boolean {
  return valueStartTokens.includes(t);
}
function isAssignOperator(t: TokenType): boolean {
  return t === T.Assign || t === T.Append || t === T.ForceAssign;
}
function describeStray(t: IToken): string {
  const img = t.image.length > 40 ? t.image.slice(0, 40) + '…' : t.image;
  return t.tokenType === T.Key ? `name '${img}'` : `value ${img}`;
}

/**
 * Tokens lighttpd's parser discards inside ( ... ) without a message: `( "a" else )` is ("a") (docs/grammar.md §10).
 * `}` is left out on purpose: a list cut short before the end of its block should end there.
 */
const strayInListTokens: TokenType[] = [
  T.Else,
  T.If,
  T.Global,
  T.Include,
  T.IncludeShell,
  T.LCurly,
  T.Dollar,
  T.LBracket,
  T.RBracket,
  T.Append,
  T.ForceAssign,
  T.Plus,
];

/** What may stand (and be dropped) between a key and its assignment operator: `a b = 1`, `server.modules if += (...)`. */
const strayBeforeOperatorTokens: TokenType[] = [
  T.Key,
  T.StringLiteral,
  T.Integer,
  T.If,
  T.Else,
  T.Global,
  T.Include,
  T.IncludeShell,
];

/** What may stand (and be dropped) between '=>' and its value. */
const strayBeforeValueTokens: TokenType[] = [T.ArrayAssign, T.Comma, ...strayInListTokens];

/** What may stand (and be dropped) between a condition and its '{'. */
const strayBeforeBraceTokens: TokenType[] = [
  T.Key,
  T.StringLiteral,
  T.UnterminatedString,
  T.Integer,
  T.Else,
  T.If,
  T.Global,
  T.Include,
  T.IncludeShell,
  T.Dollar,
  T.LBracket,
  T.RBracket,
  T.LParen,
  T.RParen,
  T.Comma,
  T.Assign,
  T.Append,
  T.ForceAssign,
  T.ArrayAssign,
  T.Eq,
  T.Match,
  T.Prefix,
  T.Suffix,
  T.Ne,
  T.NoMatch,
  T.BadNegation,
];

const strayOperatorTokens: TokenType[] = [
  T.Assign,
  T.Append,
  T.ForceAssign,
  T.ArrayAssign,
  T.Eq,
  T.Match,
  T.Prefix,
  T.Suffix,
  T.Ne,
  T.NoMatch,
  T.BadNegation,
];

/**
 * The stray-token checks below look this far ahead at most: they run at every token of a run, so an
 * unbounded look would make a long line of strays quadratic. Longer runs are handled as plain errors.
 */
const MAX_STRAY_RUN = 64;

/** Chevrotain's error recoveries allowed per parse (see the constructor). */
export const MAX_RECOVERIES = 200;

/** Members of Chevrotain's parser that its typings do not declare. */
interface ChevrotainInternals {
  SAVE_ERROR(e: IRecognitionException): IRecognitionException;
  importLexerState(index: number): void;
  getFollowsForInRuleRecovery(tokType: TokenType, tokIdxInRule: number): TokenType[];
  readonly RULE_STACK: readonly number[];
  readonly RULE_OCCURRENCE_STACK: readonly number[];
}

/**
 * Single-token insertion is tried only this many rule invocations deep (about 15 nested blocks; real
 * configs nest a handful). Chevrotain finds the tokens that may follow by walking the grammar along the
 * whole rule stack on every error, uncached: at the nesting cap that took 7 ms per error, seconds per file.
 */
export const MAX_INSERTION_RECOVERY_DEPTH = 64;

/** Follow sets by grammar path (rule stack, occurrences, token, index): the same path gives the same set. */
const followsMemo = new Map<string, TokenType[]>();
const MAX_FOLLOWS_MEMO = 10_000;

export class ConfigParser extends EmbeddedActionsParser {
  /** Problems reported by error productions during the current parse (Chevrotain's own are in `errors`). */
  problems: SyntaxProblem[] = [];
  private blockDepth = 0;
  /** '{' without a condition seen and skipped; the '}' that lighttpd pairs with each is not reported again. */
  private strayOpenBraces = 0;
  private recoveries = 0;
  /** Offset where parsing stopped after MAX_RECOVERIES errors (undefined: the whole input was parsed). */
  gaveUpAt: number | undefined;

  /**
   * `validateGrammar`: run Chevrotain's grammar validations (ambiguities, left recursion, empty
   * alternatives) while building the parser. They depend on the grammar only, never on the input, and cost
   * about a third of the construction, so the shipped parser skips them; test/unit/parser.test.ts builds one
   * with them on, and that test fails on any grammar defect.
   */
  constructor(options: { readonly validateGrammar?: boolean; readonly lookahead?: TableLookahead } = {}) {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider,
      skipValidations: !options.validateGrammar,
      // Lookahead functions from the precomputed table (lookahead.ts); Chevrotain's own strategy when the
      // grammar is validated, so that its checks see exactly what it computes.
      ...(options.validateGrammar
        ? {}
        : { lookaheadStrategy: options.lookahead ?? new TableLookahead(T.allTokens, LOOKAHEAD_PATHS) }),
    });
    this.performSelfAnalysis();
    // Each error Chevrotain recovers from costs it a follow-set computation (and in-repetition recovery
    // recurses once per error): past MAX_RECOVERIES the rest of the input is skipped, so that a file of
    // garbage costs no more than a few hundred errors.
    const internals = this as unknown as ChevrotainInternals;
    const save = internals.SAVE_ERROR.bind(this);
    internals.SAVE_ERROR = (e) => {
      const saved = save(e);
      if (++this.recoveries >= MAX_RECOVERIES && this.gaveUpAt === undefined) {
        const next = this.LA(1);
        this.gaveUpAt = Number.isNaN(next.startOffset) || next.tokenType === EOF ? -1 : next.startOffset;
        internals.importLexerState(this.input.length);
      }
      return saved;
    };
    const follows = internals.getFollowsForInRuleRecovery.bind(this);
    internals.getFollowsForInRuleRecovery = (tokType, tokIdxInRule) => {
      const stack = internals.RULE_STACK;
      if (stack.length > MAX_INSERTION_RECOVERY_DEPTH) return [];
      const key = `${stack.join(',')}|${internals.RULE_OCCURRENCE_STACK.join(',')}|${tokType.name}|${tokIdxInRule}`;
      let found = followsMemo.get(key);
      if (!found) {
        if (followsMemo.size >= MAX_FOLLOWS_MEMO) followsMemo.clear();
        followsMemo.set(key, (found = follows(tokType, tokIdxInRule)));
      }
      return found;
    };
  }

  override reset(): void {
    super.reset();
    this.problems = [];
    this.blockDepth = 0;
    this.strayOpenBraces = 0;
    this.recoveries = 0;
    this.gaveUpAt = undefined;
  }

  private report(code: string, message: string, start: number, end: number, severity: Severity = 'error'): void {
    this.problems.push({ code, message, severity, start, end });
  }

  /** True at `b` in `a b = 1` / `a "x" c += 1`: names or values, then an assignment operator, on one line. */
  private strayBeforeOperator(): boolean {
    for (let i = 1; i <= MAX_STRAY_RUN + 1; i++) {
      const tt = this.LA(i).tokenType;
      if (!strayBeforeOperatorTokens.includes(tt)) return i > 1 && isAssignOperator(tt);
    }
    return false;
  }

  /** True at stray tokens after '=>' that a value follows (`"a" => , "b"`). */
  private strayBeforeValue(): boolean {
    let i = 1;
    while (i <= MAX_STRAY_RUN && strayBeforeValueTokens.includes(this.LA(i).tokenType)) i++;
    return i > 1 && isValueStart(this.LA(i).tokenType);
  }

  /** True when tokens other than '{' stand between a condition and its '{' (on its line, or before a '{' starting the next). */
  private strayBeforeBrace(): boolean {
    for (let i = 1; i <= MAX_STRAY_RUN + 1; i++) {
      const tt = this.LA(i).tokenType;
      if (tt === T.LCurly) return i > 1;
      if (tt === T.EOL) return i > 1 && this.LA(i + 1).tokenType === T.LCurly;
      if (tt === EOF || tt === T.RCurly || !strayBeforeBraceTokens.includes(tt)) return false;
    }
    return false;
  }

  /**
   * Inside a list, after an element lighttpd discards: drop tokens up to the next ',' or ')' (or the end of the
   * line or block); the end of what was dropped, `end` when nothing was.
   */
  private skipToListSeparator(end: number): number {
    for (let n = this.LA(1).tokenType; ; n = this.LA(1).tokenType) {
      if (n === T.Comma || n === T.RParen || n === T.RCurly || n === T.EOL || n === EOF) return end;
      end = tokenEnd(this.LA(1));
      this.SKIP_TOKEN();
    }
  }

  /** After an error production: drop the rest of the line (up to EOL, or a '}' closing the current block). */
  private skipRestOfLine(): number {
    let end = -1;
    for (;;) {
      const t = this.LA(1);
      if (t.tokenType === T.EOL || t.tokenType === EOF) break;
      if (t.tokenType === T.RCurly && this.blockDepth > 0) break;
      end = tokenEnd(t); // (SKIP_TOKEN returns the token after the skipped one)
      this.SKIP_TOKEN();
    }
    return end;
  }

  // input ::= metaline*   (lemon's start symbol; named inputFile because Chevrotain owns `input`) (a stray '}' at top level is reported and skipped)
  public inputFile = this.RULE('inputFile', (): Statement[] => {
    const statements: Statement[] = [];
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const s = this.SUBRULE(this.metaline);
            if (s && !this.RECORDING_PHASE) statements.push(s);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.RCurly);
            this.ACTION(() => {
              // The partner of a '{' already reported as a block without condition: one report is enough.
              if (this.strayOpenBraces > 0) this.strayOpenBraces--;
              else
                this.report(
                  'syntax-unmatched-brace',
                  "'}' without a matching '{': lighttpd ignores it.",
                  t.startOffset,
                  t.startOffset + 1,
                );
            });
          },
        },
      ]);
    });
    return statements;
  });

  // metaline ::= varline | global | condlines EOL | include | include_shell | EOL
  // plus error productions for what lighttpd would silently drop.
  // (The alternatives are made once: this runs for every statement, and Chevrotain takes the same array on
  // every call. Hot rules below keep their state in fields or return values for the same reason.)
  private readonly metalineAlts: { ALT: () => Statement | undefined }[] = [
    { ALT: () => this.SUBRULE(this.varline) },
    { ALT: () => this.SUBRULE(this.condlines) },
    { ALT: () => this.SUBRULE(this.global) },
    { ALT: () => this.SUBRULE(this.include) },
    {
      ALT: () => {
        this.CONSUME(T.EOL);
        return undefined;
      },
    },
    {
      ALT: () => {
        this.SUBRULE(this.strayElse);
        return undefined;
      },
    },
    {
      ALT: () => {
        this.SUBRULE(this.strayBlock);
        return undefined;
      },
    },
    {
      ALT: () => {
        this.SUBRULE(this.strayToken);
        return undefined;
      },
    },
  ];
  private metaline = this.RULE('metaline', (): Statement | undefined => this.OR(this.metalineAlts));

  // `else ...` with no condition before it: lighttpd's parser drops the `else` token (and a '{' right after
  // it); what follows is read as if the `else` were not there (docs/grammar.md §8.4, §10).
  private strayElse = this.RULE('strayElse', () => {
    const kw = this.CONSUME(T.Else);
    this.ACTION(() =>
      this.report(
        'syntax-else-without-condition',
        `'${kw.image}' does not follow a condition block: lighttpd ignores it and applies the block's content unconditionally.`,
        kw.startOffset,
        tokenEnd(kw),
      ),
    );
    this.OPTION({ GATE: () => this.LA(2).tokenType === T.LCurly, DEF: () => this.CONSUME(T.EOL) });
    this.OPTION2(() => {
      this.CONSUME(T.LCurly);
      this.ACTION(() => this.strayOpenBraces++);
    });
  });

  // `{` with no condition: lighttpd drops the token, so the statements after it stay in the enclosing block
  // and the next '}' closes that block (or is dropped at top level).
  private strayBlock = this.RULE('strayBlock', () => {
    const l = this.CONSUME(T.LCurly);
    this.ACTION(() => {
      this.report(
        'syntax-block-without-condition',
        'A block needs a condition before \'{\' (e.g. $HTTP["host"] == "example.org" { ... }); lighttpd ignores these braces.',
        l.startOffset,
        l.startOffset + 1,
      );
      this.strayOpenBraces++;
    });
  });

  // A value or operator where a statement should start.
  private strayToken = this.RULE('strayToken', () => {
    const t = this.OR([
      ...[T.StringLiteral, T.UnterminatedString, T.Integer].map((tt) => ({ ALT: () => this.CONSUME(tt) })),
      { ALT: () => this.CONSUME(T.Plus) },
      ...strayOperatorTokens.map((tt) => ({ ALT: () => this.CONSUME(tt) })),
      { ALT: () => this.CONSUME(T.LParen) },
      { ALT: () => this.CONSUME(T.LBracket) },
      { ALT: () => this.CONSUME(T.RBracket) },
      { ALT: () => this.CONSUME(T.If) },
      { ALT: () => this.CONSUME(T.Comma) },
    ]);
    this.ACTION(() => {
      const tt = t.tokenType;
      if (tt === T.If) {
        // lighttpd (1.4.74+) drops an `if` that no condition follows and reads the rest of the line.
        this.report(
          'syntax-if-without-condition',
          '\'if\' must be followed by a condition such as $HTTP["host"] == "...": lighttpd ignores it here.',
          t.startOffset,
          tokenEnd(t),
        );
        return;
      }
      const restEnd = this.skipRestOfLine();
      const end = Math.max(tokenEnd(t), restEnd);
      if (tt === T.Plus) {
        this.report(
          'syntax-continuation-lost',
          "A line cannot start with '+': lighttpd ignores this line and does not continue the previous value. Put '+' at the end of the previous line.",
          t.startOffset,
          end,
        );
      } else if (tt === T.StringLiteral || tt === T.UnterminatedString || tt === T.Integer) {
        this.report(
          'syntax-extra-value',
          `Unexpected value ${t.image.length > 40 ? t.image.slice(0, 40) + '…' : t.image}: lighttpd ignores it. Join values with '+', or separate list elements with ','.`,
          t.startOffset,
          end,
        );
      } else {
        this.report(
          'syntax-unexpected-token',
          `Unexpected '${t.image}' at the start of a statement: lighttpd ignores it.`,
          t.startOffset,
          end,
        );
      }
    });
  });

  // varline ::= key ( ASSIGN | FORCE_ASSIGN | APPEND ) expression
  // The state of the assignment being parsed (an assignment never contains another one), read by the
  // alternatives below, which are made once.
  private varKey!: IToken;
  private varOpToken!: IToken;
  private varOperator: ({ text: AssignOperator } & { start: number; end: number }) | undefined;
  private varValue: Expression | undefined;
  private readonly strayBeforeOperatorAlts: { ALT: () => IToken }[] = strayBeforeOperatorTokens.map((tt) => ({
    ALT: () => this.CONSUME3(tt),
  }));
  // `a b = 1`, `a "x" = 1`: lighttpd drops what stands between the key and the operator and assigns to
  // `a` (docs/grammar.md §10; 1.4.77+ rejects a name right after a name).
  private readonly strayBeforeOperatorRun = {
    GATE: () => this.strayBeforeOperator(),
    DEF: () => {
      const t = this.OR4(this.strayBeforeOperatorAlts);
      if (this.RECORDING_PHASE) return;
      const k = this.varKey;
      this.report(
        'syntax-unexpected-token',
        `Unexpected ${describeStray(t)} between '${k.image}' and its operator: lighttpd ignores it and assigns to '${k.image}'.`,
        t.startOffset,
        tokenEnd(t),
      );
    },
  };
  private readonly assignOperatorAlts: { ALT: () => IToken }[] = [
    { ALT: () => this.CONSUME(T.Assign) },
    { ALT: () => this.CONSUME(T.Append) },
    { ALT: () => this.CONSUME(T.ForceAssign) },
  ];
  // `a =⏎ "x"` works in lighttpd (the EOL is dropped); but when the next line is an assignment of
  // its own, the value is simply missing (what a user in the middle of typing has).
  private readonly valueOnNextLine = {
    GATE: () => !(this.LA(2).tokenType === T.Key && isAssignOperator(this.LA(3).tokenType)),
    DEF: () => this.CONSUME(T.EOL),
  };
  private readonly assignedValueAlts = [
    {
      GATE: () => isValueStart(this.LA(1).tokenType),
      ALT: () => {
        this.varValue = this.SUBRULE(this.expression);
      },
    },
    {
      ALT: () => {
        if (this.RECORDING_PHASE) return;
        const op = this.varOpToken;
        const found = this.LA(1);
        const what = found.tokenType === T.EOL || found.tokenType === EOF ? 'nothing' : `'${found.image}'`;
        this.report(
          'syntax-missing-value',
          `Expected a value after '${op.image}' (a "string", a number, a variable or a ( list )) but found ${what}.`,
          op.startOffset,
          tokenEnd(op),
        );
      },
    },
  ];
  private readonly assignmentTailAlts = [
    {
      ALT: () => {
        const op = this.OR2(this.assignOperatorAlts);
        if (!this.RECORDING_PHASE) {
          this.varOpToken = op;
          this.varOperator = { text: op.image as AssignOperator, start: op.startOffset, end: tokenEnd(op) };
        }
        this.OPTION(this.valueOnNextLine);
        this.OR3(this.assignedValueAlts);
      },
    },
    {
      ALT: () => {
        this.CONSUME2(T.EOL);
        if (this.RECORDING_PHASE) return;
        const k = this.varKey;
        this.report(
          'syntax-missing-operator',
          `'${k.image}' is not followed by '=', '+=' or ':='.`,
          k.startOffset,
          tokenEnd(k),
        );
      },
    },
    {
      // `server.port 80`, `a "x"`, `a b`: no operator. (Last, since it consumes nothing itself.)
      ALT: () => {
        if (this.RECORDING_PHASE) return;
        const k = this.varKey;
        const end = this.skipRestOfLine();
        this.report(
          'syntax-missing-operator',
          `Missing '=' after '${k.image}'.`,
          k.startOffset,
          Math.max(end, tokenEnd(k)),
        );
      },
    },
  ];
  private varline = this.RULE('varline', () => {
    const k = this.CONSUME(T.Key);
    this.varKey = k;
    this.varOperator = undefined;
    this.varValue = undefined;
    this.MANY(this.strayBeforeOperatorRun);
    this.OR(this.assignmentTailAlts);
    if (this.RECORDING_PHASE) return undefined;
    const key: KeyNode = { name: k.image, fullName: fullKeyName(k.image), start: k.startOffset, end: tokenEnd(k) };
    // (set by the alternatives: TypeScript cannot see that)
    const operator = this.varOperator as ({ text: AssignOperator } & { start: number; end: number }) | undefined;
    const value = this.varValue as Expression | undefined;
    const end = value?.end ?? operator?.end ?? key.end;
    // 1.4.77+: a bare key right after a value that ends in a variable is a tokenizer error
    // ("missing assignment operator or missing string concat operator").
    const next = this.LA(1);
    if (value && next.tokenType === T.Key) {
      const last = value.kind === 'concat' ? value.operands[value.operands.length - 1] : value;
      if (last?.kind === 'variable') {
        this.report(
          'syntax-missing-operator',
          `Missing '+' or a newline between '${last.name}' and '${next.image}'.`,
          last.start,
          tokenEnd(next),
        );
      }
    }
    return { kind: 'assignment' as const, key, operator, value, start: key.start, end };
  });

  // expression ::= value ( PLUS value )*
  /** The operands of the expressions being parsed (innermost last); undefined until a '+' is seen. */
  private readonly operandStack: (Value[] | undefined)[] = [];
  private readonly expressionEol = () => this.CONSUME(T.EOL); // `a = "x" +⏎ "y"` continues the value
  private readonly expressionTail = () => {
    this.CONSUME(T.Plus);
    this.OPTION(this.expressionEol);
    const v = this.SUBRULE2(this.value);
    if (v && !this.RECORDING_PHASE) (this.operandStack[this.operandStack.length - 1] ??= []).push(v);
  };
  private expression = this.RULE('expression', (): Expression | undefined => {
    const first = this.SUBRULE(this.value);
    const depth = this.operandStack.push(undefined) - 1;
    try {
      this.MANY(this.expressionTail);
      if (this.RECORDING_PHASE) return undefined;
      const rest = this.operandStack[depth];
      if (!rest) return first;
      const operands = first ? [first, ...rest] : rest;
      if (operands.length === 1) return operands[0];
      return { kind: 'concat' as const, operands, start: operands[0].start, end: operands[operands.length - 1].end };
    } finally {
      this.operandStack.length = depth;
    }
  });

  // value ::= key | STRING | INTEGER | array
  private readonly valueAlts: { ALT: () => Value | undefined }[] = [
    {
      ALT: () => {
        const t = this.CONSUME(T.StringLiteral);
        if (this.RECORDING_PHASE) return undefined;
        return {
          kind: 'string' as const,
          value: unquote(t.image, true),
          terminated: true,
          start: t.startOffset,
          end: tokenEnd(t),
        };
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(T.UnterminatedString);
        // (reported by the tokenizer)
        if (this.RECORDING_PHASE) return undefined;
        return {
          kind: 'string' as const,
          value: unquote(t.image, false),
          terminated: false,
          start: t.startOffset,
          end: tokenEnd(t),
        };
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(T.Integer);
        if (this.RECORDING_PHASE) return undefined;
        return { kind: 'integer' as const, text: t.image, start: t.startOffset, end: tokenEnd(t) };
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(T.Key);
        if (this.RECORDING_PHASE) return undefined;
        return {
          kind: 'variable' as const,
          name: t.image,
          fullName: fullKeyName(t.image),
          start: t.startOffset,
          end: tokenEnd(t),
        };
      },
    },
    { ALT: () => this.SUBRULE(this.array) },
  ];
  private value = this.RULE('value', (): Value | undefined => this.OR(this.valueAlts));

  // array ::= LPARAN RPARAN | LPARAN aelements RPARAN ; aelements ::= aelement ( COMMA aelement | COMMA )*
  /** The lists being parsed (innermost last): what their cached alternatives below read and update. */
  private readonly lists: { elements: ArrayElement[]; afterElement: boolean; commaSeen: boolean }[] = [];
  private readonly valueStartAlts: { ALT: () => IToken }[] = valueStartTokens.map((tt) => ({
    ALT: () => this.CONSUME2(tt),
  }));
  private readonly strayInListAlts: { ALT: () => IToken }[] = strayInListTokens.map((tt) => ({
    ALT: () => this.CONSUME(tt),
  }));
  private readonly listAlts = [
    {
      ALT: () => {
        const list = this.lists[this.lists.length - 1];
        this.CONSUME(T.Comma);
        list.afterElement = false;
        list.commaSeen = true;
      },
    },
    {
      GATE: () => !this.lists[this.lists.length - 1].afterElement,
      IGNORE_AMBIGUITIES: true,
      ALT: () => {
        const list = this.lists[this.lists.length - 1];
        const e = this.SUBRULE(this.aelement);
        if (e && !this.RECORDING_PHASE) list.elements.push(e);
        list.afterElement = true;
      },
    },
    {
      // A second element without ',' before it: lighttpd's parser discards token after token until a ','
      // or ')' (`( "a" "b" + "c", "d" )` is ("a", "d"); a '(' in there is discarded too, so the next ')'
      // closes this list). Done the same way here, so that the rest of the file is read alike.
      GATE: () => this.lists[this.lists.length - 1].afterElement,
      IGNORE_AMBIGUITIES: true,
      ALT: () => {
        const t = this.OR3(this.valueStartAlts);
        this.ACTION(() => {
          const end = this.skipToListSeparator(tokenEnd(t));
          this.report(
            'syntax-missing-comma',
            "Missing ',' before this list element: lighttpd ignores it (up to the next ',' or ')').",
            t.startOffset,
            end,
          );
        });
      },
    },
    {
      ALT: () => {
        const t = this.OR2(this.strayInListAlts);
        this.ACTION(() =>
          this.report(
            'syntax-unexpected-token',
            `Unexpected '${t.image}' inside a list: lighttpd ignores it.`,
            t.startOffset,
            tokenEnd(t),
          ),
        );
      },
    },
    {
      // `"x" => "y" => "z"`: lighttpd keeps ("x" => "y") and drops the rest up to the next ',' or ')'. The
      // same after a ',' (`( "a", => "b", "c" )` is ("a", "c")); only right after '(' is the '=>' alone dropped.
      ALT: () => {
        const list = this.lists[this.lists.length - 1];
        const t = this.CONSUME(T.ArrayAssign);
        this.ACTION(() => {
          if (list.elements.length === 0 && !list.commaSeen) {
            this.report(
              'syntax-unexpected-token',
              "'=>' without a key before it: lighttpd ignores it.",
              t.startOffset,
              tokenEnd(t),
            );
            return;
          }
          const end = this.skipToListSeparator(tokenEnd(t));
          this.report(
            'syntax-extra-arrow',
            "Only one '=>' per element: lighttpd ignores this one and what follows it, up to the next ',' or ')'.",
            t.startOffset,
            end,
          );
        });
        list.afterElement = list.elements.length > 0 || list.commaSeen;
      },
    },
  ];
  private readonly listElement = () => this.OR(this.listAlts);
  private array = this.RULE('array', (): ArrayValue => {
    const l = this.CONSUME(T.LParen);
    const depth = this.lists.push({ elements: [], afterElement: false, commaSeen: false }) - 1;
    const elements = this.lists[depth].elements;
    try {
      this.MANY(this.listElement);
    } finally {
      this.lists.length = depth;
    }
    // The closing parenthesis is optional here so that a list cut short keeps its elements.
    let r: IToken | undefined;
    this.OPTION(() => {
      r = this.CONSUME(T.RParen);
    });
    return this.ACTION(() => {
      const last = elements[elements.length - 1];
      if (!r) this.report('syntax-unclosed-paren', "Missing ')' to close this list.", l.startOffset, tokenEnd(l));
      return {
        kind: 'array' as const,
        elements,
        closed: !!r,
        start: l.startOffset,
        end: r ? tokenEnd(r) : last ? last.end : tokenEnd(l),
      };
    });
  });

  // aelement ::= expression | stringop ARRAY_ASSIGN expression
  private readonly arrowAlts: { ALT: () => IToken }[] = [
    { ALT: () => this.CONSUME(T.ArrayAssign) },
    { ALT: () => this.CONSUME(T.Assign) },
  ];
  private readonly strayBeforeValueAlts: { ALT: () => IToken }[] = strayBeforeValueTokens.map((tt) => ({
    ALT: () => this.CONSUME2(tt),
  }));
  // `"a" => => "b"`, `"a" => , "b"`: lighttpd drops the stray token and takes "b" as the value.
  private readonly strayBeforeValueRun = {
    GATE: () => this.strayBeforeValue(),
    DEF: () => {
      const t = this.OR2(this.strayBeforeValueAlts);
      if (this.RECORDING_PHASE) return;
      this.report(
        'syntax-unexpected-token',
        `Unexpected '${t.image}' after '=>': lighttpd ignores it.`,
        t.startOffset,
        tokenEnd(t),
      );
    },
  };
  private readonly aelementValue = ():
    | { arrow: { start: number; end: number }; value: Expression | undefined }
    | undefined => {
    const a = this.OR(this.arrowAlts);
    let arrow: { start: number; end: number } | undefined;
    if (!this.RECORDING_PHASE) {
      if (a.tokenType === T.Assign)
        this.report(
          'syntax-assign-in-list',
          "Use '=>' for key => value pairs inside a list, not '='.",
          a.startOffset,
          tokenEnd(a),
        );
      arrow = { start: a.startOffset, end: tokenEnd(a) };
    }
    this.MANY(this.strayBeforeValueRun);
    const value = this.SUBRULE2(this.expression);
    return arrow && { arrow, value };
  };
  private aelement = this.RULE('aelement', (): ArrayElement | undefined => {
    const first = this.SUBRULE(this.expression);
    const pair = this.OPTION(this.aelementValue);
    if (this.RECORDING_PHASE || !first) return undefined;
    if (!pair) return { value: first, start: first.start, end: first.end };
    const { arrow, value } = pair;
    return { key: first, arrow, value, start: first.start, end: value?.end ?? arrow.end };
  });

  // condlines ::= condline ( eols ELSE ( condline | cond_else ) )*
  private condlines = this.RULE('condlines', (): Conditional | undefined => {
    const branches: ConditionBranch[] = [];
    const first = this.SUBRULE(this.condline);
    this.ACTION(() => first && branches.push(first));
    this.MANY({
      GATE: () =>
        this.LA(1).tokenType === T.Else || (this.LA(1).tokenType === T.EOL && this.LA(2).tokenType === T.Else),
      DEF: () => {
        this.OPTION(() => this.CONSUME(T.EOL));
        const kw = this.CONSUME(T.Else);
        this.OPTION2(() => this.CONSUME2(T.EOL)); // `else⏎{` is accepted by lighttpd
        const elseKeyword = this.ACTION(() => ({ text: kw.image, start: kw.startOffset, end: tokenEnd(kw) }));
        this.OR([
          {
            ALT: () => {
              const br = this.SUBRULE2(this.condline);
              this.ACTION(() => br && branches.push({ ...br, elseKeyword, start: elseKeyword.start }));
            },
          },
          {
            ALT: () => {
              const body = this.SUBRULE(this.block);
              this.ACTION(() =>
                branches.push({ elseKeyword, body, start: elseKeyword.start, end: body?.end ?? elseKeyword.end }),
              );
            },
          },
        ]);
      },
    });
    return this.ACTION(() => {
      if (branches.length === 0) return undefined;
      return {
        kind: 'conditional' as const,
        branches,
        start: branches[0].start,
        end: branches[branches.length - 1].end,
      };
    });
  });

  // condline ::= context LCURLY metaline* RCURLY
  private condline = this.RULE('condline', (): ConditionBranch | undefined => {
    const head = this.SUBRULE(this.context);
    // `$HTTP["url"] == "/a" "b" {`, `... == "/a" else {`: lighttpd drops what stands before the '{'.
    this.MANY({
      GATE: () => this.strayBeforeBrace(),
      DEF: () => {
        const t = this.OR(strayBeforeBraceTokens.map((tt) => ({ ALT: () => this.CONSUME(tt) })));
        this.ACTION(() =>
          this.report(
            'syntax-unexpected-token',
            `Unexpected ${describeStray(t)} before the '{' of this condition: lighttpd ignores it.`,
            t.startOffset,
            tokenEnd(t),
          ),
        );
      },
    });
    this.OPTION(() => this.CONSUME(T.EOL)); // `{` may be on the next line
    const body = this.optionalBlock('the condition', () => head?.value ?? head);
    return this.ACTION(() => {
      const start = head?.start ?? body?.start;
      if (start === undefined) return undefined;
      return { head, body, start, end: body?.end ?? head?.end ?? start };
    });
  });

  // context ::= DOLLAR SRVVARNAME LBRACKET stringop RBRACKET cond expression   (1.4.74+: optional leading `if`)
  private context = this.RULE('context', (): ConditionHead => {
    let ifTok: IToken | undefined;
    this.OPTION(() => {
      ifTok = this.CONSUME(T.If);
    });
    const d = this.CONSUME(T.Dollar);
    const obj = this.CONSUME(T.Key);
    // `$HTTP HTTP["url"]`: lighttpd drops the repeated name.
    this.MANY(() => {
      const x = this.CONSUME2(T.Key);
      this.ACTION(() =>
        this.report(
          'syntax-unexpected-token',
          `Unexpected name '${x.image}' after '$${obj.image}': lighttpd ignores it.`,
          x.startOffset,
          tokenEnd(x),
        ),
      );
    });
    this.CONSUME(T.LBracket);
    const field = this.SUBRULE(this.expression);
    this.CONSUME(T.RBracket);
    const op = this.SUBRULE(this.cond);
    const value = this.SUBRULE2(this.expression);
    return this.ACTION(() => {
      // Recovery may have made up the '$' (or the name): a made-up token has no offsets.
      const real = (t: IToken | undefined) =>
        t && !t.isInsertedInRecovery && !Number.isNaN(t.startOffset) ? t : undefined;
      const dollar = real(d);
      const name = real(obj);
      const first = real(ifTok) ?? dollar ?? name;
      const start = first?.startOffset ?? field?.start ?? op?.start ?? value?.start ?? 0;
      const object = name
        ? { name: name.image, start: dollar?.startOffset ?? name.startOffset, end: tokenEnd(name) }
        : undefined;
      const end =
        value?.end ??
        op?.end ??
        field?.end ??
        (name ? tokenEnd(name) : dollar ? tokenEnd(dollar) : first ? tokenEnd(first) : start);
      return { object, field, operator: op, value, start, end };
    });
  });

  // cond ::= EQ | MATCH | NE | NOMATCH | PREFIX | SUFFIX
  private readonly condAlts: { ALT: () => IToken }[] = [
    ...T.conditionOperatorTokens.map((tt) => ({ ALT: () => this.CONSUME(tt) })),
    { ALT: () => this.CONSUME(T.BadNegation) },
    { ALT: () => this.CONSUME(T.Assign) },
  ];
  private cond = this.RULE('cond', (): ({ text: ConditionOperator } & { start: number; end: number }) | undefined => {
    const t = this.OR(this.condAlts);
    return this.ACTION(() => {
      if (t.tokenType === T.BadNegation) {
        this.report(
          'syntax-invalid-operator',
          `'${t.image}' is not a condition operator: only '!=' and '!~' negate (use else for the others).`,
          t.startOffset,
          tokenEnd(t),
        );
        return undefined;
      }
      if (t.tokenType === T.Assign) {
        this.report(
          'syntax-invalid-operator',
          "'=' is not a condition operator: use '==' (or =~ =^ =$ != !~).",
          t.startOffset,
          tokenEnd(t),
        );
        return undefined;
      }
      return { text: t.image as ConditionOperator, start: t.startOffset, end: tokenEnd(t) };
    });
  });

  /**
   * The block after a condition or `global`, entered only at a real '{'. Without one the statement ends
   * there (reported on what needed the brace): a '{' inserted by Chevrotain's recovery would nest
   * every following line one level deeper, so that a run of condition lines could exhaust the stack.
   */
  private optionalBlock(after: string, before: () => { start: number; end: number } | undefined): Block | undefined {
    let body: Block | undefined;
    this.OR9([
      {
        GATE: () => this.LA(1).tokenType === T.LCurly,
        ALT: () => {
          body = this.SUBRULE9(this.block);
        },
      },
      {
        ALT: () =>
          this.ACTION(() => {
            const found = this.LA(1);
            const what =
              found.tokenType === T.EOL || found.tokenType === EOF
                ? 'the end of the line'
                : `'${found.image.length > 30 ? found.image.slice(0, 30) + '…' : found.image}'`;
            const at = before() ?? { start: found.startOffset, end: found.startOffset };
            this.report('syntax-unexpected-token', `Expected '{' after ${after} (found ${what}).`, at.start, at.end);
          }),
      },
    ]);
    return body;
  }

  // LCURLY metaline* RCURLY
  private block = this.RULE('block', (): Block => {
    const before = this.LA(1);
    const l = this.CONSUME(T.LCurly);
    // A '{' inserted by Chevrotain's recovery has no position (its absence is reported already).
    const lStart = Number.isNaN(l.startOffset)
      ? Number.isNaN(before.startOffset)
        ? 0
        : before.startOffset
      : l.startOffset;
    const inserted = !!l.isInsertedInRecovery || Number.isNaN(l.startOffset);
    const statements: Statement[] = [];
    this.ACTION(() => this.blockDepth++);
    this.MANY(() => {
      const s = this.SUBRULE(this.metaline);
      if (s && !this.RECORDING_PHASE) statements.push(s);
    });
    this.ACTION(() => this.blockDepth--);
    // Optional so that a block cut short (missing '}') keeps its statements.
    let r: IToken | undefined;
    this.OPTION(() => {
      r = this.CONSUME(T.RCurly);
    });
    return this.ACTION(() => {
      const last = statements[statements.length - 1];
      if (!r && !inserted) this.report('syntax-unclosed-brace', "Missing '}' to close this block.", lStart, lStart + 1);
      return {
        statements,
        closed: !!r,
        start: lStart,
        end: r ? tokenEnd(r) : last ? last.end : inserted ? lStart : lStart + 1,
      };
    });
  });

  // global ::= GLOBAL LCURLY metaline* RCURLY
  private global = this.RULE('global', (): GlobalBlock => {
    const g = this.CONSUME(T.Global);
    this.OPTION(() => this.CONSUME(T.EOL));
    const body = this.optionalBlock("'global'", () => ({ start: g.startOffset, end: tokenEnd(g) }));
    return this.ACTION(() => ({ kind: 'global' as const, body, start: g.startOffset, end: body?.end ?? tokenEnd(g) }));
  });

  // include ::= INCLUDE stringop ; include_shell ::= INCLUDE_SHELL stringop
  private include = this.RULE('include', (): Include => {
    const kw = this.OR([{ ALT: () => this.CONSUME(T.Include) }, { ALT: () => this.CONSUME(T.IncludeShell) }]);
    const operand = this.SUBRULE(this.expression);
    return this.ACTION(() => ({
      kind: kw.tokenType === T.IncludeShell ? ('include_shell' as const) : ('include' as const),
      keyword: { start: kw.startOffset, end: tokenEnd(kw) },
      operand,
      start: kw.startOffset,
      end: operand?.end ?? tokenEnd(kw),
    }));
  });
}
