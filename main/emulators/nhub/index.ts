import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import type { Provider } from '../../../shared/domain/exchange';
import { handleChecksAdmin, handleCommonAdmin, readJson, sendJson, startingChecks } from '../common/admin';
import { FaultInjector } from '../common/faults';
import { Inbox } from '../common/inbox';
import type { EmulatorFactory, EmulatorStartOptions, RunningEmulator } from '../common/types';
import { PeerDirectory } from './forward';
import { handleInstallation } from './installations-route';
import { handleRegistrations } from './registrations-route';
import { handleCancelScheduled, handleSchedule, NotificationScheduler } from './scheduled-route';
import { DEFAULT_CHECKS, dispatchSend, handleSend, sendError, type NhubChecks } from './send-route';
import {
  credentialInputSchema,
  NhubStore,
  registrationInputSchema,
  type CredentialInput,
  type PolicyRecord,
  type RegistrationInput,
  type RegistrationRecord,
} from './store';

export { DEFAULT_CHECKS, type NhubChecks } from './send-route';
export type { RegistrationRecord, PolicyRecord } from './store';

export interface RunningNhubEmulator extends RunningEmulator {
  readonly checks: NhubChecks;
  /** Registers a hub's access policy (namespace, hub, key name, key, rights). */
  registerCredential(input: CredentialInput): Omit<PolicyRecord, 'key'>;
  /** Creates a registration (native or template, with tags); returns its id and PNS handle. */
  createRegistration(input: RegistrationInput): RegistrationRecord;
  removeRegistration(id: string): boolean;
  registrations(): RegistrationRecord[];
  /** Sends allowed before 403 QuotaExceeded; null: unlimited. */
  setQuota(remaining: number | null): void;
  setCheck(name: keyof NhubChecks, enabled: boolean): void;
}

const withoutKey = ({ key: _key, ...rest }: PolicyRecord) => rest;

/**
 * Azure Notification Hubs on loopback: verifies SAS tokens exactly, holds registrations, evaluates
 * tag expressions, expands templates, answers `&test` with a NotificationOutcome and forwards each
 * notification to the platform's local emulator when it runs, whose device list decides each outcome.
 *
 * REST routes (docs/nhub.md lists codes and bodies): `/{hub}/messages/`, `/{hub}/messages/$batch?direct`,
 * `/{hub}/schedulednotifications/[{id}]`, `/{hub}/installations/{id}`, `/{hub}/registrations/[{id}]`,
 * `/{hub}/tags/{tag}/registrations`, `/{hub}/registrationIDs`.
 *
 * Admin routes (same server):
 * - `POST /__admin/credentials` body `{ namespace, hub, keyName, key, rights? }` or
 *   `{ connectionString, hub, rights? }` → 201 the policy without its key; `GET` lists them.
 * - `POST /__admin/devices` body `{ hub, platform, handle?, tags?, template?, installationId?, namespace? }`
 *   → 201 the registration (`registrationId`, `handle`, `tags` including `$InstallationId:{id}`).
 *   `GET /__admin/devices` lists; `DELETE /__admin/devices/<registrationId>` removes.
 * - `PUT /__admin/quota` body `{ "remaining": 3 | null }`; `PUT /__admin/checks` body `{ "<check>": bool }`.
 * - `/__admin/inbox`, `/__admin/faults`: shared with every emulator.
 */
