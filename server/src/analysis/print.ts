/**
 * Prints an evaluation in the canonical form of `lighttpd -p` (docs/grammar.md §9;
 * lighttpd's config_print in src/configfile.c), so that our evaluator can be compared with lighttpd's own
 * reading of a config, file by file.
 *
 * What the form shows, and how this follows it:
 *   - `config { ... }` is the global block; var.CWD and var.PID come first (their values are given as
 *     options: they are the server's working directory and process id);
 *   - each block lists its keys in lighttpd's storage order, `=` aligned, then its child blocks, each
 *     introduced by a blank line, as `<condition> {`, `# block N`, ..., `} # end of <condition>`; a chain
 *     continues with `else <condition> {` or `else {`. N numbers blocks in the order they were created.
 *     1.4.74+ writes `if ` before a condition;
 *   - a key's position: `=` appends; `:=` replaces in place; `+=` on a key of the same block takes it out
 *     (the last key moves into its slot) and appends it (lighttpd's array_extract_element + insert);
 *     keys are matched case-insensitively, as lighttpd's arrays do;
 *   - conditions are printed as lighttpd keys its blocks: `=~` patterns that are plain prefixes, suffixes
 *     or exact strings become `=^`, `=$`, `==` (1.4.65+, not for $SERVER["socket"]); other values as written;
 *   - strings are printed raw except `"` → `\"`; lists of at most 5 unkeyed strings/integers on one line,
 *     otherwise one element per line with keys padded to the longest and a trailing comma.
 * Values we cannot know (env.* without a value, anything from an include we did not follow) print as
 * `<unknown>`; lighttpd never prints that, so a comparison shows them as differences.
 */
import { compareVersions } from '../schema';
import type { EvalElement, EvalValue, Evaluation, Scope } from './evaluate';

export interface PrintOptions {
  /** Value of var.CWD (lighttpd: its working directory at start-up). */
  readonly cwd?: string;
  /** Value of var.PID. */
  readonly pid?: number;
  /** lighttpd version whose printing details to follow (default 1.4.69, the Debian 12 one). */
  readonly version?: string;
}

interface Entry {
  key: string;
  value: EvalValue;
}

interface Block {
  readonly index: number;
  /** Condition as lighttpd stores it (`$HTTP["host"] == "a"`); undefined for the global block and a bare else. */
  readonly condition?: string;
  readonly isElse: boolean;
  readonly children: Block[];
  readonly entries: Entry[];
  prev?: Block;
  next?: Block;
}

const utf8 = new TextEncoder();
function byteLength(s: string): number {
  return utf8.encode(s).length;
}

/** lighttpd's configparser_simplify_regex (1.4.65+): plain anchored patterns become cheaper operators. */
export function simplifyRegex(pattern: string): { op: '=~' | '=^' | '=$' | '=='; value: string } {
  let op: '=~' | '=^' | '=$' | '==' = '=~';
  let off = 0;
  let len = pattern.length;
  if (len && pattern[len - 1] === '$') {
    op = '=$';
    if (pattern[0] === '\\' && pattern[1] === '.') off = 2;
    else if (pattern[0] === '^') {
      off = 1;
      op = '==';
    }
    len--;
  } else if (pattern[0] === '^') {
    off = 1;
    op = '=^';
  } else {
    return { op: '=~', value: pattern };
  }
  const rest = pattern.slice(off, len);
  if (/[\\^$.|?*+()[\]{}]/.test(rest)) return { op: '=~', value: pattern };
  // Only the first character goes: for "\.ext$" the '.' stays (".ext").
  return { op, value: pattern.slice(off ? 1 : 0, len) };
}

/**
 * The condition as lighttpd prints it: its block key, built from the operands as written except for the
 * `=~` simplification. (lighttpd normalises host, socket and remote-ip values after building the key, for
 * matching only, so they print as written.)
 */
export function canonicalCondition(object: string, field: string, op: string, value: string, version: string): string {
  let o = op;
  let v = value;
  if (o === '=~' && !(object === 'SERVER' && field === 'socket') && compareVersions(version, '1.4.65') >= 0) {
    const s = simplifyRegex(v);
    o = s.op;
    v = s.value;
  }
  return `$${object}["${field}"] ${o} "${v}"`;
}

function scalar(v: EvalValue): string | undefined {
  return v.type === 'string' ? v.value : v.type === 'integer' ? String(v.value | 0) : undefined;
}

function indent(depth: number): string {
  return ' '.repeat(depth * 4);
}

function printString(s: string): string {
  return `"${s.replace(/"/g, '\\"')}"`;
}

function printValue(v: EvalValue, depth: number): string {
  switch (v.type) {
    case 'string':
      return printString(v.value);
    case 'integer':
      return String(v.value | 0);
    case 'array':
      return printArray(v.elements, depth);
    case 'unknown':
      return '<unknown>';
  }
}

