/**
 * Rule `module-not-loaded`: a directive whose module is not in the effective server.modules.
 * lighttpd starts, ignores the setting and logs only "WARNING: unknown config-key".
 */
import type { DocumentModel } from '../../analysis';
import { requiredModule } from '../../analysis/modules';
import type { Span } from '../../parser/ast';

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

export function moduleNotLoadedMessage(key: string, module: string): string {
  return `${key} needs "${module}" in server.modules: without it lighttpd ignores this setting (it only logs "unknown config-key").`;
}
