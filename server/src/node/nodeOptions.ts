/**
 * Node options the language server runs with (client/src/extension.ts passes them; bench/run.ts starts the
 * server the same way). Measured with `npm run bench` on a 10,000-line config:
 *   --max-semi-space-size=4  V8's young generation grows to 2 x 16 MB under the allocation of a full check;
 *                            capped at 4 MB it costs no measurable time and keeps ~30 MB of RSS off;
 *   --expose-gc              lets the server collect once it has been idle for a second (server.ts), so that
 *                            the garbage of the last checks is not kept resident while the user reads.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=4', '--expose-gc'];
