import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Core } from '../core/core';
import { readStatic } from './static-files';
import { LEGACY_TOKEN_COOKIE, browserModeCsp, cookieValue, hostAllowed, originAllowed, tokensEqual } from './security';
import { WS_PROTOCOL, tokenFromProtocols, wsMessageSchema } from '../../shared/ws-protocol';
import { FRAME_LIMIT_BYTES } from '../../shared/transfer-limits';

export interface BrowserServerOptions {
  core: Core;
  /** The built renderer folder (out/renderer). */
  rendererDir: string;
  /** 0 or absent: let the OS pick a free port. */
  port?: number;
}

export interface BrowserServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/**
 * Browser mode: the built renderer and the same contract over a WebSocket, on loopback only.
 * Every request needs our own Host (and Origin, when it has one). The page and its assets hold
 * no secrets and are served to any such request; the per-run token is in the printed URL's
 * fragment, which browsers never send, and the page hands it only to our socket, as a
 * subprotocol checked before the socket opens. No cookie carries it: cookies ignore the port,
 * so every other server on 127.0.0.1 would receive one.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  // Loaded here, not at the top: every CLI command shares this bundle and only `serve` needs ws
  // (its load was about 30 ms of each CLI start).
  const { WebSocketServer } = await import('ws');
  const { core, rendererDir } = options;
  const token = randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let port = 0;

  const log = core.log;
  const http = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Push Console could not answer this request.');
    });
  });
  // A failing client connection (reset, garbage) concerns that connection only.
  http.on('clientError', (_error, socket) => socket.destroy());
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: FRAME_LIMIT_BYTES,
    // Answer with our protocol only: the offered token is never echoed.
    handleProtocols: () => WS_PROTOCOL,
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (!hostAllowed(req, port) || !originAllowed(req, port, false)) {
      return deny(res, 403, 'This address only answers to Push Console on this machine.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Only GET is served here.');
    const file = await readStatic(rendererDir, url.pathname);
    const headers: Record<string, string> = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    // Earlier versions kept the token in this cookie, which every server on 127.0.0.1 was sent: drop it.
    if (cookieValue(req, LEGACY_TOKEN_COOKIE) !== null) {
      headers['set-cookie'] = `${LEGACY_TOKEN_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`;
    }
    if (!file) {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        res.end('The renderer has not been built yet. Run: npm run build');
        return;
      }
      return deny(res, 404, 'Not found.');
    }
    if (file.type.startsWith('text/html')) headers['content-security-policy'] = browserModeCsp(port);
    res.writeHead(200, { ...headers, 'content-type': file.type, 'content-length': String(file.body.length) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws owns it, a reset on this socket would be an unhandled 'error' that ends the process.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse(404, 'Not Found');
    if (!hostAllowed(req, port) || !originAllowed(req, port, true)) return refuse(403, 'Forbidden');
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(WS_PROTOCOL) || !tokensEqual(tokenFromProtocols(offered), token)) {
      return refuse(401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // A frame over the limit (1009) or with invalid UTF-8 (1007): ws has already sent that close
    // code to this socket; without a listener the 'error' event would end the whole server.
    ws.on('error', (error) => {
      log(`Browser mode: closed a socket that sent a frame it cannot take (${error.message}).`);
      sockets.delete(ws);
    });
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return;
      void answer(ws, raw.toString());
    });
  }

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = wsMessageSchema.safeParse(message);
    if (!parsed.success) return;
    const { id, method, input } = parsed.data;
    const result = await core.dispatch(method, input, { transport: 'ws', trusted: true });
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
  }

  const unsubscribe = core.events.subscribeRenderer((event, payload) => {
    if (sockets.size === 0) return;
    const frame = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, LOOPBACK, () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;
  // Once listening, a failed accept (too many open files, say) is reported, never fatal.
  http.on('error', (error) => log(`Browser mode: ${error.message}`));

  return {
    url: `http://${LOOPBACK}:${port}/#token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
  };
}

function deny(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
