/**
 * What lighttpd says at start-up about the module list and the user it runs as (src/configfile.c
 * config_compat_module_load, config_warn_openssl_module, config_warn_authn_module; src/server.c):
 * - `implicit-module`: ssl.* keys without a TLS module (lighttpd appends mod_openssl, 1.4.46+), and an
 *   auth.backend of mod_authn_file ("plain", "htpasswd", "htdigest") with mod_auth but without
 *   mod_authn_file (lighttpd appends it); both with "please add ... to server.modules", and both go away in a
 *   future release (TLS then off, or lighttpd refusing to start);
 * - `module-order`: mod_auth listed after a dynamic backend (1.4.64+ warns; the backend's handler runs
 *   first), a dynamic backend listed after mod_staticfile (1.4.72+ warns);
 * - `run-as-root`: server.username / server.groupname naming uid or gid 0: lighttpd started as root
 *   refuses to start ("I will not set uid to 0").
 * Only with compat module loading on (the default) for the first two, as lighttpd does.
 */
import type { EvaluatedAssignment } from '../../analysis';
import type { Span } from '../../parser/ast';
import { planModuleInsertionAt } from '../codeActions/moduleInsertion';
import type { CheckContext, Fix, LocatedElement } from './context';
import { locateElements } from './context';
import { removeStatementFix } from './platform';

const TLS_MODULES = ['mod_openssl', 'mod_boringssl', 'mod_gnutls', 'mod_mbedtls', 'mod_nss', 'mod_wolfssl'];
/** Module name prefixes lighttpd counts as dynamic backends (config_compat_module_load). */
const DYNAMIC = ['mod_ajp13', 'mod_cgi', 'mod_fastcgi', 'mod_proxy', 'mod_scgi', 'mod_sockproxy', 'mod_wstunnel'];
const isDynamic = (m: string) => DYNAMIC.some((d) => m.startsWith(d));
const AUTHN_FILE_BACKENDS = ['htdigest', 'htpasswd', 'plain'];

/** The final global server.modules list of the whole configuration, or undefined when it cannot be known. */
function finalModules(ctx: CheckContext): string[] | undefined {
  if (ctx.model.modules.open) return undefined;
  const whole = ctx.model.full ?? ctx.model.evaluation;
  const v = whole.global.vars.get('server.modules');
  if (!v) return [];
  if (v.type !== 'array') return undefined;
  const out: string[] = [];
  for (const e of v.elements) {
    if (e.value.type !== 'string') return undefined;
    if (!out.includes(e.value.value)) out.push(e.value.value); // lighttpd drops repeats first
  }
  return out;
}

function addModuleFix(ctx: CheckContext, module: string): Fix | undefined {
  const edits = planModuleInsertionAt(ctx.text, ctx.model.file, [module]);
  // safe: lighttpd loads the module anyway; listing it only makes that explicit
  return edits.length ? { title: `Add "${module}" to server.modules`, edits, preferred: true, safe: true } : undefined;
}

/** Every key assigned anywhere in the configuration (lighttpd looks at every block). */
function wholeAssignments(ctx: CheckContext): readonly EvaluatedAssignment[] {
  return (ctx.model.full ?? ctx.model.evaluation).assignments;
}

export function checkStartup(ctx: CheckContext): void {
  checkRunAsRoot(ctx);
  const modules = finalModules(ctx);
  if (!modules || ctx.model.modules.compatDisabled) return;
  checkImplicitModules(ctx, modules);
  checkModuleOrder(ctx, modules);
}

function checkImplicitModules(ctx: CheckContext, modules: readonly string[]): void {
  // ssl.* without a TLS module: lighttpd appends mod_openssl (1.4.46+).
  if (ctx.atLeast('1.4.46') && !modules.some((m) => TLS_MODULES.includes(m))) {
    const first = ctx.assignments.find((a) => a.node.key.fullName.startsWith('ssl.'));
    if (first) {
      const fix = addModuleFix(ctx, 'mod_openssl');
      ctx.report(
        'implicit-module',
        first.node.key,
        {
          key: first.node.key.fullName,
          module: 'mod_openssl',
          consequence: 'a future lighttpd 1.4 will not load it, and will then not use TLS where ssl.* is set',
        },
        { fixes: fix ? [fix] : undefined },
      );
    }
  }
  // auth.backend of mod_authn_file with mod_auth listed but not mod_authn_file: lighttpd appends it.
  if (modules.includes('mod_auth') && !modules.includes('mod_authn_file')) {
    const backends = wholeAssignments(ctx).filter(
      (a) => a.node.key.fullName === 'auth.backend' && a.result.type === 'string',
    );
    // lighttpd tests the values in this order and names the first it finds.
    for (const b of AUTHN_FILE_BACKENDS) {
      const hit = backends.find((a) => a.result.type === 'string' && a.result.value === b);
      if (!hit) continue;
      const own = ctx.assignments.find(
        (a) =>
          a.node.key.fullName === 'auth.backend' &&
          a.result.type === 'string' &&
          AUTHN_FILE_BACKENDS.includes(a.result.value),
      );
      if (own) {
        const fix = addModuleFix(ctx, 'mod_authn_file');
        ctx.report(
          'implicit-module',
          own.node.value ?? own.node.key,
          {
            key: `auth.backend = "${b}"`,
            module: 'mod_authn_file',
            consequence: 'a future lighttpd 1.4 will not load it, and will then refuse to start',
          },
          { fixes: fix ? [fix] : undefined },
        );
      }
      break;
    }
  }
}

