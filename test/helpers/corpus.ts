/**
 * Access to the shared corpus of real lighttpd configs (../shared/corpus, labelled by real lighttpd in
 * MANIFEST.tsv). Override the location with LIGHTTPD_CORPUS. Tests that need it skip with a reason when
 * it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = process.env.LIGHTTPD_CORPUS ?? resolve(REPO_ROOT, '../shared/corpus');
export const CORPUS_AVAILABLE = existsSync(join(CORPUS_DIR, 'MANIFEST.tsv'));
export const NO_CORPUS = `corpus not found at ${CORPUS_DIR} (set LIGHTTPD_CORPUS)`;

export interface CorpusEntry {
  readonly file: string;
  readonly path: string;
  readonly verdict: string;
  readonly notes: string;
}

export function corpusEntries(): CorpusEntry[] {
  if (!CORPUS_AVAILABLE) return [];
  const lines = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').split('\n').filter(Boolean);
  const header = lines[0].split('\t');
  const col = (name: string) => header.indexOf(name);
  return lines.slice(1).map((l) => {
    const c = l.split('\t');
    return {
      file: c[col('file')],
      path: join(CORPUS_DIR, c[col('file')]),
      verdict: c[col('verdict')],
      notes: c[col('notes')] ?? '',
    };
  });
}

/** Corpus files are bytes from other projects; lighttpd reads bytes, so decode without loss. */
export function readCorpusFile(path: string): string {
  return readFileSync(path, 'latin1');
}
