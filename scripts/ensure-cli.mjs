// package.json "postinstall": builds dist/cli.js when it is missing, i.e. when the package is installed from a
// clone of the repository (pre-commit's language: node hook runs `npm install` in its clone, then `npm pack`,
// then installs the tarball: the tarball must hold the built linter). In a tarball from `npm pack` or the
// registry dist/cli.js is there and nothing happens. Everything goes to stderr: pre-commit reads `npm pack`'s
// standard output as the tarball's name.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist', 'cli.js')) || !existsSync(join(root, 'dist', 'cli-main.js'))) {
  if (!existsSync(join(root, 'node_modules', 'esbuild'))) {
    process.stderr.write('lighttpd-conf: dist/cli.js is not built and esbuild is not installed (run npm install)\n');
    process.exit(1);
  }
  process.stderr.write('lighttpd-conf: building dist/cli.js (npm run build)\n');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  process.exit(r.status ?? 1);
}