/** Where each module name is written in this document's server.modules lists. */
function moduleElements(ctx: CheckContext): { name: string; at: LocatedElement; a: EvaluatedAssignment }[] {
  const out: { name: string; at: LocatedElement; a: EvaluatedAssignment }[] = [];
  for (const a of ctx.assignments) {
    if (a.node.key.fullName !== 'server.modules' || !a.node.value || a.scope.parent) continue;
    for (const e of locateElements(a.rhs, a.node.value, a.node.value))
      if (e.value.type === 'string' && e.key === undefined) out.push({ name: e.value.value, at: e, a });
  }
  return out;
}

function moveBeforeFix(
  ctx: CheckContext,
  moved: LocatedElement,
  before: LocatedElement,
  name: string,
): Fix | undefined {
  // Only within one literal list, where both elements are string literals.
  const m = moved.valueExpr;
  const b = before.valueExpr;
  if (m?.kind !== 'string' || b?.kind !== 'string' || b.start >= m.start) return undefined;
  const text = ctx.text;
  // Remove `, "mod_auth"` (the comma before it and the blanks), insert `"mod_auth", ` before the other.
  let cut = m.start;
  let i = m.start;
  while (i > 0 && /[ \t\r\n]/.test(text[i - 1])) i--;
  if (text[i - 1] === ',') cut = i - 1;
  else return undefined;
  const edits = [
    { start: b.start, end: b.start, newText: `"${name}", ` },
    { start: cut, end: m.end, newText: '' },
  ];
  return {
    title: `Move "${name}" before "${before.value.type === 'string' ? before.value.value : ''}"`,
    edits,
    preferred: true,
    safe: true, // the order lighttpd asks for, nothing else moves
  };
}

function checkModuleOrder(ctx: CheckContext, modules: readonly string[]): void {
  const written = moduleElements(ctx);
  const find = (name: string) => written.find((w) => w.name === name);
  // mod_auth after a dynamic backend (1.4.64+: "mod_auth should be listed in server.modules before dynamic backends").
  const authAt = modules.indexOf('mod_auth');
  const firstDyn = modules.findIndex(isDynamic);
  if (ctx.atLeast('1.4.64') && authAt >= 0 && firstDyn >= 0 && firstDyn < authAt) {
    const auth = find('mod_auth');
    if (auth) {
      const dyn = modules[firstDyn];
      const dynAt = find(dyn);
      const fix = dynAt && dynAt.a === auth.a ? moveBeforeFix(ctx, auth.at, dynAt.at, 'mod_auth') : undefined;
      ctx.report(
        'module-order',
        auth.at.valueSpan,
        {
          module: 'mod_auth',
          before: dyn,
          logged: `mod_auth should be listed in server.modules before dynamic backends such as ${dyn}`,
          consequence: `${dyn} handles requests before mod_auth has checked them`,
        },
        { fixes: fix ? [fix] : undefined },
      );
    }
  }
  // A dynamic backend after mod_staticfile (1.4.72+).
  const staticAt = modules.indexOf('mod_staticfile');
  if (ctx.atLeast('1.4.72') && staticAt >= 0) {
    for (const m of modules.slice(staticAt + 1).filter(isDynamic)) {
      const w = find(m);
      if (!w) continue;
      const st = find('mod_staticfile');
      const fix = st && st.a === w.a ? moveBeforeFix(ctx, w.at, st.at, m) : undefined;
      ctx.report(
        'module-order',
        w.at.valueSpan,
        {
          module: m,
          before: 'mod_staticfile',
          logged: `${m} should be listed in server.modules before mod_staticfile`,
          consequence: `mod_staticfile may answer requests (sending files as they are) before ${m} sees them`,
        },
        { fixes: fix ? [fix] : undefined },
      );
    }
  }
}

/** Users and groups with id 0, by platform (root everywhere; toor on FreeBSD; the group wheel on BSD/macOS). */
function isRootName(kind: 'user' | 'group', name: string, platform: string): boolean {
  if (name === 'root') return true;
  if (kind === 'user') return name === 'toor' && (platform === 'freebsd' || platform === 'dragonfly');
  return name === 'wheel' && ['freebsd', 'netbsd', 'openbsd', 'dragonfly', 'macos'].includes(platform);
}

function checkRunAsRoot(ctx: CheckContext): void {
  if (ctx.platform === 'windows') return; // no user switching there (platform-unsupported says so)
  for (const a of ctx.assignments) {
    const key = a.node.key.fullName;
    if ((key !== 'server.username' && key !== 'server.groupname') || a.result.type !== 'string') continue;
    if (a.scope.parent) continue; // server-scope-in-condition covers it
    const kind = key === 'server.username' ? 'user' : 'group';
    if (!isRootName(kind, a.result.value, ctx.platform)) continue;
    const at: Span = a.node.value ?? a.node.key;
    ctx.report(
      'run-as-root',
      at,
      {
        key,
        value: a.result.value,
        logged: kind === 'user' ? 'I will not set uid to 0' : 'I will not set gid to 0',
        id: kind === 'user' ? 'uid' : 'gid',
      },
      { fixes: [removeStatementFix(ctx, a)] },
    );
  }
}
