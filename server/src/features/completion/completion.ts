/**
 * Context-aware completion. The context comes from the tokens of the statement the cursor is in (the
 * text being typed is usually incomplete, so tokens say more than the recovered tree), the block
 * structure and the evaluation of the document model:
 *
 *   - start of a statement: directives valid there (in a condition only those that apply per condition;
 *     socket-scope ones directly inside `$SERVER["socket"] == ...`), `var.` names set so far, keywords,
 *     condition heads; accepting a directive whose module is not loaded also adds the module
 *     (additionalTextEdits from the same planner as the quick fix);
 *   - after `=` of a directive with an enum or boolean type: its values; inside `server.modules = (`:
 *     modules not loaded yet; inside lists with known keys (backend blocks of *.server,
 *     server.feature-flags, server.http-parseopts, ...): those keys, then their values;
 *   - `$` condition objects, `$HTTP["` fields, operators after `]`, typical values after the operator;
 *   - inside the string of `include "…"`: folders and files, relative to the main config's folder as
 *     lighttpd resolves them (path mappings first), and `*.conf` for a folder with config files.
 *
 * Items are filtered by the typed word (subsequence match) and ranked by relevance through sortText.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IToken } from 'chevrotain';
import type { DocumentModel } from '../../analysis';
import { requiredModule } from '../../analysis/modules';
import { snippetCompletionItems } from './snippets';
import { tokenize } from '../../parser';
import * as T from '../../parser/tokens';
import {
  BOOLEAN_CHOICES,
  CONDITION_FIELDS,
  CONDITION_OPERATORS,
  DIRECTIVES,
  MODULES,
  getDirective,
  keySetAt,
  compareVersions,
  NEWEST_VERSION,
  normalizeVersion,
  valueChoices,
  type DirectiveInfo,
} from '../../schema';
import { platformRefusal } from '../checks/platform';
import { DEFAULT_PLATFORM, normalizePlatform, type Platform } from '../shared/platform';
import {
  CONDITION_FIELD_DOCS,
  CONDITION_OBJECT_DOCS,
  CONDITION_OPERATOR_DOCS,
  KEYWORD_DOCS,
  directiveDoc,
  moduleSummary,
  typeName,
} from '../../schema/docs';
import { directiveMarkdown, moduleMarkdown, subKeyMarkdown } from '../hover/hover';
import { showValue } from '../shared/locate';
import { includePathItems, type CompletionPaths } from './includePaths';
import { matchQuality, sortText } from './ranking';

export { matchQuality } from './ranking';
export type { CompletionPaths } from './includePaths';
import { planModuleInsertion } from '../codeActions/moduleInsertion';

// ---- cursor context ----

type Context =
  | { kind: 'statement' }
  | { kind: 'object'; dollarAt: number; statementStart: boolean }
  | { kind: 'field'; object: string }
  | { kind: 'operator'; replaceFrom: number }
  | { kind: 'condition-value'; object: string; field?: string }
  | { kind: 'value'; key: string }
  | { kind: 'list-key'; key: string; path: (string | undefined)[]; keys?: readonly string[] }
  | { kind: 'list-value'; key: string; path: (string | undefined)[]; elementKey?: string }
  | { kind: 'include-path' }
  | { kind: 'none' };

/** What the tokens before the cursor say about the enclosing blocks and the names set so far. */
interface Surroundings {
  /** Inside a condition block (and not in a `global { }` re-entered from it). */
  readonly inCondition: boolean;
  /** The innermost block is `$SERVER["socket"] == ...`. */
  readonly socketBlock: boolean;
  /** The statement follows the `}` of a condition branch that has a condition (so `else` may follow). */
  readonly afterCondition: boolean;
  /** `var.*` names set at statement starts before the cursor. */
  readonly variables: readonly string[];
}

interface Cursor {
  readonly offset: number;
  readonly around: Surroundings;
  /** Start of the text the items replace (the typed word, or the string content). */
  readonly from: number;
  /** What was typed so far (word, or string content up to the cursor). */
  readonly prefix: string;
  /** The cursor is inside a string literal. */
  readonly inString?: { readonly start: number; readonly end: number };
  readonly context: Context;
}

const tokEnd = (t: IToken) => t.startOffset + t.image.length;
const WORD_TYPES = new Set([T.Key, T.Include, T.IncludeShell, T.Global, T.Else, T.If, T.Integer]);
const ASSIGN_TYPES = new Set([T.Assign, T.Append, T.ForceAssign]);
const COND_OP_TYPES = new Set(T.conditionOperatorTokens);
const PARTIAL_OP_TYPES = new Set([...T.conditionOperatorTokens, T.Assign, T.BadNegation, T.ArrayAssign]);

