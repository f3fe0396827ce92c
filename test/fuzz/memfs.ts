/**
 * An in-memory ConfigFileSystem for fuzzing the multi-file layer without touching the disk.
 */
import type { ConfigFileSystem } from '../../server/src/analysis/fileSystem';

function segmentPattern(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      const body = segment
        .slice(i + 1, close)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      re += `[${body}]`;
      i = close;
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    return new RegExp(`^(?!\\.)${re}$`);
  } catch {
    return /(?!)/;
  }
}

export class MemoryFileSystem implements ConfigFileSystem {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [p, t] of Object.entries(files)) this.files.set(p, t);
  }

  readFile(path: string): string | undefined {
    return this.files.get(path);
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  glob(pattern: string, limit: number): string[] {
    if (!pattern.startsWith('/')) return [];
    const segs = pattern.split('/').slice(1).map(segmentPattern);
    const out: string[] = [];
    for (const p of this.files.keys()) {
      const parts = p.split('/').slice(1);
      if (parts.length === segs.length && parts.every((x, i) => segs[i].test(x))) out.push(p);
    }
    return out.sort().slice(0, limit + 1);
  }

  realPath(path: string): string {
    return path;
  }
}
