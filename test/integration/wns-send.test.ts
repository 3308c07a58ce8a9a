import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Exchange } from '../../shared/domain/exchange';
import type { WnsSendRequest } from '../../shared/providers/wns/message';
import type { ResolvedCredential } from '../../main/core/credentials/types';
import type { WnsSecret } from '../../main/core/credentials/wns';
import type { LocalEnvironment } from '../../main/core/local/local-env';
import { createWnsProvider } from '../../main/core/providers/wns';
import { createTransport } from '../../main/core/transport';
import type { Transport } from '../../main/core/transport/types';
import { LocalCa } from '../../main/emulators/common/ca';
import { startWnsEmulator, type IssuedChannel, type RunningWnsEmulator } from '../../main/emulators/wns';
import { wnsLocalEnv } from '../support/wns-local-env';

const SID = 'ms-app://s-1-15-2-1234567890-1234567890-1234567890';
const SECRET = 'wns-send-test-client-secret';

function wnsCredential(id: string, secret: WnsSecret): ResolvedCredential {
  const meta = { id, kind: 'wns' as const, label: id, createdAt: new Date().toISOString(), metadata: {}, warnings: [] };
  return { meta, secret } as ResolvedCredential;
}
const live = wnsCredential('wns-live', { kind: 'wns', flavor: 'package-sid', packageSid: SID, clientSecret: SECRET });
const entra = wnsCredential('wns-entra', {
  kind: 'wns',
  flavor: 'entra',
  tenantId: 'contoso',
  clientId: '6f1c0a3e-app',
  clientSecret: 'entra-secret',
});
const toast = '<toast><visual><binding template="ToastGeneric"><text>Hello</text></binding></visual></toast>';

