// The esbuild plugin of the web bundles (scripts/build.mjs): no Node built-in may be imported.
import { builtinModules } from 'node:module';

/**
 * Fails the web build on any import of a Node built-in (node:fs, path, ...): a browser has none, and a
 * bundler's silent stand-in would break at run time instead. The message names the importing file.
 */
const builtins = new Set(builtinModules);
export const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const name = args.path.startsWith('node:') ? args.path.slice(5) : args.path;
      if (!args.path.startsWith('node:') && !builtins.has(name.split('/')[0])) return undefined;
      return {
        errors: [
          {
            text: `Node built-in "${args.path}" imported by ${args.importer} in a web bundle (the browser has no Node modules; keep it in a Node-only module)`,
          },
        ],
      };
    });
  },
};