function unquote(image: string): string {
  const inner = image.endsWith('"') && image.length > 1 ? image.slice(1, -1) : image.slice(1);
  return inner.replace(/\\"/g, '"');
}

interface BlockEntry {
  readonly kind: 'condition' | 'else' | 'global' | 'other';
  readonly socket: boolean;
}

/**
 * Blocks open at token `end` and the variables set before it, from the tokens alone (the parse tree of a
 * half-typed file can lose statements to error recovery; the tokens do not).
 */
function surroundings(toks: readonly IToken[], end: number): Surroundings {
  const stack: BlockEntry[] = [];
  const variables: string[] = [];
  const seenVariables = new Set<string>();
  let pending: BlockEntry | undefined;
  let lastClosed: BlockEntry | undefined;
  let atStart = true;
  let stmt: IToken[] = [];
  for (let k = 0; k < end; k++) {
    const t = toks[k];
    const tt = t.tokenType;
    if (tt === T.EOL) {
      atStart = true;
      continue;
    }
    if (tt === T.LCurly) {
      stack.push(pending ?? { kind: 'other', socket: false });
      pending = undefined;
      lastClosed = undefined;
      atStart = true;
      stmt = [];
      continue;
    }
    if (tt === T.RCurly) {
      lastClosed = stack.pop();
      pending = undefined;
      atStart = true;
      stmt = [];
      continue;
    }
    if (atStart) {
      atStart = false;
      stmt = [];
      if (tt === T.Dollar || tt === T.If) pending = { kind: 'condition', socket: false };
      else if (tt === T.Else) pending = { kind: 'else', socket: false };
      else if (tt === T.Global) pending = { kind: 'global', socket: false };
      else pending = undefined;
      if (tt !== T.Else) lastClosed = undefined;
    }
    stmt.push(t);
    // (a head is decided by its first tokens: `else if $SERVER["socket"] ==` is 8; a long run costs nothing more)
    if (pending && (pending.kind === 'condition' || pending.kind === 'else') && stmt.length <= 8) {
      // `[else] $SERVER["socket"] == ...`: a socket block only without else and with ==.
      const head = stmt.filter((x) => x.tokenType !== T.If && x.tokenType !== T.Else);
      const isSocket =
        pending.kind === 'condition' &&
        head.length >= 6 &&
        head[1].image === 'SERVER' &&
        head[3].image === '"socket"' &&
        head[5].tokenType === T.Eq;
      if (head[0]?.tokenType === T.Dollar)
        pending = { kind: pending.kind === 'else' ? 'else' : 'condition', socket: isSocket };
    }
    if (stmt.length === 2 && stmt[0].tokenType === T.Key && ASSIGN_TYPES.has(tt)) {
      const name = fullName(stmt[0].image);
      if (name.startsWith('var.') && !seenVariables.has(name)) {
        seenVariables.add(name);
        variables.push(name);
      }
    }
  }
  let g = -1;
  for (let k = stack.length - 1; k >= 0; k--)
    if (stack[k].kind === 'global') {
      g = k;
      break;
    }
  const inCondition = stack.slice(g + 1).some((b) => b.kind === 'condition' || b.kind === 'else');
  const innermost = stack[stack.length - 1];
  return {
    inCondition,
    socketBlock: !!innermost && innermost.kind === 'condition' && innermost.socket,
    afterCondition: !!lastClosed && lastClosed.kind === 'condition',
    variables,
  };
}

function analyseCursor(text: string, offset: number): Cursor {
  const lexed = tokenize(text);
  const toks = lexed.tokens;
  let i = 0;
  while (i < toks.length && toks[i].startOffset < offset && !Number.isNaN(toks[i].startOffset)) i++;
  let around = surroundings(toks, i);
  const none = (): Cursor => ({ offset, around, from: offset, prefix: '', context: { kind: 'none' } });
  for (const c of lexed.comments) if (c.start < offset && offset <= c.end) return none();
  // i = number of tokens starting before the cursor (EOL tokens included; they are zero-width).
  let from = offset;
  let prefix = '';
  let inString: Cursor['inString'];
  let j = i;
  const last = toks[i - 1];
  if (last && last.tokenType !== T.EOL && tokEnd(last) >= offset) {
    if (WORD_TYPES.has(last.tokenType)) {
      from = last.startOffset;
      prefix = text.slice(from, offset);
      j = i - 1;
    } else if (
      (last.tokenType === T.StringLiteral && offset < tokEnd(last)) ||
      last.tokenType === T.UnterminatedString
    ) {
      from = last.startOffset + 1;
      prefix = text.slice(from, offset);
      inString = { start: last.startOffset, end: tokEnd(last) };
      j = i - 1;
    }
  }
  if (j < i) around = surroundings(toks, j); // the word being typed is not part of what came before
  // The statement so far: back to the last EOL / '{' / '}' before the cursor.
  let s = j;
  while (s > 0) {
    const tt = toks[s - 1].tokenType;
    if (tt === T.EOL || tt === T.LCurly || tt === T.RCurly) break;
    s--;
  }
  let b = s;
  while (b < j && (toks[b].tokenType === T.Else || toks[b].tokenType === T.If)) b++;
  const before = toks.slice(b, j);
  const isStart = b === s;
  const at = (k: number) => before[k]?.tokenType;
  const cur = (context: Context): Cursor => ({ offset, around, from, prefix, inString, context });

  if (before.length === 0) {
    if (inString) return none();
    return cur({ kind: 'statement' });
  }
  if (at(0) === T.Dollar) {
    if (before.length === 1)
      return inString ? none() : cur({ kind: 'object', dollarAt: before[0].startOffset, statementStart: isStart });
    if (at(1) !== T.Key) return none();
    const object = before[1].image;
    if (before.length === 2)
      return inString
        ? none()
        : {
            offset,
            around,
            from: before[1].startOffset,
            prefix: text.slice(before[1].startOffset, offset),
            context: { kind: 'object', dollarAt: before[0].startOffset, statementStart: isStart },
          };
    if (at(2) !== T.LBracket) return none();
    const close = before.findIndex((t) => t.tokenType === T.RBracket);
    if (close < 0) return before.length === 3 ? cur({ kind: 'field', object }) : none();
    const field = before.slice(3, close).find((t) => t.tokenType === T.StringLiteral);
    const after = before.slice(close + 1);
    if (after.length === 0 && !inString) return cur({ kind: 'operator', replaceFrom: offset });
    if (after.length === 1 && PARTIAL_OP_TYPES.has(after[0].tokenType) && tokEnd(after[0]) === offset && !inString) {
      return {
        offset,
        around,
        from: after[0].startOffset,
        prefix: after[0].image,
        context: { kind: 'operator', replaceFrom: after[0].startOffset },
      };
    }
    if (after.length === 1 && COND_OP_TYPES.has(after[0].tokenType)) {
      return cur({ kind: 'condition-value', object, field: field ? unquote(field.image) : undefined });
    }
    return none();
  }
  if (at(0) === T.Include && before.length === 1 && inString) return cur({ kind: 'include-path' });
  if (at(0) === T.Key && before.length >= 2 && ASSIGN_TYPES.has(before[1].tokenType)) {
    const key = fullName(before[0].image);
    return cur(valueContext(key, before.slice(2)));
  }
  return none();
}

function fullName(name: string): string {
  return name.includes('.') ? name : 'var.' + name;
}

interface Frame {
  parentKey?: string;
  state: 'key' | 'value';
  elementKey?: string;
  count: number;
  lastPlus: boolean;
  /** The keys of this list before the cursor. */
  keys: string[];
}

/** Where in a value the cursor is, from the tokens after the assignment operator. */
function valueContext(key: string, rest: readonly IToken[]): Context {
  const stack: Frame[] = [];
  const top = { count: 0, lastPlus: false };
  const level = () => (stack.length ? stack[stack.length - 1] : top);
  for (const t of rest) {
    const tt = t.tokenType;
    if (tt === T.LParen) {
      const parent = stack[stack.length - 1];
      const parentKey = parent?.state === 'value' ? parent.elementKey : undefined;
      const lv = level();
      lv.count++;
      lv.lastPlus = false;
      stack.push({ parentKey, state: 'key', count: 0, lastPlus: false, keys: [] });
    } else if (tt === T.RParen) {
      stack.pop();
    } else if (tt === T.Comma) {
      const f = stack[stack.length - 1];
      if (f) {
        f.state = 'key';
        f.elementKey = undefined;
        f.count = 0;
        f.lastPlus = false;
      }
    } else if (tt === T.ArrayAssign || (tt === T.Assign && stack.length)) {
      const f = stack[stack.length - 1];
      if (f) {
        f.state = 'value';
        f.count = 0;
        f.lastPlus = false;
      }
    } else if (tt === T.Plus) {
      level().lastPlus = true;
    } else {
      const f = stack[stack.length - 1];
      if (f && f.state === 'key' && f.count === 0 && tt === T.StringLiteral) {
        f.elementKey = unquote(t.image);
        f.keys.push(f.elementKey);
      }
      const lv = level();
      lv.count++;
      lv.lastPlus = false;
    }
  }
  const f = stack[stack.length - 1];
  if (!f) return top.count === 0 || top.lastPlus ? { kind: 'value', key } : { kind: 'none' };
  if (!(f.count === 0 || f.lastPlus)) return { kind: 'none' };
  const path = stack.map((x) => x.parentKey);
  return f.state === 'key' && !f.lastPlus
    ? { kind: 'list-key', key, path, keys: f.keys }
    : { kind: 'list-value', key, path, elementKey: f.elementKey };
}

// ---- matching and ranking: ./ranking.ts ----

function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

function choice(values: readonly string[]): string {
  return values.map((v) => v.replace(/[\\,|$}]/g, '\\$&')).join(',');
}

