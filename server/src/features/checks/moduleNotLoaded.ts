/**
 * Rule `module-not-loaded`: a directive whose module is not in the effective server.modules.
 * lighttpd starts, ignores the setting and logs only "WARNING: unknown config-key". The finding carries
 * its quick fix (add the module to server.modules, keeping the list's style).
 */
import type { DocumentModel } from '../../analysis';
import { requiredModule, unloadedModule } from '../../analysis/modules';
import type { Span } from '../../parser/ast';
import { planModuleInsertionAt } from '../codeActions/moduleInsertion';
import type { CheckContext, Fix } from './context';
import { normalizeVersion } from './context';
import { compareVersions } from '../../schema';

export interface ModuleNotLoaded extends Span {
  readonly key: string;
  readonly module: string;
}

/**
 * Whether "mod_compress" in server.modules loads mod_deflate: from 1.4.56 to 1.4.70 only when a compress.* key
 * is set (src/configfile.c config_deprecate_module_compress), from 1.4.71 always. Before 1.4.56 mod_compress
 * was a module of its own, which does not read deflate.* keys.
 */
export function compressLoadsDeflate(model: DocumentModel, version?: string): boolean {
  const v = normalizeVersion(version);
  return (
    !v ||
    compareVersions(v, '1.4.71') >= 0 ||
    (compareVersions(v, '1.4.56') >= 0 &&
      (model.full ?? model.evaluation).assignments.some((a) => a.node.key.fullName.startsWith('compress.')))
  );
}

export function findModulesNotLoaded(model: DocumentModel, version?: string): ModuleNotLoaded[] {
  if (model.modules.open) return [];
  const out: ModuleNotLoaded[] = [];
  const options = { compressLoadsDeflate: compressLoadsDeflate(model, version) };
  // (a large config repeats a few keys thousands of times: each is looked up once)
  const byKey = new Map<string, string | undefined>();
  for (const a of model.evaluation.assignments) {
    const key = a.node.key.fullName;
    let module = byKey.get(key);
    if (module === undefined && !byKey.has(key)) {
      module = requiredModule(key, model.modules, options);
      byKey.set(key, module);
    }
    if (module) out.push({ key, module, start: a.node.key.start, end: a.node.key.end });
  }
  return out;
}

export function checkModulesNotLoaded(ctx: CheckContext): void {
  const fixes = new Map<string, Fix>(); // one plan per module
  for (const m of findModulesNotLoaded(ctx.model, ctx.version)) {
    let fix = fixes.get(m.module);
    if (!fix) {
      const edits = planModuleInsertionAt(ctx.text, ctx.model.file, [m.module]);
      fix = { title: `Add "${m.module}" to server.modules`, edits, preferred: true, safe: true };
      fixes.set(m.module, fix);
    }
    ctx.report('module-not-loaded', m, { key: m.key, module: m.module }, { fixes: [fix], data: { module: m.module } });
  }
}

/**
 * A module lighttpd does not load never reads its keys, so what is wrong in their values cannot stop it: the
 * findings reported for `key` since `mark` (type, value, pattern) are restated as what lighttpd does, ignore
 * the key, with why. (lighttpd logs "unknown config-key" for it, except for the dir-listing.* keys.)
 */
export function restateIfIgnored(ctx: CheckContext, key: string, mark: number): void {
  if (ctx.findings.length === mark) return;
  const options = ctx.shared(compressLoadsDeflate, (whole) => ({
    compressLoadsDeflate: compressLoadsDeflate(whole.model, whole.version),
  }));
  const unloaded = unloadedModule(key, ctx.model.modules, ctx.version, options);
  if (!unloaded) return;
  ctx.restate(
    mark,
    key.startsWith('dir-listing.') && key !== 'dir-listing.activate' ? 'silently-ignores' : 'logs-and-carries-on',
    unloaded.enabledBy
      ? `As long as no block enables ${unloaded.enabledBy}, lighttpd does not load ${unloaded.module} and ignores ${key}.`
      : `As long as ${unloaded.module} is not loaded, lighttpd ignores ${key}.`,
  );
}
