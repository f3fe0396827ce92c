/**
 * Token types of the lighttpd configuration language (docs/grammar.md §2,
 * lighttpd's `config_tokenizer()` in src/configfile.c). Names follow the token names of
 * src/configparser.y where lighttpd has one (LKEY, STRING, INTEGER, ASSIGN, ...).
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Key characters: [A-Za-z0-9._-]. A token that starts with a digit is an INTEGER instead. */
export const Key = createToken({ name: 'LKEY', pattern: /[A-Za-z._-][A-Za-z0-9._-]*/ });

// Reserved words are whole key tokens only (`includes = 1` is a key): longer_alt falls back to Key.
export const IncludeShell = createToken({ name: 'INCLUDE_SHELL', pattern: /include_shell/, longer_alt: Key });
export const Include = createToken({ name: 'INCLUDE', pattern: /include/, longer_alt: Key });
export const Global = createToken({ name: 'GLOBAL', pattern: /global/, longer_alt: Key });
/** `else`, and since 1.4.74 its aliases `elif`, `elsif`, `elseif` (the tokenizer maps them all to ELSE). */
export const Else = createToken({ name: 'ELSE', pattern: /else(?:if)?|elsif|elif/, longer_alt: Key });
/** `if` (1.4.74+): discarded by lighttpd's tokenizer before a condition. */
export const If = createToken({ name: 'IF', pattern: /if/, longer_alt: Key });

export const Integer = createToken({ name: 'INTEGER', pattern: /[0-9]+/ });
/**
 * Double-quoted string. The only escape is \" ; every other backslash is literal, so a string cannot end
 * in a backslash. Raw newlines are allowed inside.
 */
export const StringLiteral = createToken({
  name: 'STRING',
  pattern: /"(?:[^"\\]|\\"|\\(?!"))*"/,
  line_breaks: true,
});
/** A string with no closing quote anywhere: taken to the end of its line so that the rest can be parsed. */
export const UnterminatedString = createToken({ name: 'UNTERMINATED_STRING', pattern: /"[^\r\n]*/ });

export const Append = createToken({ name: 'APPEND', pattern: /\+=/ });
export const ForceAssign = createToken({ name: 'FORCE_ASSIGN', pattern: /:=/ });
export const ArrayAssign = createToken({ name: 'ARRAY_ASSIGN', pattern: /=>/ });
export const Eq = createToken({ name: 'EQ', pattern: /==/ });
export const Match = createToken({ name: 'MATCH', pattern: /=~/ });
export const Prefix = createToken({ name: 'PREFIX', pattern: /=\^/ });
export const Suffix = createToken({ name: 'SUFFIX', pattern: /=\$/ });
export const Ne = createToken({ name: 'NE', pattern: /!=/ });
export const NoMatch = createToken({ name: 'NOMATCH', pattern: /!~/ });
/** `!^`, `!$` and other `!x`: not operators in lighttpd; lexed to give a precise message. */
export const BadNegation = createToken({ name: 'BAD_NEGATION', pattern: /![\^$]/ });
export const Assign = createToken({ name: 'ASSIGN', pattern: /=/ });
export const Plus = createToken({ name: 'PLUS', pattern: /\+/ });
export const Comma = createToken({ name: 'COMMA', pattern: /,/ });
export const LParen = createToken({ name: 'LPARAN', pattern: /\(/ });
export const RParen = createToken({ name: 'RPARAN', pattern: /\)/ });
export const LCurly = createToken({ name: 'LCURLY', pattern: /\{/ });
export const RCurly = createToken({ name: 'RCURLY', pattern: /\}/ });
export const LBracket = createToken({ name: 'LBRACKET', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBRACKET', pattern: /\]/ });
export const Dollar = createToken({ name: 'DOLLAR', pattern: /\$/ });
/** `;` does not exist in lighttpd (it is "invalid character in variable name"); lexed for a precise message. */
export const Semicolon = createToken({ name: 'SEMICOLON', pattern: /;/ });

/** Newlines become EOL tokens (or nothing, inside parentheses) in the shaping pass of lexer.ts. */
export const Newline = createToken({ name: 'NEWLINE', pattern: /\r\n|\r|\n/, line_breaks: true });
/** The statement separator the parser sees. Never produced by the Chevrotain lexer itself. */
export const EOL = createToken({ name: 'EOL', pattern: Lexer.NA });

export const Comment = createToken({ name: 'COMMENT', pattern: /#[^\r\n]*/, group: 'comments' });
/** Blanks: space, tab and U+00A0 NO-BREAK SPACE (1.4.57+). */
export const WhiteSpace = createToken({ name: 'WS', pattern: /[ \t\u00a0]+/, group: Lexer.SKIPPED });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Newline,
  Comment,
  StringLiteral,
  UnterminatedString,
  Append,
  ForceAssign,
  ArrayAssign,
  Eq,
  Match,
  Prefix,
  Suffix,
  Ne,
  NoMatch,
  BadNegation,
  Assign,
  Plus,
  Comma,
  LParen,
  RParen,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  Dollar,
  Semicolon,
  Integer,
  IncludeShell,
  Include,
  Global,
  Else,
  If,
  Key,
  EOL,
];

/** Condition operators (grammar rule `cond`). */
export const conditionOperatorTokens: TokenType[] = [Eq, Match, Ne, NoMatch, Prefix, Suffix];
