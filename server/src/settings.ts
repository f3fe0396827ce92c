/** Settings pulled from the client (`lighttpd.*`), with defaults for clients that send none. */
export interface ServerSettings {
  readonly validate: { readonly enable: boolean; readonly delay: number };
  /** Main config files (paths or globs, relative to a workspace folder or absolute). */
  readonly rootFiles: readonly string[];
  /** Installed prefix -> workspace folder, e.g. { "/etc/lighttpd": "${workspaceFolder}/etc" }. */
  readonly pathMappings: Readonly<Record<string, string>>;
  /** Run include_shell commands to see their output (honoured only in a trusted workspace). */
  readonly includeShellExecute: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  validate: { enable: true, delay: 200 },
  rootFiles: [],
  pathMappings: {},
  includeShellExecute: false,
};

/** Merges what the client sent over the defaults, ignoring values of the wrong type. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const r = (raw ?? {}) as { validate?: { enable?: unknown; delay?: unknown }; rootFiles?: unknown; pathMappings?: unknown; includeShell?: { execute?: unknown } };
  const enable = typeof r.validate?.enable === 'boolean' ? r.validate.enable : DEFAULT_SETTINGS.validate.enable;
  const delayRaw = r.validate?.delay;
  const delay = typeof delayRaw === 'number' && Number.isFinite(delayRaw) ? Math.min(5000, Math.max(0, delayRaw)) : DEFAULT_SETTINGS.validate.delay;
  const rootFiles = Array.isArray(r.rootFiles) ? r.rootFiles.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
  const pathMappings: Record<string, string> = {};
  if (r.pathMappings && typeof r.pathMappings === 'object') {
    for (const [k, v] of Object.entries(r.pathMappings)) if (k.startsWith('/') && typeof v === 'string' && v) pathMappings[k] = v;
  }
  return { validate: { enable, delay }, rootFiles, pathMappings, includeShellExecute: r.includeShell?.execute === true };
}
