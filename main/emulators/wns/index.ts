import { createServer, type Server } from 'node:https';
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
import { FaultInjector } from '../common/faults';
import { Inbox } from '../common/inbox';
import type { EmulatorFactory, EmulatorStartOptions, RunningEmulator } from '../common/types';
import { CHANNEL_PATH, DEFAULT_CHECKS, handleChannel, type WnsChecks } from './channel-route';
import { CHANNEL_STATES, CONNECTION_STATES, WnsStore, type AppRecord, type ChannelRecord } from './store';
import { ENTRA_TOKEN_PATH, handleToken, LIVE_TOKEN_PATH, TokenIssuer } from './tokens';

export { DEFAULT_CHECKS, type WnsChecks } from './channel-route';

/** What `POST /__admin/devices` and `createChannel` return: what the app would send its server. */
export interface IssuedChannel {
  id: string;
  channelUri: string;
  owner: string | null;
}

export interface RunningWnsEmulator extends RunningEmulator {
  /** POST here with the Package SID flow; Entra uses `<baseUrl>/<tenant>/oauth2/v2.0/token`. */
  readonly tokenUrl: string;
  readonly checks: WnsChecks;
  /** Registers an app: Package SID (or Entra app id with `tenantId`) and its client secret. */
  registerApp(input: {
    clientId: string;
    clientSecret: string;
    tenantId?: string;
    label?: string;
  }): Omit<AppRecord, 'clientSecret'>;
  /** A channel for a new emulated device; `owner` (a client id) makes other apps get 403. */
  createChannel(input?: { owner?: string; label?: string }): IssuedChannel;
  /** active, expired (→ 404) or gone (→ 410); and whether the device is online. */
  setChannel(id: string, change: Partial<Pick<ChannelRecord, 'state' | 'connection'>>): boolean;
  removeChannel(id: string): boolean;
  channels(): IssuedChannel[];
  /** Every token issued so far now counts as expired. */
  expireTokens(): number;
  /** Token requests answered 200. */
  tokensIssued(): number;
  setCheck(name: keyof WnsChecks, enabled: boolean): void;
}

/** Body of POST /__admin/credentials: `{ "packageSid": "ms-app://…", "clientSecret": "…" }` or
 * `{ "tenantId": "…", "clientId": "…", "clientSecret": "…" }` (Entra), each with optional `label`. */
const credentialBodySchema = z.union([
  z.object({ packageSid: z.string().min(1), clientSecret: z.string().min(1), label: z.string().max(200).optional() }),
  z.object({
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    label: z.string().max(200).optional(),
  }),
]);
/** Body of POST /__admin/devices: `{ "owner"?: "<Package SID or client id>", "label"?: "…" }`. */
const deviceBodySchema = z.object({ owner: z.string().min(1).optional(), label: z.string().max(200).optional() });
/** Body of POST /__admin/devices/<id>/state: `{ "state"?: "active|expired|gone", "connection"?: "connected|disconnected|tempdisconnected" }`. */
const stateBodySchema = z.object({
  state: z.enum(CHANNEL_STATES).optional(),
  connection: z.enum(CONNECTION_STATES).optional(),
});

/**
 * A local WNS (protocols.md §3): the two token endpoints, and channel URIs `/w/?token=…` that
 * enforce Authorization, X-WNS-Type, Content-Type, every optional header and the 5000-byte
 * limit with WNS's status codes and X-WNS-* answer headers. HTTPS, HTTP/1.1 only, like WNS.
 *
 * Admin routes (same server):
 * - `POST /__admin/credentials` (body above) → 201 app without secret; `GET` lists them.
 * - `POST /__admin/devices` body `{ owner?, label? }` → 201 `{ id, channelUri, owner }`; `GET` lists.
 * - `POST /__admin/devices/<id>/state` body `{ state?, connection? }`; `DELETE /__admin/devices/<id>` → later 404.
 * - `POST /__admin/tokens/expire` → every issued token expires now.
 * - `GET|PUT /__admin/checks` body `{ "xmlSchema": true, … }`.
 * - `/__admin/inbox`, `/__admin/faults`: shared with every emulator.
 */
