/**
 * A fast path for parse(): a plain recursive-descent parser for token streams in which the Chevrotain
 * parser (parser.ts) finds nothing to report. It builds exactly the tree parser.ts builds for them, and
 * gives up (returns undefined) at the first token where parser.ts would take an error production, recover,
 * or decide differently than on a clean config; parse() then runs parser.ts on the whole file.
 *
 * Why: Chevrotain's generic machinery (alternatives arrays, closures and lookahead functions per rule call)
 * made parsing the largest cost of a full check — about 27 ms of CPU for a 10,000-line config, where this
 * takes a few. parser.ts stays the definition of the language; test/unit/fastParse.test.ts checks that
 * whatever this accepts is parsed identically there (corpus, seeds, random edits).
 *
 * Accepted, as in parser.ts (grammar: shared/reference/lighttpd-grammar.md §3):
 *   file      ::= ( EOL | statement (EOL | EOF) )*
 *   statement ::= key (= | += | :=) [EOL] expression | condlines | global [EOL] block | include expression
 *   condlines ::= condline ( [EOL] else [EOL] (condline | block) )*
 *   condline  ::= [if] $ key [ expression ] cond expression [EOL] block
 *   block     ::= { ( EOL | statement (EOL | before }) )* }
 *   expression::= value ( + [EOL] value )*          value ::= STRING | INTEGER | key | array
 *   array     ::= ( ( , | element )* )              element ::= expression [ => expression ]
 * with an element only at the start or after a ','. Anything else (an unterminated string, a stray token,
 * a missing operator, '=' in a list, two statements on one line, ...) is left to parser.ts.
 */
import type { IToken, TokenType } from 'chevrotain';
import type {
  ArrayElement,
  ArrayValue,
  AssignOperator,
  Assignment,
  Block,
  ConditionBranch,
  ConditionHead,
  ConditionOperator,
  Conditional,
  Expression,
  GlobalBlock,
  Include,
  Statement,
  Value,
} from './ast';
import { fullKeyName } from './parser';
import * as T from './tokens';

/** Thrown to abandon the fast path. */
const GIVE_UP: unique symbol = Symbol('give up');

const CONDITION_OPERATORS = new Set<TokenType>(T.conditionOperatorTokens);

function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

