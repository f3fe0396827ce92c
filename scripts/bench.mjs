// npm run bench: packages the extension (production build of dist/ + .vsix, as shipped; BENCH_VSIX=0 builds
// dist/ only), bundles bench/run.ts with the same esbuild settings as dist/ (no keep-names helpers: the
// shipped code paths) and runs it. Not part of npm test.
// npm run bench:profile [lines]: the same for bench/profile.ts (time per phase; PROFILE=<phase> for a CPU
// profile of one phase).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const profile = process.argv[2] === '--profile';
const name = profile ? 'profile' : 'run';
const env = { ...process.env };
const sh = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!profile) {
  if (process.env.BENCH_VSIX === '0') {
    sh(process.execPath, ['scripts/build.mjs', '--production']);
  } else {
    mkdirSync('out/bench', { recursive: true });
    const vsix = 'out/bench/lighttpd-conf.vsix';
    rmSync(vsix, { force: true });
    // vscode:prepublish runs the production build of dist/.
    sh(process.execPath, ['scripts/package.mjs', '--out', vsix]);
    env.BENCH_VSIX_FILE = vsix;
  }
}
await esbuild.build({
  entryPoints: [`bench/${name}.ts`],
  outfile: `out/bench/${name}.cjs`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: profile ? 'linked' : false,
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
const args = process.argv.slice(profile ? 3 : 2);
// The in-process measures run with the Node options the language server ships with (server/src/node/nodeOptions.ts),
// so that their garbage collector behaves as the server's does; BENCH_NODE_ARGS replaces them.
const shipped =
  /SERVER_NODE_OPTIONS[^=]*=\s*\[([^\]]*)\]/.exec(readFileSync('server/src/node/nodeOptions.ts', 'utf8'))?.[1] ?? '';
const serverArgs = [...shipped.matchAll(/'([^']*)'/g)].map((m) => m[1]).filter((a) => a !== '--expose-gc');
const nodeArgs =
  process.env.BENCH_NODE_ARGS !== undefined ? process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : serverArgs;
const r = spawnSync(process.execPath, [...nodeArgs, `out/bench/${name}.cjs`, ...args], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
