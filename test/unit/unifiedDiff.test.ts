// The unified diff of --fix-dry-run: exact hunks, and `patch` (GNU) turning the old text into the new one on
// random edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedDiff } from '../../server/src/cli/unifiedDiff';
import { rng } from '../helpers/random';

test('two changes far apart are two hunks with 3 lines of context (as diff -u prints them)', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join('');
  const after = before.replace('line 2\n', 'line two\n').replace('line 18\n', 'line 18\nadded\n');
  assert.equal(
    unifiedDiff('a.conf', before, after),
    [
      '--- a/a.conf',
      '+++ b/a.conf',
      '@@ -1,5 +1,5 @@',
      ' line 1',
      '-line 2',
      '+line two',
      ' line 3',
      ' line 4',
      ' line 5',
      '@@ -16,5 +16,6 @@',
      ' line 16',
      ' line 17',
      ' line 18',
      '+added',
      ' line 19',
      ' line 20',
      '',
    ].join('\n'),
  );
});

test('no final line break and CRLF are shown as diff shows them; equal texts give nothing', () => {
  assert.equal(
    unifiedDiff('x', 'a\r\nb', 'a\r\nc'),
    '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
  );
  assert.equal(unifiedDiff('x', 'same\n', 'same\n'), '');
  assert.equal(unifiedDiff('x', '', 'new\n'), '--- a/x\n+++ b/x\n@@ -0,0 +1,1 @@\n+new\n');
});

const hasPatch = spawnSync('patch', ['--version']).status === 0;

test(
  'patch -p1 applies the diff of random edits exactly',
  { skip: hasPatch ? undefined : 'patch is not installed' },
  () => {
    const rand = rng(27);
    const dir = mkdtempSync(join(tmpdir(), 'udiff-'));
    try {
      for (let n = 0; n < 60; n++) {
        const lines = Array.from({ length: Math.floor(rand() * 30) }, () => `l${Math.floor(rand() * 8)}\n`);
        const edited = [...lines];
        for (let e = Math.floor(rand() * 5); e >= 0; e--) {
          const at = Math.floor(rand() * (edited.length + 1));
          const r = rand();
          if (r < 0.4) edited.splice(at, 0, `new${e}\n`);
          else if (r < 0.8) edited.splice(at, 1);
          else edited.splice(at, 1, `changed${e}\n`);
        }
        const before = lines.join('');
        const after = edited.join('');
        writeFileSync(join(dir, 'f.conf'), before);
        const diff = unifiedDiff('f.conf', before, after);
        if (before === after) {
          assert.equal(diff, '');
          continue;
        }
        const p = spawnSync('patch', ['-p1', '--quiet', '--no-backup-if-mismatch'], {
          cwd: dir,
          input: diff,
          encoding: 'utf8',
        });
        assert.equal(p.status, 0, `${p.stdout}${p.stderr}\n${diff}`);
        assert.equal(readFileSync(join(dir, 'f.conf'), 'utf8'), after, diff);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
