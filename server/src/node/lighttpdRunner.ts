/**
 * Runs `lighttpd -tt -f <root config>` for live validation (setting `lighttpd.validate.executable`).
 *
 * lighttpd executes the config's include_shell commands while reading it, so this runs only when the
 * setting is on AND the workspace is trusted (the client reports trust; package.json declares the setting
 * as restricted in untrusted workspaces). The executable gets an argument array (no shell), a timeout after
 * which it is killed, and a cap on the output kept. Its output is mapped by features/diagnostics/lighttpdValidation.ts.
 */
import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { scratchText, unscratch, type ScratchCopyPlan } from '../analysis/scratchCopy';

export interface LighttpdRunOptions {
  /** `lighttpd.validate.executable`. */
  readonly enabled: boolean;
  /** Workspace trust as reported by the client. */
  readonly trusted: boolean;
  /** `lighttpd.executablePath`; empty: `lighttpd` on PATH, then /usr/sbin and /usr/local/sbin. */
  readonly executablePath?: string;
  readonly timeoutMs?: number;
  /** Most characters of output kept (the rest is dropped and the process stopped). */
  readonly maxOutput?: number;
  /**
   * Run on a mirror of the configuration in a scratch folder (analysis/scratchCopy.ts: the includes a path
   * mapping redirects read the workspace copy); the folder is removed afterwards and its prefix dropped
   * from the output.
   */
  readonly scratch?: ScratchCopyPlan;
}

export type LighttpdRunResult =
  | { readonly ran: false; readonly reason: 'disabled' | 'untrusted' | 'not-found'; readonly detail?: string }
  | {
      readonly ran: true;
      readonly status: number | null;
      readonly output: string;
      readonly timedOut: boolean;
      readonly truncated: boolean;
      readonly executable: string;
      /** The arguments lighttpd was given (the scratch copy's main config when there was one). */
      readonly args: readonly string[];
      readonly durationMs: number;
    };

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_OUTPUT = 256 * 1024;

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The lighttpd binary to run, or undefined when there is none. */
export function findLighttpd(executablePath = '', env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = executablePath.trim();
  if (configured) {
    if (isAbsolute(configured) || configured.includes('/')) return isExecutable(configured) ? configured : undefined;
    return findOnPath(configured, env);
  }
  return (
    findOnPath('lighttpd', env) ??
    ['/usr/sbin/lighttpd', '/usr/local/sbin/lighttpd', '/sbin/lighttpd'].find(isExecutable)
  );
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (isExecutable(p)) return p;
  }
  return undefined;
}

/**
 * In each mirrored folder, a link to every entry of the original folder that is not mirrored: lighttpd runs an
 * include_shell command in the folder of the file that has it, so `./gen.sh` or `cat local/*.conf` find the
 * originals there. (Removing the scratch folder removes the links, never what they point to.)
 */
function linkTheRest(scratch: string, dirs: ReadonlySet<string>): void {
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // (a folder we cannot list: the mirror has what was read)
    }
    for (const name of names) {
      const at = join(scratch + dir, name);
      if (existsSync(at)) continue;
      try {
        symlinkSync(join(dir, name), at);
      } catch {
        // (a name we cannot link: the command finds it missing, as it would find an unreadable file)
      }
    }
  }
}

/** `lighttpd -tt -f configPath`, in the config's directory (lighttpd resolves includes from there too). */
export function runLighttpdPreflight(configPath: string, options: LighttpdRunOptions): Promise<LighttpdRunResult> {
  if (!options.enabled) return Promise.resolve({ ran: false, reason: 'disabled' });
  if (!options.trusted) return Promise.resolve({ ran: false, reason: 'untrusted' });
  const executable = findLighttpd(options.executablePath);
  if (!executable)
    return Promise.resolve({ ran: false, reason: 'not-found', detail: options.executablePath || 'lighttpd' });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutput = options.maxOutput ?? DEFAULT_MAX_OUTPUT;
  let scratch: string | undefined;
  let main = configPath;
  if (options.scratch) {
    try {
      scratch = mkdtempSync(join(tmpdir(), 'lighttpd-conf-check-'));
      for (const f of options.scratch.files) {
        const at = scratch + f.path;
        mkdirSync(dirname(at), { recursive: true });
        writeFileSync(at, scratchText(f, scratch));
      }
      linkTheRest(scratch, new Set(options.scratch.files.map((f) => dirname(f.path))));
      main = scratch + options.scratch.root;
    } catch (e) {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      const detail = `could not write the scratch copy: ${e instanceof Error ? e.message : String(e)}`;
      return Promise.resolve({ ran: false, reason: 'not-found', detail });
    }
  }
  const args = ['-tt', '-f', main];
  const started = Date.now();
  return new Promise<LighttpdRunResult>((resolvePromise) => {
    let output = '';
    let truncated = false;
    let timedOut = false;
    let settled = false;
    const finish = (status: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise({
        ran: true,
        status,
        output,
        timedOut,
        truncated,
        executable,
        args,
        durationMs: Date.now() - started,
      });
    };
    let child: ReturnType<typeof spawn>;
    try {
      // Its own process group, so that stopping it also stops what it started (include_shell commands).
      // (in the main config's own folder even for a scratch copy: relative paths of other settings, such as
      // ssl.pemfile, are read from there)
      child = spawn(executable, args, {
        cwd: dirname(configPath),
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        detached: process.platform !== 'win32',
      });
    } catch (e) {
      resolvePromise({ ran: false, reason: 'not-found', detail: e instanceof Error ? e.message : String(e) });
      return;
    }
    const stop = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already
      }
    };
    const onData = (b: Buffer) => {
      if (output.length >= maxOutput) return;
      output += b.toString('utf8');
      if (output.length >= maxOutput) {
        output = output.slice(0, maxOutput);
        truncated = true;
        stop();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    child.on('error', (e) => {
      output += String(e);
      finish(null);
    });
    child.on('close', (status) => finish(status));
    // A grandchild may keep the pipes open after lighttpd is gone: do not wait for them long.
    child.on('exit', (status) => {
      stop();
      setTimeout(() => finish(status), 200).unref();
    });
  }).then((r) => {
    if (!scratch) return r;
    rmSync(scratch, { recursive: true, force: true });
    return r.ran ? { ...r, output: unscratch(r.output, scratch) } : r;
  });
}
