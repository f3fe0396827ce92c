/**
 * dist/cli.js, the `lighttpd-lint` command: loads the program (dist/cli-main.js) with V8's code cache, so that
 * a run after the first one does not compile the half-megabyte bundle again (a third of what a short run costs
 * beyond Node's own start; CONTRIBUTING.md "Performance").
 *
 * Node 22.1+ does this itself (module.enableCompileCache). On Node 20 the bundle is compiled through vm.Script
 * with the cached data of an earlier run, as the v8-compile-cache package did for ESLint. The cache is a
 * file per program, Node version and bundle content in the user's cache folder (`$XDG_CACHE_HOME/lighttpd-conf`
 * or `~/.cache/lighttpd-conf`), used only from a folder the user owns that no one else may write to; a cache V8
 * rejects (another V8, other flags) is written anew. `LIGHTTPD_CONF_NO_CACHE=1` turns it off. Any failure of
 * the cache falls back to a plain require: the cache can make a run faster, never make it fail.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import NodeModule, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vm from 'node:vm';

declare const __PROGRAM__: string;

const program = join(__dirname, __PROGRAM__);

/** The cache folder, made private to this user, or undefined when there is none we may trust. */
function cacheFolder(): string | undefined {
  if (process.env.LIGHTTPD_CONF_NO_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = join(base, 'lighttpd-conf');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    const uid = process.getuid?.();
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** The program compiled with the cached code of an earlier run, ready to run; a cache is written at exit. */
function compileWithCache(dir: string): () => void {
  const source = fs.readFileSync(program, 'utf8');
  // V8 checks a cache against the source's length only: the key names the exact bundle and Node.
  const key = createHash('sha1').update(source).update(process.version).update(process.arch).digest('hex');
  const file = join(dir, `${__PROGRAM__}-${key.slice(0, 16)}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  // `import()` inside the program loads as it would in a required module (without this option V8 throws
  // "A dynamic import callback was not specified" at the first one).
  const importModuleDynamically = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } })
    .constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new vm.Script(NodeModule.wrap(source), {
    filename: program,
    cachedData,
    ...(importModuleDynamically ? { importModuleDynamically: importModuleDynamically as never } : {}),
  });
  if (!cachedData || script.cachedDataRejected) {
    // Written at exit, so that it holds the functions this run compiled too.
    process.once('exit', () => {
      try {
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, file);
      } catch {
        /* no cache this time */
      }
    });
  }
  const mod = new NodeModule(program, module) as NodeModule & { filename: string; paths: string[] };
  mod.filename = program;
  mod.paths = (NodeModule as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(program));
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  return () => wrapper.call(mod.exports, mod.exports, createRequire(program), mod, program, dirname(program));
}

function start(): void {
  const dir = cacheFolder();
  const builtIn = (NodeModule as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  let run: (() => void) | undefined;
  if (dir && typeof builtIn === 'function') {
    try {
      builtIn(dir);
    } catch {
      /* no cache */
    }
  } else if (dir) {
    try {
      run = compileWithCache(dir);
    } catch {
      run = undefined; // (the cache failed: the plain way below)
    }
  }
  // The program runs once, outside the cache's error handling: its own errors are its own.
  if (run) run();
  else createRequire(__filename)(program);
}

start();
