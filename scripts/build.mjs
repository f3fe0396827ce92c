// Bundles the client and the language server into dist/ with esbuild: for Node (the desktop, the CLI) and
// for the browser (dist/web/: VS Code for the Web, the server in a web worker).
// `vscode` is provided by the editor at run time and stays external.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';
import { noNodeBuiltins } from './no-node-builtins.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// Some bundled ESM dependencies (tinyglobby's fdir) read import.meta.url, which a CommonJS bundle lacks.
const importMetaUrl = 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;';

/** @type {import('esbuild').BuildOptions} */
const common = {
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: importMetaUrl },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  // lighttpd-lint (package.json "bin"): runnable directly, hence the shebang.
  {
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node\n' + importMetaUrl },
  },
];

/** @type {import('esbuild').BuildOptions} */
const web = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  // (no process.env in a worker: the libraries' checks of NODE_ENV read the constant)
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  plugins: [noNodeBuiltins],
};

const webEntries = [
  {
    entryPoints: ['client/src/browserExtension.ts'],
    outfile: 'dist/web/extension.js',
    format: 'cjs',
    external: ['vscode'],
  },
  { entryPoints: ['server/src/browserMain.ts'], outfile: 'dist/web/server.js', format: 'iife' },
];

if (watch) {
  for (const e of webEntries) {
    const ctx = await esbuild.context({ ...web, ...e });
    await ctx.watch();
  }
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
  console.log('watching for changes...');
} else {
  await Promise.all([
    ...entries.map((e) => esbuild.build({ ...common, ...e })),
    ...webEntries.map((e) => esbuild.build({ ...web, ...e })),
  ]);
  chmodSync('dist/cli.js', 0o755); // so that ./dist/cli.js runs on its own, not only through npm's bin link
}
