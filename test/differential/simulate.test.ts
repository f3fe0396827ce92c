/**
 * Differential test of the request simulator (analysis/simulate) against the real lighttpd: each
 * configuration (corpus files and generated ones) runs in `lighttpd -D` on 127.0.0.1 and a free port, with
 * `debug.log-condition-handling` on (all through `:=` overrides after the config itself), and receives a
 * set of requests drawn from its own conditions. For every request, each condition result lighttpd logs
 * ("N (uncached) result: true|false|skipped (cond: KEY)") is compared with ours for the same context
 * number in the same pass (a rewrite starts a new pass), and lighttpd's key with ours; then the status,
 * Location and mod_setenv headers of the response with our handler.
 *
 * Condition results must agree 100% (an "unknown" of ours counts as classified, with its reason; none is
 * expected on these inputs). Response differences are listed by class. SIM_VERBOSE=1 prints each one.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ConfigWorkspace } from '../../server/src/analysis/workspace';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { buildContexts } from '../../server/src/analysis/simulate/model';
import { simulate, type Simulation } from '../../server/src/analysis/simulate/simulate';
import { CORPUS_AVAILABLE } from '../helpers/corpus';
import { prepareWorkspace } from './corpus';
import { LIGHTTPD, NO_LIGHTTPD, hermeticEnv } from './lighttpd';
import { freePort, send, startLighttpd, stopLighttpd, type Running } from '../../server/src/node/lighttpdServer';
import { logEscaped, loggedPasses } from '../../server/src/analysis/routeTests/lighttpdLog';
import { generatedConfig, requestsFor, type TestRequest } from './simulateCases';

const VERBOSE = process.env.SIM_VERBOSE === '1';
const GENERATED = Number(process.env.SIM_GENERATED ?? 50);
const PER_CONFIG = Number(process.env.SIM_REQUESTS ?? 50);

interface Config {
  readonly name: string;
  /** The file given to lighttpd (the harness that includes the config). */
  readonly harness: string;
  /** The configuration itself (what the harness includes). */
  readonly include: string;
  readonly dir: string;
  readonly env: Record<string, string>;
}

interface Tally {
  configs: number;
  requests: number;
  compared: number;
  agree: number;
  unknown: number;
  disagree: number;
  keyMismatch: number;
  responses: number;
  responseAgree: number;
  responseClasses: Map<string, number>;
}

const running = new Set<Running>();
after(async () => {
  for (const r of running) await stopLighttpd(r);
});

function harnessText(include: string, port: number, log: string, scratch: string, docroot: string): string {
  return [
    `include "${include}"`,
    `server.port := ${port}`,
    'server.bind := "127.0.0.1"',
    `server.errorlog := "${log}"`,
    `server.breakagelog := "${scratch}/breakage.log"`,
    `server.pid-file := "${scratch}/pid"`,
    'server.username := ""',
    'server.groupname := ""',
    'server.systemd-socket-activation := "disable"',
    `server.document-root := "${docroot}"`,
    `accesslog.filename := "${scratch}/access.log"`,
    `server.upload-dirs := ( "${scratch}" )`,
    'debug.log-condition-handling := "enable"',
    '',
  ].join('\n');
}

/** Corpus files that cannot run here unchanged: they bind other sockets, spawn programs, or need TLS files. */
function unrunnable(text: string): string | undefined {
  if (/\$SERVER\s*\[\s*"socket"\s*\]/.test(text)) return 'binds other sockets ($SERVER["socket"])';
  if (/bin-path|rrdtool\.binary|ssl\.pemfile|ssl\.engine/.test(text)) return 'spawns programs or needs TLS files';
  return undefined;
}

function docrootIn(dir: string): string {
  const d = join(dir, 'www');
  mkdirSync(join(d, 'static'), { recursive: true });
  mkdirSync(join(d, 'sub'), { recursive: true });
  writeFileSync(join(d, 'index.html'), 'index\n');
  writeFileSync(join(d, 'static/a.txt'), 'a\n');
  writeFileSync(join(d, 'sub/index.html'), 'sub\n');
  return d;
}

