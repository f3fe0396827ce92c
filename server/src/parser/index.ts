export * from './ast';
export { parse, MAX_PROBLEMS } from './parse';
export { tokenize, MAX_NESTING } from './lexer';
export { fullKeyName } from './parser';
