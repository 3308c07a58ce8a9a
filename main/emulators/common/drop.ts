import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { Socket } from 'node:net';

/**
 * Drops the TCP connection under a request at once (fault `reset` with scope `connection`): no
 * GOAWAY, no TLS close_notify, every request in flight on it goes with it. A client cannot tell
 * which of those the server had already processed.
 */
export function dropConnection(req: IncomingMessage | Http2ServerRequest): void {
  const session = 'stream' in req ? req.stream.session : undefined;
  if (!session) {
    req.socket.destroy();
    return;
  }
  // An HTTP/2 session only hands out a proxy of its socket, which refuses destroy(); the real
  // socket sits behind the session's `socket` symbol. Without it, a session destroy is the
  // nearest thing (it sends GOAWAY first).
  const symbol = Object.getOwnPropertySymbols(session).find((s) => s.description === 'socket');
  const raw = symbol ? (session as unknown as Record<symbol, Socket | undefined>)[symbol] : undefined;
  if (raw && typeof raw.destroy === 'function') raw.destroy();
  else session.destroy();
}
