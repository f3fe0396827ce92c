/**
 * Rule `module-not-loaded`: a directive whose module is not in the effective server.modules.
 * lighttpd starts, ignores the setting and logs only "WARNING: unknown config-key". The finding carries
 * its quick fix (add the module to server.modules, keeping the list's style).
 */
import type { DocumentModel } from '../../analysis';
import { requiredModule } from '../../analysis/modules';
import type { Span } from '../../parser/ast';
import { planModuleInsertionAt } from '../codeActions/moduleInsertion';
import type { CheckContext, Fix } from './context';

export interface ModuleNotLoaded extends Span {
  readonly key: string;
  readonly module: string;
}

export function findModulesNotLoaded(model: DocumentModel): ModuleNotLoaded[] {
  if (model.modules.open) return [];
  const out: ModuleNotLoaded[] = [];
  for (const a of model.evaluation.assignments) {
    const key = a.node.key.fullName;
    const module = requiredModule(key, model.modules);
    if (module) out.push({ key, module, start: a.node.key.start, end: a.node.key.end });
  }
  return out;
}

export function checkModulesNotLoaded(ctx: CheckContext): void {
  const fixes = new Map<string, Fix>(); // one plan per module
  for (const m of findModulesNotLoaded(ctx.model)) {
    let fix = fixes.get(m.module);
    if (!fix) {
      const edits = planModuleInsertionAt(ctx.text, ctx.model.file, [m.module]);
      fix = { title: `Add "${m.module}" to server.modules`, edits, preferred: true };
      fixes.set(m.module, fix);
    }
    ctx.report('module-not-loaded', m, { key: m.key, module: m.module }, { fixes: [fix], data: { module: m.module } });
  }
}