describe('WNS provider ↔ local WNS, through the real transport', () => {
  const ca = LocalCa.create('WNS send test CA');
  let emulator: RunningWnsEmulator;
  let transport: Transport;
  let local: LocalEnvironment;
  const exchanges: Exchange[] = [];
  let provider = createWnsProvider();
  let channel: IssuedChannel;

  beforeAll(async () => {
    emulator = await startWnsEmulator({ ca });
    emulator.registerApp({ clientId: SID, clientSecret: SECRET });
    emulator.registerApp({ clientId: '6f1c0a3e-app', clientSecret: 'entra-secret', tenantId: 'contoso' });
    transport = createTransport({ onExchange: (exchange) => exchanges.push(exchange) });
    local = wnsLocalEnv(emulator, ca.certPem);
  });
  afterAll(async () => {
    await transport.close();
    await emulator.close();
  });
  beforeEach(() => {
    exchanges.length = 0;
    emulator.inbox.clear();
    emulator.faults.clear();
    provider = createWnsProvider();
    channel = emulator.createChannel({ owner: SID });
  });

  function request(overrides: Partial<WnsSendRequest> = {}): WnsSendRequest {
    return {
      provider: 'wns',
      credential: 'wns-live',
      environment: 'local',
      target: channel.channelUri,
      options: { type: 'toast' },
      payload: toast,
      ...overrides,
    };
  }
  const send = (req: WnsSendRequest = request(), cred: ResolvedCredential = live) =>
    provider.send(req, { transport, credential: cred, local });
  const byId = (id: string | undefined) => exchanges.find((exchange) => exchange.id === id)!;

  it('gets a token, POSTs over HTTP/1.1, and decodes the X-WNS answer headers as named fields', async () => {
    const result = await send();
    expect(result).toMatchObject({
      outcome: 'accepted',
      status: 200,
      provider: 'wns',
      reason: 'received',
      retryable: false,
    });
    expect(result.messageIds['X-WNS-Msg-ID']).toMatch(/^[0-9A-F]{16}$/);
    expect(result.details).toMatchObject({ notificationStatus: 'received', type: 'toast', tokenReused: false });
    expect(result.details?.['debugTrace']).toBeTruthy();
    expect(result.details?.['msgId']).toBe(result.messageIds['X-WNS-Msg-ID']);
    expect(result.exchangeIds).toHaveLength(2);
    const [auth, post] = result.exchangeIds.map(byId);
    expect(auth).toMatchObject({ purpose: 'auth', provider: 'wns', method: 'POST', url: emulator.tokenUrl });
    expect(post).toMatchObject({ purpose: 'send', provider: 'wns', method: 'POST', httpVersion: '1.1', status: 200 });
    expect(emulator.inbox.list(channel.id).map((d) => d.payload)).toEqual([toast]);
    // Neither the client secret nor the access token is in any recorded exchange.
    const recorded = JSON.stringify(exchanges);
    expect(recorded).not.toContain(SECRET);
    const sentAuth = post?.requestHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? '';
    expect(sentAuth).not.toMatch(/EgAaAQMAAAAEgAAA/);
  });

  it('sends every optional X-WNS header and the raw content type', async () => {
    const result = await send(
      request({
        options: {
          type: 'raw',
          cachePolicy: 'cache',
          requestForStatus: true,
          tag: 'status1',
          group: 'ops',
          ttl: 600,
          suppressPopup: false,
          priority: 3,
        },
        payload: '{"action":"sync"}',
      }),
    );
    expect(result.outcome).toBe('accepted');
    expect(result.details?.['deviceConnectionStatus']).toBe('connected');
    const [delivery] = emulator.inbox.list(channel.id);
    expect(delivery?.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'x-wns-type': 'wns/raw',
      'x-wns-cache-policy': 'cache',
      'x-wns-requestforstatus': 'true',
      'x-wns-tag': 'status1',
      'x-wns-group': 'ops',
      'x-wns-ttl': '600',
      'x-wns-suppresspopup': 'false',
      'x-wns-priority': '3',
    });
    expect(delivery?.headers['ms-cv']).toMatch(/^.{16}\.0$/);
  });

  it('sends X-WNS-Match as a DELETE without a body', async () => {
    const result = await send(request({ options: { type: 'toast', match: 'type:wns/toast;tag=abc' }, payload: '' }));
    expect(result.outcome).toBe('accepted');
    expect(byId(result.exchangeIds[1])).toMatchObject({ method: 'DELETE' });
    expect(emulator.inbox.list(channel.id)[0]?.details).toMatchObject({ deleted: 'type:wns/toast;tag=abc' });
  });

  it('reuses the cached token for later sends', async () => {
    const before = emulator.tokensIssued();
    await send();
    const second = await send();
    expect(second.details?.['tokenReused']).toBe(true);
    expect(second.exchangeIds).toHaveLength(1);
    expect(emulator.tokensIssued() - before).toBe(1);
    expect(provider.tokens.requests).toBe(1);
  });

  it('shares one token request between concurrent sends', async () => {
    const before = emulator.tokensIssued();
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(emulator.tokensIssued() - before).toBe(1);
  });

  it('on 401 "Token expired" gets a new token and resends once', async () => {
    await send();
    emulator.expireTokens();
    const before = emulator.tokensIssued();
    const result = await send();
    expect(result.outcome).toBe('accepted');
    expect(String(result.details?.['tokenRefreshedAfter'])).toContain('Token expired');
    expect(result.exchangeIds.map((id) => byId(id).status)).toEqual([401, 200, 200]);
    expect(emulator.tokensIssued() - before).toBe(1);
  });

  it('refreshes at most once: a second 401 is the result', async () => {
    emulator.faults.add({
      match: { device: channel.id },
      action: { kind: 'status', status: 401, reason: 'Invalid token' },
    });
    const result = await send();
    expect(result).toMatchObject({ outcome: 'rejected', status: 401, reason: 'UNAUTHORIZED', retryable: false });
    expect(result.exchangeIds.map((id) => byId(id).purpose)).toEqual(['auth', 'send', 'auth', 'send']);
    expect(provider.tokens.requests).toBe(2);
  });

  it('maps 400 from a header WNS refuses, with X-WNS-Error-Description in the explanation', async () => {
    const result = await send(request({ options: { type: 'toast', tag: 'way-too-long-tag-value' } }));
    expect(result).toMatchObject({ outcome: 'rejected', status: 400, reason: 'BAD_REQUEST' });
    expect(result.explanation).toContain('X-WNS-Tag');
    expect(result.details?.['errorDescription']).toContain('X-WNS-Tag');
  });

  it('maps 403 when the channel belongs to another app', async () => {
    const foreign = emulator.createChannel({ owner: '6f1c0a3e-app' });
    const result = await send(request({ target: foreign.channelUri }));
    expect(result).toMatchObject({ outcome: 'rejected', status: 403, reason: 'FORBIDDEN', deviceStateChange: null });
    expect(result.hint).toContain('Package SID');
  });

  it('maps 404 to CHANNEL_EXPIRED and 410 to CHANNEL_GONE, both marking the device gone', async () => {
    emulator.setChannel(channel.id, { state: 'expired' });
    const expired = await send();
    expect(expired).toMatchObject({ status: 404, reason: 'CHANNEL_EXPIRED', deviceStateChange: { state: 'gone' } });
    emulator.setChannel(channel.id, { state: 'gone' });
    const gone = await send();
    expect(gone).toMatchObject({
      status: 410,
      reason: 'CHANNEL_GONE',
      deviceStateChange: { state: 'gone', reason: 'CHANNEL_GONE' },
    });
  });

  it('maps 413 for a payload over 5000 bytes', async () => {
    const result = await send(request({ options: { type: 'raw' }, payload: 'x'.repeat(5001) }));
    expect(result).toMatchObject({ outcome: 'rejected', status: 413, reason: 'PAYLOAD_TOO_LARGE' });
  });

  it.each([
    [405, 'METHOD_NOT_ALLOWED', false, undefined],
    [406, 'THROTTLED', true, 120],
    [500, 'INTERNAL_SERVER_ERROR', true, undefined],
    [503, 'SERVICE_UNAVAILABLE', true, 30],
  ])('maps an injected %i to %s (retryable %s, Retry-After %s)', async (status, reason, retryable, retryAfter) => {
    emulator.faults.add({
      match: { device: channel.id },
      action: { kind: 'status', status, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}) },
      times: 1,
    });
    const result = await send();
    expect(result).toMatchObject({ outcome: 'rejected', status, reason, retryable });
    expect(result.retryAfterSeconds).toBe(retryAfter ?? null);
    expect(result.hint).toBeTruthy();
  });

  it('tells "Domain Blocked" 410 apart from a gone channel', async () => {
    emulator.faults.add({ action: { kind: 'status', status: 410, reason: 'Domain Blocked' }, times: 1 });
    const result = await send();
    expect(result).toMatchObject({ status: 410, reason: 'DOMAIN_BLOCKED', deviceStateChange: null });
  });

  it('turns a reset connection into a failed result with its exchange id', async () => {
    await send();
    emulator.faults.add({ match: { device: channel.id }, action: { kind: 'reset' }, times: 1 });
    const result = await send();
    expect(result).toMatchObject({ outcome: 'failed', status: null });
    expect(result.exchangeIds).toHaveLength(1);
    expect(byId(result.exchangeIds[0])?.error).toBeTruthy();
  });

  it('returns the token endpoint refusal as a rejected result', async () => {
    const wrong = wnsCredential('wns-wrong', {
      kind: 'wns',
      flavor: 'package-sid',
      packageSid: SID,
      clientSecret: 'wrong',
    });
    const result = await send(request(), wrong);
    expect(result).toMatchObject({
      outcome: 'rejected',
      status: 400,
      reason: 'invalid_client',
      details: { stage: 'token' },
    });
    expect(result.exchangeIds).toHaveLength(1);
    expect(JSON.stringify(exchanges)).not.toContain('wrong&');
  });

  it('sends with an Entra app through the tenant token path', async () => {
    const entraChannel = emulator.createChannel({ owner: '6f1c0a3e-app' });
    const result = await send(request({ target: entraChannel.channelUri }), entra);
    expect(result.outcome).toBe('accepted');
    expect(byId(result.exchangeIds[0])?.url).toBe(`${emulator.baseUrl}/contoso/oauth2/v2.0/token`);
  });

  it('testCredential obtains a token, and says so; a wrong secret is a human error', async () => {
    await expect(provider.testCredential(live, { transport, credential: live, local })).resolves.toMatch(
      /The local WNS emulator issued a WNS access token, valid for 1,440 minutes/,
    );
    const wrong = wnsCredential('wns-wrong', {
      kind: 'wns',
      flavor: 'package-sid',
      packageSid: SID,
      clientSecret: 'nope',
    });
    await expect(provider.testCredential(wrong, { transport, credential: wrong, local })).rejects.toThrow(
      /refused the credential \(400 invalid_client\)/,
    );
  });

  it('refuses, in local, a channel URI that is not the emulator', async () => {
    await expect(send(request({ target: 'https://wns2-by3p.notify.windows.com/?token=abc' }))).rejects.toThrow(
      /must come from the WNS emulator/,
    );
  });
});
