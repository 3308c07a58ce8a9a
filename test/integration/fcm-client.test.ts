import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalCa } from '../../main/emulators/common/ca';
import { startFcmEmulator, type RunningFcmEmulator } from '../../main/emulators/fcm';
import { createFcmProvider } from '../../main/core/providers/fcm';
import type { ProviderSendContext } from '../../main/core/providers/types';
import type { FcmSendRequest } from '../../shared/providers/fcm/message';
import { createTransport } from '../../main/core/transport';
import type { Transport } from '../../main/core/transport/types';
import type { Exchange } from '../../shared/domain/exchange';
import { localEnvFor, serviceAccountCredential } from '../support/fcm-harness';

let ca: LocalCa;
let emulator: RunningFcmEmulator;
let account: Record<string, string>;
let transport: Transport;
let exchanges: Exchange[];

function context(sa = account, id = 'cred-1'): ProviderSendContext {
  return {
    transport,
    credential: serviceAccountCredential(sa, id),
    local: localEnvFor({ baseUrl: emulator.baseUrl, tokenUri: emulator.tokenUri }, ca.certPem),
  };
}

function request(target: string, payload: unknown, options: Partial<FcmSendRequest['options']> = {}): FcmSendRequest {
  return {
    provider: 'fcm',
    credential: 'cred-1',
    environment: 'local',
    target,
    options: { targetKind: 'auto', validateOnly: false, ...options },
    payload: JSON.stringify(payload),
  };
}

const sends = () => exchanges.filter((e) => e.purpose === 'send');
const auths = () => exchanges.filter((e) => e.purpose === 'auth');

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startFcmEmulator({ ca });
  account = await emulator.createServiceAccount('demo-project');
});
afterEach(async () => {
  await transport.close();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  exchanges = [];
  transport = createTransport({ onExchange: (exchange) => exchanges.push(exchange) });
  emulator.faults.clear();
  emulator.inbox.clear();
  emulator.setTokenLifetime(3599);
  emulator.setClockSkew(0);
});

