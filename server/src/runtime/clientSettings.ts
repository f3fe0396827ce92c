/**
 * Reading the client's `lighttpd` settings (workspace/configuration). A client that never answers must not
 * keep the server from checking anything: after SETTINGS_TIMEOUT_MS the defaults are used.
 */
import type { Connection } from 'vscode-languageserver';

export const SETTINGS_TIMEOUT_MS = 5000;

export function readClientSettings(connection: Connection, timeoutMs = SETTINGS_TIMEOUT_MS): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  const answer = connection.workspace.getConfiguration({ section: 'lighttpd' }).catch(() => undefined);
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}