// ---- the target (setting lighttpd.version / lighttpd.platform) ----

/** The lighttpd release and platform completion offers for (defaults: the newest release, linux). */
export interface CompletionTarget {
  readonly version?: string;
  readonly platform?: Platform | string;
}

interface Target {
  readonly version: string;
  readonly platform: Platform;
}

function targetOf(t: CompletionTarget | undefined): Target {
  return {
    version: normalizeVersion(t?.version) ?? NEWEST_VERSION,
    platform: normalizePlatform(t?.platform) ?? DEFAULT_PLATFORM,
  };
}

/** The sort bucket of what the target refuses: after everything else. */
const REFUSED_BUCKET = 9;

/**
 * Why the target refuses a directive or key that appeared in `since` ("needs 1.4.74"), or undefined. Such
 * items are offered last, struck through (the deprecated tag) and labelled, never as if fine.
 */
function newerThanTarget(since: string | undefined, target: Target): string | undefined {
  if (!since || since.startsWith('<=')) return undefined;
  return compareVersions(target.version, since) < 0 ? `needs lighttpd ${since}` : undefined;
}

/** The sort bucket of keys lighttpd reads but that do nothing here (an older name, ignored in this block). */
const DISCOURAGED_BUCKET = 8;

/**
 * Marks a key that works but is not the one to write: an older name (struck through) or one lighttpd
 * ignores in this block (`ignored without bin-path`); after the others, before what the target refuses.
 */
