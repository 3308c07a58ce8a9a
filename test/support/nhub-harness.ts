import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Exchange } from '../../shared/domain/exchange';
import type { SendResult } from '../../shared/domain/send-result';
import type { ResolvedCredential } from '../../main/core/credentials/types';
import type { NhubSecret } from '../../main/core/credentials/nhub-connection-string';
import type { LocalEnvironment } from '../../main/core/local/local-env';
import { createNhubProvider } from '../../main/core/providers/nhub';
import type { ProviderModule } from '../../main/core/providers/types';
import { createTransport } from '../../main/core/transport';
import type { Transport } from '../../main/core/transport/types';
import { LocalCa } from '../../main/emulators/common/ca';
import { startNhubEmulator, type RunningNhubEmulator } from '../../main/emulators/nhub';
import { nhubSendSchema, type NhubSendRequest } from '../../shared/providers/nhub/message';

export const NAMESPACE = 'contoso-test.servicebus.windows.net';
export const HUB = 'TestHub';
export const KEY = 'c2VjcmV0LWtleS1ub3QtYmFzZTY0LWRlY29kZWQ=+/';

/** A Notification Hubs credential for the test hub; overrides make the wrong-key/rule/hub cases. */
export function nhubCredential(id: string, overrides: Partial<NhubSecret> = {}): ResolvedCredential {
  const secret: NhubSecret = {
    kind: 'nhub',
    endpoint: `sb://${NAMESPACE}/`,
    keyName: 'DefaultFullSharedAccessSignature',
    key: KEY,
    hubName: HUB,
    ...overrides,
  };
  const meta = {
    id,
    kind: 'nhub' as const,
    label: id,
    createdAt: new Date().toISOString(),
    metadata: {},
    warnings: [],
  };
  return { meta, secret } as ResolvedCredential;
}

export interface LocalHub {
  readonly ca: LocalCa;
  /** Every exchange the shared transport recorded since the current test began. */
  readonly exchanges: Exchange[];
  readonly provider: ProviderModule<'nhub'>;
  /** Set in beforeAll: read them inside tests and hooks, not at describe time. */
  emulator: RunningNhubEmulator;
  transport: Transport;
  local: LocalEnvironment;
  request(options: Record<string, unknown>, payload: string, target?: string): NhubSendRequest;
  send(req: NhubSendRequest, cred?: ResolvedCredential, provider?: ProviderModule<'nhub'>): Promise<SendResult>;
}

/**
 * Starts a local hub with the full-access and listen-only rules, a recording transport and a
 * provider for the enclosing describe, and empties inbox, faults, quota and registrations before
 * each test so tests do not see each other's state.
 */
export function useLocalHub(): LocalHub {
  const ca = LocalCa.create('Notification Hubs test CA');
  const exchanges: Exchange[] = [];
  const provider = createNhubProvider();
  const hub: LocalHub = {
    ca,
    exchanges,
    provider,
    emulator: undefined as unknown as RunningNhubEmulator,
    transport: undefined as unknown as Transport,
    local: undefined as unknown as LocalEnvironment,
    request: (options, payload, target = '') =>
      nhubSendSchema.parse({ provider: 'nhub', credential: 'nh', environment: 'local', target, options, payload }),
    send: (req, cred = nhubCredential('nh'), p = provider) =>
      p.send(req, { transport: hub.transport, credential: cred, local: hub.local }),
  };

  beforeAll(async () => {
    const emulator = await startNhubEmulator({ ca });
    hub.emulator = emulator;
    hub.transport = createTransport({ onExchange: (exchange) => exchanges.push(exchange) });
    hub.local = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      ca: ca.certPem,
      nhub: { baseUrl: emulator.baseUrl },
      admin: { nhub: emulator.adminUrl },
    };
    emulator.registerCredential({
      namespace: `sb://${NAMESPACE}/`,
      hub: HUB,
      keyName: 'DefaultFullSharedAccessSignature',
      key: KEY,
    });
    emulator.registerCredential({
      namespace: NAMESPACE,
      hub: HUB,
      keyName: 'DefaultListenSharedAccessSignature',
      key: 'listen-key',
      rights: ['Listen'],
    });
  });
  afterAll(async () => {
    await hub.transport.close();
    await hub.emulator.close();
    await provider.close?.();
  });
  beforeEach(() => {
    const emulator = hub.emulator;
    exchanges.length = 0;
    emulator.inbox.clear();
    emulator.faults.clear();
    emulator.setQuota(null);
    for (const registration of emulator.registrations()) emulator.removeRegistration(registration.registrationId);
  });
  return hub;
}
