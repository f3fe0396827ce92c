/**
 * Code actions: the quick fixes the checks attached to their diagnostics (did-you-mean, replacements,
 * `Add "mod_x" to server.modules` for module-not-loaded), one action that adds every missing module at
 * once (also offered as source.fixAll), `Map /etc/lighttpd to the workspace copy` for include-outside-workspace
 * (a command the client runs: it writes the lighttpd.pathMappings setting), and the suppression comments.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../analysis';
import { pathToUri } from '../../uri';
import { findModulesNotLoaded } from '../checks/moduleNotLoaded';
import { planModuleInsertion } from './moduleInsertion';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../diagnostics/diagnostics';
import { ignoreFileEdit, ignoreLineEdit } from '../diagnostics/suppression';

export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.lighttpd';

/**
 * The client command that adds a path mapping to the workspace's `lighttpd.pathMappings`: arguments the
 * installed prefix and the URI of the workspace folder standing for it (client/src/commands.ts).
 */
export const ADD_PATH_MAPPING_COMMAND = 'lighttpd.addPathMapping';

const isModuleNotLoaded = (d: Diagnostic) => d.code === 'module-not-loaded' && d.source === DIAGNOSTIC_SOURCE;

function wants(context: CodeActionContext, kind: string): boolean {
  return !context.only || context.only.some((k) => kind === k || kind.startsWith(k + '.'));
}

export function computeCodeActions(
  doc: TextDocument,
  model: DocumentModel,
  _range: Range,
  context: CodeActionContext,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const quickFixes = wants(context, CodeActionKind.QuickFix) ? checkFixes(doc, context) : [];
  const missing = [...new Set(findModulesNotLoaded(model).map((m) => m.module))];
  const fixAll = (kind: string): CodeAction => ({
    title: `Add all missing modules to server.modules (${missing.join(', ')})`,
    kind,
    edit: { changes: { [doc.uri]: planModuleInsertion(doc, model.file, missing) } },
  });
  const moduleDiagnostics = context.diagnostics.filter(isModuleNotLoaded);
  if (missing.length > 1 && moduleDiagnostics.length > 0 && wants(context, CodeActionKind.QuickFix)) {
    // First and the one preferred fix: VS Code lists actions tied to diagnostics before the others and, among
    // them, preferred ones first; the single-module fixes of the same diagnostics step back.
    actions.push({ ...fixAll(CodeActionKind.QuickFix), diagnostics: moduleDiagnostics, isPreferred: true });
    for (const a of quickFixes) if (a.diagnostics?.every(isModuleNotLoaded)) a.isPreferred = false;
  }
  actions.push(...quickFixes);
  if (wants(context, CodeActionKind.QuickFix)) actions.push(...pathMappingActions(context));
  if (missing.length > 0 && context.only && wants(context, FIX_ALL_KIND)) {
    actions.push(fixAll(FIX_ALL_KIND));
  }
  if (wants(context, CodeActionKind.QuickFix)) actions.push(...suppressionActions(doc, context));
  return actions;
}

/**
 * The fixes the checks attached to their diagnostics. The same fix of several diagnostics (e.g. adding
 * mod_proxy for two proxy.* keys) is one action that resolves them all.
 */
function checkFixes(doc: TextDocument, context: CodeActionContext): CodeAction[] {
  const out: CodeAction[] = [];
  const byFix = new Map<string, CodeAction>();
  for (const d of context.diagnostics) {
    const fixes = (d.data as DiagnosticData | undefined)?.fixes;
    if (!Array.isArray(fixes)) continue;
    for (const f of fixes) {
      if (!f || typeof f.title !== 'string' || !Array.isArray(f.edits)) continue;
      const key = JSON.stringify([f.title, f.edits]);
      const same = byFix.get(key);
      if (same) {
        same.diagnostics!.push(d);
        continue;
      }
      const action: CodeAction = {
        title: f.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: !!f.isPreferred,
        diagnostics: [d],
        edit: { changes: { [doc.uri]: [...f.edits] } },
      };
      byFix.set(key, action);
      out.push(action);
    }
  }
  return out;
}

/** For each include-outside-workspace: map its prefix to the workspace copy (one action per mapping). */
function pathMappingActions(context: CodeActionContext): CodeAction[] {
  const out = new Map<string, CodeAction>();
  for (const d of context.diagnostics) {
    if (d.code !== 'include-outside-workspace' || d.source !== DIAGNOSTIC_SOURCE) continue;
    const { from, to } = (d.data ?? {}) as { from?: unknown; to?: unknown };
    if (typeof from !== 'string' || typeof to !== 'string') continue;
    const key = `${from}\u0000${to}`;
    const same = out.get(key);
    if (same) {
      same.diagnostics!.push(d);
      continue;
    }
    const title = `Map ${from} to the workspace copy ${to} (lighttpd.pathMappings)`;
    out.set(key, {
      title,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      diagnostics: [d],
      command: { title, command: ADD_PATH_MAPPING_COMMAND, arguments: [from, pathToUri(to)] },
    });
  }
  return [...out.values()];
}

/** "Ignore CODE on this line" and "Ignore CODE in this file" for every diagnostic of ours. */
function suppressionActions(doc: TextDocument, context: CodeActionContext): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of context.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') continue;
    const code = d.code;
    const lineKey = `${code}@${d.range.start.line}`;
    if (!seen.has(lineKey)) {
      seen.add(lineKey);
      out.push({
        title: `Ignore ${code} on this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [doc.uri]: [ignoreLineEdit(doc, d, code)] } },
      });
    }
    if (!seen.has(code)) {
      seen.add(code);
      out.push({
        title: `Ignore ${code} in this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [doc.uri]: [ignoreFileEdit(doc, code)] } },
      });
    }
  }
  return out;
}