function markDiscouraged(item: CompletionItem, why: string, tiebreak: string, older: boolean): CompletionItem {
  item.sortText = sortText(DISCOURAGED_BUCKET, 0, tiebreak);
  if (older) item.tags = [CompletionItemTag.Deprecated];
  item.labelDetails = { description: why };
  item.detail = item.detail ? `${item.detail} (${why})` : why;
  return item;
}

/**
 * The keys of the list the cursor is in that follow it (`"key" =>` at the list's own depth, up to its
 * closing parenthesis), so that a key written below counts too. Strings and comments are skipped.
 */
function keysAfter(text: string, offset: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = offset; i < text.length; i++) {
    const ch = text[i];
    if (ch === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (depth === 0 && /^\s*=>/.test(text.slice(j + 1, j + 40))) keys.push(text.slice(i + 1, j));
      i = j;
    } else if (ch === '(') depth++;
    else if (ch === ')' && depth-- === 0) break;
  }
  return keys;
}

/** Marks an item the target refuses: last, struck through, with the reason beside its label. */
function markRefused(item: CompletionItem, why: string, tiebreak: string): CompletionItem {
  item.sortText = sortText(REFUSED_BUCKET, 0, tiebreak);
  item.tags = [CompletionItemTag.Deprecated];
  item.labelDetails = { description: why };
  item.detail = item.detail ? `${item.detail} (${why})` : why;
  return item;
}

// ---- value knowledge ----

/**
 * Allowed values of a directive, from its schema entry (its value set, or enable/disable); with a target,
 * without those its platform refuses (for the snippet's choice list, which cannot mark them).
 */
function enumValues(info: DirectiveInfo, target?: Target): { values: string[]; integers: boolean } | undefined {
  const values = valueChoices(info)
    .map((v) => v.value)
    .filter((v) => !target || !platformRefusal(info.key, v, target.platform));
  if (!values.length || info.type.startsWith('array')) return undefined;
  return {
    values,
    integers: values.every((k) => /^[0-9]+$/.test(k)) && (info.type === 'short' || info.type === 'int'),
  };
}

interface KeyInfo {
  readonly key: string;
  readonly since?: string;
  readonly type?: string;
  readonly doc?: string;
  readonly values?: readonly string[];
  readonly olderNameOf?: string;
  readonly onlyWith?: string;
  /** Its hover text (type, default, since, documentation link). */
  readonly markdown: string;
}

/** Keys that fit at this list depth of a directive's value (its key set in the schema). */
function listKeys(key: string, depth: number): KeyInfo[] {
  const set = keySetAt(getDirective(key), depth);
  if (!set) return [];
  return set.keys.map((k) => {
    const values = valueChoices(k).map((v) => v.value);
    return {
      key: k.key,
      since: k.since,
      type: k.type,
      doc: k.doc,
      values: values.length ? values : undefined,
      olderNameOf: k.olderNameOf,
      onlyWith: k.onlyWith,
      markdown: subKeyMarkdown(key, set, k),
    };
  });
}

function valueSnippet(type: string | undefined, values: readonly string[] | undefined, example?: string): string {
  if (values?.length && type !== 'short' && type !== 'int') return `"\${1|${choice(values)}|}"`;
  if (values?.length) return `\${1|${choice(values)}|}`;
  switch (type) {
    case 'boolean':
      return `"\${1|${choice(BOOLEAN_CHOICES)}|}"`;
    case 'short':
    case 'int':
      return example && /^[0-9]+$/.test(example) ? `\${1:${example}}` : '$1';
    case 'string': {
      const m = example ? /^"([^"\\]*)"$/.exec(example) : null;
      return m && m[1] ? `"\${1:${snippetText(m[1])}}"` : '"$1"';
    }
    case undefined:
      return '$1';
    default:
      return type.startsWith('array') ? '( $1 )' : '$1';
  }
}

// ---- the feature ----

/**
 * Where tokenizing can start without losing context: the start of the last top-level statement that
 * begins before the cursor's line (outside every block and list, so the tokens from there on are the
 * same as from the start of the file). 0 when the tree has none (e.g. after heavy error recovery).
 */
function restartPoint(model: DocumentModel, text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let best = 0;
  for (const st of model.file.statements) {
    if (st.start >= lineStart) break;
    best = st.start;
  }
  return best;
}

