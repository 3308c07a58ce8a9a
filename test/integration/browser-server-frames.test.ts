import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FRAME_LIMIT_BYTES } from '../../shared/transfer-limits';
import { WS_CLOSE, wsProtocols } from '../../shared/ws-protocol';
import { startServed, type ServedApp } from '../support/serve';

// A real `push-console serve` process: a frame it cannot take must close only that socket.
describe('browser-mode server and frames it cannot take', () => {
  let app: ServedApp;

  beforeAll(async () => {
    app = await startServed();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  function open(): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/ws`, wsProtocols(app.token), {
        headers: { origin: app.origin },
      });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  function closed(ws: WebSocket): Promise<{ code: number }> {
    return new Promise((resolve) => {
      ws.on('error', () => {});
      ws.once('close', (code) => resolve({ code }));
    });
  }

  function appInfo(ws: WebSocket, id: number): Promise<unknown> {
    return new Promise((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { id?: number; result?: unknown };
        if (frame.id === id) resolve(frame.result);
      });
      ws.send(JSON.stringify({ id, method: 'app.info', input: {} }));
    });
  }

  it('closes a socket that sends a 17 MB frame with 1009, and one with invalid UTF-8 with 1007; others go on', async () => {
    const bystander = await open();

    const big = await open();
    const bigClosed = closed(big);
    big.send(JSON.stringify({ id: 1, method: 'echo', input: { text: 'x'.repeat(17 * 1024 * 1024) } }));
    expect(17 * 1024 * 1024).toBeGreaterThan(FRAME_LIMIT_BYTES);
    expect((await bigClosed).code).toBe(WS_CLOSE.tooLarge);

    const garbled = await open();
    const garbledClosed = closed(garbled);
    // A text frame whose bytes are not UTF-8 (ws sends a Buffer as given).
    garbled.send(Buffer.from([0x7b, 0xff, 0xfe, 0xfd, 0x7d]), { binary: false });
    expect((await garbledClosed).code).toBe(WS_CLOSE.invalidData);

    // The socket open all along, and a new one, are still answered.
    expect(await appInfo(bystander, 2)).toMatchObject({ ok: true, value: { mode: 'browser' } });
    const second = await open();
    expect(await appInfo(second, 3)).toMatchObject({ ok: true, value: { mode: 'browser' } });
    expect(app.output()).not.toMatch(/\n\s+at /);
    bystander.close();
    second.close();
  }, 60_000);
});
