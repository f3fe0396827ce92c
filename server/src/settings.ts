import type { Severity } from './parser/ast';
import { NEWEST_VERSION, normalizeVersion } from './schema';
import { DEFAULT_PLATFORM, normalizePlatform, type Platform } from './features/shared/platform';
import { DEFAULT_TLS_PROFILE, normalizeTlsProfile } from './schema/tlsProfiles';

/** Settings pulled from the client (`lighttpd.*`), with defaults for clients that send none. */
export interface ServerSettings {
  readonly validate: { readonly enable: boolean; readonly delay: number };
  /** Main config files (paths or globs, relative to a workspace folder or absolute). */
  readonly rootFiles: readonly string[];
  /** Installed prefix -> workspace folder, e.g. { "/etc/lighttpd": "${workspaceFolder}/etc" }. */
  readonly pathMappings: Readonly<Record<string, string>>;
  /** Run include_shell commands to see their output (honoured only in a trusted workspace). */
  readonly includeShellExecute: boolean;
  /** `lighttpd.version`: the lighttpd release the configs are for, e.g. "1.4.69". */
  readonly version: string;
  /** `lighttpd.platform`: the platform the configs run on (default linux). */
  readonly platform: Platform;
  /** `lighttpd.upgradeFrom`: the release the configs run on before upgrading to `version` ("" = no upgrade check). */
  readonly upgradeFrom: string;
  /** `lighttpd.security.tlsProfile`: the TLS profile TLS settings are held to (modern, intermediate, old, off). */
  readonly tlsProfile: string;
  /** `lighttpd.diagnostics.severity`: per-code severity ("off" drops the code). */
  readonly diagnosticsSeverity: Readonly<Record<string, Severity | 'off'>>;
  /** `lighttpd.format.alignArrows`: align `=>` in multi-line lists when formatting. */
  readonly formatAlignArrows: boolean;
  /** `lighttpd.validate.executable`: run `lighttpd -tt` on save (honoured only in a trusted workspace). */
  readonly validateExecutable: boolean;
  /** `lighttpd.executablePath`: the lighttpd binary; empty finds it on PATH or in /usr/sbin. */
  readonly executablePath: string;
  /**
   * `lighttpd.diagnostics.includedFiles`: most files of a checked configuration whose diagnostics are
   * published although they are not open (0: only open files).
   */
  readonly includedFiles: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  validate: { enable: true, delay: 200 },
  rootFiles: [],
  pathMappings: {},
  includeShellExecute: false,
  version: NEWEST_VERSION,
  platform: DEFAULT_PLATFORM,
  upgradeFrom: '',
  tlsProfile: DEFAULT_TLS_PROFILE,
  diagnosticsSeverity: {},
  formatAlignArrows: false,
  validateExecutable: false,
  executablePath: '',
  includedFiles: 200,
};

const SEVERITY_NAMES: Readonly<Record<string, Severity | 'off'>> = {
  error: 'error',
  warning: 'warning',
  information: 'information',
  info: 'information',
  hint: 'hint',
  off: 'off',
  none: 'off',
  ignore: 'off',
};

/** `lighttpd.diagnostics.severity` as sent by the client: unknown levels are ignored. */
export function normalizeSeverityMap(raw: unknown): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [code, level] of Object.entries(raw)) {
    const l = typeof level === 'string' ? SEVERITY_NAMES[level.trim().toLowerCase()] : undefined;
    if (l && code) out[code] = l;
  }
  return out;
}

/** `lighttpd.version`: "1.4.69" (also "1.4" or "lighttpd-1.4.69"); anything else means the newest release. */
export function normalizeVersionSetting(raw: unknown): string {
  return normalizeVersion(typeof raw === 'string' ? raw : undefined) ?? NEWEST_VERSION;
}

/** `lighttpd.upgradeFrom`: a version as for lighttpd.version, or "" (no upgrade check) for anything else. */
export function normalizeUpgradeFrom(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') return '';
  const m = /^\s*(?:lighttpd[-\s/]?)?(\d+)\.(\d+)(?:\.(\d+))?\s*$/i.exec(raw);
  return m ? `${m[1]}.${m[2]}.${m[3] ?? '0'}` : '';
}

/** Merges what the client sent over the defaults, ignoring values of the wrong type. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const r = (raw ?? {}) as {
    validate?: { enable?: unknown; delay?: unknown };
    rootFiles?: unknown;
    pathMappings?: unknown;
    includeShell?: { execute?: unknown };
    version?: unknown;
    diagnostics?: { severity?: unknown; includedFiles?: unknown };
  };
  const filesRaw = r.diagnostics?.includedFiles;
  const includedFiles =
    typeof filesRaw === 'number' && Number.isFinite(filesRaw)
      ? Math.min(10_000, Math.max(0, Math.floor(filesRaw)))
      : DEFAULT_SETTINGS.includedFiles;
  const enable = typeof r.validate?.enable === 'boolean' ? r.validate.enable : DEFAULT_SETTINGS.validate.enable;
  const delayRaw = r.validate?.delay;
  const delay =
    typeof delayRaw === 'number' && Number.isFinite(delayRaw)
      ? Math.min(5000, Math.max(0, delayRaw))
      : DEFAULT_SETTINGS.validate.delay;
  const rootFiles = Array.isArray(r.rootFiles)
    ? r.rootFiles.filter((x): x is string => typeof x === 'string' && x.length > 0)
    : [];
  const pathMappings: Record<string, string> = {};
  if (r.pathMappings && typeof r.pathMappings === 'object') {
    for (const [k, v] of Object.entries(r.pathMappings))
      if (k.startsWith('/') && typeof v === 'string' && v) pathMappings[k] = v;
  }
  return {
    validate: { enable, delay },
    rootFiles,
    pathMappings,
    includeShellExecute: r.includeShell?.execute === true,
    version: normalizeVersionSetting(r.version),
    platform: normalizePlatform((raw as { platform?: unknown } | undefined)?.platform) ?? DEFAULT_PLATFORM,
    upgradeFrom: normalizeUpgradeFrom((raw as { upgradeFrom?: unknown } | undefined)?.upgradeFrom),
    tlsProfile:
      normalizeTlsProfile((raw as { security?: { tlsProfile?: unknown } } | undefined)?.security?.tlsProfile) ??
      DEFAULT_TLS_PROFILE,
    diagnosticsSeverity: normalizeSeverityMap(r.diagnostics?.severity),
    formatAlignArrows: (raw as { format?: { alignArrows?: unknown } } | undefined)?.format?.alignArrows === true,
    validateExecutable: (raw as { validate?: { executable?: unknown } } | undefined)?.validate?.executable === true,
    executablePath:
      typeof (raw as { executablePath?: unknown } | undefined)?.executablePath === 'string'
        ? (raw as { executablePath: string }).executablePath.trim()
        : '',
    includedFiles,
  };
}