/** The cursor analysis on the text from `base` to the end of the cursor's line, in document offsets. */
function analyseCursorFrom(text: string, offset: number, base: number): Cursor {
  const nl = text.indexOf('\n', offset);
  const local = analyseCursor(text.slice(base, nl < 0 ? text.length : nl), offset - base);
  if (base === 0) return local;
  const c = local.context;
  const context: Context =
    c.kind === 'object'
      ? { ...c, dollarAt: c.dollarAt + base }
      : c.kind === 'operator'
        ? { ...c, replaceFrom: c.replaceFrom + base }
        : c;
  const inString = local.inString && { start: local.inString.start + base, end: local.inString.end + base };
  return { ...local, offset, from: local.from + base, inString, context };
}

/**
 * `trigger` is the character that made the editor ask: '/' asks only for include paths (inside any other
 * string, such as a URL pattern, it answers nothing rather than interrupt the typing).
 */
export function doComplete(
  doc: TextDocument,
  model: DocumentModel,
  position: Position,
  paths?: CompletionPaths,
  trigger?: string,
  completionTarget?: CompletionTarget,
): CompletionList {
  const target = targetOf(completionTarget);
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const cursor = analyseCursorFrom(text, offset, restartPoint(model, text, offset));
  const items: CompletionItem[] = [];
  // An edit range must lie on the cursor's line and contain the cursor (LSP; VS Code drops the items otherwise),
  // also where the analysed context starts on an earlier line (inside an open list).
  const lineStart = doc.offsetAt({ line: position.line, character: 0 });
  const range = (from = cursor.from, to = offset): Range => ({
    start: doc.positionAt(Math.min(offset, Math.max(lineStart, from))),
    end: doc.positionAt(to),
  });
  const c = cursor.context;
  if (trigger === '/' && c.kind !== 'include-path') return { isIncomplete: false, items };
  // '(' and ',' open a list element: they ask for the modules of server.modules and the known keys of lists
  // such as backend blocks; anywhere else (a regex, a value list) they answer nothing rather than interrupt.
  if (
    (trigger === '(' || trigger === ',') &&
    !(c.kind === 'list-key' && !cursor.inString && knownListKeys(c.key, c.path))
  )
    return { isIncomplete: false, items };
  switch (c.kind) {
    case 'statement':
      statementItems(doc, model, cursor, items, range(), target);
      break;
    case 'object':
      objectItems(cursor, c.statementStart, items, range(), range(c.dollarAt));
      break;
    case 'field':
      fieldItems(cursor, c.object, items, range());
      break;
    case 'operator':
      operatorItems(cursor, items, range(c.replaceFrom));
      break;
    case 'condition-value':
      conditionValueItems(cursor, c.object, c.field, items, range());
      break;
    case 'value':
      valueItems(model, cursor, c.key, items, range(), target);
      break;
    case 'list-key':
      listKeyItems(model, cursor, c.key, c.path, items, range, target, () => [
        ...(c.keys ?? []),
        ...keysAfter(text, cursor.inString ? Math.max(offset, cursor.inString.end) : offset),
      ]);
      break;
    case 'list-value':
      listValueItems(cursor, c.key, c.path, c.elementKey, items, range());
      break;
    case 'include-path':
      if (paths) includePathItems(cursor, paths, items, range);
      break;
    case 'none':
      break;
  }
  return { isIncomplete: false, items };
}

const directiveDocs = new Map<string, string>();
/** Directive documentation is static: built once per key. */
function directiveDocumentation(key: string): string {
  let d = directiveDocs.get(key);
  if (d === undefined) directiveDocs.set(key, (d = directiveMarkdown(key, { withTitle: false }) ?? ''));
  return d;
}

/** What a directive's item shows and inserts is static too: built once per key (an item list has hundreds). */
interface DirectiveStatics {
  readonly documentation: ReturnType<typeof md>;
  readonly snippet: string;
  readonly detail: string;
  readonly labelDetails: { readonly description: string };
}
const directiveStatics = new Map<string, DirectiveStatics>();
function directiveStatic(info: DirectiveInfo, target: Target): DirectiveStatics {
  // (the snippet's choices depend on the platform)
  const cacheKey = `${target.platform} ${info.key}`;
  let s = directiveStatics.get(cacheKey);
  if (s === undefined) {
    const example = directiveDoc(info.key)?.example;
    const module = info.module === 'core' ? 'core' : info.module;
    s = {
      documentation: md(directiveDocumentation(info.key)),
      snippet: `${info.key} = ${valueSnippet(info.type, enumValues(info, target)?.values, example)}`,
      detail: `${module} · ${typeName(info.type)}`,
      labelDetails: { description: module },
    };
    directiveStatics.set(cacheKey, s);
  }
  return s;
}

