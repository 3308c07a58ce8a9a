import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../main/core/core';
import { createTestCore } from '../support/core-harness';
import { startBrowserServer, type BrowserServer } from '../../main/server/server';
import { wsProtocols } from '../../shared/ws-protocol';

describe('browser-mode server', () => {
  let dir: string;
  let core: Core;
  let server: BrowserServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pc-server-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
    core = await createTestCore(dir);
    server = await startBrowserServer({ core, rendererDir });
  });

  afterAll(async () => {
    await server.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const origin = () => `http://127.0.0.1:${server.port}`;

  function get(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  function openSocket(
    protocols: string[],
    headers: Record<string, string>,
    query = '',
  ): Promise<{ ws: WebSocket | null; status: number | null }> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, protocols, { headers });
      ws.on('open', () => resolve({ ws, status: null }));
      ws.on('unexpected-response', (_req, res) => resolve({ ws: null, status: res.statusCode ?? null }));
      ws.on('error', () => resolve({ ws: null, status: -1 }));
    });
  }

  it('listens on loopback only, with the token in the fragment (never sent to a server)', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });

  it('serves the page (it holds no secret) with a CSP and no cookie, and clears the old token cookie', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    const old = await get('/', { cookie: `pc_token=${server.token}` });
    expect(String(old.headers['set-cookie'])).toMatch(/^pc_token=; Max-Age=0;/);
  });

  it('refuses requests for a foreign Host or Origin', async () => {
    expect((await get('/', { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get('/', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    const res = await get('/..%2fsecret.txt');
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the renderer');
  });

  it('refuses WebSockets without the token subprotocol, with a wrong or near token, or from a foreign Origin', async () => {
    const ours = { origin: origin() };
    expect((await openSocket([], ours)).status).toBe(401);
    expect((await openSocket(['push-console'], ours)).status).toBe(401);
    expect((await openSocket(wsProtocols('nope'), ours)).status).toBe(401);
    // One character off (a random token may already end in "x": then it is a "y").
    const near = `${server.token.slice(0, -1)}${server.token.endsWith('x') ? 'y' : 'x'}`;
    expect((await openSocket(wsProtocols(near), ours)).status).toBe(401);
    // The old carriers no longer open anything: the query string and the cookie.
    expect((await openSocket(['push-console'], ours, `?token=${server.token}`)).status).toBe(401);
    expect((await openSocket(['push-console'], { ...ours, cookie: `pc_token=${server.token}` })).status).toBe(401);
    expect((await openSocket(wsProtocols(server.token), { origin: 'http://evil.example' })).status).toBe(403);
    expect((await openSocket(wsProtocols(server.token), {})).status).toBe(403);
  });

  it('answers with its own subprotocol only, never echoing the token', async () => {
    const { ws } = await openSocket(wsProtocols(server.token), { origin: origin() });
    expect(ws!.protocol).toBe('push-console');
    ws!.close();
  });

  it('carries the contract over the socket: calls, errors and events', async () => {
    const { ws } = await openSocket(wsProtocols(server.token), { origin: origin() });
    expect(ws).not.toBeNull();
    const frames: unknown[] = [];
    ws!.on('message', (data) => frames.push(JSON.parse(String(data))));
    const waitFor = (predicate: (frame: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const tick = () => {
          const found = frames.find((frame) => predicate(frame as Record<string, unknown>));
          if (found) resolve(found as Record<string, unknown>);
          else setTimeout(tick, 10);
        };
        tick();
      });
    ws!.send(JSON.stringify({ id: 1, method: 'echo', input: { text: 'hello' } }));
    expect(await waitFor((f) => f['id'] === 1)).toEqual({ id: 1, result: { ok: true, value: { text: 'hello' } } });
    ws!.send(JSON.stringify({ id: 2, method: 'nope', input: {} }));
    expect(await waitFor((f) => f['id'] === 2)).toMatchObject({
      result: { ok: false, error: { code: 'UNKNOWN_METHOD' } },
    });
    ws!.send(JSON.stringify({ id: 3, method: 'app.info', input: {} }));
    expect(await waitFor((f) => f['id'] === 3)).toMatchObject({ result: { ok: true, value: { mode: 'browser' } } });
    core.events.emit('emulator.delivery', {
      provider: 'apns',
      device: 'abc',
      receivedAt: new Date().toISOString(),
      summary: 'hi',
    });
    expect(await waitFor((f) => f['event'] === 'emulator.delivery')).toMatchObject({ payload: { device: 'abc' } });
    ws!.close();
  });
});
