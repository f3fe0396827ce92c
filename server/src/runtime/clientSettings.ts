/**
 * The client's `lighttpd` settings, from wherever the client puts them: `initializationOptions.lighttpd`
 * (Helix, Zed, Kate, eglot's :initializationOptions), pushed with `workspace/didChangeConfiguration`
 * (`settings.lighttpd`: Neovim, eglot, Sublime) and pulled with `workspace/configuration` (VS Code, Neovim,
 * eglot). The latest that says something wins; defaults (settings.ts) fill in the rest.
 *
 * A pull must not keep the first diagnostics waiting: the server waits at most SETTINGS_GRACE_MS for the
 * answer (a normal client answers in milliseconds, so its first diagnostics are those of its settings), then
 * checks with what it has; an answer that comes later is applied then and everything is checked again. A
 * client that answers null or an error, or never answers, keeps what it had.
 */
import type { Connection } from 'vscode-languageserver';

export const SETTINGS_GRACE_MS = 500;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `x.lighttpd` when it is an object. */
function lighttpdSection(x: unknown): Record<string, unknown> | undefined {
  return isObject(x) && isObject(x.lighttpd) ? x.lighttpd : undefined;
}

export class ClientSettings {
  private latest: Record<string, unknown> | undefined;
  private pulls = 0;

  /** The raw `lighttpd` section to normalise (undefined: the defaults). */
  current(): unknown {
    return this.latest;
  }

  /** `initialize`'s initializationOptions: `{ "lighttpd": { ... } }`. */
  initializationOptions(options: unknown): void {
    this.latest = lighttpdSection(options) ?? this.latest;
  }

  /** A `workspace/didChangeConfiguration` notification's settings (`{ "lighttpd": { ... } }`); true when they said something. */
  pushed(settings: unknown): boolean {
    const s = lighttpdSection(settings);
    if (s) this.latest = s;
    return !!s;
  }

  /**
   * Asks the client (`workspace/configuration`, section `lighttpd`). Resolves once it answered or after
   * `graceMs`, whichever is first; an answer after that is applied and reported with `lateAnswer()` (only
   * the answer to the latest pull: an older one is stale).
   */
  pull(connection: Connection, lateAnswer: () => void, graceMs = SETTINGS_GRACE_MS): Promise<void> {
    const pull = ++this.pulls;
    let waiting = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answer = connection.workspace.getConfiguration({ section: 'lighttpd' }).then(
      (v: unknown) => {
        if (pull !== this.pulls || !isObject(v)) return;
        this.latest = v;
        if (!waiting) lateAnswer();
      },
      () => undefined, // (an error answer: keep what we have)
    );
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    return Promise.race([answer, grace]).finally(() => {
      waiting = false;
      clearTimeout(timer);
    });
  }
}
