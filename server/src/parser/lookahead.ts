/**
 * The parser's lookahead, read from a table made when the grammar changed instead of computed at every start.
 *
 * Chevrotain builds one lookahead function per OR / OPTION / MANY of the grammar while the parser is constructed,
 * and computing the token paths those functions test is most of that work (about half of the construction, which
 * every `lighttpd-lint` run and every server start pays). The paths depend on the grammar only, so they are
 * computed once by `npm run gen:lookahead` into `lookahead.generated.ts`; this strategy (Chevrotain's
 * `lookaheadStrategy` extension point: still the one Chevrotain parser) builds the same functions from them.
 * A production missing from the table is computed as Chevrotain does (`getLookaheadPaths`), so a stale table
 * costs time, never a wrong parse of a new production; test/unit/parser.test.ts fails when the table differs
 * from what Chevrotain computes for today's grammar.
 */
import {
  getLookaheadPaths,
  tokenMatcher,
  type ILookaheadStrategy,
  type ILookaheadValidationError,
  type IOrAlt,
  type OptionalProductionType,
  type Rule,
  type TokenType,
} from 'chevrotain';

/** Token paths per production: alternatives -> paths -> indices into the parser's token list. */
export type LookaheadTable = Readonly<Record<string, readonly (readonly (readonly number[])[])[]>>;

type Parser = { LA(i: number): { tokenTypeIdx: number } };
type Paths = TokenType[][][];

export function lookaheadKey(rule: string, prodType: string, occurrence: number, maxLookahead: number): string {
  return `${rule}|${prodType}|${occurrence}|${maxLookahead}`;
}

export class TableLookahead implements ILookaheadStrategy {
  /** Every production's paths as computed or read, by key (what `npm run gen:lookahead` writes). */
  readonly computed = new Map<string, number[][][]>();

  constructor(
    private readonly tokens: readonly TokenType[],
    private readonly table: LookaheadTable = {},
  ) {}

  validate(): ILookaheadValidationError[] {
    // The grammar's validations run with Chevrotain's own strategy (ConfigParser's validateGrammar).
    return [];
  }

  private paths(rule: Rule, prodType: string, occurrence: number, maxLookahead: number): Paths {
    const key = lookaheadKey(rule.name, prodType, occurrence, maxLookahead);
    const stored = this.table[key];
    let paths: Paths;
    if (stored) paths = stored.map((alt) => alt.map((path) => path.map((i) => this.tokens[i])));
    else {
      paths = getLookaheadPaths({
        occurrence,
        rule,
        prodType: prodType as OptionalProductionType | 'Alternation',
        maxLookahead,
      });
      // An optional production's second entry is what follows it; its function tests only the first.
      if (prodType !== 'Alternation') paths = paths.slice(0, 1);
    }
    this.computed.set(
      key,
      paths.map((alt) => alt.map((path) => path.map((t) => this.tokens.indexOf(t)))),
    );
    return paths;
  }

  buildLookaheadForAlternation(options: {
    prodOccurrence: number;
    rule: Rule;
    maxLookahead: number;
    hasPredicates: boolean;
    dynamicTokensEnabled: boolean;
  }): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    const alts = this.paths(options.rule, 'Alternation', options.prodOccurrence, options.maxLookahead);
    if (options.hasPredicates) {
      return function (this: Parser, orAlts?: IOrAlt<unknown>[]) {
        for (let a = 0; a < alts.length; a++) {
          const gate = orAlts?.[a]?.GATE;
          if (gate !== undefined && gate.call(this) === false) continue;
          if (anyPathMatches(this, alts[a])) return a;
        }
        return undefined;
      };
    }
    const firstTokens = singleTokenIndex(alts, options.dynamicTokensEnabled);
    if (firstTokens) {
      return function (this: Parser) {
        return firstTokens[this.LA(1).tokenTypeIdx];
      };
    }
    return function (this: Parser) {
      for (let a = 0; a < alts.length; a++) if (anyPathMatches(this, alts[a])) return a;
      return undefined;
    };
  }

  buildLookaheadForOptional(options: {
    prodOccurrence: number;
    prodType: OptionalProductionType;
    rule: Rule;
    maxLookahead: number;
    dynamicTokensEnabled: boolean;
  }): () => boolean {
    const [inside] = this.paths(options.rule, options.prodType, options.prodOccurrence, options.maxLookahead);
    const firstTokens = singleTokenIndex([inside], options.dynamicTokensEnabled);
    if (firstTokens) {
      return function (this: Parser) {
        return firstTokens[this.LA(1).tokenTypeIdx] === 0;
      };
    }
    return function (this: Parser) {
      return anyPathMatches(this, inside);
    };
  }
}

function anyPathMatches(parser: Parser, paths: TokenType[][]): boolean {
  next: for (const path of paths) {
    for (let i = 0; i < path.length; i++) {
      if (!tokenMatcher(parser.LA(i + 1) as never, path[i])) continue next;
    }
    return true;
  }
  return false;
}

/**
 * When every path of every alternative is one token long: the alternative of each token type (and of the types
 * in its category), the first alternative winning, as Chevrotain's own table does. Undefined otherwise.
 */
function singleTokenIndex(alts: Paths, dynamicTokensEnabled: boolean): (number | undefined)[] | undefined {
  if (dynamicTokensEnabled || !alts.every((alt) => alt.every((path) => path.length === 1))) return undefined;
  const index: (number | undefined)[] = [];
  alts.forEach((alt, a) => {
    for (const [t] of alt) {
      if (index[t.tokenTypeIdx!] === undefined) index[t.tokenTypeIdx!] = a;
      for (const c of t.categoryMatches ?? []) if (index[c] === undefined) index[c] = a;
    }
  });
  return index;
}
