/**
 * Command line of lighttpd-lint. Parsing never throws: a mistake becomes a UsageError with a message for
 * stderr (exit code 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Severity } from '../parser/ast';
import { getRule, RULES } from '../features/diagnostics/rules';
import { normalizeVersion } from '../schema';
import { normalizePlatform, PLATFORMS, type Platform } from '../features/shared/platform';
import { normalizeTlsProfile } from '../schema/tlsProfiles';
import type { CliIo } from './run';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'gitlab';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'gitlab'];

export interface CliOptions {
  readonly files: readonly string[];
  readonly format: OutputFormat;
  /** Target lighttpd version, e.g. "1.4.69". */
  readonly lighttpdVersion?: string;
  /** Target platform, e.g. "freebsd" (default linux). */
  readonly platform?: Platform;
  /** TLS profile for rule tls-profile: modern, intermediate (default), old or off. */
  readonly tlsProfile?: string;
  /** The version the configs run on before upgrading to lighttpdVersion (rules upgrade-*). */
  readonly upgradeFrom?: string;
  /** Per-code severity overrides from --severity CODE=LEVEL. */
  readonly severity: Readonly<Record<string, Severity | 'off'>>;
  /** A main config that includes the files (for fragments). */
  readonly root?: string;
  /** Check every file a given main config reads (default), or only the given files (--no-follow). */
  readonly follow: boolean;
  /** --path-map INSTALLED=COPY: where an absolute include's installed prefix has its copy. */
  readonly pathMappings: Readonly<Record<string, string>>;
  /** Report errors only. */
  readonly quiet: boolean;
  /** The least severity that makes the exit status 1 (--fail-on; default error). */
  readonly failOn: Severity;
  /** --fix: apply the safe fixes and write the files; --fix-dry-run: print them as a diff. */
  readonly fix?: 'write' | 'dry-run';
  /** --rules: report only these codes (absent: every code). */
  readonly rules?: ReadonlySet<string>;
  readonly help: boolean;
  readonly version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: lighttpd-lint [options] FILE...
       lighttpd-lint simulate CONFIG "GET http://example.org/path" (see lighttpd-lint simulate --help)
       lighttpd-lint map CONFIG [--format mermaid|dot|svg|json] (see lighttpd-lint map --help)
       lighttpd-lint test [FILE...] | --init CONFIG  (configuration tests; lighttpd-lint test --help)
       lighttpd-lint diff OLD NEW | --git REV CONFIG  (what a change reroutes; lighttpd-lint diff --help)
       lighttpd-lint explain [CODE]   (what a code means, an example and its fix; no CODE: every code)
Checks lighttpd configuration files with the same rules as the lighttpd-conf editor extension.
A main config is checked with every file it includes (as lighttpd -t -f reads them), and their problems
are reported under their own paths. FILE may be - to read standard input.

