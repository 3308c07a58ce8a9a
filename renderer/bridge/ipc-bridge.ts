import type { Bridge, PreloadApi } from '../../shared/contract';

/** The Electron carrier: a thin typed shim over what the preload exposed. */
export function createIpcBridge(api: PreloadApi): Bridge {
  return {
    kind: 'ipc',
    call: (name, input) => api.calls[name](input),
    on: (event, listener) => api.events[event](listener),
  };
}
