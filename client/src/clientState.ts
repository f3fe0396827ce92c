/**
 * vscode-languageclient's client states as constants, so that the modules loaded at activation (commands,
 * status items, lifecycle) compare states without a value import of the package: its initialisation is most
 * of the extension's load time, and it is deferred until activate() has returned (common.ts). The values are
 * the package's `State` enum's (test/unit/lazyClient.test.ts compares them).
 */
import type { State as ClientState } from 'vscode-languageclient';

export const State = {
  Stopped: 1 as ClientState.Stopped,
  Running: 2 as ClientState.Running,
  Starting: 3 as ClientState.Starting,
} as const;
export type State = ClientState;