Options:
  -f, --format FORMAT        text (default: file:line:col: severity code message), json, sarif,
                             github (workflow annotations) or gitlab (Code Quality report)
      --lighttpd-version V   the lighttpd version the config is for, e.g. 1.4.69
      --platform P           the platform lighttpd runs on: linux (default), freebsd,
                             netbsd, openbsd, dragonfly, macos, solaris or windows
      --tls-profile P        hold TLS settings to Mozilla's modern, intermediate (default)
                             or old profile (rule tls-profile); off turns the rule off
      --upgrade-from V       report what changes for the config when lighttpd goes from V to
                             --lighttpd-version (default: the newest release), e.g. 1.4.69
      --severity CODE=LEVEL  change a rule's severity: error, warning, info, hint or off
                             (repeat the option, or separate pairs with commas)
      --root FILE            main config that includes the FILEs: fragments are checked with the
                             modules and variables it defines (only the FILEs are reported)
      --no-follow            report only the given FILEs, not the files their includes read
      --path-map A=B         look up absolute includes under A in folder B first (repeatable); by
                             default a main config at DIR/etc/lighttpd/lighttpd.conf maps /etc/lighttpd
                             to DIR/etc/lighttpd
      --rules LIST           report only these rules: a group (security, core) or codes,
                             separated by commas, e.g. --rules security
  -q, --quiet                report errors only
      --fail-on LEVEL        exit 1 when a problem of this severity or a worse one remains:
                             error (default), warning, info or hint
      --fix                  apply every safe fix (see lighttpd-lint explain), print what was
                             done, then report what remains
      --fix-dry-run          print the safe fixes as a unified diff; change nothing
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 no problem at or above --fail-on (default: no errors), 1 problems found,
2 usage or input error.
`;

const LEVELS: Record<string, Severity | 'off'> = {
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'information',
  information: 'information',
  hint: 'hint',
  off: 'off',
};

/** The groups --rules accepts, by the rule table's `group`. */
const RULE_GROUPS: Readonly<Record<string, (g: string | undefined) => boolean>> = {
  security: (g) => g === 'security',
  core: (g) => g !== 'security',
};

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'lighttpd-version': { type: 'string' },
        platform: { type: 'string' },
        'tls-profile': { type: 'string' },
        'upgrade-from': { type: 'string' },
        severity: { type: 'string', multiple: true },
        root: { type: 'string' },
        'no-follow': { type: 'boolean' },
        'path-map': { type: 'string', multiple: true },
        rules: { type: 'string', multiple: true },
        quiet: { type: 'boolean', short: 'q' },
        'fail-on': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' (use ${FORMATS.join(', ')})`);
  }
  const failOn = LEVELS[(v['fail-on'] ?? 'error').toLowerCase()];
  if (!failOn || failOn === 'off')
    throw new UsageError(`unknown --fail-on '${v['fail-on']}' (use error, warning, info or hint)`);
  if (v.fix && v['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  const fix = v.fix ? 'write' : v['fix-dry-run'] ? 'dry-run' : undefined;
  if (fix && parsed.positionals.includes('-'))
    throw new UsageError(`--${fix === 'write' ? 'fix' : 'fix-dry-run'} needs files, not standard input`);
  const lighttpdVersion = v['lighttpd-version'];
  // The 1.4.N form only (the schema's version parser also takes "1.4" and "lighttpd-1.4.69").
  if (
    lighttpdVersion !== undefined &&
    !(normalizeVersion(lighttpdVersion) === lighttpdVersion && lighttpdVersion.startsWith('1.4.'))
  ) {
    throw new UsageError(`invalid --lighttpd-version '${lighttpdVersion}' (expected 1.4.N, e.g. 1.4.69)`);
  }
  const platform = v.platform === undefined ? undefined : normalizePlatform(v.platform);
  if (v.platform !== undefined && !platform) {
    throw new UsageError(`unknown --platform '${v.platform}' (use ${PLATFORMS.join(', ')})`);
  }
  const tlsProfile = v['tls-profile'] === undefined ? undefined : normalizeTlsProfile(v['tls-profile']);
  if (v['tls-profile'] !== undefined && !tlsProfile)
    throw new UsageError(`unknown --tls-profile '${v['tls-profile']}' (use modern, intermediate, old or off)`);
  const upgradeFrom = v['upgrade-from'];
  if (upgradeFrom !== undefined && !/^1\.4\.\d{1,3}$/.test(upgradeFrom)) {
    throw new UsageError(`invalid --upgrade-from '${upgradeFrom}' (expected 1.4.N, e.g. 1.4.69)`);
  }
  const severity: Record<string, Severity | 'off'> = {};
  for (const item of (v.severity ?? []).flatMap((s) => s.split(','))) {
    const m = /^\s*([A-Za-z0-9-]+)\s*=\s*([A-Za-z]+)\s*$/.exec(item);
    if (!m) throw new UsageError(`invalid --severity '${item}' (expected CODE=LEVEL, e.g. module-not-loaded=warning)`);
    const [, code, levelName] = m;
    if (!getRule(code)) throw new UsageError(`unknown rule code '${code}' in --severity`);
    const level = LEVELS[levelName.toLowerCase()];
    if (!level)
      throw new UsageError(`unknown level '${levelName}' in --severity (use error, warning, info, hint or off)`);
    severity[code] = level;
  }
  const pathMappings: Record<string, string> = {};
  for (const item of v['path-map'] ?? []) {
    const eq = item.indexOf('=');
    const from = eq > 0 ? item.slice(0, eq).trim() : '';
    const to = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (!from.startsWith('/') || !to)
      throw new UsageError(
        `invalid --path-map '${item}' (expected /INSTALLED/PREFIX=FOLDER, e.g. /etc/lighttpd=./etc/lighttpd)`,
      );
    pathMappings[from] = to;
  }
  let rules: Set<string> | undefined;
  for (const item of (v.rules ?? []).flatMap((s) => s.split(','))) {
    const name = item.trim();
    if (!name) continue;
    rules ??= new Set();
    const group = RULE_GROUPS[name.toLowerCase()];
    if (group) {
      for (const r of RULES) if (group(r.group)) rules.add(r.code);
    } else if (getRule(name)) {
      rules.add(name);
    } else
      throw new UsageError(
        `unknown rule or group '${name}' in --rules (groups: ${Object.keys(RULE_GROUPS).join(', ')})`,
      );
  }
  const help = v.help ?? false;
  const version = v.version ?? false;
  if (!help && !version && parsed.positionals.length === 0)
    throw new UsageError('no input files (give FILE... or - for standard input)');
  if (parsed.positionals.filter((p) => p === '-').length > 1)
    throw new UsageError("'-' (standard input) can be given only once");
  return {
    files: parsed.positionals,
    format: format as OutputFormat,
    lighttpdVersion,
    ...(platform ? { platform } : {}),
    ...(tlsProfile ? { tlsProfile } : {}),
    ...(upgradeFrom !== undefined ? { upgradeFrom } : {}),
    severity,
    root: v.root,
    follow: !(v['no-follow'] ?? false),
    pathMappings,
    quiet: v.quiet ?? false,
    failOn,
    ...(fix ? { fix } : {}),
    ...(rules ? { rules } : {}),
    help,
    version,
  };
}

type SubcommandOptions = NonNullable<ParseArgsConfig['options']>;
type SubcommandParsed<O extends SubcommandOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>
>;

/**
 * The arguments of a subcommand (`lighttpd-lint NAME ...`): positionals allowed, unknown options refused. A usage
 * error is reported on stderr and `--help` prints `usage`: both give `{ exit }`, the status to return. Otherwise
 * the parsed values and `fail`, which reports a message as `lighttpd-lint NAME: message` and returns 2.
 */
export function parseSubcommand<const O extends SubcommandOptions>(
  name: string,
  usage: string,
  argv: readonly string[],
  io: Pick<CliIo, 'stdout' | 'stderr'>,
  options: O,
): { readonly exit: number } | { readonly parsed: SubcommandParsed<O>; readonly fail: (message: string) => 2 } {
  let parsed: SubcommandParsed<O>;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (e) {
    io.stderr(
      `lighttpd-lint ${name}: ${e instanceof Error ? e.message : String(e)}\nTry 'lighttpd-lint ${name} --help'.\n`,
    );
    return { exit: 2 };
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(usage);
    return { exit: 0 };
  }
  return {
    parsed,
    fail: (message) => {
      io.stderr(`lighttpd-lint ${name}: ${message}\n`);
      return 2;
    },
  };
}
