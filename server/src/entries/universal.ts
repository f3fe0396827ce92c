/**
 * Entry point of dist/server.js on both platforms: under Node (the desktop: `node dist/server.js --stdio`) it
 * starts desktop.ts, in a web worker (VS Code for the Web) webWorker.ts. One bundle instead of two keeps the
 * .vsix within its size budget; each entry's modules are initialised only when it starts, so the web worker
 * never runs a Node-only module (the build checks webWorker.ts's imports on their own).
 */

const inNode =
  typeof process !== 'undefined' &&
  typeof process.versions?.node === 'string' &&
  typeof (globalThis as { importScripts?: unknown }).importScripts !== 'function';
// (require, not import: the entry not taken must not even be initialised)
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (inNode) require('./desktop');
// eslint-disable-next-line @typescript-eslint/no-require-imports
else require('./webWorker');
