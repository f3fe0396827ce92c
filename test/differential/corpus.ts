/**
 * The corpus laid out for lighttpd and for us alike, in a scratch directory (one copy per worker, so
 * that parallel runs never see each other's mutated files):
 *   - absolute paths of the installed layout (/etc/lighttpd/...) are rewritten to the copy, so includes
 *     resolve to the corpus files themselves, never to the host's /etc (Debian's conf-enabled gets the
 *     one file a default install enables; upstream's gets none);
 *   - fragments that need variables from the config that includes them get a wrapper defining them (as the
 *     MANIFEST notes say: "wrapper defines var.X"), and are checked through it;
 *   - env.* variables the test configs read are set (SRCDIR, PERL, ...), and include_shell runs a stub
 *     (see lighttpd.ts): nothing from the corpus is executed.
 */
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CORPUS_DIR, corpusEntries, type CorpusEntry } from '../helpers/corpus';
import { hermeticEnv } from './lighttpd';

export interface Target {
  readonly entry: CorpusEntry;
  /** Absolute path of the file under test in the scratch copy. */
  readonly path: string;
  /** Directory lighttpd runs in (the file's directory). */
  readonly dir: string;
  /** The file lighttpd is given: the target itself or its wrapper. */
  readonly main: string;
  /** Set when `main` is a wrapper (then our linter gets it as --root). */
  readonly wrapper?: string;
  /** The prepared text of the target (paths rewritten). */
  readonly text: string;
}

export interface Workspace {
  readonly root: string;
  readonly env: Record<string, string>;
  readonly targets: readonly Target[];
}

function walk(dir: string, out: string[] = [], withDirs = false): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (withDirs) out.push(p);
      walk(p, out, withDirs);
    } else out.push(p);
  }
  return out;
}

/** Values for the variables a fragment's includer would define (the MANIFEST's wrapper dummies). */
function wrapperValue(name: string): string {
  if (name === 'var.one') return '1';
  if (name === 'server.name') return '"www.example.org"';
  return '"/tmp/stub"';
}

export function prepareWorkspace(root: string): Workspace {
  mkdirSync(root, { recursive: true });
  cpSync(CORPUS_DIR, root, { recursive: true });
  // The shared corpus may be read-only (as in CI): the copy must be writable (mutations, rewrites).
  chmodSync(root, 0o755);
  for (const p of walk(root, [], true)) chmodSync(p, statSync(p).isDirectory() ? 0o755 : 0o644);
  const installDir = (file: string) =>
    file.startsWith('debian/') ? join(root, 'debian') : join(root, 'upstream/doc/config');
  // Rewrite the installed layout to the copy, in every config file of the copy.
  for (const p of walk(root)) {
    if (/\.(tsv|md)$|COPYING|COPYRIGHT/.test(p)) continue;
    const rel = p.slice(root.length + 1);
    const text = readFileSync(p, 'latin1');
    const rewritten = text.replace(/"\/etc\/lighttpd(?=[/"])/g, `"${installDir(rel)}`);
    if (rewritten !== text) writeFileSync(p, rewritten, 'latin1');
  }
  mkdirSync(join(root, 'debian/conf-enabled'), { recursive: true });
  cpSync(
    join(root, 'debian/conf-available/90-javascript-alias.conf'),
    join(root, 'debian/conf-enabled/90-javascript-alias.conf'),
  );
  mkdirSync(join(root, 'upstream/doc/config/conf-enabled'), { recursive: true });
  const stubInclude = join(root, 'empty-include.conf');
  writeFileSync(stubInclude, '');

  const env = hermeticEnv(root, {
    SRCDIR: join(root, 'upstream/tests'),
    PERL: '/usr/bin/perl',
    EPHEMERAL_PORT: '8080',
    env_test: 'stub',
    condition_include_file: stubInclude,
  });

  const targets: Target[] = [];
  for (const entry of corpusEntries()) {
    const path = join(root, entry.file);
    const dir = dirname(path);
    const text = readFileSync(path, 'latin1');
    const defines = [...entry.notes.matchAll(/wrapper defines ((?:var|server)\.[\w.-]+)/g)].map((m) => m[1]);
    let wrapper: string | undefined;
    if (defines.length) {
      wrapper = join(dir, `.wrapper-${basename(path)}`);
      writeFileSync(
        wrapper,
        `${defines.map((d) => `${d} = ${wrapperValue(d)}`).join('\n')}\ninclude "${basename(path)}"\n`,
      );
    }
    targets.push({ entry, path, dir, main: wrapper ?? path, wrapper, text });
  }
  return { root, env, targets };
}
