import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedCredential } from '../../main/core/credentials/types';
import type { LocalEnvironment } from '../../main/core/local/local-env';
import { createWnsProvider } from '../../main/core/providers/wns';
import { createTransport } from '../../main/core/transport';
import type { Transport } from '../../main/core/transport/types';
import { LocalCa } from '../../main/emulators/common/ca';
import { startWnsEmulator, type RunningWnsEmulator } from '../../main/emulators/wns';
import { wnsLocalEnv } from '../support/wns-local-env';

/**
 * Which status header WNS answers with (issue 24). Microsoft's current push-request-response-headers
 * page names only X-WNS-Status, and responses captured from WNS (gregberge/push-notify#10) carry
 * it; X-WNS-NotificationStatus is the older name, sent only with the legacyStatusHeader check.
 * Every answer honours the switch, DELETE too; this app's client reads either name.
 */
const SID = 'ms-app://s-1-15-2-1111111111-2222222222-3333333333';
const SECRET = 'wns-status-header-secret';
const credential = {
  meta: { id: 'wns', kind: 'wns', label: 'wns', createdAt: new Date().toISOString(), metadata: {}, warnings: [] },
  secret: { kind: 'wns', flavor: 'package-sid', packageSid: SID, clientSecret: SECRET },
} as unknown as ResolvedCredential;
const toast = '<toast><visual><binding template="ToastGeneric"><text>Hi</text></binding></visual></toast>';

let ca: LocalCa;
let emulator: RunningWnsEmulator;
let transport: Transport;
let local: LocalEnvironment;

/** A bare node:https request with a token from the emulator's token endpoint (not this app's client). */
async function rawDelete(channelUri: string): Promise<Record<string, string | string[] | undefined>> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: SID,
    client_secret: SECRET,
    scope: 'notify.windows.com',
  });
  const tokenAnswer = await call(
    emulator.tokenUrl,
    'POST',
    { 'content-type': 'application/x-www-form-urlencoded' },
    form.toString(),
  );
  const { access_token: token } = JSON.parse(tokenAnswer.body) as { access_token: string };
  const answer = await call(channelUri, 'DELETE', {
    authorization: `Bearer ${token}`,
    'x-wns-match': 'type:wns/toast;all',
  });
  expect(answer.status).toBe(200);
  return answer.headers;
}

function call(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const r = https.request(url, { method, headers, ca: ca.certPem }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      });
      r.on('error', reject);
      r.end(body);
    },
  );
}

beforeAll(async () => {
  ca = LocalCa.create();
  emulator = await startWnsEmulator({ ca });
  emulator.registerApp({ clientId: SID, clientSecret: SECRET });
  transport = createTransport();
  local = wnsLocalEnv(emulator, ca.certPem);
});
afterAll(async () => {
  await transport.close();
  await emulator.close();
});

describe('WNS status header', () => {
  it('answers DELETE with X-WNS-Status by default and only X-WNS-NotificationStatus when switched', async () => {
    const channel = emulator.createChannel({ owner: SID });
    const current = await rawDelete(channel.channelUri);
    expect(current['x-wns-status']).toBe('received');
    expect(current['x-wns-notificationstatus']).toBeUndefined();
    emulator.setCheck('legacyStatusHeader', true);
    try {
      const legacy = await rawDelete(channel.channelUri);
      expect(legacy['x-wns-notificationstatus']).toBe('received');
      expect(legacy['x-wns-status']).toBeUndefined();
    } finally {
      emulator.setCheck('legacyStatusHeader', false);
    }
  });

  it("this app's client reads the status under either name", async () => {
    const provider = createWnsProvider();
    const channel = emulator.createChannel({ owner: SID });
    const request = {
      provider: 'wns' as const,
      credential: 'wns',
      environment: 'local' as const,
      target: channel.channelUri,
      options: { type: 'toast' as const },
      payload: toast,
    };
    for (const legacy of [false, true]) {
      emulator.setCheck('legacyStatusHeader', legacy);
      const result = await provider.send(request, { transport, credential, local });
      expect(result.outcome).toBe('accepted');
      expect(result.details).toMatchObject({ notificationStatus: 'received' });
    }
    emulator.setCheck('legacyStatusHeader', false);
  });

  it('a channel URI on a WNS host that is not https is INVALID_CHANNEL_URI before anything is sent', async () => {
    const provider = createWnsProvider();
    const result = await provider.send(
      {
        provider: 'wns',
        credential: 'wns',
        environment: 'production',
        target: 'http://wns2-by3p.notify.windows.com/?token=AwYAAAB',
        options: { type: 'toast' },
        payload: toast,
      },
      { transport, credential, local: null },
    );
    expect(result).toMatchObject({ outcome: 'rejected', status: null, reason: 'INVALID_CHANNEL_URI', exchangeIds: [] });
    expect(result.explanation).toBe(
      'The channel URI is http://wns2-by3p.notify.windows.com/…; WNS channel URIs are always https://, so this one is invalid (INVALID_CHANNEL_URI).',
    );
  });
});
