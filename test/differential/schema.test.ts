/**
 * The directive table against the installed lighttpd: every key the table says the installed release
 * knows, set with its module loaded, gives no "unknown config-key" under `lighttpd -tt`; every key the
 * table says it removed by then does; keys newer than the installed release (by their `since`) do too.
 * Keys whose module is not installed here are not judged (counted in the test's name).
 *
 * Keys of one module are tried together; when lighttpd refuses such a config (a value it does not like:
 * it then stops before reporting unknown keys), each key is tried alone, with a second value if needed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DIRECTIVES,
  MODULES,
  REMOVED_DIRECTIVES,
  compareVersions,
  type DirectiveInfo,
  type DirectiveType,
} from '../../server/src/schema';
import { LIGHTTPD, NO_LIGHTTPD, hermeticEnv, lighttpdVersion, pool, runLighttpd } from './lighttpd';

/** Values of each type that lighttpd's value checks accept without looking at files or the network, best first. */
function candidates(d: DirectiveInfo): string[] {
  const t: DirectiveType = d.typeVariants ? 'boolean' : d.type;
  const example = d.doc?.example;
  const listed = d.values?.values[0]?.value;
  switch (t) {
    case 'boolean':
      return ['"enable"', '"disable"'];
    case 'short':
    case 'int':
      return [...(example && /^\d+$/.test(example) ? [example] : []), ...(listed ? [listed] : []), '1', '0'];
    case 'string':
      return [
        ...(listed ? [`"${listed}"`] : []),
        '"x"',
        '""',
        ...(example && /^"[^"\\]*"$/.test(example) ? [example] : []),
      ];
    default:
      return ['( "x" )', '( "x" => "y" )', '( "x" => ( ) )', '( )'];
  }
}

interface Verdict {
  readonly unknown: boolean;
}

test(
  'the directive table agrees with the installed lighttpd (-tt: unknown config-key)',
  { skip: LIGHTTPD ? undefined : NO_LIGHTTPD },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-lighttpd-'));
    try {
      const env = hermeticEnv(dir);
      const version = await lighttpdVersion(dir);
      if (!version) return t.skip('version of the installed lighttpd unknown');
      mkdirSync(join(dir, 'www'));
      const base = `server.document-root = "${dir}/www"\nserver.port = 8089\nserver.errorlog = "${dir}/error.log"\n`;
      let runs = 0;
      const run = async (modules: readonly string[], lines: readonly string[]) => {
        runs++;
        const conf = join(dir, `t${runs}.conf`);
        const mods = modules.length ? `server.modules = ( ${modules.map((m) => `"${m}"`).join(', ')} )\n` : '';
        writeFileSync(conf, base + mods + lines.join('\n') + '\n');
        const r = await runLighttpd(['-tt', '-f', conf], { cwd: dir, env });
        const unknown = new Set([...r.output.matchAll(/unknown config-key: (\S+)/g)].map((m) => m[1]));
        return { ok: r.status === 0, unknown, output: r.output };
      };

      // Which modules can be loaded here (built in, or a plugin file in lighttpd's module folder).
      const wanted = MODULES.filter((m) => m.status === 'current' && compareVersions(m.since, version) <= 0);
      const loadable = new Set<string>(['core']);
      await pool(wanted, 2, async (m) => {
        if ((await run([m.name], [])).ok) loadable.add(m.name);
      });

      // A key is judged with the first of its modules that loads here.
      const byModule = new Map<string, DirectiveInfo[]>();
      let notJudged = 0;
      // Set by every config (the base lines): lighttpd knows them or nothing would run.
      const inBase = new Set(['server.document-root', 'server.port', 'server.errorlog']);
      for (const d of DIRECTIVES) {
        if (inBase.has(d.key)) continue;
        const m = d.modules.find((x) => loadable.has(x));
        if (!m) {
          notJudged++;
          continue;
        }
        byModule.set(m, [...(byModule.get(m) ?? []), d]);
      }
      const verdicts = new Map<string, Verdict>();
      const inconclusive: string[] = [];
      const silent: string[] = [];
      await pool([...byModule], 2, async ([module, keys]) => {
        const mods = module === 'core' ? [] : [module];
        // lighttpd 1.4.69 does not report unknown keys under some prefixes (dir-listing.*): nothing to judge.
        const prefix = keys[0].key.split('.')[0];
        const bogus = `${prefix}.zz-not-a-key`;
        if (module !== 'core' && !(await run(mods, [`${bogus} = "x"`])).unknown.has(bogus)) {
          silent.push(module);
          return;
        }
        const all = await run(
          mods,
          keys.map((d) => `${d.key} = ${candidates(d)[0]}`),
        );
        for (const d of keys) {
          if (all.ok && !all.unknown.has(d.key)) {
            verdicts.set(d.key, { unknown: false });
            continue;
          }
          // Alone, with each value in turn: a key lighttpd ignores with one value (an empty list) may be
          // taken with another; it is unknown only when every accepted config reports it.
          let accepted = 0;
          let known = false;
          for (const v of candidates(d)) {
            const one = await run(mods, [`${d.key} = ${v}`]);
            if (!one.ok) continue;
            accepted++;
            if (!one.unknown.has(d.key)) {
              known = true;
              break;
            }
          }
          if (accepted === 0) inconclusive.push(d.key);
          else verdicts.set(d.key, { unknown: !known });
        }
      });

      const problems: string[] = [];
      for (const d of DIRECTIVES) {
        const v = verdicts.get(d.key);
        if (!v) continue;
        const newer = compareVersions(d.since, version) > 0;
        if (newer && !v.unknown)
          problems.push(`${d.key}: since ${d.since} in the table, but lighttpd ${version} knows it`);
        if (!newer && v.unknown)
          problems.push(`${d.key}: lighttpd ${version} does not know it (table: since ${d.since})`);
      }
      // Removed keys: alone, with their module loaded when it still exists and is installed.
      const removed = REMOVED_DIRECTIVES.filter((r) => compareVersions(r.removedIn, version) <= 0);
      await pool(removed, 2, async (r) => {
        const one = await run(loadable.has(r.module) && r.module !== 'core' ? [r.module] : [], [`${r.key} = "x"`]);
        if (!one.ok) inconclusive.push(r.key);
        else if (!one.unknown.has(r.key))
          problems.push(`${r.key}: removed in ${r.removedIn} in the table, but lighttpd ${version} knows it`);
      });
      t.diagnostic(
        `lighttpd ${version}: ${verdicts.size} keys judged, ${removed.length} removed keys, ${notJudged} not judged (module not installed), modules whose unknown keys lighttpd does not report: ${silent.join(', ') || 'none'}, ${inconclusive.length} inconclusive (${inconclusive.join(', ')}); ${runs} runs`,
      );
      assert.ok(verdicts.size >= 100, `only ${verdicts.size} keys judged`);
      assert.ok(inconclusive.length <= 5, `inconclusive: ${inconclusive.join(', ')}`);
      assert.deepEqual(problems, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
