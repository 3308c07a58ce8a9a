import { Agent } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Provider } from '../../../shared/domain/exchange';
import type { EmulatorFactory, EmulatorStartOptions, RunningEmulator } from '../common/types';
import { FaultInjector } from '../common/faults';
import { startingChecks } from '../common/admin';
import { Inbox } from '../common/inbox';
import { FcmTokenIssuer } from './oauth';
import { listen } from './server';
import {
  FcmRegistry,
  generateServiceAccount,
  type DeviceRegistration,
  type DeviceRegistrationInput,
  type ServiceAccountRegistration,
} from './state';
import { normaliseAccount } from './server';
import { serviceAccountRegistrationSchema } from './state';

/** Checks marked [?] in protocols.md, switchable through `options.checks`. */
export const FCM_CHECK_DEFAULTS = {
  /** Accept assertions whose aud is Google's token URL as well as this emulator's. */
  acceptGoogleAudience: true,
  /** Accept the new `fid` target next to `token`. */
  acceptFid: true,
  reservedDataKeys: true,
  /**
   * An apns.live_activity_token the APNs emulator never issued is refused (400 INVALID_ARGUMENT,
   * ApnsError BadDeviceToken). FCM's answer for it is not documented (protocols.md §7), hence a switch.
   */
  liveActivityTokens: true,
};

export interface RunningFcmEmulator extends RunningEmulator {
  readonly tokenUri: string;
  /** Registers a service account (camelCase fields, or the downloaded JSON's snake_case). */
  registerServiceAccount(input: Record<string, unknown>): Promise<ServiceAccountRegistration>;
  /** Makes a new service account JSON for a local project and trusts it. */
  createServiceAccount(projectId: string): Promise<Record<string, string>>;
  registerDevice(input: DeviceRegistrationInput): Promise<DeviceRegistration>;
  setTokenLifetime(seconds: number): void;
  setClockSkew(seconds: number): void;
  revokeTokens(): number;
}

export async function startFcmEmulator(
  options: EmulatorStartOptions & {
    /** The other running emulators: a Live Activity message goes on to APNs' (`emulators start` passes them). */
    peers?: () => Partial<Record<Provider, RunningEmulator>>;
  },
): Promise<RunningFcmEmulator> {
  const { checks } = startingChecks(FCM_CHECK_DEFAULTS, options.checks);
  const registry = new FcmRegistry(options.stateDir);
  await registry.load();
  const inbox = new Inbox();
  const faults = new FaultInjector(options.seed);
  let baseUrl = '';
  const issuer = new FcmTokenIssuer(registry, () => `${baseUrl}/token`, checks);
  const certificate = options.ca.issueLoopbackServer();
  // Keeps the connection to the APNs emulator's admin API open between sends; ended in close().
  const peerAgent = new Agent({ keepAlive: true, maxSockets: 4 });
  const liveActivity = options.peers ? { peers: options.peers, ca: options.ca.certPem, agent: peerAgent } : undefined;
  const { server, port } = await listen(
    {
      registry,
      issuer,
      inbox,
      faults,
      send: { registry, issuer, inbox, checks, quota: new Map(), ...(liveActivity ? { liveActivity } : {}) },
      baseUrl: () => baseUrl,
    },
    { cert: certificate.certPem, key: certificate.keyPem },
    options.port ?? 0,
  );
  baseUrl = `https://127.0.0.1:${port}`;
  // HTTP/1.1 keep-alive sockets and HTTP/2 sessions would hold close() open; end them ourselves.
  const sockets = new Set<TLSSocket>();
  server.on('secureConnection', (socket: TLSSocket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    provider: 'fcm',
    baseUrl,
    adminUrl: baseUrl,
    tokenUri: `${baseUrl}/token`,
    inbox,
    faults,
    registerServiceAccount: (input) =>
      registry.addAccount(serviceAccountRegistrationSchema.parse(normaliseAccount(input))),
    async createServiceAccount(projectId) {
      const account = generateServiceAccount(projectId, `${baseUrl}/token`);
      await registry.addAccount({
        clientEmail: account['client_email']!,
        projectId,
        publicKeyPem: account['public_key_pem']!,
      });
      const { public_key_pem: _public, ...json } = account;
      return json;
    },
    registerDevice: (input) => registry.upsertDevice(input),
    setTokenLifetime(seconds) {
      issuer.tokenLifetimeSeconds = seconds;
    },
    setClockSkew(seconds) {
      issuer.clockSkewSeconds = seconds;
    },
    revokeTokens: () => issuer.revokeAll(),
    async close() {
      for (const socket of sockets) socket.destroy();
      peerAgent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const fcmEmulatorFactory: EmulatorFactory = {
  provider: 'fcm',
  start: (options) => startFcmEmulator(options),
  describe: (running) => ({ fcm: { baseUrl: running.baseUrl, tokenUri: `${running.baseUrl}/token` } }),
};
