import type { Bridge, CallResult, EventName } from '../../shared/contract';
import { FRAME_LIMIT_BYTES } from '../../shared/transfer-limits';
import { WS_CLOSE, wsProtocols } from '../../shared/ws-protocol';

type Pending = (result: CallResult<unknown>) => void;
type Listener = (payload: unknown) => void;

const DISCONNECTED: CallResult<never> = {
  ok: false,
  error: {
    code: 'DISCONNECTED',
    message: 'Push Console stopped or restarted: open the new URL it printed.',
    hint: 'Each run serves its own address (port and token). If the same run is still going, this page reconnects by itself.',
  },
};

const TOO_LARGE: CallResult<never> = {
  ok: false,
  error: {
    code: 'TOO_LARGE',
    message: `This request is larger than browser mode carries in one message (${FRAME_LIMIT_BYTES / 1024 / 1024} MB).`,
    hint: 'Send fewer items at once; files are uploaded in parts by the screens that take them.',
  },
};

/** UTF-8 bytes of a frame, counted only when its length alone cannot settle it. */
function overFrameLimit(frame: string): boolean {
  if (frame.length * 3 <= FRAME_LIMIT_BYTES) return false;
  return frame.length > FRAME_LIMIT_BYTES || new TextEncoder().encode(frame).length > FRAME_LIMIT_BYTES;
}

/**
 * Browser mode's carrier: the same calls and events over a loopback WebSocket. The run token is
 * offered as a subprotocol, so it reaches only this socket's server. A frame over the server's
 * limit is refused here rather than sent (the server would close the socket for it).
 * Calls made while the socket is down wait for it (up to a limit) instead of failing at once.
 */
export function createWsBridge(url: string, token: string, onStatus?: (connected: boolean) => void): Bridge {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const queued: string[] = [];
  const listeners = new Map<EventName, Set<Listener>>();

  function connect(): void {
    const ws = new WebSocket(url, wsProtocols(token));
    socket = ws;
    ws.addEventListener('open', () => {
      retryMs = 250;
      onStatus?.(true);
      for (const frame of queued.splice(0)) ws.send(frame);
    });
    ws.addEventListener('message', (message) => {
      let data: { id?: number; result?: CallResult<unknown>; event?: EventName; payload?: unknown };
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (typeof data.id === 'number' && data.result) {
        pending.get(data.id)?.(data.result);
        pending.delete(data.id);
      } else if (data.event) {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      }
    });
    ws.addEventListener('close', (event) => {
      onStatus?.(false);
      const answer = event.code === WS_CLOSE.tooLarge ? TOO_LARGE : DISCONNECTED;
      for (const resolve of pending.values()) resolve(answer);
      pending.clear();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  }
  if (token) connect();

  return {
    kind: 'ws',
    call(name, input) {
      const id = nextId++;
      const frame = JSON.stringify({ id, method: name, input });
      if (overFrameLimit(frame)) return Promise.resolve(TOO_LARGE);
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queued.push(frame);
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    },
  };
}
