import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIRECTIVES,
  MODULES,
  getDirective,
  getModule,
  keySetAt,
  valueChoices,
  CONDITION_FIELDS,
  CONDITION_OPERATORS,
  compareVersions,
  isChecked,
  type DirectiveInfo,
  type KeySet,
} from '../../server/src/schema';
import { doComplete } from '../../server/src/features/completion/completion';
import { checkSchema } from '../../scripts/schema-check';
import { REPO_ROOT } from '../helpers/corpus';
import { withCursor } from '../helpers/cursor';
import { diagnosticsOf } from '../helpers/diagnostics';

/** The module lines that make every directive of `d` count as loaded. */
function modulesFor(d: DirectiveInfo): string {
  const mods = d.module === 'core' ? [] : [d.module];
  return mods.length ? `server.modules = ( ${mods.map((m) => `"${m}"`).join(', ')} )\n` : '';
}

function completionLabels(src: string): string[] {
  const f = withCursor(src);
  return doComplete(f.doc, f.model, f.position).items.map((i) => String(i.label));
}

/** `invalid-value` findings of a text (with the directive's module loaded). */
function invalidValues(text: string): string[] {
  return diagnosticsOf(text)
    .filter((d) => d.code === 'invalid-value')
    .map((d) => d.message);
}

/** A list value that puts `inner` at `set.depth` (backend blocks: labelled form). */
function atDepth(set: KeySet, inner: string): string {
  if (set.depth === 1) return `( ${inner} )`;
  if (set.depth === 2) return `( "/p" => ( ${inner} ) )`;
  return `( ".x" => ( "b" => ( ${inner} ) ) )`;
}

test('the schema table is consistent (npm run schema:check)', () => {
  assert.deepEqual(checkSchema(), []);
});

test("the schema is the repository's own source: nothing generated, nothing read from outside", () => {
  const dir = join(REPO_ROOT, 'server/src/schema');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.doesNotMatch(text, /GENERATED FILE|DO NOT EDIT/, f);
    assert.doesNotMatch(text, /shared\/reference|lighttpd-directives\.json/, f);
  }
});

test('tables hold every directive and module', () => {
  assert.ok(DIRECTIVES.length >= 260, `${DIRECTIVES.length}`);
  assert.equal(getDirective('proxy.server')?.module, 'mod_proxy');
  assert.equal(getDirective('scgi.server')?.type, 'array-kvarray');
  assert.equal(getDirective('server.document-root')?.module, 'core');
  assert.ok(getDirective('ssl.pemfile')?.modules.includes('mod_openssl'));
  assert.equal(getModule('mod_compress')?.status, 'removed');
  assert.equal(getModule('mod_compress')?.replacement, 'mod_deflate');
  assert.ok(MODULES.some((m) => m.name === 'mod_scgi' && m.keys.includes('scgi.server')));
  assert.match(getDirective('proxy.server')!.link, /Docs_ModProxy$/);
});

test('condition fields and operators', () => {
  assert.ok((CONDITION_FIELDS.HTTP as string[]).includes('remote-ip'));
  assert.deepEqual(CONDITION_FIELDS.SERVER, ['socket']);
  assert.equal(CONDITION_FIELDS.REQUEST_HEADER, 'any');
  assert.deepEqual([...CONDITION_OPERATORS].sort(), ['!=', '!~', '=$', '==', '=^', '=~']);
});

test('version comparison', () => {
  assert.ok(compareVersions('1.4.69', '1.4.74') < 0);
  assert.ok(compareVersions('1.4.100', '1.4.85') > 0);
  assert.equal(compareVersions('<=1.4.40', '1.4.40'), 0);
});

