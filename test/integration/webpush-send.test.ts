import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Exchange } from '../../shared/domain/exchange';
import type { WebpushNotes } from '../../shared/providers/webpush/notes';
import type { WebpushSendRequest } from '../../shared/providers/webpush/message';
import type { ResolvedCredential } from '../../main/core/credentials/types';
import type { VapidSecret } from '../../main/core/credentials/vapid';
import type { LocalEnvironment } from '../../main/core/local/local-env';
import { createWebpushProvider } from '../../main/core/providers/webpush';
import { generateVapidKeys } from '../../main/core/providers/webpush/vapid';
import { createTransport } from '../../main/core/transport';
import type { Transport } from '../../main/core/transport/types';
import { LocalCa } from '../../main/emulators/common/ca';
import {
  startWebpushEmulator,
  type MintedSubscription,
  type RunningWebpushEmulator,
} from '../../main/emulators/webpush';

const keys = generateVapidKeys();
const vapidSecret: VapidSecret = { kind: 'vapid', ...keys, subject: 'mailto:ops@example.com' };

/** A resolved VAPID credential as the credential service hands it to providers. */
function vapidCredential(id: string, secret: VapidSecret): ResolvedCredential {
  const meta = {
    id,
    kind: 'vapid' as const,
    label: id,
    createdAt: new Date().toISOString(),
    metadata: {},
    warnings: [],
  };
  return { meta, secret } as ResolvedCredential;
}
const credential = vapidCredential('vapid-1', vapidSecret);

