/**
 * File-system access for features that look at other files (document links). Features take a FileHost
 * so that they stay testable; `nodeFileHost` is the real one.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, parse as parsePath } from 'node:path';

export interface FileHost {
  /** True when the path names an existing regular file. */
  isFile(path: string): boolean;
  /** Files matching a glob pattern (absolute), sorted like glob(3) sorts them. */
  glob(pattern: string): string[];
}

/** Glob metacharacters that make lighttpd expand an include (grammar §5). */
export function hasGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

/** `{a,b}` alternatives expanded (GLOB_BRACE), innermost first. */
export function expandBraces(pattern: string, limit = 256): string[] {
  const m = /\{([^{}]*)\}/.exec(pattern);
  if (!m) return [pattern];
  const out: string[] = [];
  for (const alt of m[1].split(',')) {
    for (const x of expandBraces(pattern.slice(0, m.index) + alt + pattern.slice(m.index + m[0].length), limit)) {
      if (out.length >= limit) return out;
      out.push(x);
    }
  }
  return out;
}

/** A glob segment (`*`, `?`, `[...]`) as a regular expression; a leading '.' must be matched explicitly. */
export function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) { re += '\\['; continue; }
      let body = segment.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^(?!\\.)${re}$`);
}

function globOne(pattern: string): string[] {
  const { root } = parsePath(pattern);
  const segments = pattern.slice(root.length).split(/[\\/]+/).filter(Boolean);
  let current = [root || '.'];
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k];
    const next: string[] = [];
    for (const dir of current) {
      if (!hasGlob(seg)) {
        next.push(join(dir, seg));
        continue;
      }
      let names: string[] = [];
      try { names = readdirSync(dir); } catch { continue; }
      const re = segmentRegExp(seg);
      for (const n of names.sort()) if (re.test(n)) next.push(join(dir, n));
    }
    current = next;
    if (current.length > 10000) break;
  }
  return current;
}

export const nodeFileHost: FileHost = {
  isFile(path) {
    try { return statSync(path).isFile(); } catch { return false; }
  },
  glob(pattern) {
    const out = new Set<string>();
    for (const p of expandBraces(pattern)) for (const f of globOne(p)) if (nodeFileHost.isFile(f)) out.add(f);
    return [...out].sort();
  },
};
