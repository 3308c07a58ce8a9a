import { createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import {
  handleChecksAdmin,
  handleCommonAdmin,
  readJson,
  sendJson,
  startingChecks,
  type AnyRequest,
  type AnyResponse,
} from '../common/admin';
import { EmulatorClock } from '../common/clock';
import { FaultInjector } from '../common/faults';
import { Inbox } from '../common/inbox';
import type { EmulatorFactory, EmulatorStartOptions, RunningEmulator } from '../common/types';
import { DEFAULT_CHECKS, handlePush, PUSH_PATH, type WebpushChecks } from './push-route';
import { WebpushStore, type CredentialRecord, type SubscriptionRecord } from './store';

export { DEFAULT_CHECKS, type WebpushChecks } from './push-route';

/** What `POST /__admin/devices` and `createSubscription` return: what a browser hands its server. */
export interface MintedSubscription {
  id: string;
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

export interface RunningWebpushEmulator extends RunningEmulator {
  readonly checks: WebpushChecks;
  /** Mints a subscription for a new emulated browser (it keeps the private key to decrypt). */
  createSubscription(input?: { applicationServerKey?: string; label?: string }): MintedSubscription;
  /** Later pushes get 410 Gone. */
  expireSubscription(id: string): boolean;
  /** Later pushes get 404 Not Found. */
  removeSubscription(id: string): boolean;
  /** Registers an application server (VAPID) public key. */
  registerCredential(input: { publicKey: string; subject?: string; label?: string }): CredentialRecord;
  subscriptions(): Array<Omit<SubscriptionRecord, 'privateKey'>>;
  setCheck(name: keyof WebpushChecks, enabled: boolean): void;
}

const base64urlKey = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url text');
/** Body of POST /__admin/devices: `{ "applicationServerKey"?: "<base64url VAPID public key>", "label"?: "…" }`. */
const deviceBodySchema = z.object({
  applicationServerKey: base64urlKey.optional(),
  label: z.string().max(200).optional(),
});
/** Body of POST /__admin/credentials: `{ "publicKey": "<base64url 65-byte key>", "subject"?: "mailto:…", "label"?: "…" }`. */
const credentialBodySchema = z.object({
  publicKey: base64urlKey.refine(
    (key) => Buffer.from(key, 'base64url').length === 65,
    '65-byte uncompressed P-256 key',
  ),
  subject: z.string().optional(),
  label: z.string().max(200).optional(),
});

/**
 * A Web Push service on loopback (RFC 8030/8291/8292): verifies VAPID, requires TTL, enforces
 * the 4096-byte body limit, decrypts every message with the emulated browser's keys and puts the
 * plaintext in the inbox. Speaks HTTP/2 and HTTP/1.1 on one TLS port.
 *
 * Admin routes (same server):
 * - `POST /__admin/devices` body `{ applicationServerKey?, label? }` → 201 `{ id, subscription }`,
 *   where `subscription` is exactly what `PushSubscription.toJSON()` gives.
 * - `GET /__admin/devices` → subscriptions without private keys.
 * - `POST /__admin/devices/<id>/expire` → later pushes get 410; `DELETE /__admin/devices/<id>` → 404.
 * - `POST /__admin/credentials` body `{ publicKey, subject?, label? }` → 201; `GET` lists them.
 * - `PUT /__admin/checks` body `{ "<check>": true|false }` → the checks now in force.
 * - `PUT /__admin/clock` body `{ offsetSeconds }`: this service's clock (VAPID `exp` checks and
 *   the `Date` header) that far from the computer's, as a computer with a wrong clock sees it.
 * - `/__admin/inbox`, `/__admin/faults`: shared with every emulator.
 */
export async function startWebpushEmulator(
  options: EmulatorStartOptions & { now?: () => number },
): Promise<RunningWebpushEmulator> {
  const store = await WebpushStore.open(options.stateDir);
  const inbox = new Inbox();
  const faults = new FaultInjector(options.seed);
  const { checks, set: setCheck } = startingChecks(DEFAULT_CHECKS, options.checks);
  const clock = new EmulatorClock(options.now);
  const { now } = clock;
  const { certPem, keyPem } = options.ca.issueLoopbackServer();
  let origin = '';

  const mint = (record: SubscriptionRecord): MintedSubscription => ({
    id: record.id,
    subscription: {
      endpoint: `${origin}${PUSH_PATH}${record.id}`,
      expirationTime: null,
      keys: { p256dh: record.publicKey, auth: record.auth },
    },
  });
  const publicRecords = () => store.subscriptions().map(({ privateKey: _omit, ...rest }) => rest);

  async function admin(req: AnyRequest, res: AnyResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/__admin/devices' && method === 'POST') {
      const parsed = deviceBodySchema.safeParse(await readJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid device', issues: parsed.error.issues });
      return sendJson(res, 201, mint(store.createSubscription(parsed.data)));
    }
    if (path === '/__admin/devices' && method === 'GET') return sendJson(res, 200, publicRecords());
    const expire = /^\/__admin\/devices\/([^/]+)\/expire$/.exec(path);
    if (expire && method === 'POST') {
      const ok = store.expire(decodeURIComponent(expire[1]!));
      return sendJson(res, ok ? 200 : 404, { expired: ok });
    }
    const device = /^\/__admin\/devices\/([^/]+)$/.exec(path);
    if (device && method === 'DELETE') {
      const ok = store.remove(decodeURIComponent(device[1]!));
      return sendJson(res, ok ? 200 : 404, { removed: ok });
    }
    if (path === '/__admin/credentials' && method === 'POST') {
      const parsed = credentialBodySchema.safeParse(await readJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid credential', issues: parsed.error.issues });
      return sendJson(res, 201, store.registerCredential(parsed.data));
    }
    if (path === '/__admin/credentials' && method === 'GET') return sendJson(res, 200, store.credentials());
    if (await clock.handleAdmin(req, res, url)) return;
    if (await handleChecksAdmin(req, res, url, checks)) return;
    if (await handleCommonAdmin(req, res, url, { inbox, faults })) return;
    sendJson(res, 404, { error: `no admin route ${method} ${path}` });
  }

  const server: Http2SecureServer = createSecureServer({ cert: certPem, key: keyPem, allowHTTP1: true }, (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    // Date by the emulator's clock, so a clock set off by `PUT /__admin/clock` shows in every answer.
    res.setHeader('date', clock.date());
    const handle = url.pathname.startsWith('/__admin/')
      ? admin(req, res, url)
      : url.pathname.startsWith(PUSH_PATH) && url.pathname.length > PUSH_PATH.length
        ? handlePush(req, res, url, { origin, store, inbox, faults, checks, now })
        : Promise.resolve(
            sendJson(res, 404, { code: 404, errno: 102, error: 'Not Found', message: 'No such push resource.' }),
          );
    handle.catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { code: 500, errno: 999, error: 'Internal Server Error', message: String(error) });
      else res.end();
    });
  });
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  const sockets = new Set<Socket>();
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  if (options.port !== undefined) await listen(options.port);
  else {
    // Minted endpoints name the port, so a restart tries the previous one before any free port.
    await listen(store.lastPort ?? 0).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' || store.lastPort === undefined) throw error;
      await listen(0);
    });
  }
  const port = (server.address() as AddressInfo).port;
  store.rememberPort(port);
  origin = `https://127.0.0.1:${port}`;

  return {
    provider: 'webpush',
    baseUrl: origin,
    adminUrl: origin,
    inbox,
    faults,
    checks,
    createSubscription: (input = {}) => mint(store.createSubscription(input)),
    expireSubscription: (id) => store.expire(id),
    removeSubscription: (id) => store.remove(id),
    registerCredential: (input) => store.registerCredential(input),
    subscriptions: publicRecords,
    setCheck,
    async close() {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.flush();
    },
  };
}

export const webpushEmulatorFactory: EmulatorFactory = {
  provider: 'webpush',
  start: (options) => startWebpushEmulator(options),
  describe: (running) => ({ webpush: { baseUrl: running.baseUrl } }),
};
