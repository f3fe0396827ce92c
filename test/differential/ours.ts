/** Our verdict on a file: lighttpd-lint itself (in-process), exactly as CI users run it. */
import { readFile } from 'node:fs/promises';
import { runCli } from '../../server/src/cli/run';
import type { JsonDiagnostic, JsonOutput } from '../../server/src/cli/json';

export interface OurResult {
  readonly exitCode: number;
  readonly diagnostics: readonly JsonDiagnostic[];
  readonly errors: readonly JsonDiagnostic[];
}

export async function lintOurs(
  file: string,
  opts: { cwd: string; root?: string; version: string },
): Promise<OurResult> {
  let stdout = '';
  let stderr = '';
  const args = [
    '--format',
    'json',
    '--lighttpd-version',
    opts.version,
    ...(opts.root ? ['--root', opts.root] : []),
    file,
  ];
  const exitCode = await runCli(args, {
    cwd: opts.cwd,
    readFile: (p) => readFile(p),
    readStdin: async () => new Uint8Array(),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  if (exitCode === 2) throw new Error(`lighttpd-lint failed on ${file}: ${stderr}`);
  const out = JSON.parse(stdout) as JsonOutput;
  const diagnostics = out.files[0]?.diagnostics ?? [];
  return { exitCode, diagnostics, errors: diagnostics.filter((d) => d.severity === 'error') };
}