/** `\"` is the only escape; every other backslash stays (grammar §2.4). */
function unquote(image: string): string {
  const inner = image.slice(1, -1);
  return inner.includes('\\"') ? inner.replace(/\\"/g, '"') : inner;
}

class FastParser {
  private i = 0;
  /**
   * Children being collected, for every list under construction (nested lists stack up): each list is
   * copied out at its exact length. An array grown by push keeps room for 17 elements, and lists of one
   * or two are the rule here (a fifth of the tree's memory, which decides how well checks run on big files).
   */
  private readonly scratch: unknown[] = [];
  constructor(private readonly tokens: readonly IToken[]) {}

  private take<T>(mark: number): T[] {
    const out = this.scratch.slice(mark) as T[];
    this.scratch.length = mark;
    return out;
  }

  /** Type of the token `k` ahead (1 = next); undefined past the end (Chevrotain's EOF). */
  private la(k = 1): TokenType | undefined {
    return this.tokens[this.i + k - 1]?.tokenType;
  }

  private next(): IToken {
    const t = this.tokens[this.i];
    if (t === undefined) throw GIVE_UP;
    this.i++;
    return t;
  }

  private expect(type: TokenType): IToken {
    const t = this.tokens[this.i];
    if (t === undefined || t.tokenType !== type) throw GIVE_UP;
    this.i++;
    return t;
  }

  file(): Statement[] {
    const mark = this.scratch.length;
    while (this.i < this.tokens.length) {
      if (this.la() === T.EOL) { this.i++; continue; }
      this.scratch.push(this.statement());
      const after = this.la();
      if (after !== T.EOL && after !== undefined) throw GIVE_UP;
    }
    return this.take(mark);
  }

  private statement(): Statement {
    const type = this.la();
    if (type === T.Key) return this.varline();
    if (type === T.Dollar || (type === T.If && this.la(2) === T.Dollar)) return this.condlines();
    if (type === T.Global) return this.global();
    if (type === T.Include || type === T.IncludeShell) return this.include();
    throw GIVE_UP;
  }

  private varline(): Assignment {
    const k = this.next();
    const key = { name: k.image, fullName: fullKeyName(k.image), start: k.startOffset, end: tokenEnd(k) };
    const opType = this.la();
    if (opType !== T.Assign && opType !== T.Append && opType !== T.ForceAssign) throw GIVE_UP;
    const op = this.next();
    const operator = { text: op.image as AssignOperator, start: op.startOffset, end: tokenEnd(op) };
    // `a =⏎ "x"`: the end of line is skipped unless the next line is an assignment of its own.
    if (this.la() === T.EOL && !(this.la(2) === T.Key && isAssignOperator(this.la(3)))) this.i++;
    const value = this.expression();
    // 1.4.77+ reports a name right after a value that ends in a variable (parser.ts does too).
    if (this.la() === T.Key) throw GIVE_UP;
    return { kind: 'assignment', key, operator, value, start: key.start, end: value.end };
  }

  private expression(): Expression {
    const first = this.value();
    if (this.la() !== T.Plus) return first;
    const mark = this.scratch.length;
    this.scratch.push(first);
    while (this.la() === T.Plus) {
      this.i++;
      if (this.la() === T.EOL) this.i++;
      this.scratch.push(this.value());
    }
    const operands = this.take<Value>(mark);
    return { kind: 'concat', operands, start: operands[0].start, end: operands[operands.length - 1].end };
  }

  private value(): Value {
    const t = this.tokens[this.i];
    const type = t?.tokenType;
    if (type === T.StringLiteral) {
      this.i++;
      return { kind: 'string', value: unquote(t.image), terminated: true, start: t.startOffset, end: tokenEnd(t) };
    }
    if (type === T.Integer) {
      this.i++;
      return { kind: 'integer', text: t.image, start: t.startOffset, end: tokenEnd(t) };
    }
    if (type === T.Key) {
      this.i++;
      return { kind: 'variable', name: t.image, fullName: fullKeyName(t.image), start: t.startOffset, end: tokenEnd(t) };
    }
    if (type === T.LParen) return this.array();
    throw GIVE_UP;
  }

  private array(): ArrayValue {
    const l = this.next();
    const mark = this.scratch.length;
    let afterElement = false;
    for (;;) {
      const type = this.la();
      if (type === T.Comma) {
        this.i++;
        afterElement = false;
      } else if (type === T.RParen) {
        const r = this.next();
        return { kind: 'array', elements: this.take<ArrayElement>(mark), closed: true, start: l.startOffset, end: tokenEnd(r) };
      } else if (!afterElement && isValueStart(type)) {
        this.scratch.push(this.element());
        afterElement = true;
      } else {
        throw GIVE_UP;
      }
    }
  }

  private element(): ArrayElement {
    const first = this.expression();
    if (this.la() !== T.ArrayAssign) return { value: first, start: first.start, end: first.end };
    const a = this.next();
    const arrow = { start: a.startOffset, end: tokenEnd(a) };
    const value = this.expression();
    return { key: first, arrow, value, start: first.start, end: value.end };
  }

  private condlines(): Conditional {
    const mark = this.scratch.length;
    this.scratch.push(this.condline());
    while (this.la() === T.Else || (this.la() === T.EOL && this.la(2) === T.Else)) {
      if (this.la() === T.EOL) this.i++;
      const kw = this.next();
      if (this.la() === T.EOL) this.i++; // `else⏎{`
      const elseKeyword = { text: kw.image, start: kw.startOffset, end: tokenEnd(kw) };
      const type = this.la();
      if (type === T.Dollar || (type === T.If && this.la(2) === T.Dollar)) {
        const br = this.condline();
        this.scratch.push({ ...br, elseKeyword, start: elseKeyword.start });
      } else if (type === T.LCurly) {
        const body = this.block();
        this.scratch.push({ elseKeyword, body, start: elseKeyword.start, end: body.end });
      } else {
        throw GIVE_UP;
      }
    }
    const branches = this.take<ConditionBranch>(mark);
    return { kind: 'conditional', branches, start: branches[0].start, end: branches[branches.length - 1].end };
  }

  private condline(): ConditionBranch {
    const head = this.context();
    if (this.la() === T.EOL) this.i++; // `{` on the next line
    if (this.la() !== T.LCurly) throw GIVE_UP;
    const body = this.block();
    return { head, body, start: head.start, end: body.end };
  }

  private context(): ConditionHead {
    const ifTok = this.la() === T.If ? this.next() : undefined;
    const d = this.expect(T.Dollar);
    const obj = this.expect(T.Key);
    this.expect(T.LBracket);
    const field = this.expression();
    this.expect(T.RBracket);
    const opType = this.la();
    if (opType === undefined || !CONDITION_OPERATORS.has(opType)) throw GIVE_UP;
    const o = this.next();
    const operator = { text: o.image as ConditionOperator, start: o.startOffset, end: tokenEnd(o) };
    const value = this.expression();
    const start = ifTok ? ifTok.startOffset : d.startOffset;
    const object = { name: obj.image, start: d.startOffset, end: tokenEnd(obj) };
    return { object, field, operator, value, start, end: value.end };
  }

  private block(): Block {
    const l = this.expect(T.LCurly);
    const mark = this.scratch.length;
    for (;;) {
      const type = this.la();
      if (type === T.EOL) { this.i++; continue; }
      if (type === T.RCurly) break;
      this.scratch.push(this.statement());
      const after = this.la();
      if (after !== T.EOL && after !== T.RCurly) throw GIVE_UP;
    }
    const r = this.next();
    return { statements: this.take<Statement>(mark), closed: true, start: l.startOffset, end: tokenEnd(r) };
  }

  private global(): GlobalBlock {
    const g = this.next();
    if (this.la() === T.EOL) this.i++;
    if (this.la() !== T.LCurly) throw GIVE_UP;
    const body = this.block();
    return { kind: 'global', body, start: g.startOffset, end: body.end };
  }

  private include(): Include {
    const kw = this.next();
    const operand = this.expression();
    return {
      kind: kw.tokenType === T.IncludeShell ? 'include_shell' : 'include',
      keyword: { start: kw.startOffset, end: tokenEnd(kw) },
      operand,
      start: kw.startOffset,
      end: operand.end,
    };
  }
}

function isAssignOperator(t: TokenType | undefined): boolean {
  return t === T.Assign || t === T.Append || t === T.ForceAssign;
}

function isValueStart(t: TokenType | undefined): boolean {
  return t === T.StringLiteral || t === T.Integer || t === T.Key || t === T.LParen;
}

/** The statements of a token stream (from lexer.ts tokenize), or undefined when parser.ts must decide. */
export function parseFast(tokens: readonly IToken[]): Statement[] | undefined {
  try {
    return new FastParser(tokens).file();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
