/**
 * Include globs as lighttpd's glob(3) expands them, over any file system that lists folders (node:fs on the
 * desktop and in the CLI, the editor's file system on the web): one path segment against one segment of a
 * pattern — `*`, `?`, bracket expressions (`[a-z]`, `[!x]`, `[^x]`, `[[:digit:]]`), braces (`{a,b}`), a
 * backslash escape; a name starting with `.` only matches a pattern that starts with `.` — and the walk over
 * the folders (globByListing). test/unit/remoteFileSystem.test.ts compares the web's answers with the
 * desktop's on a real folder.
 */
import { MAX_GLOB_ENTRIES, hasGlob, splitGlob, type GlobResult } from './fileSystem';
import { join } from '../paths';

const CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  blank: ' \\t',
  digit: '0-9',
  lower: 'a-z',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\r\\n\\v\\f',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: 'A-Fa-f0-9',
};

const escapeRe = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** The end of the bracket expression starting at `[` (index of its `]`), or -1 when it does not close. */
function bracketEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++; // a `]` first is literal
  for (; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === '[' && p[j + 1] === ':') {
      const close = p.indexOf(':]', j + 2);
      if (close > 0) j = close + 1;
    } else if (p[j] === ']') return j;
  }
  return -1;
}

function bracket(body: string): string {
  let negate = false;
  let i = 0;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    i = 1;
  }
  let out = '';
  for (; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) out += escapeRe(body[++i]);
    else if (c === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      const name = close > 0 ? body.slice(i + 2, close) : '';
      if (CLASSES[name] !== undefined) {
        out += CLASSES[name];
        i = close + 1;
      } else out += '\\[';
    } else if (c === '-' && out !== '' && i + 1 < body.length) out += '-';
    else out += escapeRe(c);
  }
  return negate ? `[^/${out}]` : `[${out}]`;
}

/** The index of the `}` closing the brace at `i`, or -1; `commas` gets the top-level comma positions. */
function braceEnd(p: string, i: number, commas: number[]): number {
  let depth = 0;
  for (let j = i; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') j++;
    else if (c === '[') {
      const e = bracketEnd(p, j);
      if (e > 0) j = e;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
    else if (c === ',' && depth === 1) commas.push(j);
  }
  return -1;
}

function toSource(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) out += escapeRe(p[++i]);
    else if (c === '*') {
      while (p[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const e = bracketEnd(p, i);
      if (e < 0) out += '\\[';
      else {
        out += bracket(p.slice(i + 1, e));
        i = e;
      }
    } else if (c === '{') {
      const commas: number[] = [];
      const e = braceEnd(p, i, commas);
      if (e < 0 || commas.length === 0) out += '\\{';
      else {
        const bounds = [i, ...commas, e];
        const alts = bounds.slice(0, -1).map((b, k) => toSource(p.slice(b + 1, bounds[k + 1])));
        out += `(?:${alts.join('|')})`;
        i = e;
      }
    } else out += escapeRe(c);
  }
  return out;
}

const cache = new Map<string, RegExp>();

/** Whether a file name matches a pattern segment (no `/` in either). */
export function matchSegment(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${toSource(pattern)}$`);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(name);
}

/** A folder's entries as a glob reads them: name and whether it is a folder (or a link to one). */
export interface GlobListing {
  readonly entries: readonly (readonly [name: string, isDirectory: boolean])[];
  /** The listing itself was cut short: more names may exist. */
  readonly incomplete?: boolean;
}

/**
 * An absolute pattern expanded as glob(3) does for lighttpd's include, one folder level per segment over
 * `list`: no recursive `**` (it is a plain `*`), names starting with `.` only for a segment starting with `.`,
 * folders and links to missing files listed as matches too (lighttpd then refuses to open them:
 * include-not-found), sorted, at most `limit` (+1 to signal more), and at most MAX_GLOB_ENTRIES entries read
 * in all (`incomplete` past it). The desktop lists with node:fs, the web through the editor's file system.
 */
export function globByListing(
  pattern: string,
  limit: number,
  io: { isFile(path: string): boolean; list(dir: string): GlobListing | undefined },
): GlobResult {
  const [base, rest] = splitGlob(pattern);
  if (!rest) return io.isFile(base) ? [base] : [];
  const segments = rest.replace(/\*\*+/g, '*').split('/');
  let dirs = [base];
  const found: string[] = [];
  let budget = MAX_GLOB_ENTRIES;
  let incomplete = false;
  for (let k = 0; k < segments.length && dirs.length > 0; k++) {
    const segment = segments[k];
    const last = k === segments.length - 1;
    const next: string[] = [];
    for (const dir of dirs) {
      if (segment === '') {
        if (!last) next.push(dir); // (a doubled slash)
        continue;
      }
      if (!hasGlob(segment)) {
        const p = join(dir, segment);
        if (!last) next.push(p);
        else if (io.isFile(p)) found.push(p);
        continue;
      }
      const listing = io.list(dir);
      if (!listing) continue;
      if (listing.incomplete) incomplete = true;
      if (budget <= 0) {
        incomplete = true;
        break;
      }
      const entries = listing.entries.length > budget ? listing.entries.slice(0, budget) : listing.entries;
      if (entries !== listing.entries) incomplete = true;
      budget -= entries.length;
      for (const [name, isDirectory] of entries) {
        if (!matchSegment(segment, name)) continue;
        const p = join(dir, name);
        if (!last) {
          if (isDirectory) next.push(p);
        } else found.push(p);
      }
    }
    dirs = next;
  }
  const result: GlobResult = found.sort().slice(0, limit + 1);
  if (incomplete) result.incomplete = true;
  return result;
}
