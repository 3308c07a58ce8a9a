import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/core';
import { readStatic } from './static-files';
import { TOKEN_COOKIE, contentSecurityPolicy, cookieValue, hostAllowed, originAllowed, tokensEqual } from './security';
import { wsMessageSchema } from '../../shared/ws-protocol';

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
/** Credential files travel over this socket in browser mode, so allow a few megabytes. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Browser mode: the built renderer and the same contract over a WebSocket, on loopback only.
 * Every request needs the per-run token (in the URL once, then an HttpOnly cookie), our own
 * Host, and for the socket our own Origin.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { core, rendererDir } = options;
  const token = randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let port = 0;

  const http = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Push Console could not answer this request.');
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (!hostAllowed(req, port) || !originAllowed(req, port, false)) {
      return deny(res, 403, 'This address only answers to Push Console on this machine.');
    }
    const queryToken = url.searchParams.get('token');
    const authorized = tokensEqual(queryToken, token) || tokensEqual(cookieValue(req, TOKEN_COOKIE), token);
    if (!authorized) {
      return deny(res, 401, 'Open the full address printed by Push Console (it carries a one-time token).');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Only GET is served here.');
    const file = await readStatic(rendererDir, url.pathname);
    const headers: Record<string, string> = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    if (queryToken) {
      headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    if (!file) {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        res.end('The renderer has not been built yet. Run: npm run build');
        return;
      }
      return deny(res, 404, 'Not found.');
    }
    if (file.type.startsWith('text/html')) headers['content-security-policy'] = contentSecurityPolicy(port);
    res.writeHead(200, { ...headers, 'content-type': file.type, 'content-length': String(file.body.length) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse(404, 'Not Found');
    if (!hostAllowed(req, port) || !originAllowed(req, port, true)) return refuse(403, 'Forbidden');
    const given = url.searchParams.get('token') ?? cookieValue(req, TOKEN_COOKIE);
    if (!tokensEqual(given, token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
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

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
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