export async function startWnsEmulator(
  options: EmulatorStartOptions & { now?: () => number; tokenLifetimeSeconds?: number },
): Promise<RunningWnsEmulator> {
  const store = await WnsStore.open(options.stateDir);
  const inbox = new Inbox();
  const faults = new FaultInjector(options.seed);
  const { checks, set: setCheck } = startingChecks(DEFAULT_CHECKS, options.checks);
  const issuer = new TokenIssuer(options.now ?? (() => Date.now()), options.tokenLifetimeSeconds ?? 86_400);
  const { certPem, keyPem } = options.ca.issueLoopbackServer();
  let origin = '';

  const issued = (record: ChannelRecord): IssuedChannel => ({
    id: record.id,
    channelUri: `${origin}${CHANNEL_PATH}?token=${record.token}`,
    owner: record.owner,
  });
  const publicApps = () => store.apps().map(({ clientSecret: _omit, ...rest }) => rest);
  const registerApp = (input: {
    clientId: string;
    clientSecret: string;
    tenantId?: string | undefined;
    label?: string | undefined;
  }) => {
    const { clientSecret: _omit, ...rest } = store.registerApp(input);
    return rest;
  };

  async function admin(req: AnyRequest, res: AnyResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/__admin/credentials' && method === 'POST') {
      const parsed = credentialBodySchema.safeParse(await readJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid credential', issues: parsed.error.issues });
      const body = parsed.data;
      const app =
        'packageSid' in body ? { clientId: body.packageSid, clientSecret: body.clientSecret, label: body.label } : body;
      return sendJson(res, 201, registerApp(app));
    }
    if (path === '/__admin/credentials' && method === 'GET') return sendJson(res, 200, publicApps());
    if (path === '/__admin/devices' && method === 'POST') {
      const parsed = deviceBodySchema.safeParse(await readJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid device', issues: parsed.error.issues });
      return sendJson(res, 201, issued(store.createChannel(parsed.data)));
    }
    if (path === '/__admin/devices' && method === 'GET') return sendJson(res, 200, store.channels().map(issued));
    const state = /^\/__admin\/devices\/([^/]+)\/state$/.exec(path);
    if (state && method === 'POST') {
      const parsed = stateBodySchema.safeParse(await readJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid state', issues: parsed.error.issues });
      const updated = store.update(decodeURIComponent(state[1]!), parsed.data);
      return sendJson(res, updated ? 200 : 404, updated ?? { error: 'no such device' });
    }
    const device = /^\/__admin\/devices\/([^/]+)$/.exec(path);
    if (device && method === 'DELETE') {
      const ok = store.remove(decodeURIComponent(device[1]!));
      return sendJson(res, ok ? 200 : 404, { removed: ok });
    }
    if (path === '/__admin/tokens/expire' && method === 'POST')
      return sendJson(res, 200, { expired: issuer.expireAll() });
    if (await handleChecksAdmin(req, res, url, checks)) return;
    if (await handleCommonAdmin(req, res, url, { inbox, faults })) return;
    sendJson(res, 404, { error: `no admin route ${method} ${path}` });
  }

  const server: Server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    const handle = path.startsWith('/__admin/')
      ? admin(req, res, url)
      : path === LIVE_TOKEN_PATH || ENTRA_TOKEN_PATH.test(path)
        ? handleToken(req, res, url, { store, issuer, checks })
        : path === CHANNEL_PATH
          ? handleChannel(req, res, url, { store, issuer, inbox, faults, checks })
          : Promise.resolve(sendJson(res, 404, { error: `no route ${path}` }));
    handle.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.end();
    });
  });
  const sockets = new Set<Socket>();
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    provider: 'wns',
    baseUrl: origin,
    adminUrl: origin,
    tokenUrl: `${origin}${LIVE_TOKEN_PATH}`,
    inbox,
    faults,
    checks,
    registerApp,
    createChannel: (input = {}) => issued(store.createChannel(input)),
    setChannel: (id, change) => store.update(id, change) !== undefined,
    removeChannel: (id) => store.remove(id),
    channels: () => store.channels().map(issued),
    expireTokens: () => issuer.expireAll(),
    tokensIssued: () => issuer.issued,
    setCheck,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.flush();
    },
  };
}

export const wnsEmulatorFactory: EmulatorFactory = {
  provider: 'wns',
  start: (options) => startWnsEmulator(options),
  describe: (running) => ({ wns: { baseUrl: running.baseUrl, tokenUrl: (running as RunningWnsEmulator).tokenUrl } }),
};
