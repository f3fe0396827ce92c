/** docs/grammar.md is the language reference the code cites: every cited section exists. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/corpus';

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.(ts|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

test('every "docs/grammar.md §N" cited in the sources is a section of docs/grammar.md', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/grammar.md'), 'utf8');
  const sections = new Set([...doc.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]));
  assert.ok(sections.has('2.4') && sections.has('10'), [...sections].join(' '));
  const cited: string[] = [];
  for (const root of ['server/src', 'client/src', 'test', 'scripts']) {
    for (const f of sources(join(REPO_ROOT, root))) {
      const text = readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /shared\/reference\/lighttpd-grammar/, f);
      for (const m of text.matchAll(/docs\/grammar\.md((?:[ ,;]*§\d+(?:\.\d+)?)+)/g))
        for (const s of m[1].matchAll(/§(\d+(?:\.\d+)?)/g)) {
          cited.push(s[1]);
          assert.ok(sections.has(s[1]), `${f} cites docs/grammar.md §${s[1]}, which does not exist`);
        }
    }
  }
  assert.ok(cited.length >= 20, `${cited.length} citations`);
});
