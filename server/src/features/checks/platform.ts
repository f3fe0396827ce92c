/**
 * Rule `platform-unsupported`: what the target platform's lighttpd refuses or ignores (setting
 * `lighttpd.platform`, CLI `--platform`; default linux). Facts from lighttpd's sources:
 * - src/fdevent_impl.h/.c: the event handlers compiled in (epoll on Linux, kqueue on the BSDs and macOS,
 *   event ports and /dev/poll on Solaris/illumos, poll everywhere, "select" mapped to poll); any other name
 *   makes lighttpd refuse to start ("the selected event-handler in unknown or not supported"; lighttpd -tt);
 * - src/stat_cache.c: "inotify" only where sys/inotify.h exists (Linux), "kqueue" only on kqueue systems
 *   without inotify; elsewhere lighttpd refuses to start;
 * - src/network_write.c: every sendfile name means "the platform's sendfile" (writev where there is none);
 * - src/network.c: server.ip-transparent (IP_TRANSPARENT) and the server.network-mptcp feature flag only on
 *   Linux, server.defer-accept only where TCP_DEFER_ACCEPT exists (Linux), server.bsd-accept-filter only on
 *   FreeBSD/NetBSD/DragonFly (SO_ACCEPTFILTER); elsewhere lighttpd ignores them without a word;
 * - src/server.c: server.username/groupname (HAVE_PWD_H) and server.chroot (HAVE_CHROOT) do nothing on Windows.
 */
import type { EvaluatedAssignment } from '../../analysis';
import type { CheckContext, Fix } from './context';
import { locateElements } from './context';
import { PLATFORMS, type Platform } from '../shared/platform';

const KQUEUE: ReadonlySet<Platform> = new Set(['freebsd', 'netbsd', 'openbsd', 'dragonfly', 'macos']);
const LABEL: Readonly<Record<Platform, string>> = {
  linux: 'Linux',
  freebsd: 'FreeBSD',
  netbsd: 'NetBSD',
  openbsd: 'OpenBSD',
  dragonfly: 'DragonFly BSD',
  macos: 'macOS',
  solaris: 'Solaris/illumos',
  windows: 'Windows',
};

/** server.event-handler values each platform's lighttpd accepts, best first (src/fdevent_impl.c). */
export function eventHandlers(p: Platform): readonly string[] {
  if (p === 'linux') return ['linux-sysepoll', 'epoll', 'poll', 'select'];
  if (KQUEUE.has(p)) return ['freebsd-kqueue', 'kqueue', 'poll', 'select'];
  if (p === 'solaris') return ['solaris-eventports', 'solaris-devpoll', 'poll', 'select'];
  return ['poll', 'select'];
}

/** Platform-specific server.stat-cache-engine values (src/stat_cache.c; "fam" depends on the build). */
function statCacheEngineAvailable(value: string, p: Platform): boolean {
  if (value === 'inotify') return p === 'linux';
  if (value === 'kqueue') return KQUEUE.has(p);
  return true;
}

/** The sendfile a platform's lighttpd really uses (src/network_write.c), or undefined where there is none. */
function nativeSendfile(p: Platform): string | undefined {
  switch (p) {
    case 'linux':
      return 'linux-sendfile';
    case 'freebsd':
    case 'dragonfly':
      return 'freebsd-sendfile';
    case 'macos':
      return 'darwin-sendfile';
    case 'solaris':
      return 'solaris-sendfilev';
    default:
      return undefined;
  }
}

/** Socket options that only some platforms' lighttpd implements (src/network.c); elsewhere ignored. */
const PLATFORM_ONLY: Readonly<Record<string, { readonly on: readonly Platform[]; readonly what: string }>> = {
  'server.ip-transparent': { on: ['linux'], what: 'IP_TRANSPARENT' },
  'server.defer-accept': { on: ['linux'], what: 'TCP_DEFER_ACCEPT' },
  'server.bsd-accept-filter': { on: ['freebsd', 'netbsd', 'dragonfly'], what: 'accept filters (SO_ACCEPTFILTER)' },
};

const TRUE_WORDS = new Set(['enable', 'enabled', 'true', '1']);

function enabled(a: EvaluatedAssignment): boolean {
  const v = a.result;
  if (v.type === 'integer') return v.value !== 0;
  return v.type === 'string' && TRUE_WORDS.has(v.value.toLowerCase());
}

/** A fix that deletes the whole statement, with its line when nothing else is on it. */
export function removeStatementFix(ctx: CheckContext, a: EvaluatedAssignment, title = 'Remove the line'): Fix {
  const text = ctx.text;
  let start = a.node.start;
  let end = a.node.end;
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  const atLineStart = s === 0 || text[s - 1] === '\n' || text[s - 1] === '\r';
  if (atLineStart && (e === text.length || text[e] === '\n' || text[e] === '\r' || text[e] === '#')) {
    if (text[e] === '#') {
      // keep a trailing comment: remove only the statement
      end = e;
    } else {
      start = s;
      end = text[e] === '\r' && text[e + 1] === '\n' ? e + 2 : e < text.length ? e + 1 : e;
    }
  }
  return { title, edits: [{ start, end, newText: '' }], preferred: true };
}

