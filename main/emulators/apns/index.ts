import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import {
  constants,
  createSecureServer,
  type Http2SecureServer,
  type Http2ServerRequest,
  type ServerHttp2Session,
} from 'node:http2';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Server, Socket } from 'node:net';
import { z } from 'zod';
import { clockBodySchema } from '../common/clock';
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
import { JwtVerifier } from './auth';
import { issueApnsCertificate, type CertificateEnvironment } from './certificates';
import { DEFAULT_CHECKS, handlePush, PUSH_PREFIX, type ApnsChecks, type ConnectionState } from './push-route';
import {
  createActivity,
  handleActivityAdmin,
  pushToStartBodySchema,
  rotateToken,
  type activityBodySchema,
} from './activities-admin';
import { BROADCAST_PREFIX, handleBroadcast, handleChannelManagement, type ChannelContext } from './channel-route';
import { APNS_CHANNEL_LIMIT } from '../../../shared/providers/apns/channels';
import {
  ApnsStore,
  SEPARATE_TOKEN_PUSH_TYPES,
  apnsEnvironmentSchema,
  type ApnsEmulatorEnvironment,
  type DeviceRecord,
  type KeyRecord,
} from './store';

export { DEFAULT_CHECKS, type ApnsChecks } from './push-route';

export interface RunningApnsEmulator extends RunningEmulator {
  /** Sandbox host (what `local` sends to); `productionUrl` is the production host. */
  readonly baseUrl: string;
  readonly productionUrl: string;
  /** The sandbox's channel management host (`api-manage-broadcast.sandbox.push.apple.com`). */
  readonly channelsUrl: string;
  readonly checks: ApnsChecks;
  /** An emulated Live Activity subscribed to the channels named (`POST /__admin/activities`). */
  createActivity(input: z.input<typeof activityBodySchema>): DeviceRecord;
  /** The app's push-to-start token for one attributes type (`POST /__admin/push-to-start-tokens`). */
  pushToStartToken(input: z.input<typeof pushToStartBodySchema>): DeviceRecord;
  /** A new update token for the activity; the old one answers 410 from now on. Undefined: no such activity. */
  rotateActivityToken(activityId: string): { activityId: string; token: string; previousToken: string } | undefined;
  /** Channels allowed per environment (Apple's 10,000 unless a test says fewer). */
  setChannelLimit(limit: number): void;
  registerKey(input: z.input<typeof keyBodySchema>): KeyRecord;
  /** Makes a .p8-like key, registers its public half and returns the private PEM (a test fixture). */
  createKey(input?: z.input<typeof newKeyBodySchema>): { keyId: string; teamId: string; keyPem: string };
  createDevice(input: z.input<typeof deviceBodySchema>): DeviceRecord;
  /** Later pushes to the token get 410 Unregistered with this time. */
  unregisterDevice(token: string, at?: number): boolean;
  /** Later pushes to the token get 410 ExpiredToken with this time. */
  expireDevice(token: string, at?: number): boolean;
  /** Idle connections get GOAWAY `{"reason":"IdleTimeout"}` after this long; null: never. */
  setIdleTimeout(ms: number | null): void;
  issueCertificate(input: z.input<typeof certificateBodySchema>): ReturnType<typeof issueApnsCertificate>;
  setCheck(name: keyof ApnsChecks, enabled: boolean): void;
  /** Open HTTP/2 connections, for stream-limit and reconnect tests. */
  connectionCount(): number;
}

const bundleId = z.string().regex(/^[A-Za-z0-9.\-_]+$/, 'a bundle id like com.example.app');
/** `POST /__admin/credentials` `{ keyId, teamId, publicKeyPem, environment?: sandbox|production|both, topics?: [bundle ids] }`. */
const keyBodySchema = z.object({
  keyId: z.string().min(1).max(40),
  teamId: z.string().min(1).max(40),
  publicKeyPem: z.string().includes('PUBLIC KEY'),
  environment: z.enum(['sandbox', 'production', 'both']).optional(),
  topics: z.array(bundleId).optional(),
});
/** `POST /__admin/keys` `{ teamId?, keyId?, environment?, topics? }` → `{ keyId, teamId, keyPem }`. */
const newKeyBodySchema = keyBodySchema.omit({ publicKeyPem: true }).partial();
/**
 * `POST /__admin/devices` `{ bundleId, environment?: sandbox|production (default sandbox), token?: hex, label?,
 * tokenFor?: voip|complication|fileprovider|pushtotalk|liveactivity }` → the device.
 */
