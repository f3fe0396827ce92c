// npm run bench: bundles bench/run.ts with the same esbuild settings as dist/ (no keep-names helpers, the
// shipped code paths) and runs it. Not part of npm test.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

await esbuild.build({
  entryPoints: ['bench/run.ts'],
  outfile: 'out/bench/run.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['out/bench/run.cjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
