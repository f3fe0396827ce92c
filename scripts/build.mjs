// Bundles the client and the language server into dist/ with esbuild: the desktop client (dist/extension.js),
// the web client (the same dist/extension.js: client/src/universalExtension.ts), the CLI, and one language server for both (dist/server.js: Node on
// the desktop, a web worker on the web; server/src/entries/universal.ts picks the entry).
// `vscode` is provided by the editor at run time and stays external.
import * as esbuild from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { noNodeBuiltins } from './no-node-builtins.mjs';

const production = process.argv.includes('--production');
// package.json's version, for `lighttpd-language-server --version` (server/src/entries/desktop.ts).
const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
const watch = process.argv.includes('--watch');

// Some bundled ESM dependencies (tinyglobby's fdir) read import.meta.url, which a CommonJS bundle lacks.
const importMetaUrl = 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;';
// The same for the server, which also runs in a web worker (no require, no __filename there).
const universalImportMetaUrl =
  'var __importMetaUrl = typeof __filename === "string" ? require("url").pathToFileURL(__filename).href : "";';

// The universal server bundle: the packages' roots resolve to their platform-free APIs, so that neither
// runtime layer (Node's or the browser's) is installed by a module both entries share; each entry's own
// `vscode-languageserver/node` or `/browser` import installs its runtime layer when it starts.
const platformFreeRoots = {
  name: 'platform-free-roots',
  setup(build) {
    const roots = {
      'vscode-languageserver': 'vscode-languageserver/lib/common/api.js',
      'vscode-languageclient': 'vscode-languageclient/lib/common/api.js',
      'vscode-languageserver-protocol': 'vscode-languageserver-protocol/lib/common/api.js',
      'vscode-jsonrpc': 'vscode-jsonrpc/lib/common/api.js',
      // (its CommonJS build is a UMD wrapper that reads `require` when it loads; the ESM build does not)
      'vscode-languageserver-types': './node_modules/vscode-languageserver-types/lib/esm/main.js',
    };
    build.onResolve(
      { filter: /^vscode-(languageserver(-protocol|-types)?|languageclient|jsonrpc)\/?$/ },
      async (args) => {
        if (args.pluginData === 'platform-free-roots') return undefined;
        const target = roots[args.path.replace(/\/$/, '')]; // (common/api.js imports 'vscode-languageserver-protocol/')
        const r = await build.resolve(target, {
          kind: args.kind,
          resolveDir: target.startsWith('./') ? process.cwd() : args.resolveDir,
          pluginData: 'platform-free-roots',
        });
        // A package that moved its files: fail the build rather than ship the Node runtime to the web.
        return r.errors.length ? { errors: r.errors } : { path: r.path };
      },
    );
  },
};

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

// What the two bundles that serve both platforms share: the platform-free package roots and import.meta.url.
const universal = {
  banner: { js: universalImportMetaUrl },
  plugins: [platformFreeRoots],
  define: {
    'import.meta.url': '__importMetaUrl',
    'process.env.NODE_ENV': production ? '"production"' : '"development"',
    __LIGHTTPD_CONF_VERSION__: JSON.stringify(version),
  },
};

const entries = [
  // One client for the desktop and the web too (package.json main and browser): universalExtension.ts.
  {
    entryPoints: ['client/src/universalExtension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    ...universal,
  },
  // One server for the desktop and the web (half the .vsix of two bundles); the web entry's own imports are
  // checked for Node built-ins by the check-only build below.
  {
    entryPoints: ['server/src/entries/universal.ts'],
    outfile: 'dist/server.js',
    ...universal,
  },
  // lighttpd-lint (package.json "bin"): dist/cli.js starts the program, dist/cli-main.js, with V8's code cache
  // (server/src/entries/compileCache.ts); runnable directly, hence the shebang.
  { entryPoints: ['server/src/entries/cli.ts'], outfile: 'dist/cli-main.js' },
  {
    entryPoints: ['server/src/entries/compileCache.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { __PROGRAM__: '"cli-main.js"' },
  },
  // lighttpd-language-server (package.json "bin"): a launcher of dist/server.js, which stays one file.
  {
    entryPoints: ['server/src/entries/languageServer.ts'],
    outfile: 'dist/language-server.js',
    external: ['./server.js'],
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: false,
    minify: false,
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
  // Not shipped (dist/extension.js serves both): built to prove the web client imports no Node built-in.
  {
    entryPoints: ['client/src/browserExtension.ts'],
    outfile: 'out/web-check/extension.js',
    format: 'cjs',
    external: ['vscode'],
    write: false,
  },
  // The routing map's webview script (client/src/routingMap.ts loads it with the page's nonce).
  { entryPoints: ['client/src/mapView/main.ts'], outfile: 'dist/mapView.js', format: 'iife' },
  // Not shipped (dist/server.js serves both): built to prove the web server imports no Node built-in.
  {
    entryPoints: ['server/src/entries/webWorker.ts'],
    outfile: 'out/web-check/server.js',
    format: 'iife',
    write: false,
  },
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
  // so that the programs run on their own, not only through npm's bin links
  for (const bin of ['dist/cli.js', 'dist/language-server.js']) chmodSync(bin, 0o755);
}
