import type { Bridge, CallInput, CallName, CallOutput, PreloadApi } from '../../shared/contract';
import { BridgeError } from './errors';
import { createIpcBridge } from './ipc-bridge';
import { createWsBridge } from './ws-bridge';
import { takeRunToken } from './run-token';

export { BridgeError, guarded, toShownError, type ShownError } from './errors';

declare global {
  interface Window {
    pushConsole?: PreloadApi;
  }
}

let connectionListener: ((connected: boolean) => void) | null = null;

interface Chosen {
  readonly bridge: Bridge;
  /** Browser mode opened without the run token (a bare address, a new tab): main.tsx says so. */
  readonly runTokenMissing: boolean;
}
let chosen: Chosen | null = null;

/**
 * Picked on first use rather than at import, so a module that imports `call` (a feature's
 * actions, say) also loads where there is no window yet, as in unit tests.
 */
function choose(): Chosen {
  if (chosen) return chosen;
  if (window.pushConsole) {
    chosen = { bridge: createIpcBridge(window.pushConsole), runTokenMissing: false };
    return chosen;
  }
  const runToken = takeRunToken();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  // Without a token there is no socket to open; the page shows how to get the full address.
  const ws = createWsBridge(`${scheme}://${location.host}/ws`, runToken ?? '', (connected) =>
    connectionListener?.(connected),
  );
  chosen = { bridge: ws, runTokenMissing: runToken === null };
  return chosen;
}

export function isRunTokenMissing(): boolean {
  return choose().runTokenMissing;
}

/** The renderer's only way to main. Features import this, never a transport. */
export const bridge: Bridge = {
  get kind() {
    return choose().bridge.kind;
  },
  call: (name, input) => choose().bridge.call(name, input),
  on: (event, listener) => choose().bridge.on(event, listener),
};

export function onConnectionChange(listener: (connected: boolean) => void): void {
  connectionListener = listener;
}

/** Calls main and returns the value, or throws a BridgeError with the human message. */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await bridge.call(name, input);
  if (result.ok) return result.value;
  throw new BridgeError(result.error);
}