const deviceBodySchema = z.object({
  bundleId,
  tokenFor: z.enum(SEPARATE_TOKEN_PUSH_TYPES).optional(),
  environment: apnsEnvironmentSchema.optional(),
  token: z
    .string()
    .regex(/^[0-9a-fA-F]+$/)
    .optional(),
  label: z.string().max(200).optional(),
});
/** `POST /__admin/certificates` `{ bundleId, environment?: sandbox|production|universal }` → `{ certPem, keyPem, topics… }`. */
const certificateBodySchema = z.object({
  bundleId,
  environment: z.enum(['sandbox', 'production', 'universal']).optional(),
});

/** `PUT /__admin/idle-timeout` `{ ms }`: null never closes idle connections. */
const idleTimeoutBodySchema = z.object({ ms: z.number().int().positive().max(86_400_000).nullable() });

const alnum = (length: number) =>
  Array.from(randomBytes(length), (byte) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[byte % 32]).join('');

/**
 * A strict local APNs (protocols.md §1): HTTP/2 over TLS, token auth against registered keys or
 * certificate auth with certificates from the emulators' CA, every header and payload rule with
 * Apple's status and reason, devices per app and environment, one stream until the first
 * authenticated push, and fault rules.
 *
 * Environments: one instance serves both, on two ports, as Apple uses two hosts. `baseUrl` is
 * the sandbox host (the client's `local` environment sends there); `productionUrl` is production.
 * Devices are created for one environment and are unknown (BadDeviceToken) on the other.
 *
 * Like Apple's hosts, the two push ports offer only h2 in ALPN, so an HTTP/1.1-only client fails
 * the TLS handshake. The admin API is HTTPS HTTP/1.1 on a third port (`adminUrl`), with routes
 * (bodies documented on the schemas above): `POST /__admin/credentials`, `POST /__admin/keys`,
 * `GET /__admin/credentials`, `POST /__admin/devices`, `GET /__admin/devices`,
 * `POST /__admin/devices/<token>/unregister` (`{ timestamp? }`: 410 Unregistered),
 * `POST /__admin/devices/<token>/expire` (`{ timestamp? }`: 410 ExpiredToken),
 * `PUT|GET /__admin/idle-timeout` (`{ ms: number | null }`: GOAWAY IdleTimeout after that long idle),
 * `POST /__admin/certificates`, `PUT|GET /__admin/checks`, `PUT /__admin/clock` (`{ offsetSeconds }`:
 * the emulator's clock, and its `Date` header, that far from the computer's), `DELETE
 * /__admin/credentials/<key id>` (the key revoked: InvalidProviderToken), and the shared `/__admin/inbox` and
 * `/__admin/faults`.
 */
