/**
 * Entry point of dist/cli.js (`lighttpd-lint`, package.json "bin"). The work is in cli/run.ts; this file
 * only binds it to the process. No stack traces reach the user: an unexpected failure is one line and
 * exit code 2.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { EXIT_USAGE, runCli, type CliIo } from '../cli/run';

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

const io: CliIo = {
  cwd: process.cwd(),
  readFile: (p) => readFile(p),
  readStdin: () => readAll(process.stdin),
  writeFile: (p, bytes) => writeFile(p, bytes),
  env: process.env,
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`lighttpd-lint: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
