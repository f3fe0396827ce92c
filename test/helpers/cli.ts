// lighttpd-lint run in-process (runCli) over an in-memory file system: what the CLI tests share.
import { runCli, type CliIo } from '../../server/src/cli/run';
import type { ConfigFileSystem } from '../../server/src/analysis/fileSystem';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export type MemoryFiles = Record<string, string | Uint8Array>;

/** An in-memory file system for the workspace (includes, --root), consistent with the io's readFile. */
export function memoryFileSystem(files: MemoryFiles): ConfigFileSystem {
  const text = (p: string) => {
    const f = files[p];
    return f === undefined ? undefined : typeof f === 'string' ? f : new TextDecoder().decode(f);
  };
  return {
    readFile: text,
    isFile: (p) => files[p] !== undefined,
    glob: (pattern, limit) => {
      const re = new RegExp(
        '^' +
          pattern
            .replace(/[.+^${}()|\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]') +
          '$',
      );
      return Object.keys(files)
        .filter((k) => re.test(k))
        .sort()
        .slice(0, limit + 1);
    },
    realPath: (p) => p,
  };
}

/**
 * Runs lighttpd-lint with `argv` in `cwd` over `files` (absolute paths; a path ending in /dir is a folder);
 * --fix writes into `files`. `env` is the process environment the CLI sees.
 */
export async function runLint(
  cwd: string,
  argv: string[],
  files: MemoryFiles = {},
  stdin = '',
  env: Record<string, string> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    readFile: async (p) => {
      if (p.endsWith('/dir')) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    readStdin: async () => new TextEncoder().encode(stdin),
    writeFile: async (p, bytes) => {
      files[p] = bytes;
    },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    fileSystem: memoryFileSystem(files),
    env,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Runs lighttpd-lint in-process in `cwd` on the real disk: exit code, stdout and stderr. */
export async function runLintOnDisk(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const { readFile } = await import('node:fs/promises');
  let out = '';
  let err = '';
  const code = await runCli(args, {
    cwd,
    readFile: (p) => readFile(p),
    readStdin: async () => new Uint8Array(),
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, out, err };
}