function printArray(elements: readonly EvalElement[], depth: number): string {
  if (
    elements.length <= 5 &&
    (elements.length === 0 || elements[0].key === undefined) &&
    elements.every((e) => e.value.type === 'string' || e.value.type === 'integer')
  ) {
    return `(${elements.map((e) => printValue(e.value, depth + 1)).join(', ')})`;
  }
  const width = Math.max(0, ...elements.map((e) => (e.key === undefined ? 0 : byteLength(e.key))));
  let out = '(\n';
  for (const e of elements) {
    out += indent(depth + 1);
    if (e.key !== undefined) out += `"${e.key}"${' '.repeat(Math.max(0, width - byteLength(e.key)))} => `;
    out += `${printValue(e.value, depth + 1)},\n`;
  }
  return out + `${indent(depth)})`;
}

function printBlock(b: Block, depth: number, ifPrefix: boolean): string {
  let out = '';
  if (b.index === 0) out += 'config {\n';
  else {
    if (!b.isElse) out += `${ifPrefix ? 'if ' : ''}${b.condition} `;
    out += `{\n${indent(depth + 1)}# block ${b.index}\n`;
  }
  const inner = depth + 1;
  const width = Math.max(0, ...b.entries.map((e) => byteLength(e.key)));
  for (const e of b.entries)
    out += `${indent(inner)}${e.key}${' '.repeat(width - byteLength(e.key))} = ${printValue(e.value, inner)}\n`;
  out += '\n';
  for (const c of b.children) {
    if (c.prev) continue; // printed by its chain
    out += `\n${indent(inner)}${printBlock(c, inner, ifPrefix)}\n`;
  }
  out += `${indent(depth)}}`;
  if (b.index !== 0) out += ` # end of ${b.isElse ? 'else' : b.condition}`;
  if (b.next) out += `\n${indent(depth)}else ${printBlock(b.next, depth, ifPrefix)}`;
  return out;
}

/** Builds lighttpd's block tree and key order from an evaluation. */
function blocksOf(ev: Evaluation, options: PrintOptions, version: string): Block {
  const global: Block = { index: 0, isElse: false, children: [], entries: [] };
  const byScope = new Map<Scope, Block>([[ev.global, global]]);
  let nextIndex = 1;
  const lastAt = new Map<Block, Block>();
  for (const c of ev.conditions) {
    const parent = byScope.get(c.parent);
    if (!parent) continue; // (cannot happen: parents are evaluated first)
    let block = byScope.get(c.scope);
    if (!block) {
      const head = c.branch.head;
      const field = scalar(c.field);
      const value = scalar(c.value);
      const condition = head
        ? canonicalCondition(
            head.object?.name ?? '?',
            field ?? '?',
            head.operator?.text ?? '?',
            value ?? '<unknown>',
            version,
          )
        : undefined;
      block = { index: nextIndex++, condition, isElse: !head, children: [], entries: [] };
      byScope.set(c.scope, block);
      parent.children.push(block);
    }
    if (c.branch.elseKeyword) {
      const prev = lastAt.get(parent);
      if (prev && prev !== block) {
        prev.next = block;
        block.prev = prev;
      }
    }
    lastAt.set(parent, block);
  }

  const entriesOf = (b: Block) => b.entries;
  const find = (b: Block, key: string) => entriesOf(b).findIndex((e) => e.key.toLowerCase() === key.toLowerCase());
  const cwd: EvalValue = options.cwd !== undefined ? { type: 'string', value: options.cwd } : { type: 'unknown' };
  const pid: EvalValue = options.pid !== undefined ? { type: 'integer', value: options.pid } : { type: 'unknown' };
  global.entries.push({ key: 'var.CWD', value: cwd }, { key: 'var.PID', value: pid });
  for (const a of ev.assignments) {
    const b = byScope.get(a.scope);
    if (!b || !a.node.operator) continue;
    const key = a.node.key.fullName;
    const i = find(b, key);
    const entry = { key, value: a.result };
    if (a.node.operator.text === ':=' && i >= 0) {
      b.entries[i] = entry;
    } else if (a.node.operator.text === '+=' && i >= 0) {
      // array_extract_element: the last entry takes the extracted one's slot.
      const last = b.entries.pop()!;
      if (i < b.entries.length) b.entries[i] = last;
      b.entries.push(entry);
    } else if (i >= 0) {
      b.entries[i] = entry; // `=` on an existing key: lighttpd refuses the config (duplicate-key)
    } else {
      b.entries.push(entry);
    }
  }
  return global;
}

/** The evaluation as `lighttpd -p` prints it (with the trailing newline of its puts()). */
export function printConfig(ev: Evaluation, options: PrintOptions = {}): string {
  const version = options.version ?? '1.4.69';
  const root = blocksOf(ev, options, version);
  return printBlock(root, 0, compareVersions(version, '1.4.74') >= 0) + '\n';
}
