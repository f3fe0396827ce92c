/**
 * Activation time for `npm run bench` (issue 8): how long `activate()` takes to return in the extension host,
 * module loading included. Measured in a root hook that runs before any other (this file sorts first), while
 * the extension is not active yet; the bench reads the `ACTIVATION-MS` line (E2E_GREP='activation time').
 */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

let activationMs: number | undefined;

before(async function () {
  this.timeout(60_000);
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext || ext.isActive) return; // activated by something else first: nothing to measure
  const t = performance.now();
  await ext.activate();
  activationMs = performance.now() - t;
  console.log(`ACTIVATION-MS ${activationMs.toFixed(1)}`);
});

describe('activation time', () => {
  it('is measured while the extension was not active yet', function () {
    if (activationMs === undefined) this.skip();
    assert.ok(Number.isFinite(activationMs) && activationMs! > 0);
  });
});