describe('FCM client against the local emulator', () => {
  it('sends over HTTP/2 with one OAuth token reused across sends', async () => {
    const provider = createFcmProvider();
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    const first = await provider.send(request(device.token, { notification: { title: 'One' } }), context());
    const second = await provider.send(request(device.token, { notification: { title: 'Two' } }), context());
    expect(first).toMatchObject({ outcome: 'accepted', status: 200, reason: null });
    expect(first.messageIds['name']).toMatch(/^projects\/demo-project\/messages\/0:/);
    expect(second.outcome).toBe('accepted');
    expect(auths()).toHaveLength(1);
    expect(first.exchangeIds).toHaveLength(2);
    expect(second.exchangeIds).toHaveLength(1);
    expect(sends().every((r) => r.httpVersion === '2')).toBe(true);
    // The recorded exchanges keep neither the signed assertion nor the access token.
    const recorded = JSON.stringify(exchanges);
    expect(recorded).not.toMatch(/assertion=eyJ[\w-]+\.[\w-]+\.[\w-]{20,}/);
    expect(recorded).not.toMatch(/ya29\.local-[\w-]{20,}/);
    expect(auths()[0]!.notes?.['assertionClaims']).toMatchObject({
      scope: 'https://www.googleapis.com/auth/firebase.messaging',
    });
    expect(emulator.inbox.list(device.token).map((d) => JSON.parse(d.payload).notification.title)).toEqual([
      'One',
      'Two',
    ]);
  });

  it('refreshes a token once 5 minutes or less remain', async () => {
    let now = Date.now();
    const provider = createFcmProvider({ now: () => now });
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    await provider.send(request(device.token, {}), context());
    now += 54 * 60_000;
    await provider.send(request(device.token, {}), context());
    expect(auths()).toHaveLength(1);
    now += 2 * 60_000;
    expect((await provider.send(request(device.token, {}), context())).outcome).toBe('accepted');
    // The fake clock is now 56 min ahead of the emulator's, so the first new assertion is refused
    // and corrected from the Date header: that is the skew handling, and a second token is issued.
    expect(auths().map((r) => r.status)).toEqual([200, 400, 200]);
  });

  it('keeps separate tokens per credential', async () => {
    const provider = createFcmProvider();
    const other = await emulator.createServiceAccount('second-project');
    const a = await emulator.registerDevice({ projectId: 'demo-project' });
    const b = await emulator.registerDevice({ projectId: 'second-project' });
    expect((await provider.send(request(a.token, {}), context(account, 'a'))).outcome).toBe('accepted');
    expect((await provider.send(request(b.token, {}), context(other, 'b'))).outcome).toBe('accepted');
    expect(auths()).toHaveLength(2);
  });

  it('gets a new token and retries once when FCM answers 401 UNAUTHENTICATED', async () => {
    const provider = createFcmProvider();
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    await provider.send(request(device.token, {}), context());
    emulator.revokeTokens();
    const result = await provider.send(request(device.token, { data: { a: 'b' } }), context());
    expect(result.outcome).toBe('accepted');
    expect(sends().map((r) => r.status)).toEqual([200, 401, 200]);
    expect(auths()).toHaveLength(2);
    expect(result.exchangeIds).toHaveLength(3);
  });

  it('does not loop when the fresh token is refused too', async () => {
    const provider = createFcmProvider();
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    emulator.faults.add({ match: { path: 'messages:send' }, action: { kind: 'status', status: 401 }, times: 5 });
    const result = await provider.send(request(device.token, {}), context());
    expect(result).toMatchObject({ outcome: 'rejected', status: 401, reason: 'UNAUTHENTICATED', retryable: false });
    expect(sends()).toHaveLength(2);
    expect(auths()).toHaveLength(2);
  });

  it('does not refresh for THIRD_PARTY_AUTH_ERROR, which is about Apple credentials', async () => {
    const provider = createFcmProvider();
    const sa = await emulator.createServiceAccount('ios-project');
    await emulator.registerServiceAccount({ ...sa, apnsConfigured: false });
    const ios = await emulator.registerDevice({ projectId: 'ios-project', platform: 'ios' });
    const result = await provider.send(request(ios.token, { notification: { title: 'x' } }), context(sa, 'ios'));
    expect(result).toMatchObject({ outcome: 'rejected', status: 401, reason: 'THIRD_PARTY_AUTH_ERROR' });
    expect(result.explanation).toContain('APNs answered 403 InvalidProviderToken.');
    expect(sends()).toHaveLength(1);
  });

  it.each([
    ['server clock 2 h ahead', 7200, 0],
    ['local clock 2 h ahead', 0, 7200],
  ])('corrects the assertion for clock skew (%s) from the Date header', async (_label, serverSkew, localSkew) => {
    emulator.setClockSkew(serverSkew);
    const provider = createFcmProvider({ now: () => Date.now() + localSkew * 1000 });
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    const result = await provider.send(request(device.token, {}), context());
    expect(result.outcome).toBe('accepted');
    expect(auths().map((r) => r.status)).toEqual([400, 200]);
    const corrected = auths()[1]!.notes?.['clockSkewCorrectionMs'] as number;
    expect(Math.abs(corrected - (serverSkew - localSkew) * 1000)).toBeLessThan(5000);
  });

  it('drops a skew correction once the clocks agree again', async () => {
    const provider = createFcmProvider();
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    emulator.setClockSkew(7200);
    expect((await provider.send(request(device.token, {}), context())).outcome).toBe('accepted');
    emulator.setClockSkew(0);
    emulator.revokeTokens();
    expect((await provider.send(request(device.token, {}), context())).outcome).toBe('accepted');
    expect(auths().map((r) => r.status)).toEqual([400, 200, 400, 200]);
    expect(Math.abs(Number(auths()[3]!.notes?.['clockSkewCorrectionMs'] ?? 0))).toBeLessThan(5000);
  });

  it('reports token endpoint refusals as rejected with a hint', async () => {
    const provider = createFcmProvider();
    const stranger = { ...account, client_email: 'stranger@demo-project.iam.gserviceaccount.com' };
    const result = await provider.send(request('abc:def', {}), context(stranger, 'stranger'));
    expect(result).toMatchObject({
      outcome: 'rejected',
      status: 400,
      reason: 'invalid_grant',
      details: { stage: 'auth' },
    });
    expect(result.explanation).toContain('Invalid grant: account not found');
    expect(result.hint).toContain('Create a new key');
    expect(sends()).toHaveLength(0);
  });

  it('reports a failing token endpoint as retryable, without sending', async () => {
    const provider = createFcmProvider();
    emulator.faults.add({ match: { path: '/token' }, action: { kind: 'status', status: 503 }, times: 1 });
    const result = await provider.send(request('abc:def', {}), context(account, 'token-fault'));
    expect(result).toMatchObject({ outcome: 'rejected', status: 503, reason: 'server_error', retryable: true });
    expect(sends()).toHaveLength(0);
  });

  it('maps UNREGISTERED to a gone device and INVALID_ARGUMENT to its field violations', async () => {
    const provider = createFcmProvider();
    const gone = await emulator.registerDevice({ projectId: 'demo-project', state: 'unregistered' });
    const unregistered = await provider.send(request(gone.token, {}), context());
    expect(unregistered).toMatchObject({ outcome: 'rejected', status: 404, reason: 'UNREGISTERED', retryable: false });
    expect(unregistered.deviceStateChange?.state).toBe('gone');
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    const invalid = await provider.send(request(device.token, { data: { n: 1 } }), context());
    expect(invalid).toMatchObject({ outcome: 'rejected', status: 400, reason: 'INVALID_ARGUMENT' });
    expect(invalid.explanation).toContain(
      "message.data[0].value: Invalid value at 'message.data[0].value' (TYPE_STRING), 1",
    );
  });

  it('maps injected 503 and 429 faults with Retry-After, and a reset stream to a failed result', async () => {
    const provider = createFcmProvider();
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    emulator.faults.add({
      match: { device: device.token },
      action: { kind: 'status', status: 503, retryAfterSeconds: 4 },
      times: 1,
    });
    const unavailable = await provider.send(request(device.token, {}), context());
    expect(unavailable).toMatchObject({
      outcome: 'rejected',
      reason: 'UNAVAILABLE',
      retryable: true,
      retryAfterSeconds: 4,
    });
    emulator.faults.add({
      match: { device: device.token },
      action: { kind: 'status', status: 429, retryAfterSeconds: 60 },
      times: 1,
    });
    const quota = await provider.send(request(device.token, {}), context());
    expect(quota).toMatchObject({ status: 429, reason: 'QUOTA_EXCEEDED', retryable: true, retryAfterSeconds: 60 });
    emulator.faults.add({ match: { device: device.token }, action: { kind: 'status', status: 500 }, times: 1 });
    expect(await provider.send(request(device.token, {}), context())).toMatchObject({
      reason: 'INTERNAL',
      retryable: true,
    });
    emulator.faults.add({ match: { device: device.token }, action: { kind: 'reset' }, times: 1 });
    const reset = await provider.send(request(device.token, {}), context());
    expect(reset).toMatchObject({ outcome: 'failed', status: null });
    expect(reset.exchangeIds.length).toBeGreaterThan(0);
  });

  it('shares one token request among concurrent sends', async () => {
    const provider = createFcmProvider();
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => provider.send(request(device.token, { data: { i: String(i) } }), context())),
    );
    expect(results.every((result) => result.outcome === 'accepted')).toBe(true);
    expect(auths()).toHaveLength(1);
    expect(emulator.inbox.list(device.token)).toHaveLength(20);
  });

  it('turns a GOAWAY into a failed result with its exchange', async () => {
    const provider = createFcmProvider();
    const device = await emulator.registerDevice({ projectId: 'demo-project' });
    emulator.faults.add({
      match: { device: device.token },
      action: { kind: 'goaway', reason: 'maintenance' },
      times: 1,
    });
    const result = await provider.send(request(device.token, {}), context());
    // Whether a retry is safe is the transport's call (it knows the GOAWAY's last stream id).
    expect(result).toMatchObject({ outcome: 'failed', status: null, reason: 'GOAWAY' });
    expect(result.explanation).toContain('maintenance');
    expect(result.exchangeIds).toHaveLength(2);
    expect(emulator.inbox.size).toBe(0);
    expect((await provider.send(request(device.token, {}), context())).outcome).toBe('accepted');
  });

  it('dry run validates without delivering; topics and conditions deliver to subscribers', async () => {
    const provider = createFcmProvider();
    const device = await emulator.registerDevice({ projectId: 'demo-project', topics: ['alerts'] });
    const dry = await provider.send(
      request(device.token, { notification: { title: 'x' } }, { validateOnly: true }),
      context(),
    );
    expect(dry.messageIds['name']).toBe('projects/demo-project/messages/fake_message_id');
    expect(dry.explanation).toContain('Dry run');
    expect(emulator.inbox.size).toBe(0);
    expect((await provider.send(request('/topics/alerts', { data: { a: 'b' } }), context())).outcome).toBe('accepted');
    expect((await provider.send(request("'alerts' in topics", { data: { a: 'c' } }), context())).outcome).toBe(
      'accepted',
    );
    expect(emulator.inbox.list(device.token)).toHaveLength(2);
    expect(emulator.inbox.list('/topics/alerts')).toHaveLength(1);
  });

  it('testCredential obtains a token, and says why when it cannot', async () => {
    const provider = createFcmProvider();
    const summary = await provider.testCredential(context().credential, context());
    expect(summary).toMatch(
      /^The local FCM emulator issued an access token for firebase-adminsdk-.+@demo-project\.iam\.gserviceaccount\.com \(project demo-project\), valid for 60 min\.$/,
    );
    const stranger = { ...account, client_email: 'nobody@demo-project.iam.gserviceaccount.com' };
    await expect(provider.testCredential(context(stranger).credential, context(stranger))).rejects.toThrow(
      'The token endpoint refused the service account: invalid_grant (Invalid grant: account not found)',
    );
  });
});