describe('completion and the value checks read one entry', () => {
  test('auth.require: completion offers exactly the fields the check accepts, and the methods it accepts', () => {
    const d = getDirective('auth.require')!;
    const set = keySetAt(d, 2)!;
    const fields = set.keys.map((k) => k.key);
    const pre = 'server.modules = ( "mod_auth" )\n';
    const offered = completionLabels(pre + 'auth.require = ( "/p" => ( | ) )\n');
    assert.deepEqual(offered.filter((l) => fields.includes(l)).sort(), [...fields].sort());
    for (const f of fields) {
      assert.deepEqual(invalidValues(pre + `auth.require = ( "/p" => ( "${f}" => "x" ) )\n`).length <= 1, true);
      // No field of the entry is ever "not a known field"
      assert.ok(
        !invalidValues(pre + `auth.require = ( "/p" => ( "${f}" => "basic" ) )\n`).some((m) => m.includes('known')),
        f,
      );
    }
    assert.equal(invalidValues(pre + 'auth.require = ( "/p" => ( "nonsense" => "x" ) )\n').length, 1);
    const methods = valueChoices(set.keys.find((k) => k.key === 'method')!).map((v) => v.value);
    assert.deepEqual(
      completionLabels(pre + 'auth.require = ( "/p" => ( "method" => "|" ) )\n').sort(),
      [...methods].sort(),
    );
    for (const m of methods)
      assert.deepEqual(invalidValues(pre + `auth.require = ( "/p" => ( "method" => "${m}" ) )\n`), []);
    assert.equal(invalidValues(pre + 'auth.require = ( "/p" => ( "method" => "bassic" ) )\n').length, 1);
  });

  // By construction every value set and key set is completed and checked; these fail when a feature stops
  // reading the entry (or reads something else).
  const withValues = DIRECTIVES.filter((d) => d.values);
  test(`every directive with a value set (${withValues.length}) is completed, and checked unless lighttpd takes anything`, () => {
    assert.ok(withValues.length >= 15, `${withValues.length}`);
    for (const d of withValues) {
      const values = d.values!.values.map((v) => v.value);
      const numeric = d.type === 'short' || d.type === 'int';
      const src = d.type.startsWith('array')
        ? d.type === 'array-kvstring'
          ? `${d.key} = ( "k" => "|" )\n`
          : `${d.key} = ( "|" )\n`
        : numeric
          ? `${d.key} = |\n`
          : `${d.key} = "|"\n`;
      const offered = completionLabels(modulesFor(d) + src);
      for (const v of values)
        assert.ok(offered.includes(v), `${d.key}: completion lacks "${v}" (got ${offered.join(', ')})`);
      const bad = 'zz-not-a-value';
      const written = d.type.startsWith('array')
        ? d.type === 'array-kvstring'
          ? `( "k" => "${bad}" )`
          : `( "${bad}" )`
        : `"${bad}"`;
      const found = invalidValues(modulesFor(d) + `${d.key} = ${written}\n`);
      if (isChecked(d.values!.outside)) assert.equal(found.length, 1, `${d.key}: no value check (${found.join('; ')})`);
      else assert.deepEqual(found, [], `${d.key}: lighttpd takes any value`);
      for (const v of values) {
        const ok = d.type.startsWith('array')
          ? d.type === 'array-kvstring'
            ? `( "k" => "${v}" )`
            : `( "${v}" )`
          : numeric
            ? v
            : `"${v}"`;
        assert.deepEqual(invalidValues(modulesFor(d) + `${d.key} = ${ok}\n`), [], `${d.key} = ${ok}`);
      }
    }
  });

  const withKeys = DIRECTIVES.filter((d) => d.keys);
  test(`every directive with a key set (${withKeys.length}) completes its keys and checks them unless lighttpd takes any`, () => {
    assert.ok(withKeys.length >= 15, `${withKeys.length}`);
    for (const d of withKeys) {
      const set = d.keys!;
      const offered = completionLabels(modulesFor(d) + `${d.key} = ${atDepth(set, '|')}\n`);
      for (const k of set.keys) assert.ok(offered.includes(k.key), `${d.key}: completion lacks "${k.key}"`);
      const found = invalidValues(modulesFor(d) + `${d.key} = ${atDepth(set, '"zz-not-a-key" => "x"')}\n`);
      if (isChecked(set.outside)) assert.equal(found.length, 1, `${d.key}: no key check (${found.join('; ')})`);
      else assert.deepEqual(found, [], `${d.key}: lighttpd takes any key`);
    }
  });
});
