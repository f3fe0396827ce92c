/**
 * The effective module set of a configuration, and which module a directive needs.
 *
 * lighttpd loads modules after it has parsed the whole configuration, from the final `server.modules`,
 * plus the modules it loads implicitly (MODULE_LOADING in schema/modules.ts; src/configfile.c
 * config_compat_module_load). A key whose module is not loaded is only reported at start-up as
 * "WARNING: unknown config-key: ... (ignored)".
 */
import { compareVersions, getDirective } from '../schema';
import type { Include } from '../parser/ast';
import { knownShellScript } from '../schema/shellScripts';
import { stringsOf, type EvalValue, type Evaluation } from './evaluate';

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
  /**
   * The default modules lighttpd 1.4.66+ loads only when a block enables them (ENABLED_BY), whose enabling
   * key is enabled, or may be, in some block. The others of ENABLED_BY it leaves out, even when listed
   * (src/configfile.c config_compat_module_load, config_has_opt_enabled), and ignores their keys.
   */
  readonly enabledDefaults: ReadonlySet<string>;
}

/** Default modules lighttpd 1.4.66+ loads only when one of these keys is a non-empty list or true in some block. */
const ENABLED_BY: Readonly<Record<string, readonly string[]>> = {
  mod_indexfile: ['index-file.names', 'server.indexfiles'],
  mod_dirlisting: ['dir-listing.activate', 'server.dir-listing'],
};

/** How lighttpd reads an enabling key's value (config_has_opt_enabled): true, false, or unknown. */
function enables(v: EvalValue): boolean | undefined {
  if (v.type === 'unknown') return undefined;
  if (v.type === 'array') return v.elements.length > 0;
  if (v.type === 'integer') return v.value !== 0;
  return /^(enable|enabled|true|1)$/i.test(v.value);
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
  const enabledDefaults = new Set<string>();
  for (const [module, keys] of Object.entries(ENABLED_BY)) {
    // (a value lighttpd reads is each block's last one; a block set from outside our view may enable it)
    const maybe = open || ev.scopes.some((s) => keys.some((k) => s.vars.has(k) && enables(s.vars.get(k)!) !== false));
    if (maybe) enabledDefaults.add(module);
  }
  return { names, open, compatDisabled, enabledDefaults };
}

/**
 * The module lighttpd does not load although `key` needs it, so that it ignores the key (it logs "unknown
 * config-key" for it, or for dir-listing.* nothing): the module a key needs is not listed (requiredModule),
 * or it is a default module no block enables (1.4.66+, ENABLED_BY). Undefined when it is loaded or the
 * module set is not known completely.
 */
export function unloadedModule(
  key: string,
  set: ModuleSet,
  version: string,
  options: { readonly compressLoadsDeflate?: boolean } = {},
): { readonly module: string; readonly enabledBy?: string } | undefined {
  if (set.open) return undefined;
  const needed = requiredModule(key, set, options);
  if (needed) return { module: needed };
  const d = getDirective(key);
  if (!d || set.compatDisabled || compareVersions(version, '1.4.66') < 0) return undefined;
  const module = d.modules.find((m) => ENABLED_BY[m] && !set.enabledDefaults.has(m));
  return module ? { module, enabledBy: ENABLED_BY[module][0] } : undefined;
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