describe('Web Push provider ↔ local push service, through the real transport', () => {
  const ca = LocalCa.create('Web Push send test CA');
  let emulator: RunningWebpushEmulator;
  let transport: Transport;
  let local: LocalEnvironment;
  const exchanges: Exchange[] = [];
  const provider = createWebpushProvider();
  let minted: MintedSubscription;

  beforeAll(async () => {
    emulator = await startWebpushEmulator({ ca });
    transport = createTransport({ onExchange: (exchange) => exchanges.push(exchange) });
    local = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      ca: ca.certPem,
      webpush: { baseUrl: emulator.baseUrl },
      admin: { webpush: emulator.adminUrl },
    };
  });
  afterAll(async () => {
    await transport.close();
    await emulator.close();
    await provider.close?.();
  });
  beforeEach(() => {
    exchanges.length = 0;
    emulator.inbox.clear();
    emulator.faults.clear();
    minted = emulator.createSubscription({ applicationServerKey: keys.publicKey });
  });

  function request(overrides: Partial<WebpushSendRequest> = {}): WebpushSendRequest {
    return {
      provider: 'webpush',
      credential: 'vapid-1',
      environment: 'local',
      target: JSON.stringify(minted.subscription),
      options: { ttl: 60 },
      payload: JSON.stringify({ title: 'Hello', body: 'From the test' }),
      ...overrides,
    };
  }
  const send = (req: WebpushSendRequest, cred: ResolvedCredential = credential) =>
    provider.send(req, { transport, credential: cred, local });

  it('is accepted, delivered decrypted, and records encryption and VAPID notes without secrets', async () => {
    const result = await send(request());
    expect(result).toMatchObject({ outcome: 'accepted', status: 201, provider: 'webpush', retryable: false });
    expect(result.messageIds['location']).toMatch(new RegExp(`^${emulator.baseUrl}/m/`));
    expect(emulator.inbox.list(minted.id).map((d) => d.payload)).toEqual([request().payload]);
    expect(result.exchangeIds).toHaveLength(1);
    const exchange = exchanges.find((e) => e.id === result.exchangeIds[0])!;
    const notes = exchange.notes as unknown as WebpushNotes;
    const plaintextBytes = Buffer.byteLength(request().payload);
    expect(notes.encryption).toMatchObject({ contentEncoding: 'aes128gcm', recordSize: 4096, plaintextBytes });
    expect(exchange.requestBody?.size).toBe(86 + plaintextBytes + 1 + 16);
    expect(notes.encryption!.sizes).toEqual({ ecdhSecret: 32, authSecret: 16, ikm: 32, prk: 32, cek: 16, nonce: 12 });
    expect(notes.vapid.claims).toMatchObject({ aud: emulator.baseUrl, sub: 'mailto:ops@example.com' });
    expect(notes.vapid.lifetimeSeconds).toBe(43_200);
    const recorded = JSON.stringify(exchange);
    expect(recorded).not.toContain(keys.privateKey);
    const auth = exchange.requestHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    expect(auth).toMatch(/^vapid t=eyJ[\w-]+\.eyJ[\w-]+\..*redacted/);
    expect(auth).not.toMatch(/t=eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{40,}/);
  });

  it('signs a VAPID JWT once and reuses it for the same origin', async () => {
    const fresh = createWebpushProvider();
    await fresh.send(request(), { transport, credential, local });
    await fresh.send(request({ payload: 'second' }), { transport, credential, local });
    const notes = exchanges.map((e) => (e.notes as unknown as WebpushNotes).vapid);
    expect(notes.map((note) => note.reused)).toEqual([false, true]);
    expect(notes[1]!.claims).toEqual(notes[0]!.claims);
    expect(emulator.inbox.list(minted.id)).toHaveLength(2);
  });

  it('sends payload-less pushes', async () => {
    const result = await send(request({ payload: '' }));
    expect(result.outcome).toBe('accepted');
    expect((exchanges[0]!.notes as unknown as WebpushNotes).encryption).toBeNull();
    expect(emulator.inbox.list(minted.id)[0]!.payload).toBe('');
  });

  it('maps a VAPID key mismatch to a rejection with errno 109 explained', async () => {
    const other = generateVapidKeys();
    const result = await send(request(), vapidCredential('vapid-2', { ...vapidSecret, ...other }));
    expect(result).toMatchObject({ outcome: 'rejected', status: 403, reason: 'errno 109', retryable: false });
    expect(result.explanation).toMatch(/VAPID/);
  });

  it('maps missing TTL (sent with preflight ignored) to 400 errno 111', async () => {
    const result = await send(request({ options: {} }));
    expect(result).toMatchObject({ outcome: 'rejected', status: 400, reason: 'errno 111' });
    expect(provider.preflight(request({ options: {} }), credential).map((i) => i.code)).toContain(
      'webpush.ttl.missing',
    );
  });

  it('marks expired subscriptions gone and rate limits retryable', async () => {
    emulator.faults.add({
      match: { device: minted.id },
      action: { kind: 'status', status: 429, retryAfterSeconds: 30 },
      times: 1,
    });
    const limited = await send(request());
    expect(limited).toMatchObject({ outcome: 'rejected', status: 429, retryable: true, retryAfterSeconds: 30 });
    emulator.expireSubscription(minted.id);
    const gone = await send(request());
    expect(gone).toMatchObject({ outcome: 'rejected', status: 410, reason: 'errno 103' });
    expect(gone.deviceStateChange).toMatchObject({ state: 'gone', reason: 'errno 103' });
  });

  it('turns a connection reset into a failed result with the exchange id', async () => {
    emulator.faults.add({ action: { kind: 'reset' }, times: 1 });
    const result = await send(request());
    expect(result.outcome).toBe('failed');
    expect(result.status).toBeNull();
    expect(result.exchangeIds).toHaveLength(1);
    expect(result.explanation).toBeTruthy();
  });

  it('tests a credential by signing and verifying a JWT, and refuses a broken pair', async () => {
    const summary = await provider.testCredential(credential, { transport, credential, local });
    expect(summary).toMatch(/^VAPID key pair works/);
    const broken = vapidCredential('broken', { ...vapidSecret, privateKey: generateVapidKeys().privateKey });
    await expect(provider.testCredential(broken, { transport, credential: broken, local })).rejects.toThrow(
      'The VAPID public key does not belong to the private key.',
    );
  });
});
