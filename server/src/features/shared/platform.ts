/**
 * The platforms lighttpd is built for, as the setting `lighttpd.platform` and the CLI's `--platform` name
 * them (what each one's lighttpd refuses or ignores: features/checks/platform.ts).
 */
export const PLATFORMS = ['linux', 'freebsd', 'netbsd', 'openbsd', 'dragonfly', 'macos', 'solaris', 'windows'] as const;
export type Platform = (typeof PLATFORMS)[number];
/** Nearly every lighttpd runs on Linux. */
export const DEFAULT_PLATFORM: Platform = 'linux';

/** "linux", also "Linux", "darwin", "illumos", "win32"...; undefined when it names no known platform. */
export function normalizePlatform(raw: unknown): Platform | undefined {
  if (typeof raw !== 'string') return undefined;
  const p = raw.trim().toLowerCase();
  const aliases: Record<string, Platform> = {
    darwin: 'macos',
    osx: 'macos',
    mac: 'macos',
    illumos: 'solaris',
    sunos: 'solaris',
    win32: 'windows',
    dragonflybsd: 'dragonfly',
  };
  return (PLATFORMS as readonly string[]).includes(p) ? (p as Platform) : aliases[p];
}
