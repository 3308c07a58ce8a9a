import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { publishLocalEnvironment } from '../../main/core/local/local-env';
import { LocalCa } from '../../main/emulators/common/ca';
import { startWnsEmulator, type RunningWnsEmulator } from '../../main/emulators/wns';
import type { SendResult } from '../../shared/domain/send-result';
import { firstCause } from '../support/doctor';
import { createTestCore } from '../support/core-harness';
import { wnsLocalEnv } from '../support/wns-local-env';

/** Each WNS failure the doctor explains, from the emulator's answer: the first cause and what it quotes. */
const SID = 'ms-app://s-1-15-2-1111111111-2222222222-3333333333';
const ENTRA = {
  tenantId: 'contoso.onmicrosoft.com',
  clientId: '5b8e1c2a-0000-4000-8000-000000000001',
  clientSecret: 'entra-secret',
};
const ca = LocalCa.create('WNS doctor test CA');
let dir: string;
let emulator: RunningWnsEmulator;
let core: Core;
let sidCredential: string;
let entraCredential: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-wns-'));
  emulator = await startWnsEmulator({ ca });
  emulator.registerApp({ clientId: SID, clientSecret: 'sid-secret' });
  emulator.registerApp(ENTRA);
  core = await createTestCore(dir);
  await publishLocalEnvironment(core.dataDir, wnsLocalEnv(emulator, ca.certPem));
  sidCredential = (await core.credentials.import({ kind: 'wns', packageSid: SID, clientSecret: 'sid-secret' })).id;
  entraCredential = (await core.credentials.import({ kind: 'wns', ...ENTRA })).id;
});
afterAll(async () => {
  await core.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

async function send(target: string, credential = sidCredential): Promise<SendResult> {
  const { result } = await core.sender.send({
    provider: 'wns',
    credential,
    environment: 'local',
    target,
    options: { type: 'toast' },
    payload: '<toast><visual><binding template="ToastGeneric"><text>doctor</text></binding></visual></toast>',
  });
  return result;
}

describe('WNS failures, diagnosed from their own exchange', () => {
  it('403 with no X-WNS headers for an Entra app: not mapped to the package, quoting the headers and the token endpoint', async () => {
    emulator.setCheck('bareEntraForbidden', true);
    try {
      const channel = emulator.createChannel({ owner: SID });
      const result = await send(channel.channelUri, entraCredential);
      expect(result.status).toBe(403);
      const cause = firstCause(result);
      expect(cause.id).toBe('wns.forbidden.entra-not-mapped');
      const quoted = cause.evidence.find((e) => e.name === 'X-WNS-*');
      expect(quoted?.quote).toMatch(/^none \(headers: .*Content-Length/i);
      expect(cause.evidence).toContainEqual(
        expect.objectContaining({
          source: 'auth exchange',
          name: 'token endpoint',
          quote: expect.stringContaining('/contoso.onmicrosoft.com/oauth2/v2.0/token'),
        }),
      );
    } finally {
      emulator.setCheck('bareEntraForbidden', false);
    }
  });

  it('403 with X-WNS headers: the channel is another app’s, quoting X-WNS-Error-Description', async () => {
    const channel = emulator.createChannel({ owner: 'ms-app://s-1-15-2-9999999999-9999999999-9999999999' });
    const result = await send(channel.channelUri);
    const cause = firstCause(result);
    expect(cause.id).toBe('wns.forbidden.other-app');
    expect(cause.evidence).toContainEqual({
      source: 'response header',
      name: 'X-WNS-Error-Description',
      quote: 'The credentials are not authorized to send to this channel.',
    });
  });

  it('410: gone and safe to delete; 404: not known, not "expired"', async () => {
    const gone = emulator.createChannel({ owner: SID });
    emulator.setChannel(gone.id, { state: 'gone' });
    const goneCause = firstCause(await send(gone.channelUri));
    expect(goneCause.id).toBe('wns.gone');
    expect(goneCause.evidence).toContainEqual({ source: 'response header', name: ':status', quote: '410' });
    expect(goneCause.title).toMatch(/safe to delete/);

    const unknown = emulator.createChannel({ owner: SID });
    emulator.setChannel(unknown.id, { state: 'expired' });
    const notFound = firstCause(await send(unknown.channelUri));
    expect(notFound.id).toBe('wns.not-found');
    // The channel's token is redacted when recorded: the quote is the URL as recorded.
    const url = new URL(unknown.channelUri);
    expect(notFound.evidence).toContainEqual({
      source: 'request',
      name: 'url',
      quote: `${url.origin}${url.pathname}?token=%5Bredacted%5D`,
    });
    expect(notFound.fix).toMatch(/Unlike 410/);
  });

  it('406: throttled, quoting Retry-After', async () => {
    const channel = emulator.createChannel({ owner: SID });
    const rule = emulator.faults.add({
      match: { device: channel.id },
      action: { kind: 'status', status: 406, reason: 'Throttled.', retryAfterSeconds: 30 },
      times: 1,
    });
    const result = await send(channel.channelUri);
    emulator.faults.remove(rule.id);
    const cause = firstCause(result);
    expect(cause.id).toBe('wns.throttled');
    expect(cause.evidence).toContainEqual({ source: 'response header', name: 'Retry-After', quote: '30' });
  });

  it('401 after the one fresh token: the token, quoting the scope that was asked for', async () => {
    const channel = emulator.createChannel({ owner: SID });
    emulator.faults.add({ match: { device: channel.id }, action: { kind: 'status', status: 401 }, times: 2 });
    const result = await send(channel.channelUri);
    expect(result.status).toBe(401);
    const causes = result.diagnosis!.causes;
    expect(causes[0]!.id).toBe('wns.unauthorized.token');
    expect(causes[0]!.evidence).toContainEqual({ source: 'response header', name: ':status', quote: '401' });
    const scope = causes.find((c) => c.id === 'wns.unauthorized.scope')!;
    expect(scope.likelihood).toBe('possible');
    expect(scope.evidence).toContainEqual({ source: 'auth exchange', name: 'scope', quote: 'notify.windows.com' });
  });

  it('401 with an Entra token minted for Microsoft Graph: the token scope, quoting its aud and the scope asked for', async () => {
    // An app of its own: the shared Entra credential's cached WNS token would be sent first.
    const app = {
      tenantId: ENTRA.tenantId,
      clientId: '5b8e1c2a-0000-4000-8000-000000000002',
      clientSecret: 'graph-secret',
    };
    emulator.registerApp(app);
    const credential = (await core.credentials.import({ kind: 'wns', ...app })).id;
    const channel = emulator.createChannel({ owner: app.clientId });
    emulator.setCheck('otherAudienceToken', true);
    let result: SendResult;
    try {
      result = await send(channel.channelUri, credential);
    } finally {
      emulator.setCheck('otherAudienceToken', false);
    }
    // The one fresh token was for Graph too: still 401.
    expect(result.status).toBe(401);
    const cause = firstCause(result);
    expect(cause.id).toBe('wns.unauthorized.scope');
    expect(cause.likelihood).toBe('likely');
    expect(cause.evidence).toContainEqual({ source: 'jwt claim', name: 'aud', quote: 'https://graph.microsoft.com' });
    expect(cause.evidence).toContainEqual({
      source: 'auth exchange',
      name: 'scope',
      quote: 'https://wns.windows.com/.default',
    });
    expect(cause.fix).toMatch(/token endpoint answered for another resource/);
    // The claims were read from the exchange as recorded, where the token has no signature.
    await core.history.written();
    const recorded = await core.history.getExchange(result.exchangeIds.at(-1)!);
    const authorization = recorded!.requestHeaders.find(([name]) => name.toLowerCase() === 'authorization')![1];
    expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.\[redacted\]$/);

    // A token minted with the check off is for WNS: the same credential is refused once, then sends.
    const after = await send(channel.channelUri, credential);
    expect(after.status).toBe(200);
  });
});
