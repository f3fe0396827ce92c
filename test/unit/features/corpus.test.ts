// Every editing feature on every real config of the corpus, at many positions: no exception, and answers
// that are well-formed (ranges inside the document, selection ranges nested).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Range, SelectionRange } from 'vscode-languageserver-types';
import { doComplete } from '../../../server/src/features/completion/completion';
import { doHover } from '../../../server/src/features/hover/hover';
import { findDocumentSymbols } from '../../../server/src/features/structure/documentSymbols';
import { getFoldingRanges } from '../../../server/src/features/structure/folding';
import { getSelectionRanges } from '../../../server/src/features/structure/selectionRanges';
import { findDefinition } from '../../../server/src/features/navigation/definition';
import { findReferences } from '../../../server/src/features/navigation/references';
import { prepareRename } from '../../../server/src/features/navigation/rename';
import { getSemanticTokens } from '../../../server/src/features/structure/semanticTokens';
import { findDocumentLinks } from '../../../server/src/features/navigation/documentLinks';
import { nodeFileSystem } from '../../../server/src/node/nodeFileSystem';
import { CORPUS_AVAILABLE, NO_CORPUS, corpusEntries, readCorpusFile } from '../../helpers/corpus';
import { docOf } from '../../helpers/cursor';
import { pathToFileURL } from 'node:url';

test(
  'every feature on every corpus file, at positions all over it',
  { skip: CORPUS_AVAILABLE ? false : NO_CORPUS },
  () => {
    let answers = 0;
    for (const e of corpusEntries()) {
      const text = readCorpusFile(e.path);
      const { doc, model } = docOf(text, pathToFileURL(e.path).toString());
      const inside = (r: Range, what: string) => {
        const a = doc.offsetAt(r.start);
        const b = doc.offsetAt(r.end);
        assert.ok(a <= b && b <= text.length, `${e.file}: ${what} range out of the document`);
      };
      for (const s of findDocumentSymbols(doc, model)) inside(s.range, 'symbol');
      for (const f of getFoldingRanges(doc, model))
        assert.ok(f.startLine < f.endLine && f.endLine < doc.lineCount, `${e.file}: folding`);
      assert.equal(getSemanticTokens(doc, model).data.length % 5, 0);
      for (const l of findDocumentLinks(doc, model, { fs: nodeFileSystem, pathMappings: [], maxGlobMatches: 1000 }))
        inside(l.range, 'link');
      const step = Math.max(1, Math.floor(text.length / 150));
      for (let off = 0; off <= text.length; off += step) {
        const p = doc.positionAt(off);
        const c = doComplete(doc, model, p);
        for (const it of c.items) if (it.textEdit && 'range' in it.textEdit) inside(it.textEdit.range, 'completion');
        const h = doHover(doc, model, p);
        if (h?.range) inside(h.range, 'hover');
        for (const l of [...findDefinition(doc, model, p), ...findReferences(doc, model, p, true)])
          inside(l.range, 'location');
        prepareRename(doc, model, p);
        const [sel] = getSelectionRanges(doc, model, [p]);
        for (let s: SelectionRange | undefined = sel; s?.parent; s = s.parent) {
          assert.ok(
            doc.offsetAt(s.parent.range.start) <= doc.offsetAt(s.range.start) &&
              doc.offsetAt(s.parent.range.end) >= doc.offsetAt(s.range.end),
            `${e.file}: selection not nested`,
          );
        }
        answers += c.items.length + (h ? 1 : 0);
      }
    }
    assert.ok(answers > 1000, `only ${answers} answers over the corpus`);
  },
);
