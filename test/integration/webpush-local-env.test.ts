import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendResult } from '../../shared/domain/send-result';
import type { CredentialResolver, ResolvedCredential } from '../../main/core/credentials/types';
import type { VapidSecret } from '../../main/core/credentials/vapid';
import { EventBus } from '../../main/core/events';
import { adminCall } from '../../main/emulators/admin-client';
import { createProviders } from '../../main/core/providers/registry';
import { generateVapidKeys } from '../../main/core/providers/webpush/vapid';
import { Sender } from '../../main/core/send/sender';
import { createTransport } from '../../main/core/transport';
import { startEmulators, type EmulatorSet } from '../../main/emulators/run';
import type { MintedSubscription } from '../../main/emulators/webpush';
import { AppError } from '../../shared/errors';

const keys = generateVapidKeys();
const secret: VapidSecret = { kind: 'vapid', ...keys, subject: 'https://example.com/contact' };
const credential = {
  meta: {
    id: 'v1',
    kind: 'vapid',
    label: 'site keys',
    createdAt: new Date().toISOString(),
    metadata: {},
    warnings: [],
  },
  secret,
} as ResolvedCredential;

// Stands in only for the keychain lookup (issue 4); everything after it is the real send path.
const credentials: CredentialResolver = {
  async resolve(idOrLabel) {
    if (idOrLabel !== 'site keys') throw new AppError('NOT_FOUND', `No credential named "${idOrLabel}".`);
    return credential;
  },
};

describe('Web Push in the local environment: emulators published, sender → provider → push service', () => {
  let dataDir: string;
  let set: EmulatorSet;
  const events = new EventBus();
  const transport = createTransport();
  let sender: Sender;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'webpush-local-'));
    set = await startEmulators({ dataDir, stateDir: join(dataDir, 'state'), only: ['webpush'] });
    sender = new Sender({ providers: createProviders(), credentials, transport, events, dataDir });
  });
  afterAll(async () => {
    await transport.close();
    await set.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes the push service and mints subscriptions through the admin API', async () => {
    expect(set.environment.webpush?.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const minted = await adminCall<MintedSubscription>(set.environment, 'webpush', 'POST', '/__admin/devices', {
      applicationServerKey: keys.publicKey,
    });
    const results: SendResult[] = [];
    const off = events.subscribe((name, payload) => name === 'send.result' && results.push(payload as SendResult));
    const { result, preflight } = await sender.send({
      provider: 'webpush',
      credential: 'site keys',
      environment: 'local',
      target: JSON.stringify(minted.subscription),
      options: { ttl: 30, urgency: 'low' },
      payload: 'through the sender',
    });
    off();
    expect(preflight.map((issue) => issue.code)).toEqual(['webpush.endpoint.loopback']);
    expect(result.outcome).toBe('accepted');
    expect(results.map((r) => r.id)).toEqual([result.id]);
    const inbox = await adminCall<Array<{ payload: string; headers: Record<string, string> }>>(
      set.environment,
      'webpush',
      'GET',
      `/__admin/inbox?device=${minted.id}`,
    );
    expect(inbox.map((d) => [d.payload, d.headers['urgency']])).toEqual([['through the sender', 'low']]);
  });

  it('blocks a send preflight refuses, with the first problem in words', async () => {
    const minted = await adminCall<MintedSubscription>(set.environment, 'webpush', 'POST', '/__admin/devices', {});
    await expect(
      sender.send({
        provider: 'webpush',
        credential: 'site keys',
        environment: 'local',
        target: JSON.stringify(minted.subscription),
        options: {},
        payload: 'x'.repeat(4000),
      }),
    ).rejects.toThrow('TTL is required: push services answer 400 without it. (and 1 more problem)');
  });
});