/** The status our handler predicts (undefined: not predicted, with the class why). */
function predictedStatus(s: Simulation, exists: (p: string) => 'file' | 'dir' | 'none'): number | string {
  const h = s.handler;
  switch (h.module) {
    case 'error':
    case 'mod_redirect':
    case 'mod_access':
    case 'mod_auth':
      return h.status;
    case 'mod_proxy':
      return 503; // the test's backend (port 1) is down
    case 'mod_staticfile': {
      const kind = exists(h.path.replace(/\/+$/, '') || '/');
      const served = h.ifExists?.status ?? 200;
      if (kind === 'file') return served; // (a trailing "/" is PATH_INFO)
      if (kind === 'dir') {
        if (!h.path.endsWith('/')) return 301;
        if (h.indexFiles?.some((n) => !n.startsWith('/') && exists(h.path + n) === 'file')) return served;
        // No index file: mod_dirlisting (GET and HEAD), else no handler: 403, or 501/200 for other methods.
        return h.ifExists?.status ?? (h.dirListing ? 200 : 403);
      }
      // A regular file further up: the rest is PATH_INFO.
      const base = h.documentRoot?.replace(/\/+$/, '') ?? '';
      const parts = h.path.slice(base.length).split('/').filter(Boolean);
      for (let i = 1; i < parts.length; i++)
        if (exists(`${base}/${parts.slice(0, i).join('/')}`) === 'file') return served;
      return 404;
    }
    default:
      return `not predicted (${h.module}: ${'reason' in h ? h.reason : ''})`;
  }
}

function fileKind(p: string): 'file' | 'dir' | 'none' {
  try {
    const st = statSync(p);
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'none';
  } catch {
    return 'none';
  }
}

async function runConfig(cfg: Config, port: number, log: string, tally: Tally, rows: string[]): Promise<boolean> {
  const ws = new ConfigWorkspace(nodeFileSystem);
  const root = ws.canonical(cfg.harness);
  const analysis = ws.analyzeRoot(root);
  if (!analysis) return false;
  const ev = analysis.evaluation;
  const started = await startLighttpd({
    executable: LIGHTTPD!,
    config: { file: cfg.harness },
    cwd: cfg.dir,
    env: cfg.env,
    port,
    errorLog: log,
  });
  if ('failed' in started) {
    rows.push(`| ${cfg.name} | did not start: ${started.failed.slice(0, 100).replace(/\|/g, '/')} | | | |`);
    return false;
  }
  running.add(started);
  const contexts = buildContexts(ev).contexts;
  const requests = requestsFor(contexts, seedOf(cfg.name), PER_CONFIG);
  let compared = 0;
  let agree = 0;
  let unknown = 0;
  let responsesOk = 0;
  try {
    for (const req of requests) {
      const res = await send(started, {
        method: req.method,
        target: req.target,
        headers: [...(req.host !== undefined ? [['Host', req.host] as const] : []), ...req.headers],
        localAddress: req.remoteIp,
      });
      if ('failed' in res) {
        bump(tally.responseClasses, `no response: ${res.failed}`);
        continue;
      }
      tally.requests++;
      const ours = simulate(ev, specOf(req, port));
      const theirs = loggedPasses(res.log);
      for (let p = 0; p < theirs.length; p++) {
        const pass = ours.passes[Math.min(p, ours.passes.length - 1)];
        for (const l of theirs[p]) {
          compared++;
          const o = pass?.conditions.find((c) => c.index === l.index);
          const mapped = o ? (o.result === 'not-evaluated' ? 'skipped' : String(o.result)) : 'missing';
          if (o && logEscaped(o.key) !== l.key) {
            tally.keyMismatch++;
            if (VERBOSE) console.log(`KEY ${cfg.name} #${l.index}: lighttpd "${l.key}" ours "${o.key}"`);
          }
          if (mapped === l.result) agree++;
          else if (mapped === 'unknown') unknown++;
          else {
            tally.disagree++;
            if (VERBOSE && tally.disagree === 1) console.log(`LOG\n${res.log}`);
            if (VERBOSE || tally.disagree <= 20)
              console.log(
                `DISAGREE ${cfg.name} ${req.method} ${req.host ?? '-'} ${req.target} ${req.remoteIp} ${JSON.stringify(req.headers)} pass ${p}: #${l.index} ${l.key}: lighttpd ${l.result}, ours ${mapped}${o?.reason ? ` (${o.reason})` : ''}`,
              );
          }
        }
      }
      // The response.
      tally.responses++;
      const expected = predictedStatus(ours, fileKind);
      const problems: string[] = [];
      if (typeof expected === 'string') bump(tally.responseClasses, expected);
      else if (expected !== res.status)
        problems.push(`status ${res.status}, ours ${expected} (${ours.handler.module})`);
      if (ours.handler.module === 'mod_redirect' && res.headers.get('location') !== ours.handler.location)
        problems.push(`Location ${res.headers.get('location')}, ours ${ours.handler.location}`);
      for (const [k, v] of Object.entries(ours.responseHeaders))
        if (res.status < 400 && res.headers.get(k.toLowerCase()) !== v)
          problems.push(`header ${k}: ${res.headers.get(k.toLowerCase())}, ours ${v}`);
      for (const [k, v] of res.headers)
        if (/^x-b/.test(k) && !Object.keys(ours.responseHeaders).some((o) => o.toLowerCase() === k))
          problems.push(`header ${k}: ${v}, ours none`);
      if (problems.length === 0) {
        if (typeof expected === 'number') responsesOk++;
      } else {
        bump(tally.responseClasses, responseClass(problems[0]));
        if (VERBOSE)
          console.log(`RESPONSE ${cfg.name} ${req.method} ${req.host} ${req.target}: ${problems.join('; ')}`);
      }
    }
  } finally {
    await stopLighttpd(started);
    running.delete(started);
  }
  tally.configs++;
  tally.compared += compared;
  tally.agree += agree;
  tally.unknown += unknown;
  tally.responseAgree += responsesOk;
  rows.push(`| ${cfg.name} | ${requests.length} | ${compared} | ${agree} | ${unknown} |`);
  return true;
}

