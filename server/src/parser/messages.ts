/**
 * Readable parser error messages: token names become what the user wrote or should write.
 */
import { defaultParserErrorProvider, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';

const display: Record<string, string> = {
  LKEY: 'a name',
  STRING: 'a string',
  UNTERMINATED_STRING: 'a string',
  INTEGER: 'a number',
  EOL: 'end of line',
  EOF: 'end of file',
  ASSIGN: "'='",
  APPEND: "'+='",
  FORCE_ASSIGN: "':='",
  ARRAY_ASSIGN: "'=>'",
  PLUS: "'+'",
  COMMA: "','",
  LPARAN: "'('",
  RPARAN: "')'",
  LCURLY: "'{'",
  RCURLY: "'}'",
  LBRACKET: "'['",
  RBRACKET: "']'",
  DOLLAR: "'$'",
  EQ: "'=='",
  NE: "'!='",
  MATCH: "'=~'",
  NOMATCH: "'!~'",
  PREFIX: "'=^'",
  SUFFIX: "'=$'",
  ELSE: "'else'",
  IF: "'if'",
  GLOBAL: "'global'",
  INCLUDE: "'include'",
  INCLUDE_SHELL: "'include_shell'",
};

export function describeTokenType(t: TokenType): string {
  return display[t.name] ?? t.name;
}

export function describeToken(t: IToken): string {
  if (t.tokenType.name === 'EOF') return 'end of file';
  if (t.tokenType.name === 'EOL') return t.image === '' ? 'end of line' : 'end of line';
  return `'${t.image.length > 30 ? t.image.slice(0, 30) + '…' : t.image}'`;
}

function describeAlternatives(paths: TokenType[][][]): string {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(describeTokenType(path[0]));
  const list = [...firsts];
  if (list.length === 0) return 'something else';
  if (list.length <= 6) return list.join(', ');
  return list.slice(0, 6).join(', ') + ', …';
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    const want = describeTokenType(expected);
    if (expected.name === 'RCURLY') return `Missing '}' to close the block (found ${describeToken(actual)}).`;
    if (expected.name === 'RPARAN') return `Missing ')' to close the list (found ${describeToken(actual)}).`;
    if (expected.name === 'RBRACKET') return `Missing ']' after the condition field (found ${describeToken(actual)}).`;
    if (expected.name === 'LCURLY') return `Expected '{' after the condition (found ${describeToken(actual)}).`;
    return `Expected ${want} in ${ruleName} but found ${describeToken(actual)}.`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Unexpected ${describeToken(firstRedundant)}.`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const found = describeToken(actual[0]);
    if (ruleName === 'value' || ruleName === 'expression') {
      return `Expected a value (a "string", a number, a variable or a ( list )) but found ${found}.`;
    }
    if (ruleName === 'cond') return `Expected a condition operator (==, !=, =~, !~, =^, =$) but found ${found}.`;
    return `Expected ${describeAlternatives(expectedPathsPerAlt)} but found ${found}.`;
  },
  buildEarlyExitMessage(options) {
    return defaultParserErrorProvider.buildEarlyExitMessage(options);
  },
};
