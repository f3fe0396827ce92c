// The language server's command line (server/src/entries/serverArgs.ts): what stays in process.argv for
// vscode-languageserver, stdio by default, --help/--version, and errors for what cannot work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerArgs } from '../../server/src/entries/serverArgs';

const serve = (args: string[]) => {
  const r = parseServerArgs(args, '1.2.3');
  assert.equal(r.kind, 'serve', JSON.stringify(r));
  return r.kind === 'serve' ? { argv: r.argv, warnings: r.warnings.length } : undefined;
};

test('stdio when no transport is given; the transports vscode-languageserver reads are kept', () => {
  assert.deepEqual(serve([]), { argv: ['--stdio'], warnings: 0 });
  assert.deepEqual(serve(['--stdio']), { argv: ['--stdio'], warnings: 0 });
  assert.deepEqual(serve(['--node-ipc', '--clientProcessId=42']), {
    argv: ['--node-ipc', '--clientProcessId=42'],
    warnings: 0,
  });
  assert.deepEqual(serve(['--socket=5007']), { argv: ['--socket=5007'], warnings: 0 });
  assert.deepEqual(serve(['--socket', '5007']), { argv: ['--socket=5007'], warnings: 0 });
  assert.deepEqual(serve(['--pipe', '/tmp/x.sock']), { argv: ['--pipe=/tmp/x.sock'], warnings: 0 });
  assert.deepEqual(serve(['--clientProcessId', '7']), { argv: ['--clientProcessId=7', '--stdio'], warnings: 0 });
});

test("an editor's own extra arguments do not stop the server (a warning each)", () => {
  assert.deepEqual(serve(['--stdio', '--log-level=debug', 'x']), { argv: ['--stdio'], warnings: 2 });
});

test('--help and --version win; errors name the problem', () => {
  assert.equal(parseServerArgs(['--stdio', '--help'], '1.2.3').kind, 'help');
  const help = parseServerArgs(['-h'], '1.2.3');
  assert.match(help.kind === 'help' ? help.text : '', /^Usage: lighttpd-language-server /);
  assert.deepEqual(parseServerArgs(['-v'], '1.2.3'), { kind: 'version', text: 'lighttpd-language-server 1.2.3\n' });
  const error = (args: string[]) => {
    const r = parseServerArgs(args, '1.2.3');
    assert.equal(r.kind, 'error', args.join(' '));
    return r.kind === 'error' ? r.text : '';
  };
  assert.match(error(['--socket']), /--socket needs a value/);
  assert.match(error(['--socket=http']), /--socket takes a number, not "http"/);
  assert.match(error(['--socket=0']), /not a port/);
  assert.match(error(['--stdio', '--node-ipc']), /--stdio and --node-ipc: choose one transport/);
  assert.match(error(['--stdio=yes']), /--stdio takes no value/);
});