export async function startNhubEmulator(
  options: EmulatorStartOptions & {
    peers?: () => Partial<Record<Provider, RunningEmulator>>;
    now?: () => number;
  },
): Promise<RunningNhubEmulator> {
  const store = await NhubStore.open(options.stateDir);
  const inbox = new Inbox();
  const faults = new FaultInjector(options.seed);
  const { checks, set: setCheck } = startingChecks(DEFAULT_CHECKS, options.checks);
  const quota = { remaining: null as number | null };
  const peers = options.peers ?? (() => ({}));
  // Keeps the connections to the peers' admin APIs open between sends; ended in close().
  const peerAgent = new Agent({ keepAlive: true, maxSockets: 4 });
  const context = {
    store,
    inbox,
    faults,
    checks,
    quota,
    now: options.now ?? (() => Date.now()),
    peerDirectory: () => new PeerDirectory({ peers, ca: options.ca.certPem, agent: peerAgent }),
  };
  const scheduler = new NotificationScheduler((send) => dispatchSend(send, context), context.now);
  const { certPem, keyPem } = options.ca.issueLoopbackServer();

  async function admin(
    req: Parameters<typeof handleCommonAdmin>[0],
    res: Parameters<typeof handleCommonAdmin>[1],
    url: URL,
  ): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/__admin/credentials' && method === 'POST') {
      const parsed = credentialInputSchema.safeParse(await readJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid credential', issues: parsed.error.issues });
      return sendJson(res, 201, withoutKey(store.registerPolicy(parsed.data)));
    }
    if (path === '/__admin/credentials' && method === 'GET')
      return sendJson(res, 200, store.policies().map(withoutKey));
    if (path === '/__admin/devices' && method === 'POST') {
      const parsed = registrationInputSchema.safeParse(await readJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid registration', issues: parsed.error.issues });
      return sendJson(res, 201, store.createRegistration(parsed.data));
    }
    if (path === '/__admin/devices' && method === 'GET') return sendJson(res, 200, store.registrations());
    const device = /^\/__admin\/devices\/([^/]+)$/.exec(path);
    if (device && method === 'DELETE') {
      const removed = store.removeRegistration(decodeURIComponent(device[1]!));
      return sendJson(res, removed ? 200 : 404, { removed });
    }
    if (path === '/__admin/quota' && method === 'PUT') {
      const parsed = z.object({ remaining: z.number().int().nonnegative().nullable() }).safeParse(await readJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'body must be { "remaining": number | null }' });
      quota.remaining = parsed.data.remaining;
      return sendJson(res, 200, quota);
    }
    if (await handleChecksAdmin(req, res, url, checks)) return;
    if (await handleCommonAdmin(req, res, url, { inbox, faults })) return;
    sendJson(res, 404, { error: `no admin route ${method} ${path}` });
  }

  /** The hub's REST surface; the first path segment is the hub. */
  async function rest(req: Parameters<typeof handleSend>[0], res: Parameters<typeof handleSend>[1], url: URL) {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const send = /^\/([^/]+)\/messages\/?$/.exec(path);
    if (send && method === 'POST') return handleSend(req, res, url, decodeURIComponent(send[1]!), context);
    const batch = /^\/([^/]+)\/messages\/\$batch\/?$/.exec(path);
    if (batch && method === 'POST') return handleSend(req, res, url, decodeURIComponent(batch[1]!), context, 'batch');
    const schedule = /^\/([^/]+)\/schedulednotifications\/?$/.exec(path);
    if (schedule && method === 'POST')
      return handleSchedule(req, res, url, decodeURIComponent(schedule[1]!), context, scheduler);
    const cancel = /^\/([^/]+)\/schedulednotifications\/([^/]+)$/.exec(path);
    if (cancel && method === 'DELETE') {
      return handleCancelScheduled(
        req,
        res,
        decodeURIComponent(cancel[1]!),
        decodeURIComponent(cancel[2]!),
        context,
        scheduler,
      );
    }
    const installation = /^\/([^/]+)\/installations\/([^/]+)$/.exec(path);
    if (installation) {
      const [hub, id] = [decodeURIComponent(installation[1]!), decodeURIComponent(installation[2]!)];
      return handleInstallation(req, res, hub, id, context);
    }
    if (await handleRegistrations(req, res, url, context)) return;
    sendError(res, 404, 'EndpointNotFound', `No message branch at ${path}.`);
  }

  let origin = '';
  const server: Server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const handle = url.pathname.startsWith('/__admin/') ? admin(req, res, url) : rest(req, res, url);
    handle.catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'InternalServerError', String(error));
      else res.end();
    });
  });
  const sockets = new Set<Socket>();
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    provider: 'nhub',
    baseUrl: origin,
    adminUrl: origin,
    inbox,
    faults,
    checks,
    registerCredential: (input) => withoutKey(store.registerPolicy(input)),
    createRegistration: (input) => store.createRegistration(input),
    removeRegistration: (id) => store.removeRegistration(id),
    registrations: () => store.registrations(),
    setQuota(remaining) {
      quota.remaining = remaining;
    },
    setCheck,
    async close() {
      scheduler.close();
      peerAgent.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.flush();
    },
  };
}

export const nhubEmulatorFactory: EmulatorFactory = {
  provider: 'nhub',
  start: (options) => startNhubEmulator(options),
  describe: (running) => ({ nhub: { baseUrl: running.baseUrl } }),
};