function responseClass(p: string): string {
  return p.replace(/[0-9a-z/.:?=&_-]{12,}/gi, '…').replace(/\d{3}/g, (m) => m);
}

/** A seed from the configuration's name (the same requests on every run). */
function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function specOf(req: TestRequest, port: number) {
  return {
    method: req.method,
    scheme: 'http' as const,
    host: req.host,
    target: req.target,
    remoteIp: req.remoteIp,
    port,
    serverSocket: `127.0.0.1:${port}`,
    headers: req.headers,
  };
}

describe('simulator against lighttpd', { skip: !LIGHTTPD ? NO_LIGHTTPD : undefined }, () => {
  test(
    "condition results agree with lighttpd's own log; responses with our handler",
    { timeout: 600_000 },
    async () => {
      const scratch = mkdtempSync(join(tmpdir(), 'lighttpd-sim-'));
      try {
        const tally: Tally = {
          configs: 0,
          requests: 0,
          compared: 0,
          agree: 0,
          unknown: 0,
          disagree: 0,
          keyMismatch: 0,
          responses: 0,
          responseAgree: 0,
          responseClasses: new Map(),
        };
        const rows: string[] = [];
        const skipped: string[] = [];
        const docroot = docrootIn(scratch);
        const configs: Config[] = [];
        const env = hermeticEnv(scratch);
        // Generated configurations.
        for (let i = 0; i < GENERATED; i++) {
          const dir = join(scratch, `gen-${i}`);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, 'site.conf'), generatedConfig(0x5107 + i, docroot));
          configs.push({
            name: `generated-${i}`,
            harness: join(dir, 'harness.conf'),
            include: join(dir, 'site.conf'),
            dir,
            env,
          });
        }
        // Corpus configurations.
        if (CORPUS_AVAILABLE) {
          const ws = prepareWorkspace(join(scratch, 'corpus'));
          for (const t of ws.targets) {
            if (!/^valid/.test(t.entry.verdict)) continue;
            const why = unrunnable(t.text);
            if (why) {
              skipped.push(`${t.entry.file}: ${why}`);
              continue;
            }
            configs.push({
              name: t.entry.file,
              harness: join(t.dir, `.sim-harness-${basename(t.path)}`),
              include: t.main,
              dir: t.dir,
              env: ws.env,
            });
          }
        }
        let n = 0;
        const only = process.env.SIM_ONLY ? new RegExp(process.env.SIM_ONLY) : undefined;
        for (const cfg of configs) {
          if (only && !only.test(cfg.name)) continue;
          const port = await freePort();
          const logDir = join(scratch, `run-${n++}`);
          mkdirSync(logDir, { recursive: true });
          writeFileSync(cfg.harness, harnessText(cfg.include, port, join(logDir, 'error.log'), logDir, docroot));
          await runConfig(cfg, port, join(logDir, 'error.log'), tally, rows);
        }
        const classes = [...tally.responseClasses].sort((a, b) => b[1] - a[1]);
        const report = [
          `configurations run: ${tally.configs} (of ${configs.length}; ${skipped.length} corpus files not runnable here)`,
          `requests: ${tally.requests}`,
          `condition results compared: ${tally.compared}, agree: ${tally.agree}, ours unknown: ${tally.unknown}, disagree: ${tally.disagree}, key text differs: ${tally.keyMismatch}`,
          `responses: ${tally.responses}, status/Location/headers as predicted: ${tally.responseAgree}`,
          ...classes.map(([k, v]) => `  ${v} × ${k}`),
          '',
          '| configuration | requests | conditions compared | agree | unknown |',
          '| --- | ---: | ---: | ---: | ---: |',
          ...rows,
          ...skipped.map((s) => `| ${s} | not run | | | |`),
        ].join('\n');
        console.log(report);
        if (process.env.SIM_REPORT) writeFileSync(process.env.SIM_REPORT, report + '\n');
        assert.ok(tally.configs >= 40, `only ${tally.configs} configurations ran`);
        assert.ok(tally.requests >= 2000, `only ${tally.requests} requests`);
        assert.equal(tally.disagree, 0, 'condition results that differ from lighttpd (see DISAGREE lines)');
        assert.equal(tally.keyMismatch, 0, 'context keys that differ from lighttpd');
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  );
});