export async function startApnsEmulator(
  options: EmulatorStartOptions & {
    now?: () => number;
    /** Idle connections are closed with GOAWAY IdleTimeout after this long (default: never). */
    idleTimeoutMs?: number;
    /** Channels allowed per environment (default Apple's 10,000), so a test need not make 10,000. */
    channelLimit?: number;
  },
): Promise<RunningApnsEmulator> {
  const store = await ApnsStore.open(options.stateDir);
  const inbox = new Inbox();
  const faults = new FaultInjector(options.seed);
  const { checks, set: setCheck } = startingChecks(DEFAULT_CHECKS, options.checks);
  const clock = options.now ?? (() => Date.now());
  // A clock set off by `PUT /__admin/clock`: how a computer's wrong clock looks from Apple's side.
  let clockOffsetMs = 0;
  const now = () => clock() + clockOffsetMs;
  const jwts = new JwtVerifier(store);
  const channelLimit = { value: options.channelLimit ?? APNS_CHANNEL_LIMIT };
  const activityParts = { store, inbox, now: () => now(), limit: channelLimit };
  const { certPem, keyPem } = options.ca.issueLoopbackServer();

  const registerKey = (input: z.input<typeof keyBodySchema>) => store.registerKey(keyBodySchema.parse(input));
  const createKey = (input: z.input<typeof newKeyBodySchema> = {}) => {
    const parsed = newKeyBodySchema.parse(input);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const record = registerKey({
      ...parsed,
      keyId: parsed.keyId ?? alnum(10),
      teamId: parsed.teamId ?? alnum(10),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    return {
      keyId: record.keyId,
      teamId: record.teamId,
      keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  };
  const createDevice = (input: z.input<typeof deviceBodySchema>) => store.createDevice(deviceBodySchema.parse(input));
  const issueCertificate = (input: z.input<typeof certificateBodySchema>) => {
    const parsed = certificateBodySchema.parse(input);
    return issueApnsCertificate(options.ca, {
      bundleId: parsed.bundleId,
      environment: (parsed.environment ?? 'universal') as CertificateEnvironment,
    });
  };

  async function admin(req: AnyRequest, res: AnyResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const body = method === 'POST' || method === 'PUT' ? await readJson(req) : {};
    const invalid = (error: z.ZodError) => sendJson(res, 400, { error: 'invalid body', issues: error.issues });
    if (path === '/__admin/credentials' && method === 'POST') {
      const parsed = keyBodySchema.safeParse(body);
      return parsed.success ? sendJson(res, 201, store.registerKey(parsed.data)) : invalid(parsed.error);
    }
    if (path === '/__admin/credentials' && method === 'GET') return sendJson(res, 200, [...store.keys.values()]);
    if (path === '/__admin/keys' && method === 'POST') {
      const parsed = newKeyBodySchema.safeParse(body);
      return parsed.success ? sendJson(res, 201, createKey(parsed.data)) : invalid(parsed.error);
    }
    if (path === '/__admin/devices' && method === 'POST') {
      const parsed = deviceBodySchema.safeParse(body);
      return parsed.success ? sendJson(res, 201, store.createDevice(parsed.data)) : invalid(parsed.error);
    }
    if (path === '/__admin/devices' && method === 'GET') return sendJson(res, 200, [...store.devices.values()]);
    const deviceState = /^\/__admin\/devices\/([0-9a-fA-F]+)\/(unregister|expire)$/.exec(path);
    if (deviceState && method === 'POST') {
      const at = z.object({ timestamp: z.number().int().optional() }).safeParse(body);
      const timestamp = (at.success ? at.data.timestamp : undefined) ?? now();
      if (deviceState[2] === 'expire') {
        const ok = store.expire(deviceState[1]!, timestamp);
        return sendJson(res, ok ? 200 : 404, { expired: ok });
      }
      const ok = store.unregister(deviceState[1]!, timestamp);
      return sendJson(res, ok ? 200 : 404, { unregistered: ok });
    }
    if (path === '/__admin/idle-timeout' && method === 'PUT') {
      const parsed = idleTimeoutBodySchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      setIdleTimeout(parsed.data.ms);
      return sendJson(res, 200, { ms: idleTimeoutMs });
    }
    if (path === '/__admin/idle-timeout' && method === 'GET') return sendJson(res, 200, { ms: idleTimeoutMs });
    if (path === '/__admin/certificates' && method === 'POST') {
      const parsed = certificateBodySchema.safeParse(body);
      return parsed.success ? sendJson(res, 201, issueCertificate(parsed.data)) : invalid(parsed.error);
    }
    if (path === '/__admin/clock' && method === 'PUT') {
      const parsed = clockBodySchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      clockOffsetMs = parsed.data.offsetSeconds * 1000;
      return sendJson(res, 200, { offsetSeconds: parsed.data.offsetSeconds });
    }
    const revoked = /^\/__admin\/credentials\/([^/]+)$/.exec(path);
    if (revoked && method === 'DELETE') {
      const ok = store.revokeKey(decodeURIComponent(revoked[1]!));
      return sendJson(res, ok ? 200 : 404, { revoked: ok });
    }
    if (handleActivityAdmin(req, res, path, body, activityParts)) return;
    if (await handleChecksAdmin(req, res, url, checks, async () => body)) return;
    if (await handleCommonAdmin(req, res, url, { inbox, faults }, async () => body)) return;
    sendJson(res, 404, { error: `no admin route ${method} ${path}` });
  }

  const sessions = new Set<ServerHttp2Session>();
  const sockets = new Set<Socket>();
  const states = new WeakMap<object, ConnectionState>();
  // Keyed by the HTTP/2 session: APNs tracks tokens and teams per connection.
  const connection = (req: Http2ServerRequest): ConnectionState => {
    const owner: object = req.stream?.session ?? req.socket;
    let state = states.get(owner);
    if (!state) {
      state = { token: null, tokenSince: 0, teamId: null, opened: false };
      states.set(owner, state);
    }
    return state;
  };

  let idleTimeoutMs: number | null = options.idleTimeoutMs ?? null;
  const closeWhenIdle = (session: ServerHttp2Session) => {
    if (idleTimeoutMs === null) return session.setTimeout(0);
    session.setTimeout(idleTimeoutMs, () => {
      const state = states.get(session);
      const data = Buffer.from(JSON.stringify({ reason: 'IdleTimeout' }));
      session.goaway(constants.NGHTTP2_NO_ERROR, state?.processedStreamId ?? 0, data);
      session.close();
    });
  };
  const setIdleTimeout = (ms: number | null) => {
    idleTimeoutMs = ms;
    for (const session of sessions) closeWhenIdle(session);
  };

  function createServer(environment: ApnsEmulatorEnvironment, role: 'push' | 'channels' = 'push'): Http2SecureServer {
    const context: ChannelContext = {
      environment,
      store,
      jwts,
      inbox,
      faults,
      checks,
      now,
      connection,
      channelLimit: () => channelLimit.value,
    };
    const server = createSecureServer(
      {
        cert: certPem,
        key: keyPem,
        // APNs offers only h2 in ALPN: an HTTP/1.1 client's TLS handshake fails, as with Apple.
        allowHTTP1: false,
        // Certificate auth: ask for a client certificate but let token clients connect without one.
        requestCert: true,
        rejectUnauthorized: false,
        ca: [options.ca.certPem],
        // The push host allows one stream until the first authenticated push; channel calls are few.
        settings: { maxConcurrentStreams: role === 'push' ? 1 : 100 },
      },
      (req, res) => {
        const raw = req.url ?? '/';
        // Pushes are the hot path (bulk benchmarks): route them on the raw path; only admin calls
        // need a parsed URL.
        const query = raw.indexOf('?');
        const pathname = query < 0 ? raw : raw.slice(0, query);
        let handle: Promise<void>;
        if (role === 'channels') {
          handle = handleChannelManagement(req, res, context);
        } else if (pathname.startsWith(BROADCAST_PREFIX)) {
          handle = handleBroadcast(req, res, context);
        } else if (pathname.startsWith(PUSH_PREFIX) || pathname === '/3/device') {
          handle = handlePush(req, res, context);
        } else {
          handle = Promise.resolve(sendJson(res, 404, { reason: 'BadPath' }, { 'apns-id': randomUUID() }));
        }
        handle.catch((error: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { reason: 'InternalServerError', detail: String(error) });
          else res.end();
        });
      },
    );
    server.on('session', (session) => {
      sessions.add(session);
      closeWhenIdle(session);
      session.on('close', () => sessions.delete(session));
    });
    server.on('secureConnection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    return server;
  }

  const adminServer: HttpsServer = createHttpsServer({ cert: certPem, key: keyPem }, (req, res) => {
    admin(req, res, new URL(req.url ?? '/', 'https://127.0.0.1')).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.end();
    });
  });
  adminServer.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const sandbox = createServer('sandbox');
  const production = createServer('production');
  const channels = createServer('sandbox', 'channels');
  const [sandboxPort, productionPort, adminPort, channelsPort] = await Promise.all([
    listen(sandbox, options.port ?? 0),
    listen(production, options.productionPort ?? 0),
    listen(adminServer, options.adminPort ?? 0),
    listen(channels, options.channelsPort ?? 0),
  ]).catch(async (error: unknown) => {
    // One port was taken: let go of the others, so a retry (or the caller) can have them.
    await Promise.all(
      [sandbox, production, adminServer, channels].map(
        (server: Server) => new Promise((resolve) => server.close(resolve)),
      ),
    );
    throw error;
  });
  const baseUrl = `https://127.0.0.1:${sandboxPort}`;

  return {
    provider: 'apns',
    baseUrl,
    productionUrl: `https://127.0.0.1:${productionPort}`,
    adminUrl: `https://127.0.0.1:${adminPort}`,
    channelsUrl: `https://127.0.0.1:${channelsPort}`,
    createActivity: (input) => createActivity(activityParts, input),
    pushToStartToken: (input) => store.pushToStartToken(pushToStartBodySchema.parse(input)).record,
    rotateActivityToken: (activityId) => rotateToken(activityParts, activityId),
    setChannelLimit: (limit) => {
      channelLimit.value = limit;
    },
    inbox,
    faults,
    checks,
    registerKey,
    createKey,
    createDevice,
    unregisterDevice: (token, at) => store.unregister(token, at ?? now()),
    expireDevice: (token, at) => store.expire(token, at ?? now()),
    setIdleTimeout,
    issueCertificate,
    setCheck,
    connectionCount: () => sessions.size,
    async close() {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        [sandbox, production, adminServer, channels].map(
          (server: Server) => new Promise<void>((resolve) => server.close(() => resolve())),
        ),
      );
      await store.flush();
    },
  };
}

export const apnsEmulatorFactory: EmulatorFactory = {
  provider: 'apns',
  separateListeners: ['production', 'admin', 'channels'],
  start: (options) => startApnsEmulator(options),
  describe: (running) => ({
    apns: running.baseUrl,
    channels: { apns: (running as RunningApnsEmulator).channelsUrl },
  }),
};
