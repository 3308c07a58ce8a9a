import type { Bridge, CallResult, EventName } from '../../shared/contract';

type Pending = (result: CallResult<unknown>) => void;
type Listener = (payload: unknown) => void;

const DISCONNECTED: CallResult<never> = {
  ok: false,
  error: {
    code: 'DISCONNECTED',
    message: 'Lost the connection to Push Console.',
    hint: 'Check that the push-console process is still running; this page reconnects by itself.',
  },
};

/**
 * Browser mode's carrier: the same calls and events over a loopback WebSocket. The page was
 * opened with the run's token, which the server keeps in an HttpOnly cookie for this socket.
 * Calls made while the socket is down wait for it (up to a limit) instead of failing at once.
 */
export function createWsBridge(url: string, onStatus?: (connected: boolean) => void): Bridge {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const queued: string[] = [];
  const listeners = new Map<EventName, Set<Listener>>();

  function connect(): void {
    const ws = new WebSocket(url);
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
    ws.addEventListener('close', () => {
      onStatus?.(false);
      for (const resolve of pending.values()) resolve(DISCONNECTED);
      pending.clear();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  }
  connect();

  return {
    kind: 'ws',
    call(name, input) {
      const id = nextId++;
      const frame = JSON.stringify({ id, method: name, input });
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
