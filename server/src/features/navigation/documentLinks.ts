/**
 * Document links on `include` paths, resolved exactly as the multi-file analysis resolves them
 * (analysis/includes.ts): the operand is evaluated (`include conf_dir + "/x.conf"` works when conf_dir is
 * known), a relative path starts from the main config's directory (the document's own when it is its own
 * main config), path mappings apply, globs expand in lighttpd's order; the link goes to the first match and
 * its tooltip lists the matches and says when a path mapping brought it to a workspace copy. Paths that do not
 * exist get no link; `include_shell` is never run.
 */
import type { DocumentLink } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri, uriDir } from '../../uri';
import { dirname } from '../../paths';
import type { DocumentModel } from '../../analysis';
import {
  includePath,
  resolveIncludeTargets,
  type IncludeContext,
  type IncludeMapping,
  type IncludeTargets,
} from '../../analysis/includes';
import { hasGlob } from '../../analysis/fileSystem';
import { expressionValue, scopeAt, walk } from '../shared/locate';
import type { Include } from '../../parser/ast';

/** How includes are looked up; `mainDir` defaults to the main config's (or the document's) directory. */
export type LinkContext = Omit<IncludeContext, 'mainDir'> & { readonly mainDir?: string };

export function documentDir(uri: string): string | undefined {
  return uriDir(uri);
}

/** Where one include of a document points: the path it names (before mappings) and what it resolves to. */
export function includeTargetsOf(
  doc: TextDocument,
  model: DocumentModel,
  inc: Include,
  context: LinkContext,
): { readonly path: string; readonly targets: IncludeTargets } | undefined {
  if (inc.kind !== 'include' || !inc.operand) return undefined;
  const mainDir = context.mainDir ?? (model.root ? dirname(model.root) : documentDir(doc.uri));
  const v = expressionValue(model, inc.operand, scopeAt(model, inc.start));
  if ((v.type !== 'string' && v.type !== 'integer') || v.value === '') return undefined;
  // Without a main directory (an untitled document), only absolute paths can be followed.
  if (!mainDir && !String(v.value).startsWith('/')) return undefined;
  const targets = resolveIncludeTargets(v, { ...context, mainDir: mainDir ?? '/' });
  return targets && { path: includePath(String(v.value), mainDir ?? '/'), targets };
}

/** How a mapping is told: "the workspace copy of /etc/lighttpd, mapped by default". */
export function mappingNote(via: IncludeMapping): string {
  return `the workspace copy of ${via.from}, ${via.implied ? 'mapped by default' : 'mapped by lighttpd.pathMappings'}`;
}

/** Where a (possibly mapped) include path is read: the mapped path, or the folder of a mapped pattern. */
export function readFrom(path: string, via: IncludeMapping | undefined): string {
  const mapped = via ? via.to + path.slice(via.from.length) : path;
  return hasGlob(mapped) ? mapped.slice(0, mapped.lastIndexOf('/') + 1) : mapped;
}

export function findDocumentLinks(doc: TextDocument, model: DocumentModel, context: LinkContext): DocumentLink[] {
  const includes: Include[] = [];
  walk(model.file.statements, {
    include: (inc) => {
      if (inc.kind === 'include' && inc.operand) includes.push(inc);
    },
  });
  const links: DocumentLink[] = [];
  for (const inc of includes) {
    const operand = inc.operand!;
    const { targets } = includeTargetsOf(doc, model, inc, context) ?? {};
    if (!targets || 'notFound' in targets || targets.paths.length === 0) continue;
    // A string literal links its text without the quotes; a computed path links the whole expression.
    const span =
      operand.kind === 'string' && operand.terminated ? { start: operand.start + 1, end: operand.end - 1 } : operand;
    const range = { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
    const matches = targets.paths;
    const names = matches
      .slice(0, 10)
      .map((m) => m.slice(m.lastIndexOf('/') + 1))
      .join(', ');
    const more = matches.length > 10 || targets.truncated ? ', …' : '';
    const files =
      matches.length === 1 ? matches[0] : `${matches.length}${targets.truncated ? '+' : ''} files: ${names}${more}`;
    links.push({
      range,
      target: pathToUri(matches[0]),
      // (what a click opens; where the path is read from, mapping included, is the include's hover)
      tooltip: files,
    });
  }
  return links;
}