function md(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

function statementItems(
  doc: TextDocument,
  model: DocumentModel,
  cursor: Cursor,
  items: CompletionItem[],
  range: Range,
  target: Target,
): void {
  const text = doc.getText();
  const offset = cursor.offset;
  const typed = cursor.prefix;
  const { inCondition, socketBlock } = cursor.around;
  // Is an operator already written after the word (editing the key of an existing assignment)?
  const lineRest = text.slice(offset, text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset));
  const restAfterWord = lineRest.replace(/^[A-Za-z0-9._-]*/, '');
  const hasOperator = /^\s*(=|\+=|:=)/.test(restAfterWord);

  // Directives.
  const plans = new Map<string, TextEdit[]>();
  const from = doc.offsetAt(range.start);
  for (const info of DIRECTIVES) {
    if (inCondition && info.scope === 'server') continue;
    if (inCondition && info.scope === 'socket' && !socketBlock) continue;
    const q = matchQuality(info.key, typed);
    if (q < 0) continue;
    const statics = directiveStatic(info, target);
    const needed = requiredModule(info.key, model.modules);
    const missing = model.modules.open ? undefined : needed;
    const loaded = info.module === 'core' || !needed;
    const bucket = info.deprecated ? 8 : loaded ? 2 : 3;
    const item: CompletionItem = {
      label: info.key,
      kind: CompletionItemKind.Property,
      detail: statics.detail,
      labelDetails: statics.labelDetails,
      documentation: statics.documentation,
      sortText: sortText(bucket, q, info.key),
      filterText: info.key,
    };
    if (info.deprecated) item.tags = [CompletionItemTag.Deprecated];
    const newer = newerThanTarget(info.since, target);
    if (newer) markRefused(item, newer, info.key);
    const newText = hasOperator ? info.key : statics.snippet;
    item.textEdit = { range, newText };
    item.insertTextFormat = hasOperator ? InsertTextFormat.PlainText : InsertTextFormat.Snippet;
    if (missing) {
      let edits = plans.get(missing);
      if (!edits) plans.set(missing, (edits = planModuleInsertion(doc, model.file, [missing])));
      const touching = edits.filter((e) => doc.offsetAt(e.range.start) <= offset && doc.offsetAt(e.range.end) >= from);
      if (touching.length) {
        // A new `server.modules += (...)` line right where the word starts: put it in front of the item's text.
        item.textEdit = {
          range,
          newText:
            touching.map((e) => snippetText(e.newText)).join('') +
            (item.insertTextFormat === InsertTextFormat.Snippet ? newText : snippetText(newText)),
        };
        item.insertTextFormat = InsertTextFormat.Snippet;
      }
      const rest = edits.filter((e) => !touching.includes(e));
      if (rest.length) item.additionalTextEdits = rest;
      item.detail += ` (adds "${missing}" to server.modules)`;
    }
    items.push(item);
  }

  // Variables set so far.
  for (const [name, detail] of variablesBefore(model, cursor)) {
    const q = matchQuality(name, typed);
    if (q < 0) continue;
    const v: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Variable,
      sortText: sortText(1, q, name),
      textEdit: { range, newText: name },
    };
    if (detail) v.detail = detail;
    items.push(v);
  }

  // Keywords.
  const keywords: [string, string][] = [
    ['include', 'include "$1"'],
    ['include_shell', 'include_shell "$1"'],
    ['global', 'global {\n\t$0\n}'],
  ];
  if (cursor.around.afterCondition) keywords.push(['else', 'else {\n\t$0\n}']);
  for (const [kw, snippet] of keywords) {
    const q = matchQuality(kw, typed);
    if (q < 0) continue;
    items.push({
      label: kw,
      kind: CompletionItemKind.Keyword,
      documentation: md(KEYWORD_DOCS[kw]),
      sortText: sortText(kw === 'else' ? 0 : 4, q, kw),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: snippet },
    });
  }

  // Condition heads.
  headItems(typed, items, range, false);

  // Deployment snippets: whole blocks with their own server.modules line, so only on an empty line outside
  // conditions (not when editing the key of an existing statement).
  if (!inCondition && !hasOperator && /^\s*(#.*)?$/.test(restAfterWord)) {
    items.push(
      ...snippetCompletionItems(typed, range, matchQuality, (i, q) => sortText(6, q, String(i).padStart(2, '0'))),
    );
  }
}

const HTTP_FIELDS = CONDITION_FIELDS['HTTP'];
const HEADS: readonly [label: string, object: string, snippet: string][] = [
  [
    '$HTTP[…]',
    'HTTP',
    `\\$HTTP["\${1|${choice(Array.isArray(HTTP_FIELDS) ? HTTP_FIELDS : ['host'])}|}"] \${2:==} "$3" {\n\t$0\n}`,
  ],
  ['$SERVER["socket"]', 'SERVER', '\\$SERVER["socket"] == "${1::443}" {\n\t$0\n}'],
  ['$REQUEST_HEADER[…]', 'REQUEST_HEADER', '\\$REQUEST_HEADER["${1:X-Forwarded-Proto}"] ${2:==} "$3" {\n\t$0\n}'],
];

/** Whole condition blocks; `withDollar`: the range starts at a typed `$`. */
function headItems(typed: string, items: CompletionItem[], range: Range, withDollar: boolean): void {
  for (const [label, object, snippet] of HEADS) {
    if (matchQuality(object, typed) < 0) continue;
    items.push({
      label,
      kind: CompletionItemKind.Struct,
      detail: 'condition block',
      documentation: md(CONDITION_OBJECT_DOCS[object]),
      sortText: sortText(5, 0, label),
      filterText: withDollar ? '$' + object : object,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: snippet },
    });
  }
}

