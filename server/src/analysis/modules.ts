/**
 * The effective module set of a configuration, and which module a directive needs.
 *
 * lighttpd loads modules after it has parsed the whole configuration, from the final `server.modules`,
 * plus the modules it loads implicitly (MODULE_LOADING in schema/modules.ts; src/configfile.c
 * config_compat_module_load). A key whose module is not loaded is only reported at start-up as
 * "WARNING: unknown config-key: ... (ignored)".
 */
import { getDirective } from '../schema';
import type { Include } from '../parser/ast';
import { knownShellScript } from '../schema/shellScripts';
import { stringsOf, type Evaluation } from './evaluate';

/** Debian's helper scripts (schema/shellScripts.ts) never touch server.modules; any other include_shell may. */
function isModuleFreeShell(inc: Include): boolean {
  return knownShellScript(inc)?.keys.includes('server.modules') === false;
}

export interface ModuleSet {
  /** Every module named in any `server.modules` assignment (=, +=, :=), in any block. */
  readonly names: ReadonlySet<string>;
  /**
   * True when the set cannot be known completely: an include we could not follow, an include_shell whose
   * output could load modules, or a `server.modules` value we could not evaluate. Then "module not loaded"
   * is never reported.
   */
  readonly open: boolean;
  /** `server.compat-module-load = "disable"` somewhere: no implicit default modules. */
  readonly compatDisabled: boolean;
}

export function effectiveModules(ev: Evaluation): ModuleSet {
  const names = new Set<string>();
  let open = ev.unresolvedIncludes.length > 0 || ev.includeShells.some((inc) => !isModuleFreeShell(inc));
  let compatDisabled = false;
  for (const a of ev.assignments) {
    const key = a.node.key.fullName;
    if (key === 'server.modules') {
      if (a.result.type === 'unknown') open = true;
      else if (a.result.type === 'array' && a.result.elements.some((e) => e.value.type === 'unknown')) open = true;
      for (const m of stringsOf(a.result)) names.add(m);
    } else if (key === 'server.compat-module-load') {
      const v = a.result;
      if (
        (v.type === 'string' && /^(disable|disabled|false|0)$/i.test(v.value)) ||
        (v.type === 'integer' && v.value === 0)
      )
        compatDisabled = true;
    }
  }
  return { names, open, compatDisabled };
}

/** Modules lighttpd adds on its own when compat module loading is on (the default). */
const IMPLICIT_DEFAULTS = new Set(['mod_indexfile', 'mod_dirlisting', 'mod_staticfile', 'mod_h2']);
/** TLS keys are shared by all TLS modules; lighttpd appends mod_openssl (with a warning) if none is listed. */
const TLS_MODULES = new Set(['mod_openssl', 'mod_boringssl', 'mod_gnutls', 'mod_mbedtls', 'mod_nss', 'mod_wolfssl']);

/**
 * The module a directive needs, or undefined when nothing has to be listed in server.modules
 * (core keys, unknown keys, and keys of implicitly loaded modules).
 */
export function requiredModule(
  key: string,
  set: ModuleSet,
  options: { readonly compressLoadsDeflate?: boolean } = {},
): string | undefined {
  const d = getDirective(key);
  if (!d || d.module === 'core') return undefined;
  const mods = d.modules;
  if (mods.some((m) => set.names.has(m))) return undefined;
  // (not with server.compat-module-load = "disable": then ssl.* is an unknown key)
  if (!set.compatDisabled && mods.some((m) => TLS_MODULES.has(m))) return undefined;
  if (!set.compatDisabled && mods.some((m) => IMPLICIT_DEFAULTS.has(m))) return undefined;
  const has = (pred: (m: string) => boolean) => [...set.names].some(pred);
  for (const m of mods) {
    // mod_auth is prepended when an mod_authn_* module is listed; mod_vhostdb likewise for mod_vhostdb_*.
    if (m === 'mod_auth' && has((n) => n.startsWith('mod_authn_'))) return undefined;
    if (m === 'mod_vhostdb' && has((n) => n.startsWith('mod_vhostdb_'))) return undefined;
    // mod_authn_file / mod_authn_ldap are appended (with a warning) when mod_auth is listed.
    if ((m === 'mod_authn_file' || m === 'mod_authn_ldap') && set.names.has('mod_auth')) return undefined;
    // "mod_compress" is rewritten to "mod_deflate" (1.4.71+; from 1.4.56 only when a compress.* key is set:
    // options.compressLoadsDeflate, default true).
    if (m === 'mod_deflate' && set.names.has('mod_compress') && options.compressLoadsDeflate !== false)
      return undefined;
  }
  return d.module;
}

/**
 * Position class of a module in server.modules, from lighttpd's ordering rules (module_loading
 * ordering_constraints): request-gating modules, then request-completing ones, then dynamic handlers,
 * then mod_staticfile. 0 = no constraint.
 */
export function moduleRank(name: string): number {
  if (name === 'mod_staticfile') return 4;
  if (DYNAMIC_HANDLERS.has(name)) return 3;
  if (name === 'mod_redirect' || name === 'mod_rewrite') return 2;
  if (GATING.has(name) || name.startsWith('mod_authn_') || name.startsWith('mod_vhostdb')) return 1;
  return 0;
}

const DYNAMIC_HANDLERS = new Set([
  'mod_ajp13',
  'mod_cgi',
  'mod_fastcgi',
  'mod_proxy',
  'mod_scgi',
  'mod_sockproxy',
  'mod_wstunnel',
]);
const GATING = new Set([
  'mod_access',
  'mod_auth',
  'mod_alias',
  'mod_setenv',
  'mod_indexfile',
  'mod_extforward',
  ...TLS_MODULES,
]);
