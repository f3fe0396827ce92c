// lighttpd-lint and the security group: --rules selects a group or codes, SARIF carries help text and a
// security-severity for code scanning.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, type CliIo } from '../../server/src/cli/run';
import { parseCliArgs, UsageError } from '../../server/src/cli/args';
import { RULES } from '../../server/src/features/diagnostics/rules';

const CWD = '/work/project';

async function lint(
  argv: string[],
  files: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: CWD,
    readFile: async (p) => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return new TextEncoder().encode(f);
    },
    readStdin: async () => new Uint8Array(),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    fileSystem: {
      readFile: (p) => files[p],
      isFile: (p) => files[p] !== undefined,
      glob: () => [],
      realPath: (p) => p,
    },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

// One syntax error, one unknown directive and two security findings.
const CONF =
  'server.modules = ( "mod_extforward" )\nserver.port = 80;\nserver.documnet-root = "/x"\nextforward.forwarder = ( "all" => "trust" )\ndir-listing.activate = "enable"\n';
const files = { [`${CWD}/site.conf`]: CONF };

describe('--rules', () => {
  test('--rules security reports only the security group', async () => {
    const r = await lint(['--rules', 'security', '-f', 'json', 'site.conf'], files);
    const codes = JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    assert.deepEqual(codes, ['extforward-trust-all', 'dir-listing-global']);
    assert.equal(r.code, 0); // warnings only
  });
  test('core is everything else; codes can be named; lists combine', async () => {
    const core = await lint(['--rules=core', '-f', 'json', 'site.conf'], files);
    const codes = JSON.parse(core.stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    assert.ok(codes.includes('syntax-semicolon') && codes.includes('unknown-directive'), codes.join());
    assert.ok(!codes.includes('extforward-trust-all'));
    assert.equal(core.code, 1);
    const one = await lint(['--rules', 'dir-listing-global,syntax-semicolon', '-f', 'json', 'site.conf'], files);
    assert.deepEqual(
      JSON.parse(one.stdout).files[0].diagnostics.map((d: { code: string }) => d.code),
      ['syntax-semicolon', 'dir-listing-global'],
    );
  });
  test('an unknown name is a usage error', () => {
    assert.throws(() => parseCliArgs(['--rules', 'securty', 'a.conf']), UsageError);
  });
});

describe('SARIF for code scanning', () => {
  test('security rules carry help text, a security tag and a security-severity, and so do their results', async () => {
    const r = await lint(['-f', 'sarif', '--rules', 'security', 'site.conf'], files);
    const run = JSON.parse(r.stdout).runs[0];
    for (const rule of run.tool.driver.rules) {
      const own = RULES.find((x) => x.code === rule.id)!;
      if (own.group !== 'security') {
        assert.equal(rule.properties, undefined, rule.id);
        continue;
      }
      assert.equal(rule.help.text.includes(own.help!), true, rule.id);
      assert.equal(rule.fullDescription.text, own.help);
      assert.deepEqual(rule.properties.tags, ['security']);
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    }
    assert.equal(run.results.length, 2);
    for (const res of run.results) {
      const rule = run.tool.driver.rules[res.ruleIndex];
      assert.equal(rule.id, res.ruleId);
      assert.ok(rule.help.text.length > 20);
      assert.equal(res.properties['security-severity'], rule.properties['security-severity']);
    }
    const trust = run.results.find((x: { ruleId: string }) => x.ruleId === 'extforward-trust-all');
    assert.equal(trust.level, 'warning');
    assert.equal(Number(trust.properties['security-severity']) >= 4, true);
  });
});