/** `var.*` names set before the cursor: from the evaluation (with values) and from the tokens. */
function variablesBefore(model: DocumentModel, cursor: Cursor): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const a of model.evaluation.assignments) {
    const name = a.node.key.fullName;
    if (name.startsWith('var.') && a.node.end <= cursor.from) out.set(name, showValue(a.result, 80));
  }
  for (const name of cursor.around.variables) if (!out.has(name)) out.set(name, undefined);
  return out;
}

function objectItems(
  cursor: Cursor,
  statementStart: boolean,
  items: CompletionItem[],
  range: Range,
  fromDollar: Range,
): void {
  if (statementStart) headItems(cursor.prefix, items, fromDollar, true);
  for (const object of Object.keys(CONDITION_OBJECT_DOCS)) {
    const q = matchQuality(object, cursor.prefix);
    if (q < 0) continue;
    items.push({
      label: object,
      kind: CompletionItemKind.Class,
      documentation: md(CONDITION_OBJECT_DOCS[object]),
      sortText: sortText(0, q, object),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${object}["$1"]` },
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    });
  }
}

const COMMON_HEADERS = [
  'Host',
  'User-Agent',
  'Referer',
  'Cookie',
  'Accept',
  'Accept-Language',
  'Authorization',
  'Origin',
  'Upgrade',
  'Content-Type',
  'X-Forwarded-For',
  'X-Forwarded-Proto',
  'X-Real-IP',
];

function quoted(cursor: Cursor, value: string): string {
  return cursor.inString ? value : `"${value}"`;
}

function fieldItems(cursor: Cursor, object: string, items: CompletionItem[], range: Range): void {
  const fields = CONDITION_FIELDS[object];
  const names = fields === 'any' ? COMMON_HEADERS : (fields ?? []);
  for (const f of names) {
    const q = matchQuality(f, cursor.prefix);
    if (q < 0) continue;
    const doc =
      CONDITION_FIELD_DOCS[object]?.[f]?.summary ??
      (object === 'REQUEST_HEADER' ? `The ${f} request header.` : undefined);
    items.push({
      label: f,
      kind: CompletionItemKind.Field,
      documentation: doc ? md(doc) : undefined,
      sortText: sortText(0, q, f),
      textEdit: { range, newText: quoted(cursor, f) },
    });
  }
}

function operatorItems(cursor: Cursor, items: CompletionItem[], range: Range): void {
  CONDITION_OPERATORS.forEach((op, i) => {
    if (cursor.prefix && !op.startsWith(cursor.prefix)) return;
    items.push({
      label: op,
      kind: CompletionItemKind.Operator,
      documentation: md(CONDITION_OPERATOR_DOCS[op] ?? ''),
      sortText: String(i),
      filterText: op,
      textEdit: { range, newText: op },
    });
  });
}

function conditionValueItems(
  cursor: Cursor,
  object: string,
  field: string | undefined,
  items: CompletionItem[],
  range: Range,
): void {
  const values = field ? (CONDITION_FIELD_DOCS[object]?.[field]?.values ?? []) : [];
  values.forEach((v, i) => {
    if (matchQuality(v, cursor.prefix) < 0) return;
    items.push({
      label: v,
      kind: CompletionItemKind.Value,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: quoted(cursor, v) },
    });
  });
}

function variableItems(model: DocumentModel, cursor: Cursor, items: CompletionItem[], range: Range): void {
  if (cursor.inString) return;
  const seen = new Set<string>();
  const add = (name: string, detail: string) => {
    if (seen.has(name)) return;
    const q = matchQuality(name, cursor.prefix);
    if (q < 0) return;
    seen.add(name);
    items.push({
      label: name,
      kind: CompletionItemKind.Variable,
      detail,
      sortText: sortText(5, q, name),
      textEdit: { range, newText: name },
    });
  };
  for (const [name, detail] of [...variablesBefore(model, cursor)].reverse()) add(name, detail ?? 'variable');
  add('var.CWD', 'the directory lighttpd was started in');
  add('var.PID', 'the process id of lighttpd');
}

function valueItems(
  model: DocumentModel,
  cursor: Cursor,
  key: string,
  items: CompletionItem[],
  range: Range,
  target: Target,
): void {
  const info = getDirective(key);
  const values = info ? enumValues(info) : undefined;
  values?.values.forEach((v, i) => {
    if (matchQuality(v, cursor.prefix) < 0) return;
    const text = values.integers ? v : quoted(cursor, v);
    if (values.integers && cursor.inString) return;
    const item: CompletionItem = {
      label: v,
      kind: CompletionItemKind.EnumMember,
      detail: key,
      sortText: sortText(0, 0, String(i).padStart(3, '0')),
      textEdit: { range, newText: text },
    };
    // A value the target platform's lighttpd refuses to start with: last and marked, never as if fine.
    const refused = platformRefusal(key, v, target.platform);
    items.push(refused ? markRefused(item, `${refused}: lighttpd refuses to start`, String(i).padStart(3, '0')) : item);
  });
  if (key === 'server.modules' && !cursor.inString) {
    items.push({
      label: '( … )',
      kind: CompletionItemKind.Snippet,
      detail: 'list of modules',
      sortText: sortText(0, 0, ''),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: '( "$1" )' },
      filterText: cursor.prefix || '(',
    });
  }
  variableItems(model, cursor, items, range);
}

/** The characters that make the editor ask for completion (LSP completionProvider.triggerCharacters). */
export const COMPLETION_TRIGGERS: readonly string[] = ['$', '"', '[', '.', '/', '(', ','];

function knownListKeys(key: string, path: readonly (string | undefined)[]): boolean {
  return (key === 'server.modules' && path.length === 1) || listKeys(key, path.length).length > 0;
}

function listKeyItems(
  model: DocumentModel,
  cursor: Cursor,
  key: string,
  path: (string | undefined)[],
  items: CompletionItem[],
  range: (from?: number, to?: number) => Range,
  target: Target,
  blockKeys: () => readonly string[],
): void {
  const depth = path.length;
  if (key === 'server.modules' && depth === 1) {
    moduleItems(model, cursor, items, range());
    return;
  }
  const keys = listKeys(key, depth);
  if (keys.length) {
    // Inside a string: replace the whole string (quotes included) by `"key" => value`.
    const r = cursor.inString ? range(cursor.inString.start, Math.max(cursor.offset, cursor.inString.end)) : range();
    let present: Set<string> | undefined;
    for (const k of keys) {
      const q = matchQuality(k.key, cursor.prefix);
      if (q < 0) continue;
      const item: CompletionItem = {
        label: k.key,
        kind: CompletionItemKind.Property,
        detail: k.type ? (typeName(k.type as DirectiveInfo['type']) ?? k.type) : undefined,
        documentation: k.doc ? md(k.markdown) : undefined,
        sortText: sortText(0, q, k.key),
        filterText: cursor.inString ? `"${k.key}"` : k.key,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: r, newText: `"${snippetText(k.key)}" => ${valueSnippet(k.type, k.values)}` },
      };
      const newer = newerThanTarget(k.since, target);
      if (newer) markRefused(item, newer, k.key);
      else if (k.olderNameOf) markDiscouraged(item, `older name of ${k.olderNameOf}`, k.key, true);
      else if (k.onlyWith && !(present ??= new Set(blockKeys().map((x) => x.toLowerCase()))).has(k.onlyWith))
        markDiscouraged(item, `ignored without ${k.onlyWith}`, k.key, false);
      items.push(item);
    }
    return;
  }
  // A list of plain values: the directive's own enum values (e.g. deflate.allowed-encodings).
  const info = getDirective(key);
  if (info && depth === 1 && (info.type === 'array-vlist' || info.type === 'array')) {
    const values = info.values?.values.map((v) => v.value);
    if (values) {
      values.forEach((v, i) => {
        if (matchQuality(v, cursor.prefix) < 0) return;
        items.push({
          label: v,
          kind: CompletionItemKind.EnumMember,
          detail: key,
          sortText: String(i).padStart(3, '0'),
          textEdit: { range: range(), newText: quoted(cursor, v) },
        });
      });
    }
  }
}

function listValueItems(
  cursor: Cursor,
  key: string,
  path: (string | undefined)[],
  elementKey: string | undefined,
  items: CompletionItem[],
  range: Range,
): void {
  if (!elementKey) return;
  const k = listKeys(key, path.length).find((x) => x.key === elementKey);
  // A sub-key's own values, else (a list of "key" => "value" with free keys) the directive's value set.
  const info = getDirective(key);
  const values =
    k?.values ??
    (path.length === 1 && info?.type === 'array-kvstring' ? info.values?.values.map((v) => v.value) : undefined);
  if (!values) return;
  values.forEach((v, i) => {
    if (matchQuality(v, cursor.prefix) < 0) return;
    items.push({
      label: v,
      kind: CompletionItemKind.EnumMember,
      detail: `${key} ${elementKey}`,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: quoted(cursor, v) },
    });
  });
}

function moduleItems(model: DocumentModel, cursor: Cursor, items: CompletionItem[], range: Range): void {
  const used = new Set<string>();
  const seenKeys = new Set<string>();
  for (const a of model.evaluation.assignments) {
    const key = a.node.key.fullName;
    if (seenKeys.has(key)) continue;
    seenKeys.add(key);
    for (const mod of getDirective(key)?.modules ?? []) used.add(mod);
  }
  for (const m of MODULES) {
    if (m.status !== 'current' || model.modules.names.has(m.name)) continue;
    const q = matchQuality(m.name, cursor.prefix);
    if (q < 0) continue;
    // Modules with settings the document already uses come first.
    items.push({
      label: m.name,
      kind: CompletionItemKind.Module,
      detail: moduleSummary(m.name),
      documentation: md(moduleMarkdown(m.name) ?? ''),
      sortText: sortText(used.has(m.name) ? 0 : m.name === 'mod_skeleton' || m.name === 'mod_echo' ? 9 : 1, q, m.name),
      textEdit: { range, newText: quoted(cursor, m.name) },
    });
  }
}

/** Exposed for tests: the context the cursor is in. */
export function completionContextAt(text: string, offset: number): Context['kind'] {
  return analyseCursorFrom(text, offset, 0).context.kind;
}
