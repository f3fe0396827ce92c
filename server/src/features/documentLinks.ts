/**
 * Document links on `include` paths. The operand is evaluated (so `include conf_dir + "/x.conf"` works
 * when conf_dir is known); relative paths are resolved against the directory of this document (lighttpd
 * uses the directory of the main config: when the multi-file layer knows it, that one is used). Glob patterns
 * are expanded; the link goes to the first match and its tooltip lists every match. Paths that do not
 * exist get no link. `include_shell` commands are never run and get no link.
 */
import type { DocumentLink } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { DocumentModel } from '../analysis';
import { hasGlob, type FileHost } from './fileHost';
import { expressionValue, scopeAt, walk } from './locate';
import type { Include } from '../parser/ast';

export interface DocumentLinkOptions {
  /** Directory relative include paths start from (default: the document's own directory). */
  readonly baseDir?: string;
}

function documentDir(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return dirname(fileURLToPath(uri)); } catch { return undefined; }
}

export function findDocumentLinks(doc: TextDocument, model: DocumentModel, host: FileHost, options: DocumentLinkOptions = {}): DocumentLink[] {
  // lighttpd resolves relative includes against the directory of the main config (model.root, when the
  // multi-file layer knows it); a document on its own is its own main config.
  const base = options.baseDir ?? (model.root ? dirname(model.root) : documentDir(doc.uri));
  const includes: Include[] = [];
  walk(model.file.statements, { include: (inc) => { if (inc.kind === 'include' && inc.operand) includes.push(inc); } });
  const links: DocumentLink[] = [];
  for (const inc of includes) {
    const operand = inc.operand!;
    const v = expressionValue(model, operand, scopeAt(model, inc.start));
    if (v.type !== 'string' || v.value === '') continue;
    let path = v.value;
    if (!isAbsolute(path)) {
      if (!base) continue;
      path = resolve(base, path);
    }
    // A string literal links its text without the quotes; a computed path links the whole expression.
    const span = operand.kind === 'string' && operand.terminated ? { start: operand.start + 1, end: operand.end - 1 } : operand;
    const range = { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
    if (hasGlob(path)) {
      const matches = host.glob(path);
      if (matches.length === 0) continue;
      const names = matches.slice(0, 10).map((m) => m.slice(m.lastIndexOf('/') + 1)).join(', ');
      links.push({ range, target: pathToFileURL(matches[0]).toString(), tooltip: matches.length === 1 ? matches[0] : `${matches.length} files: ${names}${matches.length > 10 ? ', …' : ''}` });
    } else if (host.isFile(path)) {
      links.push({ range, target: pathToFileURL(path).toString(), tooltip: path });
    }
  }
  return links;
}
