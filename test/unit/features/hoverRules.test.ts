// Hover over a finding of a rule with a help line (the security group): the rule's code, what it finds and
// the lighttpd behaviour it rests on, from the rule table (rules.ts), through the service (the diagnostics
// of the document's model, memoised per settings).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { directiveMarkdown, doHover, markdownText } from '../../../server/src/features/hover/hover';
import { RULES, getRule } from '../../../server/src/features/diagnostics/rules';
import { getLanguageService, type LanguageSettings } from '../../../server/src/service';
import { textAt, withCursor } from '../../helpers/cursor';

/** The cursor marker ('|' appears in regexes). */
const AT = '§';

function serviceHover(src: string, settings?: LanguageSettings | null, validateFirst = true) {
  const f = withCursor(src, AT);
  const svc = getLanguageService();
  const codes = svc.doValidation(f.doc, settings ?? {}).map((d) => d.code);
  if (!validateFirst) svc.forget(f.doc.uri);
  const h = svc.doHover(f.doc, f.position, settings);
  const plain = doHover(f.doc, f.model, f.position);
  const value = h ? (h.contents as { value: string }).value : undefined;
  return { codes, h, value, covered: h?.range ? textAt(f.doc, h.range) : undefined, plain };
}

/** The part of a hover a rule adds: its code in the heading, its description and help line as the table has them. */
function assertRuleSection(value: string | undefined, code: string): void {
  const rule = getRule(code)!;
  assert.ok(value, `a hover for ${code}`);
  assert.ok(rule.help, `${code} has a help line`);
  assert.ok(value.includes(`**\`${code}\`** — security warning`), `heading of ${code} in ${value}`);
  assert.ok(value.includes(markdownText(rule.description)), `description of ${code}`);
  assert.ok(value.includes(markdownText(rule.help)), `help line of ${code}`);
}

const HOST =
  'server.document-root = "/srv/www"\n$HTTP["host"] =~ "exa§mple.com" {\n  server.document-root = "/srv/a"\n}\n';

describe('hover on a finding shows its rule', () => {
  test('unanchored-host-regex: on the pattern, the code, description and help line; the range is the finding', () => {
    const r = serviceHover(HOST);
    assert.ok(r.codes.includes('unanchored-host-regex'));
    assert.equal(r.plain, null, 'no hover on a condition value without the finding');
    assertRuleSection(r.value, 'unanchored-host-regex');
    assert.equal(r.covered, '"example.com"');
    assert.ok(r.value!.startsWith('**`unanchored-host-regex`**'));
  });

  test('dir-listing-global: the rule comes first in the directive hover, one hover with the directive range', () => {
    const r = serviceHover('server.modules = ( "mod_dirlisting" )\ndir-listing.act§ivate = "enable"\n');
    assert.ok(r.codes.includes('dir-listing-global'));
    assertRuleSection(r.value, 'dir-listing-global');
    const directive = directiveMarkdown('dir-listing.activate')!;
    assert.ok(r.value!.startsWith('**`dir-listing-global`**'));
    assert.ok(r.value!.endsWith(`\n\n---\n\n${directive}`), 'the directive hover follows the rule, unchanged');
    assert.equal(r.covered, 'dir-listing.activate');
  });

  test('the diagnostics are computed for a hover that comes before any check of the version', () => {
    const r = serviceHover(HOST, {}, false);
    assertRuleSection(r.value, 'unanchored-host-regex');
  });

  test('only the finding under the position: another rule on another line is not shown', () => {
    const src =
      'server.modules = ( "mod_alias" )\nalias.url = ( "/stat§ic" => "/srv/static/" )\n$HTTP["host"] =~ "example.com" { }\n';
    const r = serviceHover(src);
    assert.ok(r.codes.includes('alias-slash-mismatch'));
    assertRuleSection(r.value, 'alias-slash-mismatch');
    assert.ok(!r.value!.includes('`unanchored-host-regex`'), 'a finding elsewhere is not shown');
    assert.equal(r.value!.split('**`alias-slash-mismatch`**').length, 2);
  });
});

describe('hover without a finding under the position is unchanged', () => {
  test('outside every finding of a config that has one: the plain hover', () => {
    const r = serviceHover(
      'server.document-root = "/srv/www"\n$HTTP["host"] =~ "example.com" {\n  server.docum§ent-root = "/srv/a"\n}\n',
    );
    assert.ok(r.codes.includes('unanchored-host-regex'));
    assert.deepEqual(r.h, r.plain);
    assert.ok(r.plain, 'a directive hover');
  });

  test('near miss: an anchored, escaped host pattern has no finding and no rule section', () => {
    const r = serviceHover(
      'server.document-root = "/srv/www"\n$HTTP["host"] =~ "^exa§mple\\\\.com$" {\n  server.document-root = "/srv/a"\n}\n',
    );
    assert.ok(!r.codes.includes('unanchored-host-regex'));
    assert.equal(r.h, null);
  });

  test('near miss: a listing enabled inside a URL block shows the directive hover alone', () => {
    const r = serviceHover(
      'server.modules = ( "mod_dirlisting" )\n$HTTP["url"] =^ "/pub/" {\n  dir-listing.act§ivate = "enable"\n}\n',
    );
    assert.ok(!r.codes.includes('dir-listing-global'));
    assert.equal(r.value, directiveMarkdown('dir-listing.activate'));
  });

  test('a rule turned off, diagnostics off (null settings) and a rule without a help line add nothing', () => {
    const off = serviceHover(HOST, { diagnostics: { severity: { 'unanchored-host-regex': 'off' } } });
    assert.ok(!off.codes.includes('unanchored-host-regex'));
    assert.equal(off.h, null);
    assert.equal(serviceHover(HOST, null).h, null);
    const core = serviceHover('server.document-root = "/srv/www"\nfoo.b§ar = 1\n');
    assert.ok(core.codes.includes('unknown-directive'));
    assert.equal(getRule('unknown-directive')!.help, undefined);
    assert.equal(core.h, null);
  });
});

test('every security rule has a help line for its hover', () => {
  const security = RULES.filter((r) => r.group === 'security');
  assert.ok(security.length >= 16);
  for (const r of security) assert.ok(r.help && r.help.length > 20, r.code);
});