export function checkPlatform(ctx: CheckContext): void {
  const p = ctx.platform;
  const label = LABEL[p];
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName;
    const v = a.result;
    if (!a.node.value) continue;
    if (key === 'server.event-handler' && v.type === 'string') {
      const available = eventHandlers(p);
      // Values unknown everywhere are invalid-value already; "libev" is ignored everywhere.
      if (available.includes(v.value) || !ALL_HANDLERS.has(v.value)) continue;
      ctx.report(
        'platform-unsupported',
        a.node.value,
        {
          what: `The event handler "${v.value}"`,
          platform: label,
          effect: 'lighttpd refuses to start ("the selected event-handler in unknown or not supported")',
          advice: `Remove the line: lighttpd picks the best handler itself (${available[0]} here).`,
        },
        { effect: 'refuses-to-start', fixes: [removeStatementFix(ctx, a)] },
      );
    } else if (key === 'server.stat-cache-engine' && v.type === 'string') {
      if (statCacheEngineAvailable(v.value, p)) continue;
      ctx.report(
        'platform-unsupported',
        a.node.value,
        {
          what: `The stat cache engine "${v.value}"`,
          platform: label,
          effect: 'lighttpd refuses to start ("server.stat-cache-engine can be one of ...")',
          advice: `Use "simple" (the default), or remove the line.`,
        },
        {
          effect: 'refuses-to-start',
          fixes: [
            removeStatementFix(ctx, a),
            {
              title: 'Change to "simple"',
              edits: [{ start: a.node.value.start, end: a.node.value.end, newText: '"simple"' }],
            },
          ],
        },
      );
    } else if (key === 'server.network-backend' && v.type === 'string' && SENDFILES.has(v.value)) {
      const native = nativeSendfile(p);
      if (v.value === 'sendfile' ? native !== undefined : v.value === native) continue;
      ctx.report(
        'platform-unsupported',
        a.node.value,
        {
          what: `The network backend "${v.value}"`,
          platform: label,
          effect: native
            ? `lighttpd uses the platform's sendfile (${native}) whatever sendfile name is given`
            : 'there is no sendfile: lighttpd writes with writev instead',
          advice: 'Remove the line: lighttpd picks the best backend itself.',
        },
        { effect: 'accepted', fixes: [{ ...removeStatementFix(ctx, a), safe: true }] },
      );
    } else if (PLATFORM_ONLY[key]) {
      const only = PLATFORM_ONLY[key];
      if (only.on.includes(p)) continue;
      const isSet =
        key === 'server.bsd-accept-filter'
          ? v.type === 'string' && /^(httpready|dataready)$/.test(v.value)
          : enabled(a);
      if (!isSet) continue;
      ctx.report(
        'platform-unsupported',
        a.node.key,
        {
          what: key,
          platform: label,
          effect: `lighttpd ignores it (${only.what}: only on ${only.on.map((x) => LABEL[x]).join(', ')})`,
        },
        { fixes: [{ ...removeStatementFix(ctx, a), safe: true }] },
      );
    } else if (key === 'server.feature-flags' && p !== 'linux') {
      for (const e of locateElements(a.rhs, a.node.value, a.node.value)) {
        if (e.key !== 'server.network-mptcp') continue;
        const val = e.value;
        const on1 =
          (val.type === 'integer' && val.value !== 0) ||
          (val.type === 'string' && TRUE_WORDS.has(val.value.toLowerCase()));
        if (!on1) continue;
        ctx.report('platform-unsupported', e.keySpan, {
          what: '"server.network-mptcp"',
          platform: label,
          effect: 'lighttpd ignores it (MPTCP: only on Linux)',
        });
      }
    } else if (
      p === 'windows' &&
      (key === 'server.username' || key === 'server.groupname' || key === 'server.chroot')
    ) {
      ctx.report(
        'platform-unsupported',
        a.node.key,
        { what: key, platform: label, effect: 'lighttpd ignores it (no user switching or chroot there)' },
        { fixes: [{ ...removeStatementFix(ctx, a), safe: true }] },
      );
    }
  }
}

const ALL_HANDLERS = new Set(PLATFORMS.flatMap((p) => eventHandlers(p)));

/**
 * Why the target platform's lighttpd refuses to start with `value` for `key` (a short label for completion:
 * "not on Linux"), or undefined when it takes it. The values checkPlatform reports as refusals.
 */
export function platformRefusal(key: string, value: string, p: Platform): string | undefined {
  const refused =
    key === 'server.event-handler'
      ? ALL_HANDLERS.has(value) && !eventHandlers(p).includes(value)
      : key === 'server.stat-cache-engine' && !statCacheEngineAvailable(value, p);
  return refused ? `not on ${LABEL[p]}` : undefined;
}
const SENDFILES = new Set(['sendfile', 'linux-sendfile', 'freebsd-sendfile', 'solaris-sendfilev']);
